package tui

import (
	"strings"
	"testing"

	"github.com/gecli/gecli/tui/internal/drive"
)

// TestFromARequestToItsCredentialAndBack: on Solicitações, C on a request
// with a credential (🔒) brings Credenciais on screen with that request's
// credential selected; esc comes back to Solicitações.
func TestFromARequestToItsCredentialAndBack(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 120, 30)
	d.WaitForText("Ana Souza")
	d.Key("2")
	d.WaitFor("synced requests on screen", func(v string) bool { return strings.Contains(v, "300 solicitações") && strings.Contains(v, "○") })
	moved := 0
	for ; moved < 20 && !strings.Contains(d.View(), "C ver credencial"); moved++ {
		d.Key("j") // down to a request with a credential (🔒): C is offered
	}
	// The selected row is the moved-th under the header: its API names
	// the credential to expect.
	lines := strings.Split(d.View(), "\n")
	var apiName string
	for i, l := range lines {
		// The API column starts where its title does (after Nº).
		if at := strings.Index(l, "API "); at >= 0 && strings.HasPrefix(strings.TrimSpace(l), "Nº") && i+1+moved < len(lines) {
			row := []rune(lines[i+1+moved])
			col := len([]rune(l[:at]))
			apiName = strings.TrimSpace(strings.SplitN(strings.TrimSpace(string(row[col:])), "  ", 2)[0])
			break
		}
	}
	if apiName == "" {
		t.Fatalf("no row %d:\n%s", moved, d.View())
	}
	d.Key("C")
	d.WaitFor("Credenciais with the request's credential", func(v string) bool {
		return strings.Contains(v, "Client ID") && strings.Contains(v, "│ 🔒 "+apiName)
	})
	d.Key("esc")
	d.WaitFor("back on Solicitações", func(v string) bool {
		return strings.Contains(v, "300 solicitações") && !strings.Contains(v, "Client ID")
	})
}
