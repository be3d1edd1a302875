package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestEscThenKeyArrivingTogether: Esc and q typed fast reach the program
// as one alt+q (the terminal parser's reading of "\x1bq"). The person
// meant Esc, then q: the documentation closes and the program quits.
func TestEscThenKeyArrivingTogether(t *testing.T) {
	d, _ := onlineCatalog(t, 100, 30)
	d.Key("enter")
	d.WaitForText("Endpoints (")
	d.Send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt})
	d.WaitFor("back at the grid and quitting", func(v string) bool {
		return strings.Contains(v, "18 de 18 APIs") && quitSeen(d.Seen)
	})

	// Esc pressed twice fast arrives as alt+esc: the help still closes.
	d, _ = onlineCatalog(t, 100, 30)
	d.Key("?")
	d.WaitForText("Ajuda — atalhos")
	d.Send(tea.KeyPressMsg{Code: tea.KeyEscape, Mod: tea.ModAlt}) // Esc Esc
	d.WaitFor("help closed", func(v string) bool { return !strings.Contains(v, "Ajuda — atalhos") })
}

// In a text field alt+b and alt+f are word motions and stay so; alt+esc
// is still two Escapes.
func TestEscBurstInTextFields(t *testing.T) {
	alt := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModAlt} }
	if _, _, split := escBurst(alt('b'), true); split {
		t.Error("alt+b in a text field was split")
	}
	first, then, split := escBurst(tea.KeyPressMsg{Code: tea.KeyEscape, Mod: tea.ModAlt}, true)
	if !split || first.String() != "esc" || then.String() != "esc" {
		t.Errorf("alt+esc in a text field: %v %q %q", split, first, then)
	}
	_, then, _ = escBurst(tea.KeyPressMsg{Code: 'l', ShiftedCode: 'L', Mod: tea.ModAlt | tea.ModShift}, false)
	if then.String() != "L" {
		t.Errorf("alt+shift+l became %q, want L", then.String())
	}
	_, then, _ = escBurst(alt('1'), false)
	if then.String() != "1" || then.Text != "1" {
		t.Errorf("alt+1 became %q", then.String())
	}
	if _, _, split := escBurst(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}, false); split {
		t.Error("ctrl+r was split")
	}
}

func quitSeen(seen []tea.Msg) bool {
	for _, m := range seen {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}
