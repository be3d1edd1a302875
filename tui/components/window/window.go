// Package window is a sliding window over the cached requests: the rows
// read from the cache by keyset (store.Window), the selection in them,
// and whether they start at the first row or end at the last. The
// selection moves inside the window for free; at an edge the window
// slides by one keyset read, so any row is reached however many there
// are. The package only decides: it says which read to start and applies
// what the read brought; the page starts the read (its filters, its
// Mailbox) and shows the selection.
package window

import "github.com/gecli/gecli/store"

// Move says where a read puts the selection when its rows arrive.
type Move int

const (
	First Move = iota // on the first row read
	Last              // on the last row read
	Index             // at Read.Idx, within the rows read
)

// Read is a read for the page to start: the span of rows (the page sets
// its Limit, the rows that fit) and where the selection goes when they
// arrive. Keep, when set, is the request to keep selected if the rows
// hold it (they changed underneath).
type Read struct {
	Span store.Span
	Sel  Move
	Idx  int
	Keep string
}

// Top reads the first window (home, or the filters changed).
func Top() Read { return Read{Sel: First} }

// Bottom reads the last window, the selection on its last row (end).
func Bottom() Read { return Read{Span: store.Span{FromEnd: true}, Sel: Last} }

// Loaded is a read's answer, for Apply.
type Loaded struct {
	Read Read // as it was started, Limit included
	Rows []store.Row
	Err  error
}

// Result is what a change asks of the page.
type Result struct {
	// Read, when not nil, is the read to start.
	Read *Read
	// Moved says the selection is on another row, or there was none
	// before: the page shows what is selected now.
	Moved bool
}

// Window is the rows on screen and the selection in them.
type Window struct {
	rows         []store.Row
	selected     int
	atTop, atEnd bool // the rows start at the first row, end at the last
	// Moves typed while a read is in flight (key repeat at an edge)
	// accumulate here and run when the rows arrive, so no keystroke is
	// lost.
	pending int
}

func (w *Window) Rows() []store.Row { return w.rows }
func (w *Window) Selected() int     { return w.selected }
func (w *Window) AtTop() bool       { return w.atTop }
func (w *Window) AtEnd() bool       { return w.atEnd }

// Current is the selected row, nil when there are none.
func (w *Window) Current() *store.Row {
	if w.selected < len(w.rows) {
		return &w.rows[w.selected]
	}
	return nil
}

func (w *Window) currentID() string {
	if r := w.Current(); r != nil {
		return r.ID
	}
	return ""
}

// Apply takes a read's rows (an error leaves the window as it was). The
// moves typed meanwhile then run, unless the rows called for a read from
// the top instead: they wait for that one.
func (w *Window) Apply(l Loaded) Result {
	res := w.apply(l)
	if res.Read != nil || w.pending == 0 {
		return res
	}
	n := w.pending
	w.pending = 0
	var next Result
	if n < 0 {
		next = w.Up(-n, false)
	} else {
		next = w.Down(n, false)
	}
	return Result{Read: next.Read, Moved: res.Moved || next.Moved}
}

func (w *Window) apply(l Loaded) Result {
	if l.Err != nil {
		return Result{}
	}
	sp := l.Read.Span
	// A read past either end finds nothing new: keep the screen.
	if len(l.Rows) == 0 && (sp.After != nil || sp.Before != nil) {
		w.atEnd = w.atEnd || sp.After != nil
		w.atTop = w.atTop || sp.Before != nil
		return Result{}
	}
	full := len(l.Rows) == sp.Limit
	forward := sp.Before == nil && !sp.FromEnd
	w.atEnd = sp.FromEnd || forward && !full
	w.atTop = sp.After == nil && sp.From == nil && sp.Before == nil && !sp.FromEnd || sp.Before != nil && !full
	if sp.Before != nil && !full || sp.From != nil && len(l.Rows) == 0 {
		// Fewer rows above than a window (or none left from here): read
		// the first window instead, so the screen stays full.
		top := Read{Sel: l.Read.Sel, Idx: l.Read.Idx, Keep: l.Read.Keep}
		return Result{Read: &top}
	}
	prev := w.currentID()
	w.rows = l.Rows
	switch l.Read.Sel {
	case First:
		w.selected = 0
	case Last:
		w.selected = len(w.rows) - 1
	default:
		w.selected = l.Read.Idx
	}
	for i, r := range w.rows {
		if l.Read.Keep != "" && r.ID == l.Read.Keep {
			w.selected = i
		}
	}
	w.selected = max(0, min(w.selected, len(w.rows)-1))
	return Result{Moved: w.currentID() != prev || prev == ""}
}

// Refresh reads the window again from its first row (rows changed
// underneath), the selection at the same index. At the top it reads from
// the top, so that new rows show up above.
func (w *Window) Refresh() Read {
	r := Read{Sel: Index, Idx: w.selected}
	if len(w.rows) > 0 && !w.atTop {
		top := w.rows[0].Key
		r.Span.From = &top
	}
	return r
}

// Drop takes the row of request id out at once (the page reads the
// window again to fill the gap), the selection staying in place: on the
// next row. It reports whether the row was there.
func (w *Window) Drop(id string) bool {
	for i, r := range w.rows {
		if r.ID == id {
			w.rows = append(w.rows[:i:i], w.rows[i+1:]...)
			w.selected = max(0, min(w.selected, len(w.rows)-1))
			return true
		}
	}
	return false
}
