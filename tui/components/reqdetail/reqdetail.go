// Package reqdetail loads and draws the detail of one request: API,
// institution, requester, contact, purpose, dates, the SEI process (its
// link state and, online, what SEI says of it and of the sends), rule,
// credential state, custom fields, attachments, the verification form,
// the technical opinions and the history timeline. The Solicitações and Avaliação pages share it.
package reqdetail

import (
	"context"
	"fmt"
	"sort"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// Msg is a loaded detail.
type Msg struct {
	ID       string
	Req      api.Request
	Form     *api.VerificationForm // form_* requests once approved
	CachedAt time.Time             // non-zero: read from the cache (offline)
	Err      error                 // nothing fresh to show
	// CacheErr: the server's answer is good and shown, but the cache
	// could not keep it (said apart, never in place of the answer).
	CacheErr error
	// SEI is the request's SEI section as the server told it (read apart,
	// LoadSEI; nil until then, and offline); SEIErr why it could not be.
	SEI    *api.SEIStatus
	SEIErr error
}

// Load asks the server (when signed in and reachable), caches the answer,
// and falls back to the cached detail offline.
func Load(c *client.Client, s *store.Store, id string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var netErr error
		if c != nil {
			r, err := c.Request(ctx, id)
			if err == nil {
				msg := Msg{ID: id, Req: r, CacheErr: s.SaveRequestDetail(ctx, r, now)}
				if (r.Rule == api.RuleFormRes316 || r.Rule == api.RuleFormStandard) && r.Status == api.StatusApproved {
					if f, err := c.VerificationForm(ctx, id); err == nil {
						msg.Form = &f
					}
				}
				return msg
			}
			if !client.IsOffline(err) {
				return Msg{ID: id, Err: err}
			}
			netErr = err
		}
		r, at, ok, err := s.RequestDetail(ctx, id)
		switch {
		case err != nil:
			return Msg{ID: id, Err: err}
		case !ok && netErr != nil:
			return Msg{ID: id, Err: netErr}
		case !ok:
			return Msg{ID: id, Err: client.ErrSignedOut}
		}
		return Msg{ID: id, Req: r, CachedAt: at}
	}
}

// CacheProblem is the toast that says the cache did not keep an answer
// (nil when it did).
func CacheProblem(com *common.Common, m Msg) tea.Cmd {
	if m.CacheErr == nil {
		return nil
	}
	return common.Toast(fmt.Sprintf(com.Text.Box.CacheNotSaved, common.Explain(com.Text, m.CacheErr)), true)
}

// Render draws a detail in lines of at most width cells.
func Render(com *common.Common, m Msg, loading bool, width int) []string {
	st, t := com.Styles, com.Text
	r := m.Req
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, 22)) }
	when := func(s string) string {
		if tm, err := time.Parse(time.RFC3339, s); err == nil {
			return t.DateTime(tm)
		}
		return s
	}
	cred := api.CredentialStateLabel(r.CredentialState, t.Lang)
	lines := []string{
		st.AppName.Render(t.DetailTitle+" "+r.ID) + "  " + StatusStyle(com, r.Status).Render(r.Status.Label(t.Lang)) +
			st.Subtle.Render("  "+r.Environment.Label(t.Lang)),
		st.CardTitle.Render(r.APIName) + st.Subtle.Render(" ("+r.APIID+")"),
	}
	if loading {
		lines = append(lines, st.Subtle.Render(t.Loading))
	}
	if m.Err != nil {
		lines = append(lines, st.Error.Render(common.Explain(t, m.Err)))
	}
	if !m.CachedAt.IsZero() {
		lines = append(lines, st.Warning.Render(fmt.Sprintf(t.DetailCached, t.DateTime(m.CachedAt))))
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
	sei, pending, failed := seiValue(t, m)
	seiStyle := st.Text
	switch {
	case pending:
		seiStyle = st.Warning
	case failed:
		seiStyle = st.Error
	}
	lines = append(lines, label(t.DetailSEI)+seiStyle.Render(sei))
	lines = append(lines, seiSection(com, m, label)...)
	lines = append(lines, label(t.DetailRule)+st.Text.Render(r.Rule.Label(t.Lang)),
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
	ofOpinions, shown := opinionFiles(r), 0
	for _, a := range r.Attachments {
		if ofOpinions[a.ID] {
			continue // under its opinion
		}
		l := ""
		if shown == 0 {
			l = t.DetailAttachments
		}
		shown++
		lines = append(lines, label(l)+st.Text.Render(fmt.Sprintf("%s (%d KB)", a.Filename, (a.Size+1023)/1024)))
	}
	if shown == 0 {
		lines = append(lines, label(t.DetailAttachments)+st.Subtle.Render(t.DetailNoAttachments))
	}
	if f := m.Form; f != nil {
		state := t.FormIncomplete
		if f.Complete {
			state = t.FormComplete
		}
		lines = append(lines, label(t.FormTitle)+st.Text.Render(state))
		if f.Project != "" {
			lines = append(lines, label("")+st.Text.Render(f.EntityName+" · "+f.Project), label("")+st.Subtle.Render(f.Justification))
		}
	}
	lines = append(lines, opinions(com, r, when, width)...)
	lines = append(lines, "", st.Bold.Render(t.DetailHistory))
	for _, e := range r.History {
		line := st.Subtle.Render(when(e.At)+"  ") + st.Text.Render(e.Actor) + st.Subtle.Render(" · "+api.ActionLabel(e.Action, t.Lang))
		if e.ToStatus != "" && e.ToStatus != e.FromStatus {
			line += st.Subtle.Render(" → ") + StatusStyle(com, api.Status(e.ToStatus)).Render(api.Status(e.ToStatus).Label(t.Lang))
		}
		lines = append(lines, line)
		// An opinion's text is the event's justification: the section
		// above shows it whole.
		if e.Justification != "" && (e.Action != "opinion" || len(r.Opinions) == 0) {
			lines = append(lines, st.Subtle.Render("    “"+e.Justification+"”"))
		}
	}
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	return lines
}
