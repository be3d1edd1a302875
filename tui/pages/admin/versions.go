package admin

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/table"
	"github.com/gecli/gecli/tui/overlay"
)

// versionsBox lists an API's terms of use, newest first: a request keeps
// the version it accepted, so none is ever removed.
type versionsBox struct {
	overlay.Base
	e     *env
	api   api.API
	items []api.TermsVersion
	err   error
	close key.Binding
}

type versionsMsg struct {
	items []api.TermsVersion
	err   error
}

func newVersions(e *env, a api.API) (*versionsBox, tea.Cmd) {
	b := &versionsBox{Base: overlay.NewBase("terms-versions", e.mb.ID()), e: e, api: a,
		close: common.Bind("esc", e.com.Text.Box.KeyClose, "esc", "enter", "v")}
	return b, b.Mailbox().Latest("versions", termsVersions(e.com.Authed, a.ID))
}

func termsVersions(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.TermsVersions(ctx, id)
		return versionsMsg{items: items, err: err}
	}
}

func (b *versionsBox) ShortHelp() []key.Binding  { return []key.Binding{b.close} }
func (b *versionsBox) FullHelp() [][]key.Binding { return [][]key.Binding{b.ShortHelp()} }

func (b *versionsBox) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case versionsMsg:
		if cmd := sessionEnded(b.e.com, msg.err); cmd != nil {
			return overlay.Close{Cmd: cmd}
		}
		b.items, b.err = msg.items, msg.err
	case tea.KeyPressMsg:
		if key.Matches(msg, b.close) {
			return overlay.Close{}
		}
	}
	return nil
}

func (b *versionsBox) View(width, height int) string {
	st, t := b.e.com.Styles, b.e.com.Text
	lines := []string{st.Bold.Render(common.Truncate(fmt.Sprintf(t.Admin.VersionsTitle, b.api.Name, b.api.ID), width))}
	switch {
	case b.err != nil:
		lines = append(lines, wrap(st.Error, common.Explain(t, b.err), width)...)
	case b.Mailbox().Pending("versions"):
		lines = append(lines, st.Subtle.Render(t.Admin.Loading))
	case len(b.items) == 0:
		lines = append(lines, st.Subtle.Render(t.Admin.NoTerms))
	default:
		cols := []table.Column{{Title: t.Admin.ColVersion, Width: 10}, {Title: "sha256", Width: 14},
			{Title: t.ColDate, Width: 16}, {Title: t.Admin.ColCurrent, Flex: true}}
		cells := make([][]table.Cell, len(b.items))
		for i, v := range b.items {
			cur := ""
			if v.Current {
				cur = "● " + t.Admin.Current
			}
			cells[i] = []table.Cell{cell(v.Version, st.Text), cell(short(v.SHA256, 12), st.Subtle),
				cell(when(b.e, v.PublishedAt), st.Subtle), cell(cur, st.Success)}
		}
		lines = append(lines, strings.Split(table.Render(table.Styles{Header: st.Bold.Underline(true)}, cols, cells, -1, width), "\n")...)
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n")
}

// short is the first n characters of a hash, with an ellipsis.
func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
