package i18n

import (
	"testing"

	"github.com/gecli/gecli/api"
)

// TestEveryCodeHasBothTexts: every problem code of the wire contract
// (api.Codes, which TestCodesListsEveryCode keeps complete) has a sentence
// in pt-BR and another in English.
func TestEveryCodeHasBothTexts(t *testing.T) {
	pt, en := For(api.PtBR), For(api.En)
	for _, c := range api.Codes {
		p, okP := pt.CodeText(c)
		e, okE := en.CodeText(c)
		switch {
		case !okP || p == "":
			t.Errorf("%s: no pt-BR text", c)
		case !okE || e == "":
			t.Errorf("%s: no English text", c)
		case p == e:
			t.Errorf("%s: the same text in both languages: %q", c, p)
		}
	}
}
