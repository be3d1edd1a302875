// Moving through the table: the selection moves inside the window read
// from the cache, and at an edge the window slides by a keyset read
// (tui/components/window decides which; the page starts it).

package requests

import (
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/components/window"
)

// read starts one window read; only the latest read's answer is applied.
func (p *Page) read(r window.Read) tea.Cmd {
	r.Span.Limit = p.visible()
	return p.mb.Latest("window", readWindow(p.store, p.query(), p.search.Value(), r))
}

// follow starts the read the window asks for, if any.
func (p *Page) follow(res window.Result) tea.Cmd {
	if res.Read == nil {
		return nil
	}
	return p.read(*res.Read)
}

// down and up move the selection; while a read is in flight the move
// waits for its rows.
func (p *Page) down(n int) tea.Cmd { return p.follow(p.win.Down(n, p.mb.Pending("window"))) }
func (p *Page) up(n int) tea.Cmd   { return p.follow(p.win.Up(n, p.mb.Pending("window"))) }
