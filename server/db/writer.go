package db

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gecli/gecli/internal/pg"
)

// ErrBusy says a write could not start in time: too many writes were
// waiting, or the one running took too long. The handler answers 503 with
// Retry-After; the write did not happen.
var ErrBusy = errors.New("database busy: the write could not start in time")

// writer bounds the server's writes. SQLite takes one writer at a time;
// letting connections collide gives SQLITE_BUSY after the busy timeout, a
// 500 for the client. Here writes queue for the writer's connections
// instead (one on SQLite; a few on PostgreSQL, whose row locks order the
// writes that touch the same rows), in order, and the queue is bounded in
// length and in waiting time, so a burst is answered 503 at once rather
// than piling up.
type writer struct {
	db         *sql.DB
	token      chan struct{} // one held for the whole of each transaction
	waiting    atomic.Int32
	maxWaiting int32
	wait       time.Duration
	savepoints bool // a failed statement aborts the transaction (PostgreSQL)

	mu      sync.Mutex
	running map[*sql.Tx]*txState
	pending []deferred    // statements that need no answer: they ride along
	kick    chan struct{} // wakes the flusher
	stop    chan struct{}
	done    chan struct{}
	closing sync.Once
	closed  error
}

// txState is what a running transaction carries besides its own write,
// to undo unless it commits, and whether it did.
type txState struct {
	ctx       context.Context // for the audit's statements at commit
	claim     *Claim
	carried   []deferred
	committed bool
}

// deferred is a statement whose caller does not wait for it.
type deferred struct {
	query string
	args  []any
}

// flushDelay is how long a deferred statement waits for a write to ride
// in before the flusher gives it a transaction of its own.
const flushDelay = 5 * time.Millisecond

// newWriter writes through db with at most conns transactions at once.
func newWriter(db *sql.DB, conns, maxWaiting int, wait time.Duration) *writer {
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	w := &writer{db: db, token: make(chan struct{}, conns), maxWaiting: int32(maxWaiting), wait: wait,
		running: map[*sql.Tx]*txState{},
		kick:    make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go w.flusher()
	return w
}

// begin starts a write transaction (BEGIN IMMEDIATE) once the writer is
// free. Every begin is paired with end. The transaction first runs the
// deferred statements, and records the Idempotency-Key claim of ctx if it
// has one not yet recorded (ErrKeyTaken: another request holds the key).
func (w *writer) begin(ctx context.Context) (*sql.Tx, error) {
	if w.waiting.Add(1) > w.maxWaiting {
		w.waiting.Add(-1)
		return nil, ErrBusy
	}
	t := time.NewTimer(w.wait)
	defer t.Stop()
	select {
	case w.token <- struct{}{}:
		w.waiting.Add(-1)
	case <-t.C:
		w.waiting.Add(-1)
		return nil, ErrBusy
	case <-ctx.Done():
		w.waiting.Add(-1)
		return nil, ctx.Err()
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		<-w.token
		return nil, err
	}
	st := &txState{ctx: ctx}
	w.mu.Lock()
	w.running[tx] = st
	w.mu.Unlock()
	auditBufs.Store(tx, &auditBuf{})
	w.carry(ctx, tx, st)
	if c := claimOf(ctx); c != nil && !c.recorded {
		ok, err := c.record(ctx, tx)
		if err == nil && !ok {
			c.taken, err = true, ErrKeyTaken
		}
		if err != nil {
			w.end(tx)
			return nil, err
		}
		c.recorded, st.claim = true, c
	}
	return tx, nil
}

// carry runs the pending deferred statements in tx. One that fails is
// dropped (it would fail again; but one PostgreSQL undid for another
// transaction's sake, a deadlock, is queued again), not the transaction:
// SQLite undoes just
// that statement, and an error that ends the whole transaction fails the
// write too, so end puts them all back.
func (w *writer) carry(ctx context.Context, tx *sql.Tx, st *txState) {
	w.mu.Lock()
	st.carried, w.pending = w.pending, nil
	w.mu.Unlock()
	var again, kept []deferred
	for _, d := range st.carried {
		if ctx.Err() != nil {
			return // the transaction will roll back: end puts them back
		}
		if !w.savepoints {
			tx.ExecContext(ctx, d.query, d.args...)
			continue
		}
		// PostgreSQL aborts the whole transaction on a failed statement:
		// each carried one runs in a savepoint of its own.
		tx.ExecContext(ctx, "SAVEPOINT carried")
		if _, err := tx.ExecContext(ctx, d.query, d.args...); err != nil {
			tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT carried")
			if pg.Contended(err) { // undone for another's sake: it will work later
				again = append(again, d)
				tx.ExecContext(ctx, "RELEASE SAVEPOINT carried")
				continue
			}
		}
		kept = append(kept, d)
		tx.ExecContext(ctx, "RELEASE SAVEPOINT carried")
	}
	if len(again) > 0 {
		st.carried = kept // the others are queued again, no longer this one's to put back
		w.mu.Lock()
		w.pending = append(w.pending, again...)
		w.mu.Unlock()
		w.wake()
	}
}

// commit commits a write transaction; every writer transaction commits
// through it, so end knows the outcome. (Rollback cannot tell: after a
// failed COMMIT, or a rollback database/sql did itself when the context
// ended, it answers sql.ErrTxDone as after a commit.)
func (w *writer) commit(tx *sql.Tx) error {
	w.mu.Lock()
	ctx := w.running[tx].ctx
	w.mu.Unlock()
	if err := flushAudit(ctx, tx, bufOf(tx)); err != nil {
		return err
	}
	err := tx.Commit()
	w.mu.Lock()
	w.running[tx].committed = err == nil
	w.mu.Unlock()
	return err
}

// end rolls back what was not committed and frees the writer. Unless the
// transaction committed, what it carried is undone with it: the claim is
// no longer recorded, and the deferred statements wait for the next one.
func (w *writer) end(tx *sql.Tx) {
	tx.Rollback() // after a commit: sql.ErrTxDone, nothing to undo
	auditBufs.Delete(tx)
	w.mu.Lock()
	st := w.running[tx]
	delete(w.running, tx)
	if !st.committed {
		if st.claim != nil {
			st.claim.recorded = false
		}
		w.pending = append(st.carried, w.pending...)
	}
	w.mu.Unlock()
	if !st.committed && len(st.carried) > 0 {
		w.wake()
	}
	<-w.token
}

// do runs fn in a write transaction and commits it, freeing the writer
// before it returns: what the caller reads back afterwards (from the read
// pool, which may be busy) must not hold every other write up.
func (w *writer) do(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := w.begin(ctx)
	if err != nil {
		return err
	}
	defer w.end(tx)
	if err := fn(tx); err != nil {
		return err
	}
	return w.commit(tx)
}

// exec runs one statement as its own write transaction.
func (w *writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	tx, err := w.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer w.end(tx)
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return res, w.commit(tx)
}

// later queues a statement whose caller does not wait: it rides in the
// next write transaction, or the flusher's.
func (w *writer) later(query string, args ...any) {
	w.mu.Lock()
	w.pending = append(w.pending, deferred{query, args})
	w.mu.Unlock()
	w.wake()
}

func (w *writer) wake() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// flusher gives deferred statements a transaction when no write came to
// carry them.
func (w *writer) flusher() {
	defer close(w.done)
	for {
		select {
		case <-w.stop:
			return
		case <-w.kick:
		}
		select {
		case <-w.stop:
			return
		case <-time.After(flushDelay):
		}
		if err := w.flush(context.Background()); err != nil {
			time.Sleep(flushDelay) // busy: try again soon
			w.wake()
		}
	}
}

// flush commits the pending deferred statements, if any.
func (w *writer) flush(ctx context.Context) error {
	w.mu.Lock()
	n := len(w.pending)
	w.mu.Unlock()
	if n == 0 {
		return nil
	}
	tx, err := w.begin(ctx)
	if err != nil {
		return err
	}
	defer w.end(tx)
	return w.commit(tx)
}

// close stops the flusher and commits what it still held (once: a
// second close says what the first did).
func (w *writer) close() error {
	w.closing.Do(func() {
		close(w.stop)
		<-w.done
		w.closed = errors.Join(w.flush(context.Background()), w.db.Close())
	})
	return w.closed
}
