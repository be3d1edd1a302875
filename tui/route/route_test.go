package route

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

type answer struct{ n int }

func ask(n int) tea.Cmd { return func() tea.Msg { return answer{n} } }

func TestOnlyTheNewestAnswerOfAQuestionIsOpened(t *testing.T) {
	b := NewMailbox("requests")
	older := b.Latest("window", ask(1))()
	newer := b.Latest("window", ask(2))()
	count := b.Latest("count", ask(3))()
	if !b.Pending("window") {
		t.Fatal("two reads asked, none answered, yet not pending")
	}
	if msg, ok := b.Open(newer.(Envelope)); !ok || msg != (answer{2}) || b.Pending("window") {
		t.Fatalf("the newest answer was not opened: %v %v", msg, ok)
	}
	if _, ok := b.Open(older.(Envelope)); ok {
		t.Fatal("an older answer landing last was opened")
	}
	if msg, ok := b.Open(count.(Envelope)); !ok || msg != (answer{3}) {
		t.Fatal("another question's answer must not be superseded by a newer window read")
	}
}

func TestAnswersGoOnlyToTheirAsker(t *testing.T) {
	requests, review := NewMailbox("requests"), NewMailbox("review")
	e := requests.Every(ask(1))().(Envelope)
	if _, ok := review.Open(e); ok {
		t.Fatal("the review page opened the requests page's answer")
	}
	if _, ok := requests.Open(e); !ok {
		t.Fatal("an Every answer must always be opened")
	}
}

func TestDropForgetsWhatIsInFlight(t *testing.T) {
	b := NewMailbox("review")
	e := b.Latest("detail", ask(1))().(Envelope)
	b.Drop("detail")
	if _, ok := b.Open(e); ok || b.Pending("detail") {
		t.Fatal("a dropped question's answer was opened")
	}
}

func TestBatchesAreAddressedItemByItem(t *testing.T) {
	b := NewMailbox("catalog")
	msg := b.Latest("load", tea.Batch(ask(1), ask(2)))()
	batch, ok := msg.(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("want a batch of two, got %T", msg)
	}
	for _, c := range batch {
		if _, ok := b.Open(c().(Envelope)); !ok {
			t.Fatal("an item of the newest batch was not opened")
		}
	}
	if b.Latest("x", nil) != nil || b.Every(nil) != nil {
		t.Fatal("a nil Cmd must stay nil")
	}
}

func TestNewIDsDiffer(t *testing.T) {
	if first, second := NewID("reveal"), NewID("reveal"); first == second {
		t.Fatal("two overlays got the same address")
	}
}
