// Package router hands each message to the one model it is for: an
// answer to the page or overlay that asked (through its route.Envelope),
// input to the overlay on top, an overlay's result to its owner. The root
// model and the page test harness route through the same code.
package router

import (
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Router routes between pages and the overlay stack.
type Router struct {
	Pages []common.Page
	Stack *overlay.Stack
	// Root takes the results of the root's own overlays (route.Root).
	Root func(tea.Msg) tea.Cmd
}

// Deliver hands an envelope to its asker when the asker is still there
// and the answer is the newest of its question; otherwise it is dropped
// (a box that closed, a read that a newer one replaced).
func (r *Router) Deliver(e route.Envelope) tea.Cmd {
	if o := r.Stack.Find(e.To); o != nil {
		msg, ok := o.Mailbox().Open(e)
		if !ok || msg == nil {
			return nil
		}
		return r.Stack.Apply(o, o.Update(msg), r.result)
	}
	for i, p := range r.Pages {
		if p.Mailbox().ID() == e.To {
			msg, ok := p.Mailbox().Open(e)
			if !ok || msg == nil {
				return nil
			}
			var cmd tea.Cmd
			r.Pages[i], cmd = p.Update(msg)
			return cmd
		}
	}
	return nil
}

// Input gives a key, paste or mouse event to the overlay on top for the
// page on screen (the root's, or that page's own); ok is false when there
// is none.
func (r *Router) Input(msg tea.Msg, page route.ID) (cmd tea.Cmd, ok bool) {
	o := r.Stack.TopFor(page)
	if o == nil {
		return nil, false
	}
	return r.Stack.Apply(o, o.Update(msg), r.result), true
}

// Broadcast gives msg to every page: data changed under all of them
// (a sync, the drafts), whichever is on screen.
func (r *Router) Broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(r.Pages))
	for i, p := range r.Pages {
		r.Pages[i], cmds[i] = p.Update(msg)
	}
	return tea.Batch(cmds...)
}

// result hands an overlay's result to its owner, in the same Update: the
// next key already finds the owner acted on it.
func (r *Router) result(owner route.ID, msg tea.Msg) tea.Cmd {
	if owner == route.Root {
		if r.Root == nil {
			return nil
		}
		return r.Root(msg)
	}
	for i, p := range r.Pages {
		if p.Mailbox().ID() == owner {
			var cmd tea.Cmd
			r.Pages[i], cmd = p.Update(msg)
			return cmd
		}
	}
	return nil
}
