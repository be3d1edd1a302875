package admin

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
)

// codeBox is the one moment an activation code is on screen: the server
// keeps only its hash, and the code lives in this box until it closes.
type codeBox struct {
	overlay.Base
	e     *env
	c     api.UserCreated
	isNew bool
	keys  struct{ CopyCode, CopyURL, Close key.Binding }
}

func newCodeBox(e *env, c api.UserCreated, isNew bool) *codeBox {
	t, b := e.com.Text, common.Bind
	box := &codeBox{Base: overlay.NewBase("activation", e.mb.ID()), e: e, c: c, isNew: isNew}
	box.keys.CopyCode = b("c", t.Admin.KeyCopyCode, "c")
	box.keys.CopyURL = b("u", t.Admin.KeyCopyURL, "u")
	box.keys.Close = b("esc", t.Box.KeyClose, "esc", "enter")
	return box
}

func (b *codeBox) ShortHelp() []key.Binding {
	return []key.Binding{b.keys.CopyCode, b.keys.CopyURL, b.keys.Close}
}
func (b *codeBox) FullHelp() [][]key.Binding { return [][]key.Binding{b.ShortHelp()} }

func (b *codeBox) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	t := b.e.com.Text.Admin
	switch {
	case key.Matches(k, b.keys.Close):
		return overlay.Close{Cmd: common.Toast(t.CodeClosed, false)}
	case key.Matches(k, b.keys.CopyCode):
		return overlay.Run{Cmd: common.CopySecret(b.e.com, t.CodeLabel, b.c.ActivationCode)}
	case key.Matches(k, b.keys.CopyURL):
		return overlay.Run{Cmd: common.CopySecret(b.e.com, t.URLLabel, b.c.ActivationURL)}
	}
	return nil
}

func (b *codeBox) View(width, _ int) string {
	st, t := b.e.com.Styles, b.e.com.Text.Admin
	title := fmt.Sprintf(t.CodeNewTitle, b.c.User.Name, b.c.User.Username)
	if b.isNew {
		title = fmt.Sprintf(t.CodeCreatedTitle, b.c.User.Name, b.c.User.Username)
	}
	lines := append(wrap(st.Success, "✓ "+title, width), "",
		st.Subtle.Render(common.PadRight(t.CodeLabel, 22))+st.Bold.Render(b.c.ActivationCode))
	// The URL is never cut: on a narrow screen it takes its own lines.
	if url := b.c.ActivationURL; 22+len(url) <= width {
		lines = append(lines, st.Subtle.Render(common.PadRight(t.URLLabel, 22))+st.URL.Render(url))
	} else {
		lines = append(append(lines, st.Subtle.Render(t.URLLabel)), wrap(st.URL, url, width)...)
	}
	if b.c.ExpiresAt != "" {
		lines = append(lines, st.Subtle.Render(common.PadRight(t.CodeExpires, 22))+st.Text.Render(when(b.e, b.c.ExpiresAt)))
	}
	lines = append(lines, "")
	lines = append(lines, wrap(st.Warning, t.CodeOnce, width)...)
	return strings.Join(append(lines, st.Subtle.Render(common.Truncate(t.CodeKeys, width))), "\n")
}
