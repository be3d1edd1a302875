package vault

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/internal/drive"
)

// press is the key as the terminal sends it (home and end too).
func press(k string) tea.KeyPressMsg {
	switch k {
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	return drive.KeyPress(k)
}

// TestMovesAtTheEdges: the 62 systems are walked with the keys every
// page moves with, which stop at the ends.
func TestMovesAtTheEdges(t *testing.T) {
	d, p, _ := live(t, 80, 20)
	n := len(p.visible())
	if n != 62 {
		t.Fatalf("%d systems", n)
	}
	at := func(k string, want int) {
		t.Helper()
		d.Send(press(k))
		if p.selected != want {
			t.Fatalf("after %s: row %d selected, want %d", k, p.selected, want)
		}
		if name := p.visible()[want].Name; !strings.Contains(d.View(), name) {
			t.Fatalf("after %s, %s is not on screen:\n%s", k, name, d.View())
		}
	}
	page := p.page()
	at("k", 0)
	at("pgup", 0)
	at("pgdown", page)
	at("pgup", 0)
	at("G", n-1)
	at("j", n-1)
	at("pgdown", n-1)
	at("g", 0)
	at("end", n-1)
	at("home", 0)
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if p.selected != 3 {
		t.Fatalf("a wheel turn down: row %d", p.selected)
	}
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if p.selected != 0 {
		t.Fatalf("the wheel went past the top: row %d", p.selected)
	}
	for _, k := range []string{"pgup", "pgdn", "g", "G"} {
		found := false
		for _, g := range p.FullHelp() {
			for _, b := range g {
				found = found || b.Help().Key == k
			}
		}
		if !found {
			t.Errorf("%s is not in the help", k)
		}
	}
}

// TestBarAt80KeepsEveryFilterWhileSearching: at 80 columns the bar drops
// its labels before a value, so the institution, the customer_key filter
// and the typed search all show on one line.
func TestBarAt80KeepsEveryFilterWhileSearching(t *testing.T) {
	d, _, _ := live(t, 80, 20)
	d.Send(press("/"))
	d.Type("TJBA 2º")
	bar := strings.Split(d.View(), "\n")[0]
	for _, want := range []string{"Tribunal de Justiça", "c todas", "/ TJBA 2º"} {
		if !strings.Contains(bar, want) {
			t.Fatalf("the bar lost %q:\n%s", want, bar)
		}
	}
	if w := len([]rune(strings.TrimRight(bar, " "))); w > 80 {
		t.Fatalf("the bar is %d columns wide:\n%s", w, bar)
	}
	d.Send(press("enter"))
	d.Send(press("c"))
	if v := d.View(); !strings.Contains(v, "00000001") {
		t.Fatalf("the customer_key prompt must show its whole example:\n%s", v)
	}
}
