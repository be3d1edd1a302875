package requests

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

// detailView is one request: API, requester, status and dates, fields,
// attachments, SEI number and the history timeline with justifications.
type detailView struct {
	req      api.Request
	loading  bool
	cachedAt time.Time
	err      error
	offset   int
}

func (p *Page) openDetail() tea.Cmd {
	r := p.current()
	if r == nil {
		return nil
	}
	p.detail = &detailView{req: *r, loading: true}
	return loadDetail(p.com.Authed, p.store, r.ID, p.com.Now())
}

func (p *Page) detailLoaded(msg detailMsg) {
	if p.detail == nil || p.detail.req.ID != msg.id {
		return
	}
	d := p.detail
	d.loading, d.err = false, msg.err
	if msg.err == nil {
		d.req, d.cachedAt = msg.req, msg.cachedAt
	}
}

func (p *Page) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k, d := p.keys, p.detail
	switch {
	case key.Matches(msg, k.Back):
		p.detail = nil
	case key.Matches(msg, k.Cancel):
		return p.askCancel(&d.req)
	case key.Matches(msg, k.Download):
		if len(d.req.Attachments) == 0 || p.com.Authed == nil {
			return common.Toast(p.com.Text.DetailNoAttachments, true)
		}
		var cmds []tea.Cmd
		for _, a := range d.req.Attachments {
			cmds = append(cmds, downloadAttachment(p.com.Authed, d.req.ID, a, downloadDir()))
		}
		return tea.Batch(cmds...)
	case key.Matches(msg, k.Down):
		d.offset++
	case key.Matches(msg, k.Up):
		d.offset = max(0, d.offset-1)
	}
	return nil
}

func (p *Page) detailView() string {
	st, t, d := p.com.Styles, p.com.Text, p.detail
	r := d.req
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, 22)) }
	when := func(s string) string {
		if tm, err := time.Parse(time.RFC3339, s); err == nil {
			return t.DateTime(tm)
		}
		return s
	}
	credStates := strings.Split(t.CredentialStates, "|")
	cred := map[string]string{api.CredentialNone: credStates[0], api.CredentialBlocked: credStates[1], api.CredentialAvailable: credStates[2]}[r.CredentialState]
	lines := []string{
		st.AppName.Render(t.DetailTitle+" "+r.ID) + "  " + statusStyle(st, r.Status).Render(r.Status.Label(t.Lang)) +
			st.Subtle.Render("  "+r.Environment.Label(t.Lang)),
		st.CardTitle.Render(r.APIName) + st.Subtle.Render(" ("+r.APIID+")"),
	}
	if d.loading {
		lines = append(lines, st.Subtle.Render(t.Loading))
	}
	if d.err != nil {
		lines = append(lines, st.Error.Render(common.Explain(t, d.err)))
	}
	if !d.cachedAt.IsZero() {
		lines = append(lines, st.Warning.Render(fmt.Sprintf(t.DetailCached, t.DateTime(d.cachedAt))))
	}
	lines = append(lines, "",
		label(t.DetailInstitution)+st.Text.Render(api.FormatCNPJ(r.Institution.CNPJ)+"  "+r.Institution.Name),
		label(t.DetailRequester)+st.Text.Render(r.Requester.Name+"  "+api.FormatCPF(r.Requester.CPF)),
		label(t.DetailContact)+st.Text.Render(fmt.Sprintf("%s · %s · %s", r.TechnicalContact.Name, r.TechnicalContact.Email, r.TechnicalContact.Phone)),
		label(t.DetailPurpose)+st.Text.Render(r.Purpose),
		label(t.DetailCreated)+st.Text.Render(when(r.CreatedAt)),
	)
	if r.DecidedAt != "" {
		lines = append(lines, label(t.DetailDecided)+st.Text.Render(when(r.DecidedAt)))
	}
	sei := r.SEIProcess
	if sei == "" {
		sei = "—"
	}
	lines = append(lines, label(t.DetailSEI)+st.Text.Render(sei),
		label(t.DetailRule)+st.Text.Render(r.Rule.Label(t.Lang)),
		label(t.DetailCredential)+st.Text.Render(cred))
	if len(r.CustomFields) > 0 {
		names := make([]string, 0, len(r.CustomFields))
		for n := range r.CustomFields {
			names = append(names, n)
		}
		sort.Strings(names)
		for i, n := range names {
			l := ""
			if i == 0 {
				l = t.DetailFields
			}
			lines = append(lines, label(l)+st.Text.Render(n+": "+r.CustomFields[n]))
		}
	}
	if len(r.Attachments) == 0 {
		lines = append(lines, label(t.DetailAttachments)+st.Subtle.Render(t.DetailNoAttachments))
	}
	for i, a := range r.Attachments {
		l := ""
		if i == 0 {
			l = t.DetailAttachments
		}
		lines = append(lines, label(l)+st.Text.Render(fmt.Sprintf("%s (%d KB)", a.Filename, (a.Size+1023)/1024)))
	}
	lines = append(lines, "", st.Bold.Render(t.DetailHistory))
	for _, e := range r.History {
		line := st.Subtle.Render(when(e.At)+"  ") + st.Text.Render(e.Actor) + st.Subtle.Render(" · "+api.ActionLabel(e.Action, t.Lang))
		if e.ToStatus != "" {
			line += st.Subtle.Render(" → ") + statusStyle(st, api.Status(e.ToStatus)).Render(api.Status(e.ToStatus).Label(t.Lang))
		}
		lines = append(lines, line)
		if e.Justification != "" {
			lines = append(lines, st.Subtle.Render("    “"+e.Justification+"”"))
		}
	}
	if p.confirm {
		lines = append([]string{st.Warning.Render(fmt.Sprintf(t.ConfirmCancel, r.ID, r.APIName)), ""}, lines...)
	}
	offset := min(d.offset, max(0, len(lines)-p.height+1))
	for i := range lines {
		lines[i] = common.Truncate(lines[i], p.width)
	}
	return strings.Join(lines[offset:], "\n")
}
