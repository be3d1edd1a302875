package common

// Latest tracks the newest of a page's repeated loads. Every reload is
// asked for, even with one in flight (that one may predate a change), and
// only the newest answer is taken: an older one landing last never
// replaces it.
type Latest struct {
	gen     int
	pending bool
}

// Ask numbers a new load; its Cmd carries the number back in its answer.
func (l *Latest) Ask() int {
	l.gen++
	l.pending = true
	return l.gen
}

// Take reports whether an answer is the newest, and then marks it
// answered; an older answer is to be dropped.
func (l *Latest) Take(gen int) bool {
	if gen != l.gen {
		return false
	}
	l.pending = false
	return true
}

// Pending reports whether the newest load has not answered yet.
func (l *Latest) Pending() bool { return l.pending }
