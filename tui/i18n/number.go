package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/gecli/gecli/api"
)

var (
	ptPrinter = message.NewPrinter(language.BrazilianPortuguese)
	enPrinter = message.NewPrinter(language.English)
)

// Number writes n with the language's digit grouping: 100.000 in pt-BR,
// 100,000 in English.
func (t *Text) Number(n int) string {
	if t.Lang == api.En {
		return enPrinter.Sprintf("%d", n)
	}
	return ptPrinter.Sprintf("%d", n)
}

// Plural writes n into forms, "%s pessoa|%s pessoas": the first for one,
// the second for any other number (zero included, in both languages), n
// with the language's grouping.
func (t *Text) Plural(n int, forms string) string {
	one, many, _ := strings.Cut(forms, "|")
	if n == 1 || many == "" {
		return fmt.Sprintf(one, t.Number(n))
	}
	return fmt.Sprintf(many, t.Number(n))
}
