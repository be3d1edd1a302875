package review

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/overlay"
)

// View draws the filter bar, then the queue on the left and the detail
// (or the box open over it) on the right.
func (p *Page) View() string {
	st, t := p.com.Styles, p.com.Text
	if !p.Allowed(p.com.Me) {
		return st.Subtle.Render(t.ReviewOnly)
	}
	queueW, detailW := p.panes()
	height := p.paneHeight()
	if box, ok := reqdetail.Reading(p.com, p.mb.ID()); ok && detailW < minReaderWidth {
		// Too narrow beside the queue (80 columns): the viewer or its
		// picker takes the page until esc brings the queue back.
		return strings.Join(p.bar(), "\n") + "\n" + box.View(p.width, height)
	}
	left := column(p.queueView(queueW, height), queueW)
	right := column(clip(p.detailPane(detailW, height), height), detailW)
	sep := st.HelpSep.Render(strings.TrimSuffix(strings.Repeat(" │ \n", height), "\n"))
	return strings.Join(p.bar(), "\n") + "\n" + lipgloss.JoinHorizontal(lipgloss.Top, left, sep, right)
}

// bar is the two lines above the panes: the filters, the environment and
// the system type; while a filter is typed in, how to move between them.
func (p *Page) bar() []string {
	st, t := p.com.Styles, p.com.Text
	env, sys := t.AllMasc, t.AllMasc
	if e, ok := p.env.Get(); ok {
		env = e.Badge()
	}
	if s, ok := p.system.Get(); ok {
		sys = s.Label(t.Lang)
	}
	line := p.filters.view(p.com) + st.Subtle.Render("  e "+t.EnvLabel+": ") + st.Text.Render(env) +
		st.Subtle.Render("  t "+t.SystemTypeLabel+": ") + st.Text.Render(sys)
	second := ""
	if p.filters.active {
		second = st.Subtle.Render(common.Truncate(t.Review.FilterTyping, p.width))
	}
	return []string{common.Truncate(line, p.width), second}
}

// detailPane is what the right pane shows: the SEI box or the bulk box
// in all of it; otherwise the decision dialog or the opinion box above
// the detail, which scrolls (pgup/pgdn) with a line saying where it is.
func (p *Page) detailPane(width, height int) []string {
	if b, ok := reqdetail.Reading(p.com, p.mb.ID()); ok {
		return strings.Split(b.View(width, height), "\n")
	}
	if b, ok := overlay.Of[*reqdetail.SEIBox](p.com.Overlays, p.mb.ID()); ok {
		return strings.Split(b.View(width, height), "\n")
	}
	if b, ok := overlay.Of[*bulkBox](p.com.Overlays, p.mb.ID()); ok {
		return strings.Split(b.View(width, height), "\n")
	}
	var top []string
	if d, ok := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); ok {
		top = append(strings.Split(d.View(width, 0), "\n"), "")
	}
	if b, ok := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); ok {
		top = append(strings.Split(b.View(width, 0), "\n"), "")
	}
	if p.current() == nil {
		return top
	}
	detail := reqdetail.Render(p.com, p.detail, p.loading, width)
	room := max(1, height-len(top))
	if len(detail) <= room {
		return append(top, detail...)
	}
	room = max(1, room-1) // the last line says where the detail is
	offset := min(p.offset, len(detail)-room)
	end := offset + room
	where := fmt.Sprintf(p.com.Text.Review.Scroll, p.com.Text.Number(offset+1), p.com.Text.Number(end), p.com.Text.Number(len(detail)))
	lines := append(top, detail[offset:end]...)
	return append(lines, p.com.Styles.Subtle.Render(common.Truncate("── "+where+" ──", width)))
}

// detailPage is how far pgup/pgdn scroll the detail: its room but two
// lines, so the reader keeps their place.
func (p *Page) detailPage() int { return max(1, p.paneHeight()-3) }

// scrollDetail moves the detail by n lines, within it: past its end
// would take as many presses back.
func (p *Page) scrollDetail(n int) {
	p.offset = max(0, min(p.offset+n, p.detailScroll()))
}

// detailScroll is how far the detail scrolls: 0 when it fits.
func (p *Page) detailScroll() int {
	if p.current() == nil {
		return 0
	}
	_, width := p.panes()
	lines, room := len(reqdetail.Render(p.com, p.detail, p.loading, width)), p.paneHeight()
	if lines <= room {
		return 0 // it fits: the pane shows it whole (detailPane)
	}
	return lines - (room - 1) // the pane's last line says where it is
}

// detailScrolls says whether pgup and pgdn move the detail.
func (p *Page) detailScrolls() bool { return p.detailScroll() > 0 }

// minReaderWidth is the narrowest detail pane the PDF viewer is drawn
// in; below it, the viewer takes the whole page.
const minReaderWidth = 60

// readerWidth is the width the viewer will be drawn in.
func (p *Page) readerWidth() int {
	if _, detailW := p.panes(); detailW >= minReaderWidth {
		return detailW
	}
	return p.width
}

// paneHeight is the height of both panes, under the bar.
func (p *Page) paneHeight() int { return max(3, p.height-3) }

// panes are the widths of the queue and of the detail beside it; on a
// narrow terminal the queue takes less room.
func (p *Page) panes() (queue, detail int) {
	queue = min(46, max(28, p.width/3))
	return queue, p.width - queue - 3
}

func clip(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	return lines
}
