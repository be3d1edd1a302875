package admin

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/components/table"
)

// listKeys move in the sections' lists.
type listKeys struct {
	Up, Down, PageUp, PageDown, Home, End, Search, Back key.Binding
	// The search box's own keys, for the footer while it is typed in.
	SearchKeep, SearchClear key.Binding
}

func newListKeys(com *common.Common) listKeys {
	t, b := com.Text, common.Bind
	return listKeys{Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		Search: b("/", t.KeySearch, "/"), Back: b("esc", t.KeyBack, "esc"),
		SearchKeep: b("enter", t.KeySearchKeep, "enter", "tab", "down"), SearchClear: b("esc", t.KeySearchClear, "esc")}
}

// searching is the footer while the search box is typed in: its keys,
// not the list's (n, e… would be typed into it).
func (k listKeys) searching() []key.Binding { return []key.Binding{k.SearchKeep, k.SearchClear} }

func (k listKeys) moves() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// move applies a movement key to sel over n rows (page rows a screen);
// ok is false for any other key.
func (k listKeys) move(msg tea.KeyPressMsg, sel *int, n, page int) bool {
	switch {
	case key.Matches(msg, k.Down):
		*sel++
	case key.Matches(msg, k.Up):
		*sel--
	case key.Matches(msg, k.PageDown):
		*sel += page
	case key.Matches(msg, k.PageUp):
		*sel -= page
	case key.Matches(msg, k.Home):
		*sel = 0
	case key.Matches(msg, k.End):
		*sel = n - 1
	default:
		return false
	}
	*sel = max(0, min(*sel, n-1))
	return true
}

// list is a searchable list that a section reads from the server: the
// search asks again as the person types (the newest answer wins).
type list struct {
	search  search.Box
	sel     int
	done    bool // a first answer arrived
	err     error
	problem string // a refusal of the last action, shown above the rows
	// want is the record to select once the next answer is in (one just
	// created, or the one selected when a search was cleared).
	want string
}

// pick selects want among n rows named by id, if it is there; the
// selection then stays within the rows.
func (l *list) pick(n int, id func(int) string) {
	if l.want != "" {
		for i := range n {
			if id(i) == l.want {
				l.sel = i
				break
			}
		}
		l.want = ""
	}
	l.sel = max(0, min(l.sel, n-1))
}

// searchKey handles a key while the search box is open; changed asks
// the section to read again. Cleared (esc), the selection stays on the
// record selected (current names it).
func (l *list) searchKey(msg tea.KeyPressMsg, current string) (cmd tea.Cmd, changed bool) {
	cmd, changed = l.search.Key(msg)
	switch {
	case changed && l.search.Value() == "":
		l.want = current
	case changed:
		l.sel = 0
	}
	return cmd, changed
}

// clear empties the search (esc on the list), keeping the selection on
// the record selected; it reports whether there was text.
func (l *list) clear(current string) bool {
	if l.search.Clear() {
		l.want = current
		return true
	}
	return false
}

// rows draws the table's window of height lines around sel.
func rows(e *env, cols []table.Column, cells [][]table.Cell, sel, height int) []string {
	st := e.com.Styles
	room := max(1, height-1)
	first := max(0, min(sel-room/2, len(cells)-room))
	last := min(len(cells), first+room)
	tst := table.Styles{Header: st.Bold.Underline(true), Selected: st.FilterOn.Padding(0)}
	return strings.Split(table.Render(tst, cols, cells[first:last], sel-first, e.width), "\n")
}

// searchLine is "/ label" or the box being typed in.
func searchLine(e *env, l *list, label string) string {
	st := e.com.Styles
	if l.search.Active || l.search.Value() != "" {
		return st.Prompt.Render("/ "+label+": ") + l.search.Input.View()
	}
	return st.Subtle.Render("/ " + label)
}

// status lines: loading, the list's error, or the last refusal.
func status(e *env, l *list) []string {
	st, t := e.com.Styles, e.com.Text
	switch {
	case l.err != nil:
		return wrap(st.Error, common.Explain(t, l.err), e.width)
	case l.problem != "":
		return wrap(st.Error, "✖ "+l.problem, e.width)
	case !l.done:
		return []string{st.Subtle.Render(t.Admin.Loading)}
	}
	return nil
}

func wrap(style lipgloss.Style, text string, width int) []string {
	return strings.Split(style.Width(max(10, width)).Render(text), "\n")
}

func cell(s string, style lipgloss.Style) table.Cell { return table.Cell{Text: s, Style: style} }

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 20*time.Second)
}

// when writes an RFC 3339 time in the UI's way; unreadable: as it came.
func when(e *env, s string) string {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return e.com.Text.DateTime(tm)
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// shortWhen is when without the year, for narrow tables.
func shortWhen(e *env, s string) string {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return tm.Local().Format(e.com.Text.Admin.ShortDate)
}
