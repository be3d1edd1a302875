package window

import (
	"testing"

	"github.com/gecli/gecli/store"
)

// at is a window of c read from row first, the selection on row sel.
func at(c cache, first, sel, limit int) *Window {
	w := &Window{}
	r := Read{Sel: Index, Idx: sel - first}
	if first > 0 {
		r.Span.From = &c[first].Key
	}
	c.follow(w, w.Apply(c.read(r, limit)), limit)
	return w
}

func TestMovesAtTheEdges(t *testing.T) {
	c := newCache(20)
	cases := []struct {
		name     string
		w        *Window
		move     func(*Window) Result
		read     string // the span asked for: "", "after SOL-…", "before SOL-…"
		selected int    // in the window, after the move (before any read)
		moved    bool
		pending  int
	}{
		{"down inside", at(c, 5, 6, 5), func(w *Window) Result { return w.Down(1, false) }, "", 2, true, 0},
		{"down at the bottom edge slides by one", at(c, 5, 9, 5), func(w *Window) Result { return w.Down(1, false) }, "after SOL-005", 4, false, 0},
		{"down three from the last but one slides by two", at(c, 5, 8, 5), func(w *Window) Result { return w.Down(3, false) }, "after SOL-006", 3, false, 0},
		{"down further than a window continues after it", at(c, 5, 9, 5), func(w *Window) Result { return w.Down(8, false) }, "after SOL-009", 4, false, 3},
		{"down at the end stays on the last", at(c, 16, 19, 5), func(w *Window) Result { return w.Down(1, false) }, "", 3, false, 0},
		{"down at the end goes to the last", at(c, 16, 17, 5), func(w *Window) Result { return w.Down(3, false) }, "", 3, true, 0},
		{"up inside", at(c, 5, 6, 5), func(w *Window) Result { return w.Up(1, false) }, "", 0, true, 0},
		{"up at the top edge slides by one", at(c, 5, 5, 5), func(w *Window) Result { return w.Up(1, false) }, "before SOL-009", 0, false, 0},
		{"up further than a window continues before it", at(c, 10, 10, 5), func(w *Window) Result { return w.Up(7, false) }, "before SOL-010", 0, false, -2},
		{"up at the top stays on the first", at(c, 0, 0, 5), func(w *Window) Result { return w.Up(1, false) }, "", 0, false, 0},
		{"up at the top goes to the first", at(c, 0, 2, 5), func(w *Window) Result { return w.Up(3, false) }, "", 0, true, 0},
		{"busy: down waits", at(c, 5, 6, 5), func(w *Window) Result { return w.Down(3, true) }, "", 1, false, 3},
		{"busy: up waits", at(c, 5, 6, 5), func(w *Window) Result { return w.Up(2, true) }, "", 1, false, -2},
		{"no rows: nothing", &Window{}, func(w *Window) Result { return w.Down(1, false) }, "", 0, false, 0},
		{"page down", at(c, 5, 7, 5), (*Window).PageDown, "after SOL-009", 2, false, 0},
		{"page down at the end: the last", at(c, 16, 17, 5), (*Window).PageDown, "", 3, true, 0},
		{"page up", at(c, 5, 7, 5), (*Window).PageUp, "before SOL-005", 2, false, 0},
		{"page up at the top: the first", at(c, 0, 3, 5), (*Window).PageUp, "", 0, true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.move(tc.w)
			if got := spanOf(res.Read); got != tc.read {
				t.Errorf("read %q, want %q", got, tc.read)
			}
			if tc.w.Selected() != tc.selected || res.Moved != tc.moved || tc.w.pending != tc.pending {
				t.Errorf("selected %d, moved %v, pending %d; want %d, %v, %d",
					tc.w.Selected(), res.Moved, tc.w.pending, tc.selected, tc.moved, tc.pending)
			}
		})
	}
}

func spanOf(r *Read) string {
	switch {
	case r == nil:
		return ""
	case r.Span.After != nil:
		return "after " + r.Span.After.ID
	case r.Span.Before != nil:
		return "before " + r.Span.Before.ID
	}
	return "other"
}

// Moves typed while a read is in flight run, summed, when its rows land.
func TestPendingMovesRunWhenTheRowsArrive(t *testing.T) {
	c := newCache(20)
	w := at(c, 5, 9, 5)
	slide := w.Down(1, false) // at the bottom edge: a read starts
	for _, n := range []int{1, 1, 1, -1} {
		if n > 0 {
			w.Down(n, true)
		} else {
			w.Up(-n, true)
		}
	}
	if w.pending != 2 {
		t.Fatalf("pending %d, want 2", w.pending)
	}
	res := w.Apply(c.read(*slide.Read, 5)) // rows 6..10, on 10; then two down
	c.follow(w, res, 5)
	if r := w.Current(); r == nil || r.ID != "SOL-012" || w.pending != 0 {
		t.Fatalf("on %v (pending %d), want SOL-012", w.Current(), w.pending)
	}
}

// A read from the top asked instead keeps the moves typed for its rows.
func TestPendingMovesWaitForTheReadFromTheTop(t *testing.T) {
	c := newCache(20)
	w := at(c, 1, 1, 5)
	up := w.Up(3, false) // reads before SOL-003: three rows, short
	w.Down(2, true)
	res := w.Apply(c.read(*up.Read, 5))
	if res.Read == nil || w.pending != 2 {
		t.Fatalf("read %v, pending %d: want a read from the top, 2 pending", res.Read, w.pending)
	}
	c.follow(w, res, 5)
	if r := w.Current(); r == nil || r.ID != "SOL-002" {
		t.Fatalf("on %v, want SOL-002 (the first, then two down)", w.Current())
	}
}

// Holding ↓ visits every row once, in order, however many windows.
func TestDownWalksEveryRow(t *testing.T) {
	c := newCache(23)
	w := &Window{}
	c.follow(w, w.Apply(c.read(Top(), 5)), 5)
	seen := []string{w.Current().ID}
	for range 30 {
		c.follow(w, w.Down(1, false), 5)
		if id := w.Current().ID; id != seen[len(seen)-1] {
			seen = append(seen, id)
		}
	}
	if len(seen) != len(c) || !w.AtEnd() {
		t.Fatalf("saw %d rows (end %v), want %d", len(seen), w.AtEnd(), len(c))
	}
	for i, id := range seen {
		if id != c[i].ID {
			t.Fatalf("row %d is %s, want %s", i, id, c[i].ID)
		}
	}
	for range 30 {
		c.follow(w, w.Up(1, false), 5)
	}
	if w.Current().ID != c[0].ID || !w.AtTop() {
		t.Fatalf("holding ↑ stopped on %s (top %v)", w.Current().ID, w.AtTop())
	}
}

func TestRefreshAndDrop(t *testing.T) {
	c := newCache(20)
	if r := at(c, 0, 2, 5).Refresh(); r.Span != (store.Span{}) || r.Sel != Index || r.Idx != 2 {
		t.Errorf("at the top, refresh reads %+v: want the top, index 2", r)
	}
	w := at(c, 5, 7, 5)
	if r := w.Refresh(); r.Span.From == nil || r.Span.From.ID != "SOL-005" || r.Idx != 2 {
		t.Errorf("refresh reads %+v: want from SOL-005, index 2", r)
	}
	if !w.Drop("SOL-007") || w.Current().ID != "SOL-008" || len(w.Rows()) != 4 {
		t.Errorf("after the drop: on %s of %d rows, want SOL-008 of 4", w.Current().ID, len(w.Rows()))
	}
	if w.Drop("SOL-099") {
		t.Error("dropped a row the window did not hold")
	}
	w = at(c, 15, 19, 5)
	if w.Drop("SOL-019"); w.Current().ID != "SOL-018" {
		t.Errorf("dropping the last row: on %s, want SOL-018", w.Current().ID)
	}
}
