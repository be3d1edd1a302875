package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestPickWrapsAroundAndChooses: ↑ on the first line goes to the last,
// ↓ on the last to the first; enter chooses the line, esc closes.
func TestPickWrapsAroundAndChooses(t *testing.T) {
	p := Pick{Up: Bind("↑", "", "up"), Down: Bind("↓", "", "down"), Choose: Bind("enter", "", "enter"), Close: Bind("esc", "", "esc")}
	press := func(code rune) Picked { return p.Key(tea.KeyPressMsg{Code: code}, 3) }
	if press(tea.KeyUp); p.I != 2 {
		t.Errorf("↑ on the first of 3: line %d, want 2", p.I)
	}
	if press(tea.KeyDown); p.I != 0 {
		t.Errorf("↓ on the last of 3: line %d, want 0", p.I)
	}
	press(tea.KeyDown)
	if got := press(tea.KeyEnter); got != PickedLine || p.I != 1 {
		t.Errorf("enter on line 1: %v, line %d", got, p.I)
	}
	if got := press(tea.KeyEscape); got != PickedClose {
		t.Errorf("esc: %v", got)
	}
}
