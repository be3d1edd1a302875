package credentials

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/route"
)

// TestRevealInsideTmuxSaysTmuxKeepsTheCopy: inside tmux the reveal says,
// before s is pressed, that tmux may keep a copy in its buffers (which
// gecli cannot clear); outside it says nothing of the kind.
func TestRevealInsideTmuxSaysTmuxKeepsTheCopy(t *testing.T) {
	for _, tmux := range []bool{false, true} {
		d, p := cachedPage(t, 80, 24)
		p.com.Clip.Tmux = tmux
		d.Send(route.Envelope{To: p.mb.ID(), Msg: generatedMsg{requestID: "SOL-2026-000601", res: api.SecretResponse{ClientID: "hmg-datajud-3f9a1c0b7e2d",
			ClientSecret: "gecli_cs_" + strings.Repeat("X", 43) + "ABCDEF"}}})
		d.WaitForText("Novo secret · copie agora")
		v := strings.Join(strings.Fields(d.View()), " ")
		if says := strings.Contains(v, "tmux delete-buffer"); says != tmux {
			t.Fatalf("inside tmux %v, the note shown %v:\n%s", tmux, says, d.View())
		}
		if tmux {
			golden.RequireEqual(t, d.View())
		}
	}
}
