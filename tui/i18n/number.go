package i18n

import (
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
