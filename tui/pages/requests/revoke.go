package requests

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// revokeBox asks why an approved request ends (the justification is
// required and goes into its history), then asks once more: a revocation
// stops the credential at once and cannot be undone.
type revokeBox struct {
	overlay.Base
	com        *common.Common
	req        api.Request
	input      textinput.Model
	confirming bool
	problem    string
	drafts     map[string]string // the page's justifications, by request
	// Close leaves the justification (kept for the next time); Back
	// leaves the confirmation, for the justification.
	keys struct{ Next, Close, Yes, Back key.Binding }
}

// revokeChosen is the box's result: send the revocation.
type revokeChosen struct{ id, justification string }

type revokedMsg struct {
	req api.Request
	err error
}

func newRevokeBox(com *common.Common, owner route.ID, r api.Request, width int, drafts map[string]string) (*revokeBox, tea.Cmd) {
	t, b := com.Text, common.Bind
	in := search.NewInput(t.Admin.RevokeJustification, api.MaxJustificationLen)
	in.SetWidth(max(10, width-2))
	in.SetValue(drafts[r.ID]) // what was typed before esc
	box := &revokeBox{Base: overlay.NewBase("revoke", owner), com: com, req: r, input: in, drafts: drafts}
	box.keys.Next = b("enter", t.Box.KeyConfirm, "enter")
	box.keys.Close = b("esc", t.Box.KeyCloseKeep, "esc")
	box.keys.Yes = b("s", t.Admin.KeyRevoke, "s", "y")
	box.keys.Back = b("esc", t.KeyBack, "esc")
	return box, box.input.Focus()
}

func (b *revokeBox) ShortHelp() []key.Binding {
	if b.confirming {
		return []key.Binding{b.keys.Yes, b.keys.Back}
	}
	return []key.Binding{b.keys.Next, b.keys.Close}
}
func (b *revokeBox) FullHelp() [][]key.Binding { return [][]key.Binding{b.ShortHelp()} }

func (b *revokeBox) Update(msg tea.Msg) overlay.Action {
	if b.confirming {
		k, ok := msg.(tea.KeyPressMsg)
		switch {
		case !ok:
		case key.Matches(k, b.keys.Yes):
			return overlay.Close{Result: revokeChosen{id: b.req.ID, justification: strings.TrimSpace(b.input.Value())}}
		case key.Matches(k, b.keys.Back):
			b.confirming = false // back to the justification, as typed
			return overlay.Run{Cmd: b.input.Focus()}
		}
		return nil
	}
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(k, b.keys.Close):
			// The text stays for the next time this request is revoked.
			if v := b.input.Value(); strings.TrimSpace(v) != "" {
				b.drafts[b.req.ID] = v
			} else {
				delete(b.drafts, b.req.ID)
			}
			return overlay.Close{}
		case key.Matches(k, b.keys.Next):
			// The server's rule for a justification: visible text.
			if api.VisibleLen(b.input.Value()) < 10 {
				b.problem = b.com.Text.Admin.RevokeNeedsWhy
				return nil
			}
			b.confirming, b.problem = true, ""
			b.input.Blur()
			return nil
		}
	case tea.PasteMsg:
	default:
		return nil
	}
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	b.problem = ""
	return overlay.Run{Cmd: cmd}
}

func (b *revokeBox) View(width, _ int) string {
	st, t := b.com.Styles, b.com.Text.Admin
	lines := wrapText(st.Warning, fmt.Sprintf(t.RevokePrompt, b.req.ID, b.req.APIName), width)
	lines = append(lines, b.input.View())
	switch {
	case b.confirming:
		lines = append(lines, wrapText(st.Error, fmt.Sprintf(t.RevokeConfirm, b.req.ID), width)...)
	case b.problem != "":
		lines = append(lines, wrapText(st.Error, "✖ "+b.problem, width)...)
	}
	return strings.Join(lines, "\n")
}

func wrapText(style lipgloss.Style, text string, width int) []string {
	return strings.Split(style.Width(max(10, width)).Render(text), "\n")
}

func revokeRequest(c *client.Client, id, justification string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		// One key per revocation: a retry after a lost answer is one.
		r, err := c.RevokeRequest(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id, justification)
		return revokedMsg{req: r, err: err}
	}
}

// askRevoke opens the box for an approved request, for whoever may revoke.
func (p *Page) askRevoke(r *api.Request) tea.Cmd {
	if !p.mayRevokeRequest(r) {
		return nil // v is offered on approved requests only
	}
	box, cmd := newRevokeBox(p.com, p.mb.ID(), *r, p.width, p.justifications)
	p.com.Overlays.Push(box)
	return cmd
}

func (p *Page) mayRevoke() bool { return p.com.Me != nil && p.com.Me.Can(api.PermRequestsRevoke) }

func (p *Page) revoked(msg revokedMsg) tea.Cmd {
	if msg.err != nil {
		return common.Toast(common.Explain(p.com.Text, msg.err), true)
	}
	delete(p.justifications, msg.req.ID)
	if p.detail != nil && p.detail.msg.ID == msg.req.ID {
		p.detail.msg.Req = msg.req
	}
	return tea.Batch(common.Toast(fmt.Sprintf(p.com.Text.Admin.Revoked, msg.req.ID), false),
		func() tea.Msg { return common.SyncRequestsMsg{} })
}
