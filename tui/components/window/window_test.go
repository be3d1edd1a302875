package window

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
)

// cache is n rows in order, read the way store.Window reads them.
type cache []store.Row

func newCache(n int) cache {
	c := make(cache, n)
	for i := range c {
		id := fmt.Sprintf("SOL-%03d", i)
		c[i] = store.Row{Request: api.Request{ID: id}, Key: store.RowKey{Primary: id, ID: id}}
	}
	return c
}

func (c cache) index(k *store.RowKey) int {
	for i, r := range c {
		if r.Key == *k {
			return i
		}
	}
	panic("no row " + k.ID)
}

// read answers r as the store would, limit rows to a window.
func (c cache) read(r Read, limit int) Loaded {
	r.Span.Limit = limit
	sp := r.Span
	from, to := 0, len(c)
	switch {
	case sp.After != nil:
		from = c.index(sp.After) + 1
	case sp.From != nil:
		from = c.index(sp.From)
	case sp.Before != nil:
		to = c.index(sp.Before)
		from = max(0, to-limit)
	case sp.FromEnd:
		from = max(0, to-limit)
	}
	to = min(to, from+limit)
	return Loaded{Read: r, Rows: append([]store.Row{}, c[from:to]...)}
}

// follow applies reads until the window asks for none, as a page does.
func (c cache) follow(w *Window, res Result, limit int) Result {
	moved := res.Moved
	for res.Read != nil {
		res = w.Apply(c.read(*res.Read, limit))
		moved = moved || res.Moved
	}
	return Result{Moved: moved}
}

func ids(rows []store.Row) string {
	if len(rows) == 0 {
		return "-"
	}
	return fmt.Sprintf("%s..%s", rows[0].ID, rows[len(rows)-1].ID)
}

func TestApply(t *testing.T) {
	c := newCache(20)
	key := func(i int) *store.RowKey { return &c[i].Key }
	middle := func() *Window { // rows 5..9, the 8th selected
		w := &Window{}
		w.Apply(c.read(Read{Span: store.Span{From: key(5)}, Sel: Index, Idx: 3}, 5))
		return w
	}
	cases := []struct {
		name         string
		start        func() *Window
		loaded       Loaded
		rows         string
		selected     int
		atTop, atEnd bool
		again        *Read // the read from the top asked instead
		moved        bool
	}{
		{name: "first window", start: func() *Window { return &Window{} }, loaded: c.read(Top(), 5),
			rows: "SOL-000..SOL-004", atTop: true, moved: true},
		{name: "fewer rows than fit", start: func() *Window { return &Window{} }, loaded: newCache(3).read(Top(), 5),
			rows: "SOL-000..SOL-002", atTop: true, atEnd: true, moved: true},
		{name: "nothing at all", start: func() *Window { return &Window{} }, loaded: cache{}.read(Top(), 5),
			rows: "-", atTop: true, atEnd: true, moved: true},
		{name: "last window", start: middle, loaded: c.read(Bottom(), 5),
			rows: "SOL-015..SOL-019", selected: 4, atEnd: true, moved: true},
		{name: "nothing after: the screen stays", start: middle,
			loaded: Loaded{Read: Read{Span: store.Span{After: key(9), Limit: 5}, Sel: Last}},
			rows:   "SOL-005..SOL-009", selected: 3, atEnd: true},
		{name: "nothing before: the screen stays", start: middle,
			loaded: Loaded{Read: Read{Span: store.Span{Before: key(5), Limit: 5}, Sel: First}},
			rows:   "SOL-005..SOL-009", selected: 3, atTop: true},
		{name: "fewer rows above than a window: read the top", start: middle,
			loaded: c.read(Read{Span: store.Span{Before: key(2)}, Sel: Index, Idx: 3, Keep: "SOL-001"}, 5),
			rows:   "SOL-005..SOL-009", selected: 3, atTop: true, again: &Read{Sel: Index, Idx: 3, Keep: "SOL-001"}},
		{name: "none left from the top row: read the top", start: middle,
			loaded: Loaded{Read: Read{Span: store.Span{From: key(5), Limit: 5}, Sel: Index, Idx: 3}},
			rows:   "SOL-005..SOL-009", selected: 3, atEnd: true, again: &Read{Sel: Index, Idx: 3}},
		{name: "the same index", start: middle, loaded: c.read(Read{Span: store.Span{From: key(6)}, Sel: Index, Idx: 3}, 5),
			rows: "SOL-006..SOL-010", selected: 3, moved: true},
		{name: "the index past the rows: the last", start: middle, loaded: c.read(Read{Span: store.Span{From: key(17)}, Sel: Index, Idx: 4}, 5),
			rows: "SOL-017..SOL-019", selected: 2, atEnd: true, moved: true},
		{name: "keep follows the request", start: middle, loaded: c.read(Read{Span: store.Span{From: key(6)}, Sel: Index, Idx: 3, Keep: "SOL-008"}, 5),
			rows: "SOL-006..SOL-010", selected: 2},
		{name: "keep gone: the same index", start: middle, loaded: c.read(Read{Span: store.Span{From: key(6)}, Sel: Index, Idx: 3, Keep: "SOL-099"}, 5),
			rows: "SOL-006..SOL-010", selected: 3, moved: true},
		{name: "an error leaves the window", start: middle, loaded: Loaded{Read: Top(), Err: errors.New("disk")},
			rows: "SOL-005..SOL-009", selected: 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.start()
			res := w.Apply(tc.loaded)
			if got := ids(w.Rows()); got != tc.rows || w.Selected() != tc.selected || w.AtTop() != tc.atTop || w.AtEnd() != tc.atEnd {
				t.Errorf("rows %s, selected %d, top %v, end %v; want %s, %d, %v, %v",
					got, w.Selected(), w.AtTop(), w.AtEnd(), tc.rows, tc.selected, tc.atTop, tc.atEnd)
			}
			if res.Moved != tc.moved {
				t.Errorf("moved %v, want %v", res.Moved, tc.moved)
			}
			switch {
			case tc.again == nil && res.Read != nil:
				t.Errorf("asked for a read %+v", *res.Read)
			case tc.again != nil && (res.Read == nil || *res.Read != *tc.again):
				t.Errorf("read %+v, want %+v", res.Read, *tc.again)
			}
		})
	}
}
