package tui

import tea "charm.land/bubbletea/v2"

// escBurst undoes a terminal ambiguity. A terminal sends Esc as one byte
// and alt+x as Esc followed by x, so when Esc and the next key reach the
// reader together (typed fast, coalesced by SSH or tmux, a slow machine)
// they arrive as one alt+x. No screen binds alt+x while browsing, and
// alt+esc means nothing anywhere, so such a press is read as what the
// person typed: Esc, then the key. In a text field alt+f, alt+b and
// alt+backspace move and delete by word, so there only alt+esc is split.
func escBurst(msg tea.KeyPressMsg, capturing bool) (first, then tea.KeyPressMsg, ok bool) {
	if msg.Mod&^tea.ModShift != tea.ModAlt || (capturing && msg.Code != tea.KeyEscape) {
		return msg, msg, false
	}
	rest := tea.Key(msg)
	rest.Mod &^= tea.ModAlt
	switch {
	case rest.Text != "" || rest.Code < ' ' || rest.Code == tea.KeyEscape || rest.Code >= tea.KeyExtended:
	case rest.Mod == tea.ModShift && rest.ShiftedCode != 0:
		rest.Text = string(rest.ShiftedCode)
	default:
		rest.Text = string(rest.Code)
	}
	return tea.KeyPressMsg{Code: tea.KeyEscape}, tea.KeyPressMsg(rest), true
}
