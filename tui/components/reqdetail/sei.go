package reqdetail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/route"
)

// The link states of api.Request.SEIState ("" is a server without the
// SEI integration: the number is what the requester typed).
const (
	seiPending = "pending"
	seiLinked  = "linked"
	seiFailed  = "failed"
)

// The mailbox questions of the SEI section: its read, and a retry.
const (
	QuestionSEI      = "sei"
	QuestionSEIRetry = "sei-retry"
)

// SEIMsg is a request's SEI process, its sends and their log, as the
// server tells them now: the answer of LoadSEI, or of RetrySEI (Retry).
type SEIMsg struct {
	ID     string
	Status api.SEIStatus
	Err    error
	Retry  bool
}

// LoadSEI reads a request's SEI section (the server refreshes it from
// SEI, waiting a few seconds at most).
func LoadSEI(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s, err := c.RequestSEI(ctx, id)
		return SEIMsg{ID: id, Status: s, Err: err}
	}
}

// RetrySEI puts what SEI refused for a request back in line
// (requests:revoke); the answer is the section afterwards.
func RetrySEI(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		s, err := c.RetrySEI(ctx, id)
		return SEIMsg{ID: id, Status: s, Err: err, Retry: true}
	}
}

// Reread is the detail next on screen in place of prev: what prev knew
// of SEI stays until the section is read again, so a background re-read
// does not blank it.
func Reread(prev, next Msg) Msg {
	if next.ID == prev.ID && next.SEI == nil && next.SEIErr == nil {
		next.SEI, next.SEIErr = prev.SEI, prev.SEIErr
	}
	return next
}

// WantsSEI says whether the SEI section of next (just loaded, replacing
// prev) should be read: only from the server (offline, the cached
// request's state is all there is), only where the server links requests
// to SEI, and not again for a linked request that did not change (each
// read asks SEI itself).
func WantsSEI(prev, next Msg) bool {
	if next.Err != nil || !next.CachedAt.IsZero() || next.Req.SEIState == "" {
		return false
	}
	return prev.SEI == nil || prev.ID != next.ID || prev.Req.Seq != next.Req.Seq || next.Req.SEIState != seiLinked
}

// ReadSEI is the Cmd that reads next's SEI section through mb, when it
// should be read (WantsSEI); nil otherwise.
func ReadSEI(com *common.Common, mb *route.Mailbox, prev, next Msg) tea.Cmd {
	if com.Authed == nil || !WantsSEI(prev, next) {
		return nil
	}
	return mb.Latest(QuestionSEI, LoadSEI(com.Authed, next.ID))
}

// SEIAnswered puts an answer in the detail m on screen (when it is the
// same request) and returns what it calls for: nothing for a read; for a
// retry, a toast and a sync (the request's state changed on the server),
// or the section read again when nothing was left to retry.
func SEIAnswered(com *common.Common, mb *route.Mailbox, m *Msg, s SEIMsg) tea.Cmd {
	t := com.Text
	mine := m.ID == s.ID
	if !s.Retry {
		if mine {
			if s.Err != nil {
				m.SEI, m.SEIErr = nil, s.Err
			} else {
				st := s.Status
				m.SEI, m.SEIErr = &st, nil
			}
		}
		return nil
	}
	if s.Err != nil {
		var pe *client.ProblemError
		if errors.As(s.Err, &pe) && pe.Problem.Code == api.CodeRequestState {
			cmd := common.Toast(t.SEI.NothingToRetry, true)
			if mine && com.Authed != nil {
				cmd = tea.Batch(cmd, mb.Latest(QuestionSEI, LoadSEI(com.Authed, s.ID)))
			}
			return cmd
		}
		return common.Toast(common.Explain(t, s.Err), true)
	}
	n := 0
	if mine && m.SEI != nil {
		n = sends(*m.SEI).failed
	}
	if n == 0 {
		n = sends(s.Status).pending
	}
	if mine {
		st := s.Status
		m.SEI, m.SEIErr = &st, nil
	}
	return tea.Batch(common.Toast(fmt.Sprintf(t.SEI.Retried, s.ID, t.Plural(n, t.SEI.SendCount)), false),
		func() tea.Msg { return common.SyncRequestsMsg{} })
}

// SEIKeys are the detail's SEI keys: copy the process's link, retry
// what SEI refused, and open the SEI box (the process, every send and
// the full log of calls).
type SEIKeys struct{ CopyLink, Retry, Box key.Binding }

// NewSEIKeys binds c (copy), R (retry: shift, as it writes to SEI) and S
// (the SEI box; free on both pages that show a detail).
func NewSEIKeys(t *i18n.Text) SEIKeys {
	return SEIKeys{CopyLink: common.Bind("c", t.SEI.KeyCopyLink, "c"), Retry: common.Bind("R", t.SEI.KeyRetry, "R"),
		Box: common.Bind("S", t.SEI.KeyBox, "S")}
}

// Offered are the keys that act on m now, for the help and footer: copy
// when SEI gave a link, retry for whoever holds requests:revoke when a
// send failed, the box for whoever reads every request once the server
// told the request's SEI section.
func (k SEIKeys) Offered(com *common.Common, m Msg) []key.Binding {
	var out []key.Binding
	if link(m) != "" {
		out = append(out, k.CopyLink)
	}
	if MayRetry(com, m) {
		out = append(out, k.Retry)
	}
	if MayOpenBox(com, m) {
		out = append(out, k.Box)
	}
	return out
}

// MayRetry: the person holds requests:revoke, is signed in, and some send
// of the request on screen failed.
func MayRetry(com *common.Common, m Msg) bool {
	return com.Me != nil && com.Me.Can(api.PermRequestsRevoke) && com.Authed != nil && m.SEI != nil &&
		m.ID == m.Req.ID && sends(*m.SEI).failed > 0
}

// MayOpenBox: the person holds requests:read or requests:revoke (issue
// 16: the full log is for evaluators and admins), and the server told the
// SEI section of the request on screen.
func MayOpenBox(com *common.Common, m Msg) bool {
	return com.Me != nil && (com.Me.Can(api.PermRequestsRead) || com.Me.Can(api.PermRequestsRevoke)) &&
		m.SEI != nil && m.ID == m.Req.ID
}

// Key acts on a key press on the detail m, whose page's mailbox is mb
// (the SEI box opens on the page's behalf, owned by it); handled is false
// when msg is none of these keys or the key does not apply now (then it
// does nothing).
func (k SEIKeys) Key(com *common.Common, mb *route.Mailbox, m Msg, msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool) {
	switch {
	case key.Matches(msg, k.CopyLink) && link(m) != "":
		return common.Copy(com, com.Text.SEI.LinkLabel, link(m)), true
	case key.Matches(msg, k.Retry) && MayRetry(com, m):
		return retry(com, mb, m), true
	case key.Matches(msg, k.Box) && MayOpenBox(com, m):
		com.Overlays.Push(NewSEIBox(com, mb.ID(), k, m))
		return nil, true
	}
	return nil, false
}

// retry asks the server, through mb, to send again what SEI refused for
// m, once: a second R while the first is on its way does nothing.
func retry(com *common.Common, mb *route.Mailbox, m Msg) tea.Cmd {
	if mb.Pending(QuestionSEIRetry) {
		return nil
	}
	return tea.Batch(common.Toast(fmt.Sprintf(com.Text.SEI.Retrying, m.ID), false),
		mb.Latest(QuestionSEIRetry, RetrySEI(com.Authed, m.ID)))
}

func link(m Msg) string {
	if m.SEI == nil {
		return ""
	}
	return m.SEI.Process.Link
}

// tally counts a request's sends by state; next is the earliest retry of
// a pending one, failure the message of the first that failed (the
// process's own, when it failed).
type tally struct {
	sent, pending, failed int
	next                  time.Time
	failure               string
}

func sends(s api.SEIStatus) tally {
	var c tally
	for _, it := range s.Items {
		switch it.State {
		case "sent":
			c.sent++
		case "pending":
			c.pending++
			if at, err := time.Parse(time.RFC3339, it.NextAt); err == nil && (c.next.IsZero() || at.Before(c.next)) {
				c.next = at
			}
		case "failed":
			c.failed++
			if c.failure == "" || it.Kind == "process" {
				c.failure = oneLine(it.Result)
			}
		}
	}
	return c
}

// seiValue is the "Processo SEI" line's value and whether it is a
// warning (pending) or an error (failed).
func seiValue(t *i18n.Text, m Msg) (text string, pending, failed bool) {
	r := m.Req
	switch r.SEIState {
	case seiPending:
		if r.SEIProcess != "" {
			return t.SEI.Pending + " (" + fmt.Sprintf(t.SEI.ToCheck, r.SEIProcess) + ")", true, false
		}
		return t.SEI.Pending, true, false
	case seiFailed:
		text = t.SEI.Failed
		if m.SEI != nil {
			if f := sends(*m.SEI).failure; f != "" {
				text += ": " + f
			}
		}
		if r.SEIProcess != "" {
			text += " (" + fmt.Sprintf(t.SEI.Typed, r.SEIProcess) + ")"
		}
		return text, false, true
	}
	if r.SEIProcess == "" {
		return "—", false, false
	}
	return r.SEIProcess, false, false
}

// seiSection is what the server said of the process just now: SEI's
// type, the units where it is open, its last movement, its link and the
// sends' summary. Nothing offline or without the integration.
func seiSection(com *common.Common, m Msg, label func(string) string) []string {
	st, t := com.Styles, com.Text
	if m.SEIErr != nil {
		if client.IsOffline(m.SEIErr) {
			return nil // offline: the cached state above is all there is
		}
		return []string{label("") + st.Subtle.Render(fmt.Sprintf(t.SEI.Unavailable, common.Explain(t, m.SEIErr)))}
	}
	if m.SEI == nil || m.Req.SEIState == "" {
		return nil
	}
	p := m.SEI.Process
	var lines []string
	if !p.Refreshed && p.RefreshFailed != "" {
		lines = append(lines, label("")+st.Warning.Render(t.SEI.NotRefreshed))
	}
	if p.Type != "" {
		lines = append(lines, label(t.SEI.Type)+st.Text.Render(p.Type))
	}
	if len(p.OpenUnits) > 0 {
		lines = append(lines, label(t.SEI.Units)+st.Text.Render(strings.Join(p.OpenUnits, ", ")))
	}
	if p.LastMovement != "" {
		moved := oneLine(p.LastMovement)
		if p.LastMovedAt != "" {
			moved += st.Subtle.Render(" · " + seiTime(t, p.LastMovedAt))
		}
		lines = append(lines, label(t.SEI.LastMovement)+st.Text.Render(moved))
	}
	if p.Link != "" {
		lines = append(lines, label(t.SEI.Link)+st.Text.Render(p.Link))
	}
	return append(lines, label(t.SEI.Sends)+sendsSummary(com, *m.SEI))
}

// sendsSummary is one line: "3 envios: 2 enviados, 1 pendente (próxima
// tentativa 14:05)"; a single send is said alone ("1 falhou: <SEI's
// message>").
func sendsSummary(com *common.Common, s api.SEIStatus) string {
	st, t := com.Styles, com.Text
	if len(s.Items) == 0 {
		return st.Subtle.Render(t.SEI.NoSends)
	}
	c := sends(s)
	var parts []string
	if c.sent > 0 {
		parts = append(parts, st.Text.Render(t.Plural(c.sent, t.SEI.SentCount)))
	}
	if c.pending > 0 {
		part := t.Plural(c.pending, t.SEI.PendingCount)
		if !c.next.IsZero() {
			part += " (" + fmt.Sprintf(t.SEI.NextAttempt, clock(com, c.next)) + ")"
		}
		parts = append(parts, st.Warning.Render(part))
	}
	if c.failed > 0 {
		part := t.Plural(c.failed, t.SEI.FailedCount)
		if c.failure != "" {
			part += ": " + c.failure
		}
		parts = append(parts, st.Error.Render(part))
	}
	line := strings.Join(parts, st.Text.Render(", "))
	if len(s.Items) > 1 {
		line = st.Text.Render(t.Plural(len(s.Items), t.SEI.SendCount)+": ") + line
	}
	return line
}

// clock is a time of today as hh:mm, of another day with its date.
func clock(com *common.Common, at time.Time) string {
	if com.Now != nil {
		now := com.Now().Local()
		if y, m, d := at.Local().Date(); y == now.Year() && m == now.Month() && d == now.Day() {
			return at.Local().Format("15:04")
		}
	}
	return com.Text.DateTime(at)
}

// seiTime writes SEI's "dd/mm/aaaa hh:mm:ss" (its own clock, shown as
// is) the way the UI's language writes dates.
func seiTime(t *i18n.Text, s string) string {
	for _, layout := range []string{"02/01/2006 15:04:05", "02/01/2006 15:04", time.RFC3339} {
		if tm, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t.DateTime(tm)
		}
	}
	return s
}

// oneLine keeps a message from SEI on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
