// Package reqdetail loads and draws the detail of one request: API,
// institution, requester, contact, purpose, dates, the SEI process (its
// link state and, online, what SEI says of it and of the sends), rule,
// credential state, custom fields, attachments, the verification form,
// the technical opinions and the history timeline. The Solicitações and Avaliação pages share it.
package reqdetail

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
	// Labels name the API's own fields (from the cached catalog), so the
	// detail shows "Órgão custodiante", not "orgao".
	Labels map[string]string
	// CurrentTerms are the API's terms of use now (the cached catalog's):
	// when their version is not the one the request accepted, the detail
	// says so. Nil when the catalog does not have the API.
	CurrentTerms *api.Terms
}

// ErrOnlyList: no detail of the request is in the cache and the server
// was not asked (no session yet, offline) or did not answer: the detail
// shows what the list row holds, and says so.
var ErrOnlyList = errors.New("reqdetail: only the list's row is cached")

// Load asks the server (when signed in and reachable), caches the answer,
// and falls back to the cached detail offline.
func Load(c *client.Client, s *store.Store, id string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		msg := fetchDetail(ctx, c, s, id, now)
		if a, ok, err := s.CachedAPI(ctx, msg.Req.APIID); err == nil && ok { // without it: the names show, no terms compared
			msg.Labels = make(map[string]string, len(a.CustomFields))
			for _, f := range a.CustomFields {
				msg.Labels[f.Name] = f.Label
			}
			msg.CurrentTerms = &a.Terms
		}
		return msg
	}
}

// fetchDetail is Load's answer: the server's detail (cached as it comes), else
// the cached one.
func fetchDetail(ctx context.Context, c *client.Client, s *store.Store, id string, now time.Time) Msg {
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
		return Msg{ID: id, Err: fmt.Errorf("%w: %w", ErrOnlyList, netErr)}
	case !ok:
		return Msg{ID: id, Err: ErrOnlyList} // signed out, or a session not resumed (offline)
	}
	return Msg{ID: id, Req: r, CachedAt: at}
}

// CacheProblem is the toast that says the cache did not keep an answer
// (nil when it did).
func CacheProblem(com *common.Common, m Msg) tea.Cmd {
	if m.CacheErr == nil {
		return nil
	}
	return common.Toast(fmt.Sprintf(com.Text.Box.CacheNotSaved, common.Explain(com.Text, m.CacheErr)), true)
}

// Render draws a detail in lines of at most width cells. Nothing is cut:
// the person decides on what is written here (purpose, contact, custom
// fields, opinions, history), so long values wrap. A value sits beside its
// label, in a column of its own; when the pane leaves that column under
// 30 cells, a long value goes on under its label, two cells in, so it
// keeps most of the width.
func Render(com *common.Common, m Msg, loading bool, width int) []string {
	st, t := com.Styles, com.Text
	r := m.Req
	// minBeside: a value's column narrower than this takes none of it.
	const labelW, under, minBeside = 22, "  ", 8
	width = max(width, 10)
	narrow := width-labelW < 30
	// labels are the styled labels drawn, to their text: the SEI section
	// builds its lines with them, and they are told apart by them.
	labels := map[string]string{}
	label := func(s string) string {
		l := st.Subtle.Render(common.PadRight(s, labelW))
		labels[l] = s
		return l
	}
	// wrap breaks a styled text into lines of at most w cells (styles
	// carried over each break).
	wrap := func(s string, w int) []string {
		return strings.Split(lipgloss.Wrap(s, max(1, w), ""), "\n")
	}
	// hang wraps a styled text, its lines after the first indent cells in.
	hang := func(first, s string, indent int) []string {
		var out []string
		for i, l := range wrap(s, width-indent) {
			if i == 0 {
				out = append(out, first+l)
			} else {
				out = append(out, strings.Repeat(" ", indent)+l)
			}
		}
		return out
	}
	// styledField is a label and a value already styled (in parts).
	styledField := func(l, value string) []string {
		if ansi.StringWidth(l)+ansi.StringWidth(value) <= width {
			return []string{l + value}
		}
		return hang(l, value, labelW)
	}
	// field is a label and a value of one style; its own line breaks stay.
	field := func(l string, style lipgloss.Style, value string) []string {
		value = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ").Replace(value)
		if narrow && labels[l] == "" {
			// One more value of the label above (a custom field, an
			// attachment): under it, its own lines further in.
			var out []string
			for i, line := range common.Wrap(value, width-2*len(under)) {
				if i == 0 {
					out = append(out, under+style.Render(line))
				} else {
					out = append(out, under+under+style.Render(line))
				}
			}
			return out
		}
		if !narrow || ansi.StringWidth(l)+ansi.StringWidth(value) <= width {
			var out []string
			for i, para := range strings.Split(value, "\n") {
				first := l
				if i > 0 {
					first = strings.Repeat(" ", labelW)
				}
				out = append(out, hang(first, style.Render(para), labelW)...)
			}
			return out
		}
		paras := strings.Split(value, "\n")
		first := common.Wrap(paras[0], width-labelW)[0]
		out := []string{l + style.Render(first)}
		rest, ok := strings.CutPrefix(paras[0], first)
		if ok && strings.TrimSpace(first) != "" && width-labelW >= minBeside && ansi.StringWidth(first) <= width-labelW {
			paras[0] = strings.TrimLeft(rest, " ")
		} else {
			// Nothing of it beside the label (the column has no room,
			// or the first line is not the value's start as typed:
			// spaces before it): all of it goes under the label, so
			// none of it is lost.
			out = []string{l}
		}
		for i, para := range paras {
			if i == 0 && para == "" {
				continue
			}
			for _, line := range common.Wrap(para, width-len(under)) {
				out = append(out, under+style.Render(line))
			}
		}
		return out
	}
	when := func(s string) string {
		if tm, err := time.Parse(time.RFC3339, s); err == nil {
			return t.DateTime(tm)
		}
		return s
	}
	cred := api.CredentialStateLabel(r.CredentialState, t.Lang)
	lines := wrap(st.AppName.Render(t.DetailTitle+" "+r.ID)+"  "+StatusStyle(com, r.Status).Render(r.Status.Label(t.Lang))+
		st.Subtle.Render("  "+r.Environment.Label(t.Lang)), width)
	lines = append(lines, wrap(st.CardTitle.Render(r.APIName)+st.Subtle.Render(" ("+r.APIID+")"), width)...)
	if loading {
		lines = append(lines, st.Subtle.Render(t.DetailLoading))
	}
	switch {
	case errors.Is(m.Err, ErrOnlyList):
		lines = append(lines, wrap(st.Warning.Render(t.DetailOnlyList), width)...)
	case m.Err != nil:
		lines = append(lines, wrap(st.Error.Render(common.Explain(t, m.Err)), width)...)
	}
	if !m.CachedAt.IsZero() {
		lines = append(lines, wrap(st.Warning.Render(fmt.Sprintf(t.DetailCached, t.DateTime(m.CachedAt))), width)...)
	}
	lines = append(lines, "")
	lines = append(lines, field(label(t.DetailInstitution), st.Text, api.FormatCNPJ(r.Institution.CNPJ)+"  "+r.Institution.Name)...)
	lines = append(lines, field(label(t.DetailRequester), st.Text, r.Requester.Name+"  "+api.FormatCPF(r.Requester.CPF))...)
	lines = append(lines, field(label(t.DetailContact), st.Text,
		fmt.Sprintf("%s · %s · %s", r.TechnicalContact.Name, r.TechnicalContact.Email, r.TechnicalContact.Phone))...)
	lines = append(lines, field(label(t.DetailPurpose), st.Text, r.Purpose)...)
	lines = append(lines, field(label(t.DetailCreated), st.Text, when(r.CreatedAt))...)
	if r.DecidedAt != "" {
		lines = append(lines, field(label(t.DetailDecided), st.Text, when(r.DecidedAt))...)
	}
	sei, pending, failed := seiValue(t, m)
	seiStyle := st.Text
	switch {
	case pending:
		seiStyle = st.Warning
	case failed:
		seiStyle = st.Error
	}
	lines = append(lines, field(label(t.DetailSEI), seiStyle, sei)...)
	for _, l := range seiSection(com, m, label) {
		placed := false
		for styled := range labels {
			if value, ok := strings.CutPrefix(l, styled); ok {
				lines, placed = append(lines, styledField(styled, value)...), true
				break
			}
		}
		if !placed {
			lines = append(lines, wrap(l, width)...)
		}
	}
	lines = append(lines, field(label(t.DetailRule), st.Text, r.Rule.Label(t.Lang))...)
	if cur := m.CurrentTerms; cur != nil && r.Terms.Version != "" && cur.Version != "" && cur.Version != r.Terms.Version {
		// What is new: the terms changed since the request accepted them.
		lines = append(lines, field(label(t.Notice.TermsLabel), st.Warning, fmt.Sprintf(t.Notice.TermsChanged, r.Terms.Version, cur.Version))...)
	}
	lines = append(lines, field(label(t.DetailCredential), st.Text, cred)...)
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
			name := n
			if lb := m.Labels[n]; lb != "" {
				name = lb
			}
			lines = append(lines, field(label(l), st.Text, name+": "+r.CustomFields[n])...)
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
		lines = append(lines, field(label(l), st.Text, fmt.Sprintf("%s (%d KB)", a.Filename, (a.Size+1023)/1024))...)
	}
	if shown == 0 {
		lines = append(lines, field(label(t.DetailAttachments), st.Subtle, t.DetailNoAttachments)...)
	}
	if f := m.Form; f != nil {
		state := t.FormIncomplete
		if f.Complete {
			state = t.FormComplete
		}
		lines = append(lines, field(label(t.FormTitle), st.Text, state)...)
		if f.Project != "" {
			lines = append(lines, field(label(""), st.Text, f.EntityName+" · "+f.Project)...)
			lines = append(lines, field(label(""), st.Subtle, f.Justification)...)
		}
	}
	for _, l := range opinions(com, r, when, width) {
		lines = append(lines, wrap(l, width)...)
	}
	lines = append(lines, "", st.Bold.Render(t.DetailHistory))
	for _, e := range r.History {
		action := api.ActionLabel(e.Action, t.Lang)
		line := st.Subtle.Render(when(e.At)+"  ") + st.Text.Render(e.Actor) + st.Subtle.Render(" · "+action)
		// "cancelada → Cancelada" says it twice: the arrow only when the
		// status is news beyond the action's name.
		to := api.Status(e.ToStatus).Label(t.Lang)
		if e.ToStatus != "" && e.ToStatus != e.FromStatus && !strings.EqualFold(action, to) {
			line += st.Subtle.Render(" → ") + StatusStyle(com, api.Status(e.ToStatus)).Render(to)
		}
		lines = append(lines, hang("", line, 4)...)
		// An opinion's text is the event's justification: the section
		// above shows it whole.
		if e.Justification != "" && (e.Action != "opinion" || len(r.Opinions) == 0) {
			for i, l := range common.Wrap("“"+e.Justification+"”", width-5) {
				indent := "     "
				if i == 0 {
					indent = "    "
				}
				lines = append(lines, indent+st.Subtle.Render(l))
			}
		}
	}
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width) // a guard: every line above was made to fit
	}
	return lines
}
