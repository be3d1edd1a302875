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

// helpKeys joins the page's keys with the global ones for the help views.
type helpKeys struct {
	page interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	}
	global globalKeys
}

func (h helpKeys) ShortHelp() []key.Binding {
	g := h.global
	return append(h.page.ShortHelp(), g.Refresh, g.Help, g.Quit)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := h.global
	return append(h.page.FullHelp(), []key.Binding{g.Next, g.Prev, g.Refresh, g.Help, g.Quit, g.ForceQuit})
}
