package i18n

import (
	"testing"

	"github.com/gecli/gecli/api"
)

func TestNumberGroupsDigitsByLanguage(t *testing.T) {
	for _, c := range []struct {
		lang api.Lang
		n    int
		want string
	}{{api.PtBR, 1_000_000, "1.000.000"}, {api.En, 1_000_000, "1,000,000"}, {api.PtBR, 300, "300"}, {api.PtBR, 0, "0"}} {
		if got := For(c.lang).Number(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
