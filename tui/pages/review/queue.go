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

// read starts one window read (only the latest is applied); keep is the
// request to keep selected if it is still in the window.
func (p *Page) read(sp store.Span, sel move, idx int, keep string) tea.Cmd {
	sp.Limit = p.rowsFit(p.width, p.height)
	return p.mb.Latest("window", readWindow(p.store, p.filter(), sp, sel, idx, keep))
}

func (p *Page) recount() tea.Cmd {
	return p.mb.Latest("count", countQueue(p.store, p.filter()))
}

// reload reads from the top and recounts (the filters changed).
func (p *Page) reload() tea.Cmd {
	p.count = -1
	return tea.Batch(p.read(store.Span{}, selectFirst, 0, ""), p.recount())
}

// refresh reads the window again from its first row (rows changed
// underneath, after a sync or a decision), keeping the selection on the
// same request, or on the same place when it left the queue.
func (p *Page) refresh() tea.Cmd {
	var sp store.Span
	if len(p.rows) > 0 && !p.atTop {
		top := p.rows[0].Key
		sp.From = &top // keep the place; at the top, new rows show up above
	}
	return tea.Batch(p.read(sp, keepIndex, p.selected, p.currentID()), p.recount())
}

func (p *Page) windowLoaded(msg windowMsg) tea.Cmd {
	cmd := p.applyWindow(msg)
	if p.pending != 0 && !p.mb.Pending("window") {
		n := p.pending
		p.pending = 0
		cmd = tea.Batch(cmd, p.step(n))
	}
	return cmd
}

func (p *Page) applyWindow(msg windowMsg) tea.Cmd {
	p.loaded, p.err = true, msg.err
	if msg.err != nil {
		return nil
	}
	sp := msg.span
	// A read past either end finds nothing new: keep the screen.
	if len(msg.rows) == 0 && (sp.After != nil || sp.Before != nil) {
		p.atEnd = p.atEnd || sp.After != nil
		p.atTop = p.atTop || sp.Before != nil
		return nil
	}
	full := len(msg.rows) == sp.Limit
	forward := sp.Before == nil && !sp.FromEnd
	p.atEnd = sp.FromEnd || forward && !full
	p.atTop = sp.After == nil && sp.From == nil && sp.Before == nil && !sp.FromEnd || sp.Before != nil && !full
	if sp.Before != nil && !full || sp.From != nil && len(msg.rows) == 0 {
		// Fewer rows above than a window (or none left from here): read
		// the first window instead, so the screen stays full.
		return p.read(store.Span{}, msg.sel, msg.idx, msg.keep)
	}
	prev := p.currentID()
	p.rows = msg.rows
	switch msg.sel {
	case selectFirst:
		p.selected = 0
	case selectLast:
		p.selected = len(p.rows) - 1
	default:
		p.selected = msg.idx
	}
	for i, r := range p.rows {
		if msg.keep != "" && r.ID == msg.keep {
			p.selected = i
		}
	}
	p.selected = max(0, min(p.selected, len(p.rows)-1))
	if p.currentID() != prev || prev == "" {
		return p.selectionChanged()
	}
	return nil
}

// selectionChanged shows the newly selected request: its cached row at
// once, its detail after a moment (holding j/k reads no detail per row).
func (p *Page) selectionChanged() tea.Cmd {
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

func (p *Page) step(n int) tea.Cmd {
	if n < 0 {
		return p.up(-n)
	}
	return p.down(n)
}

// down moves the selection; at the bottom edge the window slides: a
// keyset read of one window from n rows further down.
func (p *Page) down(n int) tea.Cmd {
	if p.mb.Pending("window") {
		p.pending += n
		return nil
	}
	if len(p.rows) == 0 {
		return nil
	}
	if p.selected+n < len(p.rows) {
		p.selected += n
		return p.selectionChanged()
	}
	if p.atEnd {
		if p.selected == len(p.rows)-1 {
			return nil
		}
		p.selected = len(p.rows) - 1
		return p.selectionChanged()
	}
	want := p.selected + n - (len(p.rows) - 1) // rows to slide by
	shift := min(want, len(p.rows))
	after := p.rows[shift-1].Key
	cmd := p.read(store.Span{After: &after}, selectLast, 0, "")
	p.pending += want - shift // a move longer than a window continues after it
	return cmd
}

// up is down's mirror: at the top edge read the rows just above.
func (p *Page) up(n int) tea.Cmd {
	if p.mb.Pending("window") {
		p.pending -= n
		return nil
	}
	if len(p.rows) == 0 {
		return nil
	}
	if p.selected-n >= 0 {
		p.selected -= n
		return p.selectionChanged()
	}
	if p.atTop {
		if p.selected == 0 {
			return nil
		}
		p.selected = 0
		return p.selectionChanged()
	}
	want := n - p.selected
	shift := min(want, len(p.rows))
	before := p.rows[len(p.rows)-shift].Key
	cmd := p.read(store.Span{Before: &before}, selectFirst, 0, "")
	p.pending -= want - shift
	return cmd
}

// dropRow takes a decided request out of the window at once (the sync
// confirms it), the selection staying in place: on the next one.
func (p *Page) dropRow(id string) tea.Cmd {
	for i, r := range p.rows {
		if r.ID != id {
			continue
		}
		p.rows = append(p.rows[:i:i], p.rows[i+1:]...)
		if p.count > 0 {
			p.count--
		}
		p.selected = max(0, min(p.selected, len(p.rows)-1))
		return tea.Batch(p.selectionChanged(), p.refresh())
	}
	return nil
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
	if p.loaded && len(p.rows) == 0 {
		return append(lines, hangWrap(st.Subtle.Render(t.QueueEmpty), width, 0)...)
	}
	now := p.com.Now()
	for i, r := range p.rows {
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
	if i == p.selected {
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
	if i == p.selected {
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
