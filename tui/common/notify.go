package common

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Notifier is how the terminal shows a desktop notification, if it does.
type Notifier int

const (
	NotifyNone   Notifier = iota
	NotifyOSC9            // iTerm2, WezTerm, Ghostty, kitty, ConEmu
	NotifyOSC777          // urxvt (its notify extension), foot
)

// DetectNotifier reads the terminal from its environment. Inside tmux or
// screen nothing is sent: they swallow the sequence (and an unknown one
// may show as garbage), so the toast alone says it.
func DetectNotifier(getenv func(string) string) Notifier {
	term, program := getenv("TERM"), getenv("TERM_PROGRAM")
	switch {
	case getenv("TMUX") != "" || strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "screen") || program == "tmux":
		return NotifyNone
	case program == "iTerm.app" || program == "WezTerm" || program == "ghostty" || term == "xterm-kitty" || term == "xterm-ghostty" ||
		getenv("ConEmuANSI") == "ON":
		return NotifyOSC9
	case strings.HasPrefix(term, "rxvt") || strings.HasPrefix(term, "foot"):
		return NotifyOSC777
	}
	return NotifyNone
}

// Plain is text from elsewhere (the server, the cache) made safe to draw:
// control characters, escape sequences among them, become spaces, so it
// can never move the cursor, change a colour or end a sequence.
func Plain(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

// Notification is the Cmd that shows text as a desktop notification
// through n (nil for NotifyNone). Control characters are dropped: the
// text comes from the server (a justification), and must not end the
// sequence or start another.
func Notification(n Notifier, title, text string) tea.Cmd {
	clean := Plain
	switch n {
	case NotifyOSC9:
		return tea.Raw(ansi.Notify(clean(title + ": " + text)))
	case NotifyOSC777:
		return tea.Raw("\x1b]777;notify;" + strings.ReplaceAll(clean(title), ";", ",") + ";" + clean(text) + "\x07")
	}
	return nil
}
