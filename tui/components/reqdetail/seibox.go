package reqdetail

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// SEIBox is a request's whole SEI section in a box (issue 16: "admins
// see the full log and can retry a failed item"): the process, each
// send, and every call to SEI, newest first, wrapped to the room it is
// drawn in and scrolled with the arrows, pgup/pgdn, g and G. R sends
// again what SEI refused, as on the detail.
//
// The box keeps its own copy of the detail: the answer of its retry
// comes to the box (its mailbox) and redraws it; the page hands it the
// reads it gets meanwhile (Follow); on esc the box gives the page what
// only the box learnt (an SEIMsg), so the detail underneath is as fresh.
type SEIBox struct {
	overlay.Base
	com *common.Common
	m   Msg
	// own: the box holds an answer of its own the page has not seen.
	own bool
	// problem: the box's last read failed (what it shows stays).
	problem string
	offset  int
	// total and room are the last drawing's lines and the lines it had
	// for them: the scroll keys move within what was seen.
	total, room int
	keys        seiBoxKeys
}

type seiBoxKeys struct{ Up, Down, PageUp, PageDown, Home, End, Retry, Close key.Binding }

// NewSEIBox opens the box on the detail m, for the page owner; k are the
// detail's SEI keys (R works the same inside).
func NewSEIBox(com *common.Common, owner route.ID, k SEIKeys, m Msg) *SEIBox {
	t, b := com.Text, common.Bind
	return &SEIBox{Base: overlay.NewBase("sei", owner), com: com, m: m, keys: seiBoxKeys{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown", "space"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		Retry: k.Retry, Close: b("esc", t.Box.KeyClose, "esc"),
	}}
}

// ID is the request the box shows.
func (b *SEIBox) ID() string { return b.m.ID }

// Follow shows a newer read of the same request the page got (a sync
// brought changes while the box was open); a detail without its SEI
// section leaves the box as it is.
func (b *SEIBox) Follow(m Msg) {
	if m.ID == b.m.ID && m.SEI != nil {
		b.m, b.own, b.problem = m, false, ""
	}
}

// FollowInBox hands m to the SEI box that owner has open, if any.
func FollowInBox(com *common.Common, owner route.ID, m Msg) {
	if com.Overlays == nil {
		return
	}
	if box, ok := overlay.Of[*SEIBox](com.Overlays, owner); ok {
		box.Follow(m)
	}
}

func (b *SEIBox) ShortHelp() []key.Binding {
	keys := []key.Binding{b.keys.Down, b.keys.PageDown, b.keys.End}
	if MayRetry(b.com, b.m) {
		keys = append(keys, b.keys.Retry)
	}
	return append(keys, b.keys.Close)
}

func (b *SEIBox) FullHelp() [][]key.Binding {
	k := b.keys
	last := []key.Binding{k.Close}
	if MayRetry(b.com, b.m) {
		last = []key.Binding{k.Retry, k.Close}
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, last}
}

func (b *SEIBox) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case SEIMsg:
		return b.answered(msg)
	case tea.KeyPressMsg:
		return b.key(msg)
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelDown {
			b.scroll(3)
		} else {
			b.scroll(-3)
		}
	}
	return nil
}

// answered takes the answer of the box's retry (or of the read a retry
// with nothing left to retry asks for), as the detail would.
func (b *SEIBox) answered(msg SEIMsg) overlay.Action {
	if !msg.Retry && msg.Err != nil {
		b.problem = fmt.Sprintf(b.com.Text.SEI.Unavailable, common.Explain(b.com.Text, msg.Err))
		return nil // what the box shows stays
	}
	cmd := SEIAnswered(b.com, b.Mailbox(), &b.m, msg)
	if msg.Err == nil {
		b.own, b.problem = true, ""
	}
	return overlay.Run{Cmd: cmd}
}

func (b *SEIBox) key(msg tea.KeyPressMsg) overlay.Action {
	k := b.keys
	switch {
	case key.Matches(msg, k.Close):
		if b.own && b.m.SEI != nil {
			return overlay.Close{Result: SEIMsg{ID: b.m.ID, Status: *b.m.SEI}}
		}
		return overlay.Close{}
	case key.Matches(msg, k.Retry) && MayRetry(b.com, b.m):
		return overlay.Run{Cmd: retry(b.com, b.Mailbox(), b.m)}
	case key.Matches(msg, k.Down):
		b.scroll(1)
	case key.Matches(msg, k.Up):
		b.scroll(-1)
	case key.Matches(msg, k.PageDown):
		b.scroll(max(1, b.room-1))
	case key.Matches(msg, k.PageUp):
		b.scroll(-max(1, b.room-1))
	case key.Matches(msg, k.Home):
		b.offset = 0
	case key.Matches(msg, k.End):
		b.offset = b.total // View keeps it at the last screenful
	}
	return nil
}

func (b *SEIBox) scroll(n int) { b.offset = max(0, min(b.offset+n, b.total-b.room)) }

// View draws the box in width cells and height lines: its title, the
// lines in view, and where they are when not all fit.
func (b *SEIBox) View(width, height int) string {
	st, t := b.com.Styles, b.com.Text
	width = max(20, width)
	body := b.body(width)
	room := len(body)
	if height > 0 && len(body) > height-1 {
		room = max(1, height-2) // the title, and the line that says where
	}
	b.total, b.room = len(body), room
	b.offset = max(0, min(b.offset, len(body)-room))
	lines := []string{st.Warning.Render(common.Truncate(fmt.Sprintf(t.SEI.BoxTitle, b.m.ID, b.m.Req.APIName), width))}
	lines = append(lines, body[b.offset:b.offset+room]...)
	if room < len(body) {
		where := fmt.Sprintf(t.SEI.Scrolled, t.Number(b.offset+1), t.Number(b.offset+room), t.Number(len(body)))
		lines = append(lines, st.Subtle.Render(common.Truncate(where, width)))
	}
	return strings.Join(lines, "\n")
}

// body is every line of the box: the process, the sends, the calls.
func (b *SEIBox) body(width int) []string {
	st, t := b.com.Styles, b.com.Text
	s := b.m.SEI
	var lines []string
	if b.problem != "" {
		lines = append(lines, wrap(st.Error, b.problem, width, 0)...)
	}
	if s == nil { // a box opens on an answer; a failed read said why above
		return append(lines, wrap(st.Subtle, fmt.Sprintf(t.SEI.Unavailable, common.Explain(t, b.m.SEIErr)), width, 0)...)
	}
	field := fieldWriter(b.com, width)
	p := s.Process
	lines = append(lines, "", st.Bold.Render(t.SEI.ProcessHeading))
	if !p.Refreshed && p.RefreshFailed != "" {
		lines = append(lines, wrap(st.Warning, fmt.Sprintf(t.SEI.RefreshFailed, oneLine(p.RefreshFailed)), width, 0)...)
	}
	number := p.Number
	if number == "" {
		number = "—"
	}
	lines = append(lines, field(t.SEI.Number, st.Text, number)...)
	lines = append(lines, field(t.SEI.State, linkStyle(b.com, p.State), linkWords(b.com, p.State))...)
	if p.Type != "" {
		lines = append(lines, field(t.SEI.Type, st.Text, p.Type)...)
	}
	if len(p.OpenUnits) > 0 {
		lines = append(lines, field(t.SEI.Units, st.Text, strings.Join(p.OpenUnits, ", "))...)
	}
	if p.LastMovement != "" {
		moved := oneLine(p.LastMovement)
		if p.LastMovedAt != "" {
			moved += " · " + seiTime(t, p.LastMovedAt)
		}
		lines = append(lines, field(t.SEI.LastMovement, st.Text, moved)...)
	}
	if p.Link != "" {
		lines = append(lines, field(t.SEI.Link, st.Text, p.Link)...)
	}

	lines = append(lines, "", st.Bold.Render(fmt.Sprintf(t.SEI.SendsHeading, t.Number(len(s.Items)))))
	if len(s.Items) == 0 {
		lines = append(lines, st.Subtle.Render(t.SEI.NoSends))
	}
	for _, it := range s.Items {
		lines = append(lines, b.sendLines(it, width)...)
	}

	lines = append(lines, "", st.Bold.Render(fmt.Sprintf(t.SEI.LogHeading, t.Number(len(s.Log)))))
	if len(s.Log) == 0 {
		lines = append(lines, st.Subtle.Render(t.SEI.NoCalls))
	}
	for _, c := range s.Log {
		lines = append(lines, b.callLines(c, width)...)
	}
	return lines
}

// sendLines: what is sent and where it is; its kind, attempts and next
// attempt (or when it was done); SEI's answer or the failure, whole.
func (b *SEIBox) sendLines(it api.SEIItem, width int) []string {
	st, t := b.com.Styles, b.com.Text
	state, style := t.SEI.SentState, st.Success
	switch it.State {
	case "pending":
		state, style = t.SEI.PendingState, st.Warning
	case "failed":
		state, style = t.SEI.FailedState, st.Error
	}
	lines := wrap(lipgloss.NewStyle(), st.Text.Render("• "+b.itemWords(it.Item)+" — ")+style.Render(state), width, 2)
	facts := []string{kindWords(b.com, it.Kind), t.Plural(it.Attempts, t.SEI.Attempts)}
	switch {
	case it.State == "pending" && it.NextAt != "":
		if at, err := time.Parse(time.RFC3339, it.NextAt); err == nil {
			facts = append(facts, fmt.Sprintf(t.SEI.NextAttempt, clock(b.com, at)))
		}
	case it.DoneAt != "":
		if at, err := time.Parse(time.RFC3339, it.DoneAt); err == nil {
			facts = append(facts, fmt.Sprintf(t.SEI.DoneAt, t.DateTime(at)))
		}
	}
	lines = append(lines, wrap(st.Subtle, "  "+strings.Join(facts, " · "), width, 2)...)
	if it.Result != "" {
		result := st.Text
		if it.State == "failed" {
			result = st.Error
		}
		lines = append(lines, wrap(result, "  "+fmt.Sprintf(t.SEI.Result, oneLine(it.Result)), width, 2)...)
	}
	return lines
}

// callLines: when, which operation, for which send; how it went, which
// attempt, and what SEI said (or why it could not be asked), whole.
func (b *SEIBox) callLines(c api.SEICall, width int) []string {
	st, t := b.com.Styles, b.com.Text
	at := c.At
	if tm, err := time.Parse(time.RFC3339, c.At); err == nil {
		at = callTime(b.com, tm)
	}
	lines := wrap(lipgloss.NewStyle(), st.Subtle.Render(at+"  ")+st.Text.Render(c.Operation)+st.Subtle.Render(" · ")+
		st.Text.Render(b.itemWords(c.Item)), width, 2)
	outcome, style := t.SEI.OutcomeOK, st.Success
	switch c.Outcome {
	case "fault":
		outcome, style = t.SEI.OutcomeFault, st.Error
	case "unavailable":
		outcome, style = t.SEI.OutcomeUnavailable, st.Warning
	}
	line := "  " + style.Render(outcome) + st.Subtle.Render(" · "+fmt.Sprintf(t.SEI.Attempt, c.Attempt))
	if d := oneLine(c.Detail); d != "" {
		line += st.Subtle.Render(" · ") + st.Text.Render(d)
	}
	return append(lines, wrap(lipgloss.NewStyle(), line, width, 2)...)
}

// itemWords says a send in words from its id: "process", "attachment:ID"
// (the file's name, from the request), "opinion:ID" (who wrote it),
// "form", "movement:ACTION"; an id it does not know stays as it is.
func (b *SEIBox) itemWords(item string) string {
	t, r := b.com.Text, b.m.Req
	kind, id, _ := strings.Cut(item, ":")
	switch kind {
	case "process":
		return t.SEI.ItemProcess
	case "form":
		return t.SEI.ItemForm
	case "attachment":
		for _, a := range r.Attachments {
			if a.ID == id {
				return fmt.Sprintf(t.SEI.ItemAttachment, a.Filename)
			}
		}
		return fmt.Sprintf(t.SEI.ItemAttachment, id)
	case "opinion":
		for _, o := range r.Opinions {
			if o.ID == id && o.AuthorName != "" {
				return fmt.Sprintf(t.SEI.ItemOpinion, o.AuthorName)
			}
		}
		return fmt.Sprintf(t.SEI.ItemOpinion, id)
	case "movement":
		return fmt.Sprintf(t.SEI.ItemMovement, api.ActionLabel(id, t.Lang))
	}
	return item
}

func kindWords(com *common.Common, kind string) string {
	switch kind {
	case "process":
		return com.Text.SEI.KindProcess
	case "document":
		return com.Text.SEI.KindDocument
	case "movement":
		return com.Text.SEI.KindMovement
	}
	return kind
}

func linkWords(com *common.Common, state string) string {
	switch state {
	case seiPending:
		return com.Text.SEI.LinkPending
	case seiLinked:
		return com.Text.SEI.LinkLinked
	case seiFailed:
		return com.Text.SEI.LinkFailed
	}
	return "—"
}

func linkStyle(com *common.Common, state string) lipgloss.Style {
	switch state {
	case seiPending:
		return com.Styles.Warning
	case seiFailed:
		return com.Styles.Error
	}
	return com.Styles.Text
}

// callTime is a call's moment to the second: calls of one send can be
// seconds apart.
func callTime(com *common.Common, tm time.Time) string {
	if com.Text.Lang == api.En {
		return tm.Local().Format("2006-01-02 15:04:05")
	}
	return tm.Local().Format("02/01/2006 15:04:05")
}

// fieldWriter writes "label value" lines: the label in a column when
// there is room, above its value on a narrow box; the value wrapped,
// never cut (a link breaks where it must).
func fieldWriter(com *common.Common, width int) func(label string, style lipgloss.Style, value string) []string {
	st := com.Styles
	const column = 22
	return func(label string, style lipgloss.Style, value string) []string {
		label = strings.TrimSpace(label)
		if width < 60 {
			return append([]string{st.Subtle.Render(label)}, wrap(style, "  "+value, width, 2)...)
		}
		lines := wrap(style, value, width-column, 0)
		for i := range lines {
			pad := strings.Repeat(" ", column)
			if i == 0 {
				pad = st.Subtle.Render(common.PadRight(label, column))
			}
			lines[i] = pad + lines[i]
		}
		return lines
	}
}

// wrap styles text and wraps it to width, the lines after the first
// indented by indent: words stay whole unless one alone is too long.
// text may carry styles of its own (then style is the zero style).
func wrap(style lipgloss.Style, text string, width, indent int) []string {
	lines := strings.Split(ansi.Wrap(text, max(10, width-indent), ""), "\n")
	pad := strings.Repeat(" ", indent)
	for i, l := range lines {
		lines[i] = style.Render(l)
		if i > 0 {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}
