package admin

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/table"
)

// notices is Avisos (notices:admin): every announcement, past and planned,
// with the maintenance window on top; n publishes one, x deletes the
// selected, m plans a window (or starts one now), M ends it.
type notices struct {
	*env
	list
	items  []api.Announcement
	window *api.Maintenance
	keys   struct{ New, Delete, Schedule, End key.Binding }
}

type noticesAdminMsg struct {
	items  []api.Announcement
	window *api.Maintenance
	err    error
}

// noticeDone is a form's result, and a confirmed deletion's or end's
// answer: the toast to show.
type noticeDone struct {
	toast string
	err   error
}

type deleteConfirmed struct{ id string }
type endConfirmed struct{}

func newNotices(e *env) *notices {
	t, b := e.com.Text.NoticeAdmin, common.Bind
	s := &notices{env: e}
	s.keys.New = b("n", t.KeyNew, "n")
	s.keys.Delete = b("x", t.KeyDelete, "x", "delete")
	s.keys.Schedule = b("m", t.KeySchedule, "m")
	s.keys.End = b("M", t.KeyEnd, "M")
	return s
}

func (s *notices) title() string        { return s.com.Text.NoticeAdmin.Section }
func (s *notices) perm() api.Permission { return api.PermNoticesAdmin }
func (s *notices) loaded() bool         { return s.done }
func (s *notices) capturing() bool      { return false }
func (s *notices) count() int           { return len(s.items) }

func (s *notices) load() tea.Cmd { return s.mb.Latest("notices", loadNoticesAdmin(s.com.Authed)) }

// help: x on a selected announcement, M while a window is planned or on.
func (s *notices) help() []key.Binding {
	keys := []key.Binding{s.keys.New}
	if s.sel < len(s.items) {
		keys = append(keys, s.keys.Delete)
	}
	keys = append(keys, s.keys.Schedule)
	if s.window != nil {
		keys = append(keys, s.keys.End)
	}
	return keys
}

func (s *notices) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case noticesAdminMsg:
		s.done, s.err = true, msg.err
		if msg.err == nil {
			s.items, s.window = msg.items, msg.window
			s.pick(len(s.items), func(i int) string { return s.items[i].ID })
		}
	case deleteConfirmed:
		s.problem = ""
		return s.mb.Every(deleteNotice(s.com.Authed, msg.id, s.com.Text.NoticeAdmin.Deleted)), true
	case endConfirmed:
		s.problem = ""
		return s.mb.Every(endMaintenance(s.com.Authed, s.com.Text.NoticeAdmin.Ended)), true
	case noticeDone:
		if msg.err != nil {
			s.problem = common.Explain(s.com.Text, msg.err)
			return nil, true
		}
		s.problem = ""
		// The lines under the header follow at once.
		return tea.Batch(common.Toast(msg.toast, false), s.load(), func() tea.Msg { return common.NoticesChangedMsg{} }), true
	default:
		return nil, false
	}
	return nil, true
}

func (s *notices) key(msg tea.KeyPressMsg) tea.Cmd {
	t := s.com.Text.NoticeAdmin
	if s.env.keys.move(msg, &s.sel, len(s.items), s.height-7) {
		return nil
	}
	switch {
	case key.Matches(msg, s.keys.New):
		return s.open(newNoticeForm(s.env))
	case key.Matches(msg, s.keys.Schedule):
		return s.open(scheduleForm(s.env))
	case key.Matches(msg, s.keys.End) && s.window != nil:
		s.com.Overlays.Push(confirm.New(s.com, s.mb.ID(), t.ConfirmEnd, endConfirmed{}, "s", "y"))
	case key.Matches(msg, s.keys.Delete) && s.sel < len(s.items):
		a := s.items[s.sel]
		s.com.Overlays.Push(confirm.New(s.com, s.mb.ID(), fmt.Sprintf(t.ConfirmDelete, common.Plain(a.Title.In(s.com.Lang))),
			deleteConfirmed{id: a.ID}, "s", "y"))
	}
	return nil
}

func (s *notices) view(width, height int) []string {
	st, t, n := s.com.Styles, s.com.Text, s.com.Text.NoticeAdmin
	window := st.Subtle.Render(n.NoWindow)
	if w := s.window; w != nil {
		start, end := w.Window()
		window = st.Warning.Render(fmt.Sprintf(n.Planned, t.DateTime(start), t.DateTime(end)))
		if w.Active {
			window = st.Error.Render(fmt.Sprintf(n.On, t.DateTime(end)))
		}
	}
	lines := []string{common.Truncate(window, width),
		common.Truncate(st.Subtle.Render(t.Plural(len(s.items), n.Count)), width)}
	lines = append(lines, status(s.env, &s.list)...)
	if !s.done {
		return lines
	}
	if len(s.items) == 0 {
		return append(lines, st.Subtle.Render(n.None))
	}
	when := func(v string) string {
		if at, err := time.Parse(time.RFC3339, v); err == nil {
			return t.DateTime(at)
		}
		return "—"
	}
	cols := []table.Column{{Title: n.ColTitle, Flex: true}, {Title: n.ColSeverity, Width: 8}, {Title: n.ColAudience, Width: 13},
		{Title: n.ColFrom, Width: 16}, {Title: n.ColUntil, Width: 16}}
	if width < 100 {
		cols = cols[:4] // at 80 columns the end gives way; the form and the ! list show it
	}
	cells := make([][]table.Cell, len(s.items))
	for i, a := range s.items {
		sev := t.Notice.Info
		style := st.Accent
		if a.Severity == api.SeverityWarning {
			sev, style = t.Notice.Warning, st.Warning
		}
		audience := n.Everyone
		if a.Audience != api.AudienceAll {
			audience = api.Role(a.Audience).Label(s.com.Lang)
		}
		row := []table.Cell{cell(common.Plain(a.Title.In(s.com.Lang)), st.Text), cell(sev, style), cell(audience, st.Subtle),
			cell(when(a.StartsAt), st.Subtle), cell(when(a.EndsAt), st.Subtle)}
		cells[i] = row[:len(cols)]
	}
	return append(lines, rows(s.env, cols, cells, s.sel, height-len(lines))...)
}

// newNoticeForm publishes an announcement; the times as an administrator
// types them (api.ParseWhen), checked before sending.
func newNoticeForm(e *env) spec {
	t, c, now := e.com.Text.NoticeAdmin, e.com.Authed, e.com.Now()
	roles := []string{api.AudienceAll, string(api.RoleRequester), string(api.RoleEvaluator), string(api.RoleAdmin)}
	names := []string{t.Everyone, api.RoleRequester.Label(e.com.Lang), api.RoleEvaluator.Label(e.com.Lang), api.RoleAdmin.Label(e.com.Lang)}
	return spec{kind: "notice", title: t.NewTitle, note: t.WhenNote, draft: "notice:new",
		fields: []field{textField("title.pt-BR", t.FieldTitle, "", api.MaxNoticeTitleLen), textField("title.en", t.FieldTitleEn, "", api.MaxNoticeTitleLen),
			textField("text.pt-BR", t.FieldText, "", api.MaxNoticeTextLen), textField("text.en", t.FieldTextEn, "", api.MaxNoticeTextLen),
			choiceField("severity", t.FieldSeverity, []string{string(api.SeverityInfo), string(api.SeverityWarning)},
				[]string{e.com.Text.Notice.Info, e.com.Text.Notice.Warning}, string(api.SeverityInfo)),
			choiceField("audience", t.FieldAudience, roles, names, api.AudienceAll),
			textField("starts_at", t.FieldFrom, "", 40), textField("ends_at", t.FieldUntil, "", 40)},
		check: func(v values) []api.FieldError {
			w, bad := noticeWrite(v, now, t.BadWhen)
			if api.VisibleLen(w.Title.PtBR) == 0 {
				bad = append(bad, api.FieldError{Field: "title.pt-BR", Message: t.TitleRequired})
			}
			return bad
		},
		send: func(v values) tea.Cmd {
			w, _ := noticeWrite(v, now, t.BadWhen)
			return publishNotice(c, w, t.Published)
		}}
}

// noticeWrite is the form's announcement; bad names a time it cannot read.
func noticeWrite(v values, now time.Time, badWhen string) (api.AnnouncementWrite, []api.FieldError) {
	w := api.AnnouncementWrite{Title: api.Localized{PtBR: v["title.pt-BR"], En: v["title.en"]},
		Text: api.Localized{PtBR: v["text.pt-BR"], En: v["text.en"]}, Severity: api.Severity(v["severity"]), Audience: v["audience"]}
	var bad []api.FieldError
	for key, into := range map[string]*string{"starts_at": &w.StartsAt, "ends_at": &w.EndsAt} {
		at, err := api.ParseWhen(v[key], now)
		if err != nil {
			bad = append(bad, api.FieldError{Field: key, Message: badWhen})
		}
		*into = at
	}
	return w, bad
}

// scheduleForm plans a window: its start (empty: now, by the server's
// clock), its length and the reason.
func scheduleForm(e *env) spec {
	t, c, now := e.com.Text.NoticeAdmin, e.com.Authed, e.com.Now()
	return spec{kind: "maintenance", title: t.ScheduleTitle, note: t.WhenNote + t.LengthNote, draft: "maintenance",
		fields: []field{textField("starts_at", t.FieldStart, "", 40), textField("duration", t.FieldDuration, "30m", 10),
			textField("message.pt-BR", t.FieldReason, "", api.MaxNoticeTextLen), textField("message.en", t.FieldReasonEn, "", api.MaxNoticeTextLen)},
		check: func(v values) []api.FieldError {
			_, bad := windowWrite(v, now, t.BadWhen, t.BadDuration)
			return bad
		},
		send: func(v values) tea.Cmd {
			w, _ := windowWrite(v, now, t.BadWhen, t.BadDuration)
			return scheduleMaintenance(c, w, t.Scheduled)
		}}
}

func windowWrite(v values, now time.Time, badWhen, badDuration string) (api.MaintenanceWrite, []api.FieldError) {
	w := api.MaintenanceWrite{Message: api.Localized{PtBR: v["message.pt-BR"], En: v["message.en"]}}
	var bad []api.FieldError
	start, err := api.ParseWhen(v["starts_at"], now)
	if err != nil {
		bad = append(bad, api.FieldError{Field: "starts_at", Message: badWhen})
	}
	length, err := time.ParseDuration(strings.TrimSpace(v["duration"]))
	if err != nil || length <= 0 || length > api.MaxMaintenance {
		bad = append(bad, api.FieldError{Field: "duration", Message: badDuration})
	}
	w.StartsAt = start
	begin := now
	if at, err := time.Parse(time.RFC3339, start); err == nil {
		begin = at
	}
	w.EndsAt = begin.Add(length).UTC().Format(time.RFC3339)
	return w, bad
}

func loadNoticesAdmin(c *client.Client) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.Announcements(ctx, true)
		if err != nil {
			return noticesAdminMsg{err: err}
		}
		window, err := c.Maintenance(ctx)
		return noticesAdminMsg{items: items, window: window, err: err}
	}
}

func publishNotice(c *client.Client, w api.AnnouncementWrite, toast string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		_, err := c.CreateAnnouncement(ctx, w)
		return formAnswer{result: noticeDone{toast: toast}, err: err}
	}
}

func scheduleMaintenance(c *client.Client, w api.MaintenanceWrite, toast string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		_, err := c.SetMaintenance(ctx, w)
		return formAnswer{result: noticeDone{toast: toast}, err: err}
	}
}

func deleteNotice(c *client.Client, id, toast string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		return noticeDone{toast: toast, err: c.DeleteAnnouncement(ctx, id)}
	}
}

func endMaintenance(c *client.Client, toast string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		return noticeDone{toast: toast, err: c.EndMaintenance(ctx)}
	}
}
