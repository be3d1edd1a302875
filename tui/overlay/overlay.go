// Package overlay is the stack of modal models over the pages: the help,
// the sign-in screen, the wizard, and every box a page opens
// (confirmations, the reveal, dialogs, editors, forms). While one is on
// top it takes every key but ctrl+c, so nothing typed into it can quit or
// switch pages; it answers with a typed Action instead of changing anyone
// else's state (learned from crush's dialog.Overlay).
package overlay

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/route"
)

// Overlay is one modal model.
type Overlay interface {
	help.KeyMap
	// Mailbox addresses the answers of the overlay's own Cmds.
	Mailbox() *route.Mailbox
	// Owner gets the overlay's results; route.Root for the root's own
	// overlays, which the root draws over the whole body. A page draws
	// the boxes it owns, where they belong on it.
	Owner() route.ID
	// Update takes a key, a paste, a mouse event or an answer of the
	// overlay's Cmds.
	Update(tea.Msg) Action
	// View draws the overlay in at most width cells (and height lines,
	// for the root's full-body overlays).
	View(width, height int) string
}

// Base is what every overlay embeds: its mailbox (a new address per box,
// so a box opened again never gets the answers of the one before) and its
// owner.
type Base struct {
	mb    *route.Mailbox
	owner route.ID
}

// NewBase addresses a new overlay of kind, owned by owner.
func NewBase(kind string, owner route.ID) Base {
	return Base{mb: route.NewMailbox(route.NewID(kind)), owner: owner}
}

func (b *Base) Mailbox() *route.Mailbox { return b.mb }
func (b *Base) Owner() route.ID         { return b.owner }

// Action is what an overlay asks for: nil (nothing), Run, Close or Push.
type Action any

// Run keeps the overlay open and runs Cmd.
type Run struct{ Cmd tea.Cmd }

// Close takes the overlay off the stack, hands Result (when not nil) to
// its owner at once, and runs Cmd.
type Close struct {
	Result tea.Msg
	Cmd    tea.Cmd
}

// Push opens another overlay on top of this one (the gateway test over
// the reveal), and runs Cmd.
type Push struct {
	Overlay Overlay
	Cmd     tea.Cmd
}

// Stack holds the open overlays, bottom first. The root owns it; pages
// open their boxes on it (synchronously, in Update, so the next key
// already reaches the box) and read it to draw them.
type Stack struct{ items []Overlay }

// Push opens o on top.
func (s *Stack) Push(o Overlay) { s.items = append(s.items, o) }

// Top is the overlay opened last, or nil.
func (s *Stack) Top() Overlay {
	if len(s.items) == 0 {
		return nil
	}
	return s.items[len(s.items)-1]
}

// TopFor is the overlay that gets keys while page is on screen: the last
// opened of the root's and that page's. A box of a page that is not on
// screen waits (it is not drawn, so it must not take keys).
func (s *Stack) TopFor(page route.ID) Overlay {
	for i := len(s.items) - 1; i >= 0; i-- {
		if o := s.items[i]; o.Owner() == route.Root || o.Owner() == page {
			return o
		}
	}
	return nil
}

// Len is the number of open overlays.
func (s *Stack) Len() int { return len(s.items) }

// Find returns the open overlay with that mailbox address.
func (s *Stack) Find(id route.ID) Overlay {
	for _, o := range s.items {
		if o.Mailbox().ID() == id {
			return o
		}
	}
	return nil
}

// Remove closes the overlay with that address, wherever it is.
func (s *Stack) Remove(id route.ID) {
	for i, o := range s.items {
		if o.Mailbox().ID() == id {
			s.items = append(s.items[:i:i], s.items[i+1:]...)
			return
		}
	}
}

// OwnedBy lists the open overlays of one owner, bottom first: a page draws
// its boxes in that order.
func (s *Stack) OwnedBy(owner route.ID) []Overlay {
	var out []Overlay
	for _, o := range s.items {
		if o.Owner() == owner {
			out = append(out, o)
		}
	}
	return out
}

// Apply carries out what overlay o asked for. Results go to deliver, which
// hands them to o's owner; it returns the Cmds to run.
func (s *Stack) Apply(o Overlay, a Action, deliver func(owner route.ID, result tea.Msg) tea.Cmd) tea.Cmd {
	switch a := a.(type) {
	case Run:
		return a.Cmd
	case Push:
		s.Push(a.Overlay)
		return a.Cmd
	case Close:
		s.Remove(o.Mailbox().ID())
		if a.Result == nil {
			return a.Cmd
		}
		return tea.Batch(deliver(o.Owner(), a.Result), a.Cmd)
	}
	return nil
}

// Of returns the first open overlay of owner whose type is T: a page asks
// whether its reveal is open to lay itself out.
func Of[T Overlay](s *Stack, owner route.ID) (T, bool) {
	for _, o := range s.OwnedBy(owner) {
		if t, ok := o.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}
