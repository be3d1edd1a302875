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
	d, _ := atTheQueue(t, b, b.URL)
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

// TestABoxOfAPageOffScreenWaits: a page's box left open while another
// page is shown (a sign-out moved to the catalog, or an answer opened it
// late) takes no key: they go to the page on screen, and the box is
// still there on its own page.
func TestABoxOfAPageOffScreenWaits(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 120, 40)
	d.WaitForText("Ana Souza")
	d.Key("4")
	d.WaitFor("a credential to generate", func(v string) bool { return strings.Contains(v, "ainda não gerado") })
	m := d.Model().(*Model)
	d.Key("n")
	d.WaitForText("Gerar o secret")
	m.page = 0 // as a sign-out does
	d.Key("/")
	d.Type("tpu")
	d.WaitForText("1 de 18 APIs")
	if strings.Contains(d.View(), "enter confirmar") {
		t.Fatalf("the footer shows the keys of a box that is not on screen:\n%s", d.View())
	}
	d.Key("enter")
	d.Key("enter") // on the catalog: open Documentação, not generate a secret
	d.WaitForText("Endpoints")
	if m.stack.Len() != 1 {
		t.Fatalf("the hidden box was answered or closed: %d open", m.stack.Len())
	}
	d.Key("esc")
	d.Key("esc")
	d.Key("4")
	d.WaitForText("Gerar o secret") // back on its page, the question is still asked
}
