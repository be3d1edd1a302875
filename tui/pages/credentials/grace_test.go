package credentials

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
)

// TestEveryGraceChoiceShowsAt80Columns: regenerating asks how long the
// current secret keeps working; at 80 columns (a pane of 50 beside the
// list) the choices go under their
// label instead of running off the line ("nenhuma, invalida já  1…").
func TestEveryGraceChoiceShowsAt80Columns(t *testing.T) {
	_, p := cachedPage(t, 80, 24)
	g := &generateBox{box: newBox(p.com, "generate", p.mb.ID(), 80), keys: p.boxes,
		cred: api.Credential{APIName: "Diário de Justiça Eletrônico Nacional – Consulta", Environment: api.EnvHMG, State: api.CredentialActive}}
	for _, l := range strings.Split(ansi.Strip(g.View(50, 24)), "\n") {
		if ansi.StringWidth(l) > 50 {
			t.Errorf("a line runs past the 50 columns of the pane beside the list at 80: %q", l)
		}
	}
	if v := ansi.Strip(g.View(50, 24)); !strings.Contains(v, "24 horas") || !strings.Contains(v, "nenhuma, invalida já") {
		t.Errorf("a grace choice is missing:\n%s", v)
	}
}
