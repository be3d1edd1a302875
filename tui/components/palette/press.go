package palette

import (
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/keymap"
)

// Press builds the key press a binding's key names (keymap.Press): ok is
// false when no press would match that name, and such an action is not
// listed, since the palette could not run it.
func Press(k string) (tea.KeyPressMsg, bool) { return keymap.Press(k) }
