package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/internal/drive"
)

func quit(d *drive.Driver) bool {
	for _, m := range d.Seen {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// TestKeysTypedIntoABoxStayInIt: while a page's box is open, q, ?, tab
// and the page digits are text, whichever page opened it; esc closes the
// box and q quits again.
func TestKeysTypedIntoABoxStayInIt(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "avaliador")
	d := drive.New(t, newModel(t, b.URL, s), 120, 40)
	d.WaitForText("Bruno Lima")
	d.Key("3")
	d.WaitForText("Fila:")
	d.WaitFor("a request in the queue", func(v string) bool { return strings.Contains(v, "Solicitação SOL-") })
	d.Key("r")
	d.WaitForText("Reprovar SOL-")
	d.Type("q? tab 1 2")
	d.Key("tab")
	d.WaitForText("q? tab 1 2")
	m := d.Model().(*Model)
	if quit(d) || m.page != 2 {
		t.Fatalf("a key typed into the justification left it (quit %v, page %d)", quit(d), m.page)
	}
	if !strings.Contains(d.View(), "enter confirmar") {
		t.Errorf("the footer must show the box's keys:\n%s", d.View())
	}
	d.Key("esc")
	d.WaitFor("the box closed", func(v string) bool { return !strings.Contains(v, "Reprovar SOL-") })
	d.Key("q")
	d.WaitFor("quit", func(string) bool { return quit(d) })
}
