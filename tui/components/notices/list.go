package notices

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// DismissedMsg says an announcement was dismissed (and remembered in the
// cache, unless Err).
type DismissedMsg struct {
	ID  string
	Err error
}

// List is the ! box: every current announcement whole, the selected one
// dismissable with d; esc closes it.
type List struct {
	overlay.Base
	com      *common.Common
	store    *store.Store
	items    []api.Announcement
	window   string // the maintenance line, "" for none
	dismiss  map[string]bool
	selected int
	// scroll is the first line drawn; width and height the body's
	// (SetSize), so that a text taller than the screen is read to its end
	// with pgup/pgdn.
	scroll        int
	width, height int
	keys          struct{ Up, Down, PageUp, PageDown, Dismiss, Close key.Binding }
}

// NewList opens the list of what n holds at now.
func NewList(com *common.Common, s *store.Store, owner route.ID, n store.Notices, now time.Time) *List {
	t := com.Text
	l := &List{Base: overlay.NewBase("notices", owner), com: com, store: s, items: Current(n, now, Roles(com)), dismiss: map[string]bool{},
		window: MaintenanceLine(com, n.Maintenance, now)}
	for id := range n.Dismissed {
		l.dismiss[id] = true
	}
	l.keys.Up = common.Bind("↑/k", t.KeyMove, "up", "k")
	l.keys.Down = common.Bind("↓/j", t.KeyMove, "down", "j")
	l.keys.PageUp = common.Bind("pgup", t.KeyPage, "pgup")
	l.keys.PageDown = common.Bind("pgdn", t.KeyPage, "pgdown")
	l.keys.Dismiss = common.Bind("d", t.Notice.KeyDismiss, "d")
	l.keys.Close = common.Bind("esc", t.Box.KeyClose, "esc", "!")
	return l
}

// ShortHelp: moving only with more than one, d only on one not dismissed.
func (l *List) ShortHelp() []key.Binding {
	var keys []key.Binding
	if l.selected < len(l.items) && !l.dismiss[l.items[l.selected].ID] {
		keys = append(keys, l.keys.Dismiss)
	}
	if len(l.items) > 1 {
		keys = append(keys, common.Bind("↑/↓", l.com.Text.KeyMove, "up", "down"))
	}
	if lines, _ := l.lines(); len(lines) > l.height {
		keys = append(keys, l.keys.PageDown, l.keys.PageUp)
	}
	return append(keys, l.keys.Close)
}

// SetSize gives the list the body's size.
func (l *List) SetSize(width, height int) {
	l.width, l.height = width, height
	l.clamp()
}

// clamp keeps the scroll within the lines.
func (l *List) clamp() {
	lines, _ := l.lines()
	l.scroll = max(0, min(l.scroll, len(lines)-l.height))
}

// show scrolls to the selected announcement's first line.
func (l *List) show() {
	_, starts := l.lines()
	if l.selected < len(starts) {
		l.scroll = starts[l.selected]
	}
	l.clamp()
}

func (l *List) FullHelp() [][]key.Binding { return [][]key.Binding{l.ShortHelp()} }

func (l *List) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case DismissedMsg:
		if msg.Err != nil {
			delete(l.dismiss, msg.ID)
			return overlay.Run{Cmd: common.Toast(common.Explain(l.com.Text, msg.Err), true)}
		}
		id := msg.ID
		return overlay.Run{Cmd: tea.Batch(common.Toast(l.com.Text.Notice.DismissedToast, false),
			func() tea.Msg { return DismissedMsg{ID: id} })}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, l.keys.Close):
			return overlay.Close{}
		case key.Matches(msg, l.keys.Up):
			l.selected = max(0, l.selected-1)
			l.show()
		case key.Matches(msg, l.keys.Down):
			l.selected = min(len(l.items)-1, l.selected+1)
			l.show()
		case key.Matches(msg, l.keys.PageDown):
			l.scroll += max(1, l.height-2)
			l.clamp()
		case key.Matches(msg, l.keys.PageUp):
			l.scroll -= max(1, l.height-2)
			l.clamp()
		case key.Matches(msg, l.keys.Dismiss):
			if l.selected >= len(l.items) || l.dismiss[l.items[l.selected].ID] {
				return nil
			}
			id := l.items[l.selected].ID
			l.dismiss[id] = true
			// One answer per announcement: dismissing two in a row keeps both.
			return overlay.Run{Cmd: l.Mailbox().Latest("dismiss "+id, dismiss(l.store, id, l.com.Now()))}
		}
	}
	return nil
}

// dismiss remembers the dismissal in the cache. It captures only values.
func dismiss(s *store.Store, id string, at time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return DismissedMsg{ID: id, Err: s.DismissNotice(ctx, id, at)}
	}
}

// lines are the whole list as drawn at the width, and the line each
// announcement starts at.
func (l *List) lines() (out []string, starts []int) {
	st, t := l.com.Styles, l.com.Text
	width := max(l.width, 20)
	out = []string{st.Bold.Render(t.Notice.ListTitle), ""}
	if l.window != "" {
		// The window whole, with its reason (the line under the header may
		// cut it at 80 columns).
		out = append(out, "  "+st.Warning.Render(t.Notice.MaintenanceTitle))
		for _, line := range common.Wrap(l.window, max(10, width-4)) {
			out = append(out, "    "+st.Text.Render(line))
		}
		out = append(out, "")
	}
	if len(l.items) == 0 {
		return append(out, st.Subtle.Render(t.Notice.Empty)), nil
	}
	for i, a := range l.items {
		starts = append(starts, len(out))
		out = append(out, l.block(a, i == l.selected, width)...)
	}
	return out, starts
}

// View draws the lines from the scroll on, saying what is left above
// and below.
func (l *List) View(_, height int) string {
	lines, _ := l.lines() // at the width SetSize gave (the root's body)
	scroll := max(0, min(l.scroll, len(lines)-height))
	end := min(len(lines), scroll+height)
	shown := append([]string(nil), lines[scroll:end]...)
	st := l.com.Styles
	if scroll > 0 && len(shown) > 0 {
		shown[0] = st.Subtle.Render(fmt.Sprintf("… %d ↑", scroll))
	}
	if end < len(lines) && len(shown) > 0 {
		shown[len(shown)-1] = st.Subtle.Render(fmt.Sprintf("… %d ↓", len(lines)-end))
	}
	return strings.Join(shown, "\n")
}

func (l *List) block(a api.Announcement, selected bool, width int) []string {
	st, t := l.com.Styles, l.com.Text
	mark, badge := "  ", st.Accent.Render(t.Notice.Info)
	if selected {
		mark = st.Prompt.Render("▸ ")
	}
	if a.Severity == api.SeverityWarning {
		badge = st.Warning.Render(t.Notice.Warning)
	}
	head := mark + badge + "  " + st.Bold.Render(common.Plain(a.Title.In(l.com.Lang)))
	if l.dismiss[a.ID] {
		head += st.Subtle.Render("  (" + t.Notice.Dismissed + ")")
	}
	out := []string{common.Truncate(head, width)}
	for _, line := range common.Wrap(plainLines(a.Text.In(l.com.Lang)), max(10, width-4)) {
		out = append(out, "    "+st.Text.Render(line))
	}
	if w := window(l.com, a); w != "" {
		out = append(out, "    "+st.Subtle.Render(w))
	}
	return append(out, "")
}

// window words an announcement's bounds ("" for none).
func window(com *common.Common, a api.Announcement) string {
	t := com.Text
	from, _ := time.Parse(time.RFC3339, a.StartsAt)
	until, _ := time.Parse(time.RFC3339, a.EndsAt)
	switch {
	case !from.IsZero() && !until.IsZero():
		return fmt.Sprintf(t.Notice.Window, t.DateTime(from), t.DateTime(until))
	case !from.IsZero():
		return fmt.Sprintf(t.Notice.From, t.DateTime(from))
	case !until.IsZero():
		return fmt.Sprintf(t.Notice.Until, t.DateTime(until))
	}
	return ""
}

// plainLines is Plain that keeps the text's own line breaks.
func plainLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = common.Plain(l)
	}
	return strings.Join(lines, "\n")
}
