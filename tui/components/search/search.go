// Package search is the "/" search box the pages share: it filters as you
// type; enter, tab or ↓ leave it keeping the text; esc clears it.
package search

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/i18n"
)

// The box's own keys: leaving it clears the text (esc) or keeps it.
var (
	clearKey = key.NewBinding(key.WithKeys("esc"))
	leaveKey = key.NewBinding(key.WithKeys("enter", "tab", "down"))
)

// Help is the box's keys as the footer lists them while it has focus
// (every other key is text then).
func Help(t *i18n.Text) []key.Binding {
	keep, clear := leaveKey, clearKey
	keep.SetHelp("enter/↓", t.KeySearchKeep)
	clear.SetHelp("esc", t.KeySearchClear)
	return []key.Binding{keep, clear}
}

// NewInput is a text input the way gecli uses them: no prompt, no
// blinking cursor (steady screens, stable golden files), a length limit.
func NewInput(placeholder string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = limit
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// Box is a search field that is either being typed in (Active) or not.
type Box struct {
	Input  textinput.Model
	Active bool
}

// New builds a box.
func New(placeholder string, limit int) Box { return Box{Input: NewInput(placeholder, limit)} }

// Value is the search text.
func (b *Box) Value() string { return b.Input.Value() }

// Focus starts typing.
func (b *Box) Focus() tea.Cmd {
	b.Active = true
	return b.Input.Focus()
}

// Clear empties the box; it reports whether there was text.
func (b *Box) Clear() bool {
	had := b.Input.Value() != ""
	b.Input.SetValue("")
	return had
}

// Key handles a key while typing and reports whether the text changed
// (the page then queries again).
func (b *Box) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, clearKey):
		b.Active = false
		b.Input.Blur()
		return nil, b.Clear()
	case key.Matches(msg, leaveKey):
		b.Active = false
		b.Input.Blur()
		return nil, false
	}
	before := b.Input.Value()
	var cmd tea.Cmd
	b.Input, cmd = b.Input.Update(msg)
	return cmd, b.Input.Value() != before
}
