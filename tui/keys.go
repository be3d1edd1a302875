package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/tui/i18n"
)

// globalKeys are the same on every page (DESIGN.md §7).
type globalKeys struct {
	Next, Prev, Refresh, Help, Quit, ForceQuit key.Binding
}

func newGlobalKeys(t *i18n.Text) globalKeys {
	return globalKeys{
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t.KeyNext)),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", t.KeyPrev)),
		Refresh:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", t.KeyRefresh)),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp)),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t.KeyQuit)),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t.KeyQuit)),
	}
}

// FullHelp groups the global keys in two columns.
func (g globalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{g.Next, g.Prev, g.Refresh}, {g.Help, g.Quit, g.ForceQuit}}
}
