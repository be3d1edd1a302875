// Moving through the table: the selection moves inside the window read
// from the cache, and at an edge the window slides by a keyset read.

package requests

import (
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/store"
)

func (p *Page) applyWindow(msg windowMsg) tea.Cmd {
	p.loaded, p.err = true, msg.err
	if msg.err != nil {
		return nil
	}
	// A read past either end finds nothing new: keep the screen.
	if len(msg.rows) == 0 && (msg.span.After != nil || msg.span.Before != nil) {
		p.atEnd = p.atEnd || msg.span.After != nil
		p.atTop = p.atTop || msg.span.Before != nil
		return nil
	}
	full := len(msg.rows) == msg.span.Limit
	forward := msg.span.Before == nil && !msg.span.FromEnd
	p.atEnd = msg.span.FromEnd || forward && !full
	p.atTop = msg.span.After == nil && msg.span.From == nil && msg.span.Before == nil && !msg.span.FromEnd ||
		msg.span.Before != nil && !full
	if msg.span.Before != nil && !full {
		// Fewer rows above than a window: read the first window instead,
		// so the screen stays full.
		return p.read(store.Span{}, msg.sel, msg.idx)
	}
	p.rows = msg.rows
	switch msg.sel {
	case selectFirst:
		p.selected = 0
	case selectLast:
		p.selected = len(p.rows) - 1
	default:
		p.selected = msg.idx
	}
	p.selected = max(0, min(p.selected, len(p.rows)-1))
	return nil
}

// step moves by n rows (negative: up).
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
		return nil
	}
	if p.atEnd {
		p.selected = len(p.rows) - 1
		return nil
	}
	want := p.selected + n - (len(p.rows) - 1) // rows to slide by
	shift := min(want, len(p.rows))
	after := p.rows[shift-1].Key
	cmd := p.read(store.Span{After: &after}, selectLast, 0)
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
		return nil
	}
	if p.atTop {
		p.selected = 0
		return nil
	}
	want := n - p.selected
	shift := min(want, len(p.rows))
	before := p.rows[len(p.rows)-shift].Key
	cmd := p.read(store.Span{Before: &before}, selectFirst, 0)
	p.pending -= want - shift
	return cmd
}

func (p *Page) pageDown() tea.Cmd {
	if p.atEnd || len(p.rows) == 0 {
		p.selected = max(0, len(p.rows)-1)
		return nil
	}
	last := p.rows[len(p.rows)-1].Key
	return p.read(store.Span{After: &last}, keepIndex, p.selected)
}

func (p *Page) pageUp() tea.Cmd {
	if p.atTop || len(p.rows) == 0 {
		p.selected = 0
		return nil
	}
	first := p.rows[0].Key
	return p.read(store.Span{Before: &first}, keepIndex, p.selected)
}
