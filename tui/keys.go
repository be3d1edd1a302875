package tui

import (
	"strconv"
	"strings"

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
	// Notices opens the list of announcements (enabled while there are).
	Notices key.Binding
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
		// Jump's help is jumpKeys': the numbers of the pages one may open.
		Jump:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6")),
		Palette: key.NewBinding(key.WithKeys("ctrl+p", ":"), key.WithHelp("ctrl+p/:", t.Palette.KeyOpen)),

		PaletteInField: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", t.Palette.KeyOpen)),
		Notices:        key.NewBinding(key.WithKeys("!"), key.WithHelp("!", t.Notice.KeyList), key.WithDisabled()),
	}
}

// globalHelp lists the global keys that act now, in two columns: tab and
// the tab numbers only towards other pages the person may open (L only
// signed out: it is disabled while signed in); in a focused text field
// every other key is text, so only ctrl+p and ctrl+c are left.
func (m *Model) globalHelp() [][]key.Binding {
	k := m.keys
	if m.active().Capturing() {
		return [][]key.Binding{{k.PaletteInField, k.ForceQuit}}
	}
	var turn []key.Binding
	if jump := m.jumpKeys(); len(jump.Keys()) > 0 {
		turn = []key.Binding{k.Next, k.Prev, jump}
	}
	return [][]key.Binding{append(turn, k.Refresh, k.SignIn), {k.Notices, k.Palette, k.Help, k.Quit, k.ForceQuit}}
}

// jumpKeys is the tab numbers of the other pages the person may open,
// named as the header shows them ("2/4/5").
func (m *Model) jumpKeys() key.Binding {
	var nums []string
	for i, p := range m.pages {
		if i != m.page && p.Allowed(m.me) {
			nums = append(nums, strconv.Itoa(i+1))
		}
	}
	return key.NewBinding(key.WithKeys(nums...), key.WithHelp(strings.Join(nums, "/"), m.com.Text.KeyJump))
}
