package db

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"time"
)

// ErrBusy says a write could not start in time: too many writes were
// waiting, or the one running took too long. The handler answers 503 with
// Retry-After; the write did not happen.
var ErrBusy = errors.New("database busy: the write could not start in time")

// writer serialises the server's writes. SQLite takes one writer at a
// time; letting connections collide gives SQLITE_BUSY after the busy
// timeout, a 500 for the client. Here writes queue for the one writer
// connection instead, in order, and the queue is bounded in length and in
// waiting time, so a burst is answered 503 at once rather than piling up.
type writer struct {
	db         *sql.DB
	token      chan struct{} // held for the whole of one transaction
	waiting    atomic.Int32
	maxWaiting int32
	wait       time.Duration
}

func newWriter(db *sql.DB, maxWaiting int, wait time.Duration) *writer {
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	return &writer{db: db, token: make(chan struct{}, 1), maxWaiting: int32(maxWaiting), wait: wait}
}

// begin starts a write transaction (BEGIN IMMEDIATE) once the writer is
// free. Every begin is paired with end.
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
	return tx, nil
}

// end rolls back what was not committed and frees the writer.
func (w *writer) end(tx *sql.Tx) {
	tx.Rollback() // after a Commit: sql.ErrTxDone, nothing to undo
	<-w.token
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
	return res, tx.Commit()
}
