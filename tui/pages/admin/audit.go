package admin

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/table"
	"github.com/gecli/gecli/tui/i18n"
)

// The audit trail can hold millions of events: the section keeps a window
// of a few pages around the selection and reads the next (or previous)
// page by its cursor as the person scrolls.
const (
	auditPageSize = 50
	auditKeep     = 4 // pages held at once
)

type audit struct {
	*env
	limit   int
	filter  client.AuditQuery
	cursors []string // cursors[n] reads page n (cursors[0] is "")
	starts  []int    // starts[n] is the index of page n's first event
	base    int      // the page number of pages[0]
	pages   [][]api.AuditEvent
	end     bool // the window reaches the trail's oldest event
	sel     int  // index in the whole trail, newest first
	done    bool
	err     error
	verify  *api.AuditVerification
	vErr    error
	keys    struct{ Open, Filter, Verify, Clear key.Binding }
}

type auditMsg struct {
	n    int
	page api.AuditPage
	err  error
}

// auditFiltered is the filter form's result.
type auditFiltered struct{ q client.AuditQuery }

type verifiedMsg struct {
	v   api.AuditVerification
	err error
}

func newAudit(e *env) *audit {
	t, b := e.com.Text, common.Bind
	s := &audit{env: e, limit: auditPageSize}
	s.keys.Open = b("enter", t.Admin.KeyEvent, "enter")
	s.keys.Filter = b("f", t.Admin.KeyFilter, "f")
	s.keys.Verify = b("v", t.Admin.KeyVerify, "v")
	s.keys.Clear = b("esc", t.Admin.KeyClearFilter, "esc")
	s.reset()
	return s
}

func (s *audit) title() string        { return s.com.Text.Admin.SecAudit }
func (s *audit) perm() api.Permission { return api.PermAuditRead }
func (s *audit) loaded() bool         { return s.done }
func (s *audit) capturing() bool      { return false }

func (s *audit) help() []key.Binding {
	return []key.Binding{s.keys.Open, s.keys.Filter, s.keys.Verify, s.env.keys.Down}
}

// reset forgets the window (the filters changed): page 0 is read again.
func (s *audit) reset() {
	s.cursors, s.starts, s.base, s.pages, s.end, s.sel = []string{""}, []int{0}, 0, nil, false, 0
}

func (s *audit) load() tea.Cmd { return s.fetch(0) }

func (s *audit) fetch(n int) tea.Cmd {
	q := s.filter
	q.Cursor, q.Limit = s.cursors[n], s.limit
	return s.mb.Latest("audit", readAudit(s.com.Authed, n, q))
}

// span is the trail's indexes held: [first, end).
func (s *audit) span() (first, end int) {
	first = s.starts[s.base]
	end = first
	for _, p := range s.pages {
		end += len(p)
	}
	return first, end
}

func (s *audit) event(i int) *api.AuditEvent {
	at := s.starts[s.base]
	for _, p := range s.pages {
		if i < at+len(p) {
			return &p[i-at]
		}
		at += len(p)
	}
	return nil
}

// want reads the page next to the window once the selection comes within
// a screen of its edge.
func (s *audit) want() tea.Cmd {
	if s.mb.Pending("audit") || s.com.Authed == nil {
		return nil
	}
	first, end := s.span()
	// Within a screen of an edge, but less than a third of what is held:
	// a read at one edge must never bring the other edge into reach.
	margin := min(max(5, s.height), auditKeep*s.limit/3)
	switch {
	case s.sel >= end-margin && !s.end:
		return s.fetch(s.base + len(s.pages))
	case s.sel < first+margin && s.base > 0:
		return s.fetch(s.base - 1)
	}
	return nil
}

// place puts page n into the window, dropping the page at the far edge
// when it holds too many.
func (s *audit) place(n int, p api.AuditPage) {
	switch n {
	case s.base + len(s.pages):
		s.pages = append(s.pages, p.Items)
		if n+1 == len(s.cursors) && p.NextCursor != "" {
			s.cursors = append(s.cursors, p.NextCursor)
			s.starts = append(s.starts, s.starts[n]+len(p.Items))
		}
		s.end = p.NextCursor == ""
		if len(s.pages) > auditKeep {
			s.pages, s.base = s.pages[1:], s.base+1
		}
	case s.base - 1:
		s.pages, s.base = append([][]api.AuditEvent{p.Items}, s.pages...), n
		if len(s.pages) > auditKeep {
			s.pages, s.end = s.pages[:auditKeep], false
		}
	}
}

func (s *audit) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case auditMsg:
		s.done, s.err = true, msg.err
		if msg.err != nil {
			return nil, true
		}
		s.place(msg.n, msg.page)
		first, end := s.span()
		s.sel = max(first, min(s.sel, end-1))
		return s.want(), true
	case auditFiltered:
		s.filter = msg.q
		s.reset()
		return s.load(), true
	case verifiedMsg:
		s.verify, s.vErr = &msg.v, msg.err
	default:
		return nil, false
	}
	return nil, true
}

func (s *audit) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	first, end := s.span()
	switch {
	case key.Matches(msg, s.env.keys.Home) && s.base > 0:
		s.reset() // back to the newest: read again from the top
		return s.load()
	case s.env.keys.move(msg, &s.sel, end, s.height-6):
		s.sel = max(first, s.sel)
		return s.want()
	case key.Matches(msg, k.Open):
		if e := s.event(s.sel); e != nil {
			s.com.Overlays.Push(newEventBox(s.env, *e))
		}
	case key.Matches(msg, k.Filter):
		return s.open(auditFilterForm(s.env, s.filter))
	case key.Matches(msg, k.Clear) && s.filter != (client.AuditQuery{}):
		s.filter = client.AuditQuery{}
		s.reset()
		return s.load()
	case key.Matches(msg, k.Verify):
		s.verify, s.vErr = nil, nil
		return s.mb.Latest("audit.verify", verifyAudit(s.com.Authed))
	}
	return nil
}

func readAudit(c *client.Client, n int, q client.AuditQuery) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		p, err := c.Audit(ctx, q)
		return auditMsg{n: n, page: p, err: err}
	}
}

func verifyAudit(c *client.Client) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		v, err := c.VerifyAudit(ctx)
		return verifiedMsg{v: v, err: err}
	}
}

func (s *audit) view(width, height int) []string {
	st, t := s.com.Styles, s.com.Text
	lines := []string{common.Truncate(s.filterLine(), width)}
	lines = append(lines, s.verifyLines(width)...)
	first, end := s.span()
	switch {
	case s.err != nil:
		return append(lines, wrap(st.Error, common.Explain(t, s.err), width)...)
	case !s.done:
		return append(lines, st.Subtle.Render(t.Admin.Loading))
	case end == 0:
		return append(lines, st.Subtle.Render(t.Admin.NoEvents))
	}
	room := max(1, height-len(lines)-2) // header and the position line
	top := max(first, min(s.sel-room/2, end-room))
	narrow := width < 100
	date := func(at string) string { return when(s.env, at) }
	dateW := 16
	if narrow {
		// Narrow: day and time only (the detail has the year).
		date = func(at string) string { return shortWhen(s.env, at) }
		dateW = 12
	}
	var rows [][]string
	for i := top; i < end && len(rows) < room; i++ {
		e := s.event(i)
		rows = append(rows, []string{fmt.Sprint(e.Seq), date(e.At), actorOf(e), actionLabel(t, e.Action), targetLabel(e.Target)})
	}
	// Each column fits what is on screen: the actor and the action whole
	// when there is room, the target taking the rest.
	longest := func(col, least int) int {
		w := least
		for _, r := range rows {
			w = max(w, ansi.StringWidth(r[col]))
		}
		return w
	}
	seqW := longest(0, 1)
	fixed := dateW + 3 // the date and the gaps between four columns
	if !narrow {
		fixed += seqW + 1 // and the number, one more gap
	}
	actW := min(longest(3, len([]rune(t.Admin.ColAction))), 30)
	targetW := min(longest(4, 10), 20) // what the target keeps at least
	actorW := max(10, min(longest(2, len([]rune(t.Admin.ColActor))), width-fixed-actW-targetW))
	cols := []table.Column{{Title: "#", Width: seqW}, {Title: t.ColDate, Width: dateW}, {Title: t.Admin.ColActor, Width: actorW},
		{Title: t.Admin.ColAction, Width: actW}, {Title: t.Admin.ColTarget, Flex: true}}
	styles := []lipgloss.Style{st.Subtle, st.Subtle, st.Text, st.Accent, st.Text}
	if narrow {
		cols, styles = cols[1:], styles[1:] // the position line and the detail say the number
	}
	cells := make([][]table.Cell, len(rows))
	for i, r := range rows {
		if narrow {
			r = r[1:]
		}
		for j, text := range r {
			cells[i] = append(cells[i], cell(text, styles[j]))
		}
	}
	tst := table.Styles{Header: st.Bold.Underline(true), Selected: st.FilterOn.Padding(0)}
	lines = append(lines, splitLines(table.Render(tst, cols, cells, s.sel-top, width))...)
	pos := fmt.Sprintf(t.Admin.AuditPosition, s.sel+1, first+1, end)
	if s.mb.Pending("audit") {
		pos += "  " + t.Admin.LoadingMore
	} else if s.end {
		pos += "  " + t.Admin.AuditEnd
	}
	return append(lines, st.Subtle.Render(common.Truncate(pos, width)))
}

// actorOf is who acted, by name when the trail has one.
func actorOf(e *api.AuditEvent) string {
	if e.ActorName != "" {
		return e.ActorName
	}
	return e.Actor
}

// actionLabel reads an action code in the UI's language: the admin
// actions by name, a request's by its history's label; an unknown code
// as it came (the event's detail always shows the code).
func actionLabel(t *i18n.Text, code string) string {
	if l, ok := t.Admin.Actions[code]; ok {
		return l
	}
	if a, ok := strings.CutPrefix(code, "request."); ok {
		// Known to the history (its Portuguese label differs from the
		// code; an English one may not).
		if api.ActionLabel(a, api.PtBR) != a {
			return t.Admin.RequestAction + api.ActionLabel(a, t.Lang)
		}
	}
	return code
}

// targetLabel shows an institution by its formatted CNPJ and a person by
// the username; other targets as kind:id.
func targetLabel(target string) string {
	kind, id, ok := strings.Cut(target, ":")
	switch {
	case !ok:
	case kind == "institution":
		return api.FormatCNPJ(id)
	case kind == "user":
		return id
	}
	return target
}

func (s *audit) filterLine() string {
	st, t := s.com.Styles, s.com.Text.Admin
	f := s.filter
	if f == (client.AuditQuery{}) {
		return st.Subtle.Render(t.NoFilter)
	}
	var parts string
	for _, p := range [][2]string{{t.ColActor, f.Actor}, {t.ColAction, f.Action}, {t.ColTarget, f.Target}} {
		if p[1] != "" {
			parts += st.Subtle.Render(p[0]+": ") + st.FilterOn.Render(p[1]) + "  "
		}
	}
	return parts + st.Subtle.Render(t.ClearFilterHint)
}

func (s *audit) verifyLines(width int) []string {
	st, t := s.com.Styles, s.com.Text
	switch {
	case s.mb.Pending("audit.verify"):
		return []string{st.Subtle.Render(t.Admin.Verifying)}
	case s.vErr != nil:
		return wrap(st.Error, common.Explain(t, s.vErr), width)
	case s.verify == nil:
		return nil
	case s.verify.OK:
		v := s.verify
		return wrap(st.Success, fmt.Sprintf(t.Admin.VerifyOK, t.Plural(int(v.Events), t.Admin.VerifyEvents),
			t.Plural(int(v.Requests), t.Admin.VerifyHistories), t.Plural(int(v.Checkpoints), t.Admin.VerifyCheckpoints)), width)
	}
	b := s.verify.Broken
	if b == nil {
		b = &api.AuditBreak{}
	}
	return wrap(st.Error, fmt.Sprintf(t.Admin.VerifyBroken, b.Chain, b.At, b.Reason), width)
}
