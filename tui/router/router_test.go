package router

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

type detail struct{ id string }

// page records what reaches it.
type page struct {
	mb  *route.Mailbox
	got []tea.Msg
}

func newPage(id route.ID) *page { return &page{mb: route.NewMailbox(id)} }

func (p *page) Mailbox() *route.Mailbox { return p.mb }
func (p *page) Init() tea.Cmd           { return nil }
func (p *page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *page) View() string              { return "" }
func (p *page) SetSize(int, int) tea.Cmd  { return nil }
func (p *page) Capturing() bool           { return false }
func (p *page) Title() string             { return "" }
func (p *page) Allowed(*api.Me) bool      { return true }
func (p *page) ShortHelp() []key.Binding  { return nil }
func (p *page) FullHelp() [][]key.Binding { return nil }
func (p *page) load(id string) route.Envelope {
	return p.mb.Latest("detail", func() tea.Msg { return detail{id} })().(route.Envelope)
}

// box closes on any key, handing its owner the key's text.
type box struct {
	mb    *route.Mailbox
	owner route.ID
	got   []tea.Msg
}

func (b *box) Mailbox() *route.Mailbox   { return b.mb }
func (b *box) Owner() route.ID           { return b.owner }
func (b *box) ShortHelp() []key.Binding  { return nil }
func (b *box) FullHelp() [][]key.Binding { return nil }
func (b *box) View(int, int) string      { return "" }
func (b *box) Update(msg tea.Msg) overlay.Action {
	b.got = append(b.got, msg)
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return overlay.Close{Result: k.Text}
	}
	return nil
}

func TestAnAnswerReachesOnlyThePageThatAsked(t *testing.T) {
	requests, review := newPage("requests"), newPage("review")
	r := &Router{Pages: []common.Page{requests, review}, Stack: &overlay.Stack{}}
	older := review.load("SOL-1")
	newer := review.load("SOL-2")
	r.Deliver(requests.load("SOL-9"))
	r.Deliver(newer)
	r.Deliver(older) // landing last, asked first
	if len(requests.got) != 1 || requests.got[0] != (detail{"SOL-9"}) {
		t.Fatalf("the requests page got %v", requests.got)
	}
	if len(review.got) != 1 || review.got[0] != (detail{"SOL-2"}) {
		t.Fatalf("the review page got %v: only its newest detail belongs on it", review.got)
	}
}

func TestInputGoesToTheTopBoxAndItsResultToItsOwner(t *testing.T) {
	p := newPage("vault")
	st := &overlay.Stack{}
	r := &Router{Pages: []common.Page{p}, Stack: st}
	if _, ok := r.Input(tea.KeyPressMsg{Code: 'q', Text: "q"}, "vault"); ok {
		t.Fatal("no box open, yet the input was taken")
	}
	b := &box{mb: route.NewMailbox(route.NewID("form")), owner: "vault"}
	st.Push(b)
	answer := b.mb.Every(func() tea.Msg { return "written" })().(route.Envelope)
	if _, ok := r.Input(tea.KeyPressMsg{Code: 'q', Text: "q"}, "catalog"); ok {
		t.Fatal("the vault's box took a key while the catalog is on screen")
	}
	if _, ok := r.Input(tea.KeyPressMsg{Code: 'q', Text: "q"}, "vault"); !ok || st.Len() != 0 {
		t.Fatal("the key did not reach the box, or the box did not close")
	}
	if len(p.got) != 1 || p.got[0] != "q" {
		t.Fatalf("the owner got %v, want the box's result", p.got)
	}
	r.Deliver(answer) // the box is closed: its answer has no one to go to
	if len(b.got) != 1 || len(p.got) != 1 {
		t.Fatalf("an answer for a closed box was delivered: box %v, page %v", b.got, p.got)
	}
}

func TestRootOverlaysReportToTheRoot(t *testing.T) {
	var root []tea.Msg
	st := &overlay.Stack{}
	r := &Router{Stack: st, Root: func(msg tea.Msg) tea.Cmd { root = append(root, msg); return nil }}
	st.Push(&box{mb: route.NewMailbox(route.NewID("wizard")), owner: route.Root})
	r.Input(tea.KeyPressMsg{Code: 'x', Text: "x"}, "catalog")
	if len(root) != 1 || root[0] != "x" {
		t.Fatalf("root got %v", root)
	}
}
