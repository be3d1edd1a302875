package overlay

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/route"
)

type reveal struct{ mb *route.Mailbox }
type tester struct{ mb *route.Mailbox }

func (r *reveal) Mailbox() *route.Mailbox   { return r.mb }
func (r *reveal) Owner() route.ID           { return "credentials" }
func (r *reveal) ShortHelp() []key.Binding  { return nil }
func (r *reveal) FullHelp() [][]key.Binding { return nil }
func (r *reveal) View(int, int) string      { return "reveal" }
func (r *reveal) Update(tea.Msg) Action {
	return Push{Overlay: &tester{mb: route.NewMailbox(route.NewID("test"))}}
}

func (t *tester) Mailbox() *route.Mailbox   { return t.mb }
func (t *tester) Owner() route.ID           { return "credentials" }
func (t *tester) ShortHelp() []key.Binding  { return nil }
func (t *tester) FullHelp() [][]key.Binding { return nil }
func (t *tester) View(int, int) string      { return "test" }
func (t *tester) Update(tea.Msg) Action     { return Close{Result: "tested"} }

func TestBoxesStackAndCloseInOrder(t *testing.T) {
	var s Stack
	r := &reveal{mb: route.NewMailbox(route.NewID("reveal"))}
	s.Push(r)
	var got []any
	deliver := func(owner route.ID, msg tea.Msg) tea.Cmd { got = append(got, owner, msg); return nil }
	s.Apply(r, r.Update(nil), deliver) // t opens the test over the reveal
	top, ok := s.Top().(*tester)
	if !ok || s.Len() != 2 || len(s.OwnedBy("credentials")) != 2 {
		t.Fatalf("the test did not open over the reveal: %d open", s.Len())
	}
	s.Apply(top, top.Update(nil), deliver)
	if s.Top() != r || len(got) != 2 || got[1] != "tested" {
		t.Fatalf("closing the test must leave the reveal and hand its owner the result: %v", got)
	}
	if _, ok := Of[*tester](&s, "credentials"); ok {
		t.Fatal("a closed box is still found")
	}
	if found, ok := Of[*reveal](&s, "credentials"); !ok || found != r || s.Find(r.mb.ID()) != r {
		t.Fatal("the reveal is not found by type or by address")
	}
	s.Remove(r.mb.ID())
	if s.Len() != 0 || s.Top() != nil {
		t.Fatal("remove left something")
	}
}
