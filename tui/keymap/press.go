package keymap

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// named are the keys bindings spell by name (as tea.Key.String does).
var named = map[string]rune{
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace, "esc": tea.KeyEscape,
	"space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"insert": tea.KeyInsert, "delete": tea.KeyDelete, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"home": tea.KeyHome, "end": tea.KeyEnd,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
	"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
}

var modifiers = []struct {
	prefix string
	mod    tea.KeyMod
}{{"ctrl+", tea.ModCtrl}, {"alt+", tea.ModAlt}, {"shift+", tea.ModShift}, {"meta+", tea.ModMeta}}

// Press builds the key press a binding's key names ("ctrl+r", "G",
// "pgdown", "space", "/"), as a terminal would send it; ok is false when
// the name cannot be built so that key.Matches would take it for the
// same key (the palette does not list such an action; a remap to it is
// refused).
func Press(k string) (tea.KeyPressMsg, bool) {
	var mod tea.KeyMod
	rest := k
	for again := true; again; {
		again = false
		for _, m := range modifiers {
			if after, ok := strings.CutPrefix(rest, m.prefix); ok && after != "" {
				rest, mod, again = after, mod|m.mod, true
			}
		}
	}
	var press tea.KeyPressMsg
	if code, ok := named[rest]; ok {
		press = tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			press.Text = " "
		}
	} else if r, size := utf8.DecodeRuneInString(rest); size == len(rest) && r != utf8.RuneError {
		press = tea.KeyPressMsg{Code: r, Mod: mod}
		if mod == 0 {
			press.Text = rest // a printable key types its text
		}
	} else {
		return tea.KeyPressMsg{}, false
	}
	return press, press.String() == k
}
