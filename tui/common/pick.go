package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/themes"
)

// Pick is the chosen line of a box's short list (the drafts to resume, a
// request's PDFs): ↑/↓ move it, wrapping around; enter chooses it, esc
// closes the box. Its keys are the box's help.
type Pick struct {
	Up, Down, Choose, Close key.Binding
	I                       int // the chosen line
}

// Picked is what a key did to the list.
type Picked int

const (
	PickedNothing Picked = iota // moved, or not a key of the list
	PickedLine                  // enter: the line at I is chosen
	PickedClose                 // esc
)

// Key takes a key for a list of n lines.
func (p *Pick) Key(msg tea.Msg, n int) Picked {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return PickedNothing
	}
	switch {
	case key.Matches(k, p.Up):
		p.I = (p.I + n - 1) % n
	case key.Matches(k, p.Down):
		p.I = (p.I + 1) % n
	case key.Matches(k, p.Choose):
		return PickedLine
	case key.Matches(k, p.Close):
		return PickedClose
	}
	return PickedNothing
}

func (p Pick) ShortHelp() []key.Binding { return []key.Binding{p.Choose, p.Down, p.Close} }
func (p Pick) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.Choose, p.Close}, {p.Up, p.Down}}
}

// Mark is what goes before line i ("▸ " on the chosen one) and the
// style to draw the line with.
func (p Pick) Mark(st themes.Styles, i int) (string, lipgloss.Style) {
	if i == p.I {
		return "▸ ", st.FilterOn.Padding(0)
	}
	return "  ", st.Text
}
