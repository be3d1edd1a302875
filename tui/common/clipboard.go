package common

import (
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Clipboard is how a copy reaches the person: OSC 52 always (it crosses
// SSH), wrapped for tmux when inside it, and the system clipboard only when
// the TUI runs on the person's own machine (over SSH it would fill the
// server's clipboard, not theirs). Tmux is read from the session's
// environment at start (TMUX, or a tmux TERM over SSH); inside tmux a
// copied secret's toast says that tmux may keep it in its buffers.
type Clipboard struct {
	Tmux  bool
	Local bool
	// Native writes the system clipboard (nil: none, as in tests).
	Native func(string) error
	// ClearAfter clears the clipboard that long after a secret was copied
	// (0: never).
	ClearAfter time.Duration

	gen atomic.Int64 // bumped by every copy: a clear only undoes the last
}

// ClearClipboardMsg is the clear timer of a copied secret firing.
type ClearClipboardMsg struct{ Gen int64 }

// Copy puts text on the clipboard. Terminals never confirm OSC 52, so the
// toast says which ways were attempted, not that it worked.
func Copy(c *Common, label, text string) tea.Cmd { return copyText(c, label, text, false) }

// CopySecret is Copy for a secret: the clipboard is cleared after
// Clip.ClearAfter unless something else was copied since.
func CopySecret(c *Common, label, text string) tea.Cmd { return copyText(c, label, text, true) }

func copyText(c *Common, label, text string, secret bool) tea.Cmd {
	t := c.Text
	if text == "" {
		return Toast(t.CopyNothing, true)
	}
	clip := c.Clip
	gen := clip.gen.Add(1)
	cmds := writeClipboard(clip, text)
	used := []string{t.Cred.ChannelOSC52}
	if clip.Tmux {
		used = append(used, t.Cred.ChannelTmux)
	}
	native, local := clip.Native, clip.Local
	note := ""
	if secret && clip.ClearAfter > 0 {
		note = sprintf(t.Cred.ClearIn, clip.ClearAfter.Round(time.Second).String())
		cmds = append(cmds, tea.Tick(clip.ClearAfter, func(time.Time) tea.Msg { return ClearClipboardMsg{Gen: gen} }))
	}
	if secret && clip.Tmux {
		// tmux may take the plain OSC 52 into a paste buffer of its own
		// (set-clipboard on), which no escape sequence clears.
		note += t.Cred.TmuxKeeps
	}
	cmds = append(cmds, func() tea.Msg {
		if local && native != nil {
			if err := native(text); err == nil {
				used = append(used, t.Cred.ChannelNative)
			} else {
				used = append(used, t.Cred.ChannelNativeFailed)
			}
		}
		return ToastMsg{Text: sprintf(t.Copied, label, strings.Join(used, ", ")) + note}
	})
	return tea.Batch(cmds...)
}

// ClearClipboard answers a ClearClipboardMsg: it empties the clipboard the
// same ways it was written, unless a later copy replaced the secret.
func ClearClipboard(c *Common, msg ClearClipboardMsg) tea.Cmd {
	clip := c.Clip
	if msg.Gen != clip.gen.Load() {
		return nil
	}
	native, local := clip.Native, clip.Local
	tmuxNote := ""
	if clip.Tmux {
		tmuxNote = c.Text.Cred.TmuxKeeps // cleared here, maybe not in tmux's buffers
	}
	return tea.Batch(append(writeClipboard(clip, ""), func() tea.Msg {
		if local && native != nil {
			native("")
		}
		return ToastMsg{Text: c.Text.Cred.ClipboardCleared + tmuxNote}
	})...)
}

// writeClipboard returns the OSC 52 writes of text: plain, and wrapped in
// tmux's passthrough inside tmux.
func writeClipboard(clip *Clipboard, text string) []tea.Cmd {
	cmds := []tea.Cmd{tea.SetClipboard(text)}
	if clip.Tmux {
		cmds = append(cmds, tea.Raw(ansi.TmuxPassthrough(ansi.SetSystemClipboard(text))))
	}
	return cmds
}
