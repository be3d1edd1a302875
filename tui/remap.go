package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The person's remaps (Options.Keys) act where keys are commands: on a
// page, outside its text fields and with no box open on screen (a box
// may take text: the palette, the sign-in screen, the wizard). There a
// key is what it is, so typing is never changed. What the footer, the
// help and the palette show is rewritten the same way.

// remap returns the press msg stands for now.
func (m *Model) remap(msg tea.KeyPressMsg) tea.KeyPressMsg {
	if m.capturing() {
		return msg
	}
	return m.opts.Keys.Translate(msg)
}

// shown is bs as the person would press them now.
func (m *Model) shown(bs []key.Binding) []key.Binding {
	if m.capturing() {
		return bs
	}
	return m.opts.Keys.Bindings(bs)
}
