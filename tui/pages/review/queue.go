// The queue is a window over the cache: only the rows on screen are
// read; the selection moves inside the window, and at an edge the window
// slides by a keyset read (store.Window), so every pending request can be
// reached however many there are.

package review

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/window"
)

// rowLines is how many lines a request takes in the queue: its number,
// environment, age and deadline; then its institution and API.
const rowLines = 2

// rowsFit is how many requests fit in the queue at a page size.
func (p *Page) rowsFit(width, height int) int {
	queueW := min(46, max(28, width/3))
	return max(1, (max(3, height-3)-p.queueHeader(queueW))/rowLines)
}

// queueHeader is how many lines the count and the legend take.
func (p *Page) queueHeader(queueW int) int {
	return 1 + len(hangWrap(fmt.Sprintf(p.com.Text.Review.Overdue, p.overdueDays()), queueW, 2))
}

// read starts one window read (only the latest is applied).
func (p *Page) read(r window.Read) tea.Cmd {
	r.Span.Limit = p.rowsFit(p.width, p.height)
	return p.mb.Latest("window", readWindow(p.store, p.filter(), r))
}

func (p *Page) recount() tea.Cmd {
	return p.mb.Latest("count", countQueue(p.store, p.filter()))
}

// reload reads from the top and recounts (the filters changed).
func (p *Page) reload() tea.Cmd {
	p.count = -1
	return tea.Batch(p.read(window.Top()), p.recount())
}

// refresh reads the window again from its first row (rows changed
// underneath, after a sync or a decision), keeping the selection on the
// same request, or on the same place when it left the queue.
func (p *Page) refresh() tea.Cmd {
	r := p.win.Refresh()
	r.Keep = p.currentID()
	return tea.Batch(p.read(r), p.recount())
}

// follow does what a change of the window asks: show the newly selected
// request, start the next read.
func (p *Page) follow(res window.Result) tea.Cmd {
	var cmds []tea.Cmd
	if res.Moved {
		cmds = append(cmds, p.selectionChanged())
	}
	if res.Read != nil {
		cmds = append(cmds, p.read(*res.Read))
	}
	return tea.Batch(cmds...)
}

// down and up move the selection; while a read is in flight the move
// waits for its rows.
func (p *Page) down(n int) tea.Cmd { return p.follow(p.win.Down(n, p.mb.Pending("window"))) }
func (p *Page) up(n int) tea.Cmd   { return p.follow(p.win.Up(n, p.mb.Pending("window"))) }

// selectionChanged shows the newly selected request: its cached row at
// once, its detail after a moment (holding j/k reads no detail per row).
func (p *Page) selectionChanged() tea.Cmd {
	if r := p.current(); r != nil && r.ID == p.detail.ID {
		// The same request after a window read (a sync re-read the
		// rows): its detail, scroll and any read in flight stay.
		return nil
	}
	p.offset = 0
	p.mb.Drop("detail") // the one in flight is for another request
	p.mb.Drop(reqdetail.QuestionSEI)
	r := p.current()
	if r == nil {
		p.detail = reqdetail.Msg{}
		p.mb.Drop("tick")
		p.loading = false
		return nil
	}
	p.detail = reqdetail.Msg{ID: r.ID, Req: r.Request}
	p.loading = true
	return p.mb.Latest("tick", detailAfter())
}

// dropRow takes a decided request out of the window at once (the sync
// confirms it), the selection staying in place: on the next one.
func (p *Page) dropRow(id string) tea.Cmd {
	if !p.win.Drop(id) {
		return nil
	}
	if p.count > 0 {
		p.count--
	}
	return tea.Batch(p.selectionChanged(), p.refresh())
}

// queueView draws the queue pane: the count (and the marks), the legend
// of the deadline, and two lines per request.
func (p *Page) queueView(width, height int) []string {
	st, t := p.com.Styles, p.com.Text
	rt := &t.Review
	count := st.Subtle.Render(rt.Counting)
	if p.count >= 0 {
		count = st.Bold.Render(t.Plural(p.count, rt.Pending))
	}
	if len(p.marks) > 0 {
		count += st.Subtle.Render(" · ") + st.Warning.Render(t.Plural(len(p.marks), rt.Marked))
	}
	lines := []string{common.Truncate(count, width)}
	for _, l := range hangWrap(fmt.Sprintf(rt.Overdue, p.overdueDays()), width, 2) {
		lines = append(lines, st.Subtle.Render(l))
	}
	if p.loaded && len(p.win.Rows()) == 0 {
		return append(lines, hangWrap(st.Subtle.Render(t.QueueEmpty), width, 0)...)
	}
	now := p.com.Now()
	for i, r := range p.win.Rows() {
		if len(lines)+rowLines > height {
			break
		}
		lines = append(lines, p.row(i, r, now, width)...)
	}
	return lines
}

// row is one request of the queue: the cursor, its mark (or a spinner
// while its decision is on its way), its number, environment and age, a
// red ! when it is late; then its institution. Its API goes beside the
// age when there is room for it, else after the institution (which is
// what tells apart the many requests of one API).
func (p *Page) row(i int, r store.Row, now time.Time, width int) []string {
	st := p.com.Styles
	cursor, mark := " ", " "
	if i == p.win.Selected() {
		cursor = "›"
	}
	if p.isMarked[r.ID] {
		mark = "✓"
	}
	if s := p.spinningFor(r.ID); s != "" {
		mark = ansi.Strip(s)
	}
	head := fmt.Sprintf("%s%s %s %s %5s", cursor, mark, shortID(r.ID), r.Environment.Badge(), age(r.CreatedAt, now))
	late := overdue(r.CreatedAt, now, p.overdueDays())
	const lateW = 2 // " !", or room for it: the APIs stay in one column
	who := r.Institution.Name
	if rest := width - ansi.StringWidth(head) - lateW - 1; rest >= 10 {
		head = common.Truncate(head+strings.Repeat(" ", lateW)+" "+r.APIName, width)
	} else {
		who += " · " + r.APIName
	}
	head = common.PadRight(head, width)
	who = common.PadRight(common.Truncate("   "+who, width), width)
	text, sub, bad := st.Text, st.Subtle, st.Error
	if i == p.win.Selected() {
		sel := st.FilterOn.Padding(0)
		text, sub, bad = sel, sel, st.Error.Inherit(sel)
	}
	first := text.Render(head)
	if late { // the ! after the age, in its own colour
		w := ansi.StringWidth(fmt.Sprintf("%s%s %s %s %5s", cursor, mark, shortID(r.ID), r.Environment.Badge(), age(r.CreatedAt, now)))
		first = text.Render(ansi.Cut(head, 0, w+1)) + bad.Render("!") + text.Render(ansi.Cut(head, w+2, width))
	}
	return []string{first, sub.Render(who)}
}

// column draws lines in a pane exactly width cells wide.
func column(lines []string, width int) string {
	return lipgloss.NewStyle().Width(width).Render(strings.Join(lines, "\n"))
}
