package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/tui/i18n"
)

// globalKeys are the same on every page (DESIGN.md §7).
type globalKeys struct {
	Next, Prev, Refresh, Help, Quit, ForceQuit, SignIn key.Binding
	// Jump goes to the page of that tab number, if the role may use it.
	Jump key.Binding
	// Palette opens the command palette; PaletteInField is the part of
	// it that works while a text field has focus (: is text there).
	Palette, PaletteInField key.Binding
}

func newGlobalKeys(t *i18n.Text) globalKeys {
	return globalKeys{
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t.KeyNext)),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", t.KeyPrev)),
		Refresh:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", t.KeyRefresh)),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp)),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t.KeyQuit)),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t.KeyQuit)),
		SignIn:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", t.KeySignIn)),
		Jump:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1…6", t.KeyJump)),
		Palette:   key.NewBinding(key.WithKeys("ctrl+p", ":"), key.WithHelp("ctrl+p/:", t.Palette.KeyOpen)),

		PaletteInField: key.NewBinding(key.WithKeys("ctrl+p")), // no help: Palette lists it
	}
}

// FullHelp groups the global keys in two columns.
func (g globalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{g.Next, g.Prev, g.Jump, g.Refresh, g.SignIn}, {g.Palette, g.Help, g.Quit, g.ForceQuit}}
}
