package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
)

// auditFilterForm narrows the trail by actor, action and target; all
// blank shows everything. Nothing is sent: the result is the query.
func auditFilterForm(e *env, cur client.AuditQuery) spec {
	at := e.com.Text.Admin
	return spec{kind: "audit-filter", title: at.FilterTitle, note: at.FilterNote,
		fields: []field{textField("actor", at.ColActor, cur.Actor, 100), textField("action", at.ColAction, cur.Action, 100),
			textField("target", at.ColTarget, cur.Target, 200)},
		check: checkFilter(at.Rule), say: sayFilter(at.Rule),
		send: func(v values) tea.Cmd {
			q := client.AuditQuery{Actor: v["actor"], Action: v["action"], Target: v["target"]}
			return func() tea.Msg { return formAnswer{result: auditFiltered{q: q}} }
		}}
}

// checkFilter is the server's bound on each filter (runes, as it counts).
func checkFilter(r i18n.RuleText) func(values) []api.FieldError {
	return func(v values) []api.FieldError {
		var out []api.FieldError
		for _, k := range []string{"actor", "action", "target"} {
			if utf8.RuneCountInString(v[k]) > api.MaxQueryLen {
				out = append(out, api.FieldError{Field: k, Message: fmt.Sprintf(r.FilterLength, api.MaxQueryLen)})
			}
		}
		return out
	}
}

// eventBox is one event in full: its state before and after, pretty
// printed, and the hash that chains it to the one before.
type eventBox struct {
	overlay.Base
	e      *env
	ev     api.AuditEvent
	offset int
	// Scroll is Up and Down as the footer shows them, in one entry.
	keys struct{ Close, Up, Down, Scroll key.Binding }
}

func newEventBox(e *env, ev api.AuditEvent) *eventBox {
	t, b := e.com.Text, common.Bind
	box := &eventBox{Base: overlay.NewBase("audit-event", e.mb.ID()), e: e, ev: ev}
	box.keys.Close = b("esc", t.Box.KeyClose, "esc", "enter")
	box.keys.Up = b("↑/k", t.Box.KeyScroll, "up", "k", "pgup")
	box.keys.Down = b("↓/j", t.Box.KeyScroll, "down", "j", "pgdown")
	box.keys.Scroll = b("↑/↓", t.Box.KeyScroll, "up", "k", "pgup", "down", "j", "pgdown")
	return box
}

// ShortHelp offers the scroll only when the event does not fit.
func (b *eventBox) ShortHelp() []key.Binding {
	if b.last() == 0 {
		return []key.Binding{b.keys.Close}
	}
	return []key.Binding{b.keys.Close, b.keys.Scroll}
}
func (b *eventBox) FullHelp() [][]key.Binding {
	if b.last() == 0 {
		return [][]key.Binding{{b.keys.Close}}
	}
	return [][]key.Binding{{b.keys.Close, b.keys.Up, b.keys.Down}}
}

// room is the lines the box is drawn in: the page's height less its
// section bar (Page.View).
func (b *eventBox) room() int { return max(1, b.e.height-2) }

// last is the offset that shows the event's last line at the bottom; 0
// when it fits.
func (b *eventBox) last() int { return max(0, len(b.content())-b.room()) }

func (b *eventBox) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, b.keys.Close):
		return overlay.Close{}
	case key.Matches(k, b.keys.Down):
		b.offset = min(b.offset+1, b.last())
	case key.Matches(k, b.keys.Up):
		b.offset = max(0, b.offset-1)
	}
	return nil
}

func (b *eventBox) View(width, height int) string {
	lines := b.content()
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	room := max(1, height)
	if off := min(b.offset, max(0, len(lines)-room)); len(lines) > room {
		lines = lines[off : off+room]
	}
	return strings.Join(lines, "\n")
}

// content is every line of the event, before cutting to the screen.
func (b *eventBox) content() []string {
	st, t := b.e.com.Styles, b.e.com.Text
	at, ev := t.Admin, b.ev
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, 14)) }
	actor := ev.Actor
	if ev.ActorName != "" {
		actor = ev.ActorName + " (" + ev.Actor + ")"
	}
	// The readable names first, the codes (what the filter takes) after.
	code := func(readable, raw string) string {
		if readable == raw {
			return st.Text.Render(raw)
		}
		return st.Text.Render(readable) + st.Subtle.Render(" ("+raw+")")
	}
	head := []string{st.Bold.Render(fmt.Sprintf(at.EventTitle, ev.Seq)),
		label(t.ColDate) + st.Text.Render(when(b.e, ev.At)),
		label(at.ColActor) + st.Text.Render(actor),
		label(at.ColAction) + code(actionLabel(t, ev.Action), ev.Action),
		label(at.ColTarget) + code(targetLabel(ev.Target), ev.Target)}
	if ev.Detail != "" {
		head = append(head, label(at.EventDetail)+st.Text.Render(ev.Detail))
	}
	head = append(head, label("hash")+st.Subtle.Render(ev.Hash))
	var body []string
	for _, part := range []struct {
		title string
		raw   json.RawMessage
	}{{at.EventBefore, ev.Before}, {at.EventAfter, ev.After}} {
		if len(part.raw) == 0 {
			continue
		}
		body = append(append(body, "", st.Bold.Render(part.title)), pretty(part.raw)...)
	}
	return append(head, body...)
}

// pretty indents a JSON value; what does not parse is shown as it came.
func pretty(raw json.RawMessage) []string {
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "  ", "  "); err != nil {
		return []string{"  " + string(raw)}
	}
	return strings.Split("  "+out.String(), "\n")
}
