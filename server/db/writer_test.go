package db

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestWritesWaitTheirTurnThenGiveUp: a write waits while another runs
// and goes ahead when it ends; one that cannot start in time, or finds
// the queue full, is refused with ErrBusy instead of colliding.
func TestWritesWaitTheirTurnThenGiveUp(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	w := newWriter(d.w.db, 1, 50*time.Millisecond)
	running, err := w.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := w.begin(ctx); !errors.Is(err, ErrBusy) || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("a write behind a long one must wait its bound, then be refused: %v after %v", err, time.Since(start))
	}

	queued := make(chan error, 1)
	go func() {
		tx, err := w.begin(ctx)
		if err == nil {
			w.end(tx)
		}
		queued <- err
	}()
	for w.waiting.Load() == 0 { // the goroutine is now in the queue
		time.Sleep(time.Millisecond)
	}
	if _, err := w.begin(ctx); !errors.Is(err, ErrBusy) {
		t.Fatalf("with the queue full a write must be refused at once: %v", err)
	}
	w.end(running)
	if err := <-queued; err != nil {
		t.Fatalf("the queued write did not go ahead when the writer was free: %v", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	hold, _ := w.begin(ctx)
	if _, err := w.begin(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("a write whose client left must stop waiting: %v", err)
	}
	w.end(hold)
}

// TestReadersRefuseWrites: the read pool is query_only, so a write that
// went to it by mistake fails instead of bypassing the writer.
func TestReadersRefuseWrites(t *testing.T) {
	d := openTemp(t)
	if _, err := d.r.Exec("CREATE TABLE sneaky (x)"); err == nil {
		t.Fatal("a reader connection accepted a write")
	}
	if err := d.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
