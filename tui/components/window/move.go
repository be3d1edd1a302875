package window

import "github.com/gecli/gecli/store"

// Down moves the selection n rows down; at the bottom edge the window
// slides: a keyset read of one window from n rows further down. busy
// says a read is in flight: the move then waits for its rows.
func (w *Window) Down(n int, busy bool) Result {
	was := w.selected
	read := w.down(n, busy)
	return Result{Read: read, Moved: w.selected != was}
}

// Up is Down's mirror: at the top edge it reads the rows just above.
func (w *Window) Up(n int, busy bool) Result {
	was := w.selected
	read := w.up(n, busy)
	return Result{Read: read, Moved: w.selected != was}
}

func (w *Window) down(n int, busy bool) *Read {
	if busy {
		w.pending += n
		return nil
	}
	if len(w.rows) == 0 {
		return nil
	}
	if w.selected+n < len(w.rows) {
		w.selected += n
		return nil
	}
	if w.atEnd {
		w.selected = len(w.rows) - 1
		return nil
	}
	want := w.selected + n - (len(w.rows) - 1) // rows to slide by
	shift := min(want, len(w.rows))
	after := w.rows[shift-1].Key
	w.pending += want - shift // a move longer than a window continues after it
	return &Read{Span: store.Span{After: &after}, Sel: Last}
}

func (w *Window) up(n int, busy bool) *Read {
	if busy {
		w.pending -= n
		return nil
	}
	if len(w.rows) == 0 {
		return nil
	}
	if w.selected-n >= 0 {
		w.selected -= n
		return nil
	}
	if w.atTop {
		w.selected = 0
		return nil
	}
	want := n - w.selected
	shift := min(want, len(w.rows))
	before := w.rows[len(w.rows)-shift].Key
	w.pending -= want - shift
	return &Read{Span: store.Span{Before: &before}, Sel: First}
}

// PageDown reads the window after this one, the selection at the same
// index; at the end it selects the last row.
func (w *Window) PageDown() Result {
	was := w.selected
	if w.atEnd || len(w.rows) == 0 {
		w.selected = max(0, len(w.rows)-1)
		return Result{Moved: w.selected != was}
	}
	last := w.rows[len(w.rows)-1].Key
	return Result{Read: &Read{Span: store.Span{After: &last}, Sel: Index, Idx: w.selected}}
}

// PageUp is PageDown's mirror.
func (w *Window) PageUp() Result {
	was := w.selected
	if w.atTop || len(w.rows) == 0 {
		w.selected = 0
		return Result{Moved: w.selected != was}
	}
	first := w.rows[0].Key
	return Result{Read: &Read{Span: store.Span{Before: &first}, Sel: Index, Idx: w.selected}}
}
