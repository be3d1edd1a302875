package db

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/testkit/pgtest"
)

// testDB names a fresh database on the engine the tests run on: a SQLite
// file, or with GECLI_TEST_ENGINE=postgres a PostgreSQL schema of its own
// (make test runs this package once on each).
func testDB(t testing.TB) string {
	t.Helper()
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		return pgtest.URL(t)
	}
	return filepath.Join(t.TempDir(), "s.db")
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	d, err := Open(context.Background(), testDB(t))
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
	w := newWriter(d.w.db, 1, 1, 50*time.Millisecond)
	defer func() { close(w.stop); <-w.done }() // its flusher; the connection is d's
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

// TestAQueryStopsWhenItsClientLeaves: a read whose context ends (the
// HTTP client went away) stops at once and gives its connection back,
// instead of running on for the whole scan.
func TestAQueryStopsWhenItsClientLeaves(t *testing.T) {
	d := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	// Counting to a billion takes SQLite tens of seconds.
	var n int
	err := d.queryRow(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)
		SELECT count(*) FROM c`).Scan(&n)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("the query ran on after its client left: %v after %v", err, time.Since(start))
	}
	deadline := time.Now().Add(5 * time.Second)
	for d.r.Stats().InUse > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if inUse := d.r.Stats().InUse; inUse != 0 {
		t.Fatalf("%d connection(s) still held by a stopped query", inUse)
	}
}

// TestReadingBackDoesNotHoldTheWriter: a write that returns the row it
// wrote reads it from the read pool after freeing the writer, so a busy
// read pool slows that one caller, not every write behind it.
func TestReadingBackDoesNotHoldTheWriter(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	minimalCatalog(t, d)
	// Every reader connection busy: an open result set holds each one.
	var held []*sql.Rows
	for range readers() {
		rows, err := d.r.QueryContext(ctx, "SELECT id FROM apis")
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, rows)
	}
	release := func() {
		for _, rows := range held {
			rows.Close()
		}
	}
	defer release()
	created := make(chan error, 1)
	go func() {
		_, err := d.CreateRequest(ctx, newPending())
		created <- err
	}()
	// The submission is committed, waiting for a reader to read it back.
	for {
		var n int
		d.w.db.QueryRow("SELECT count(*) FROM requests").Scan(&n)
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	other, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err := d.w.exec(other, "UPDATE counters SET value = value WHERE name = 'change_seq'")
	release()
	if err != nil {
		t.Fatalf("a write waited for another's read-back: %v", err)
	}
	if err := <-created; err != nil {
		t.Fatal(err)
	}
}

// queueAnswer puts a kept answer in the writer's queue, as if the
// flusher had not run yet.
func queueAnswer(d *DB, caller, key string) {
	d.w.mu.Lock()
	d.w.pending = append(d.w.pending, deferred{`UPDATE idempotency_keys SET status = 200, content_type = 'text/plain',
		body = ? WHERE caller = ? AND key = ?`, []any{[]byte("ok"), caller, key}})
	d.w.mu.Unlock()
}

// TestAWriteThatDoesNotCommitUndoesWhatItCarried: a write whose client
// leaves mid-transaction (database/sql rolls it back itself), and one
// whose COMMIT fails, record no key and lose no answer they carried.
func TestAWriteThatDoesNotCommitUndoesWhatItCarried(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	now := time.Now()
	if _, err := d.w.db.Exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
		CREATE TABLE child (pid INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ServerKey(WithClaim(ctx, &Claim{Caller: "u1", Key: "k", Hash: "h", At: now}), "x"); err != nil {
		t.Fatal(err)
	}
	left, leave := context.WithCancel(ctx)
	failures := map[string]func() (*Claim, error){
		"client left": func() (*Claim, error) {
			c := &Claim{Caller: "u2", Key: "left", Hash: "h", At: now}
			return c, d.w.do(WithClaim(left, c), func(*sql.Tx) error {
				leave()
				time.Sleep(20 * time.Millisecond) // database/sql rolls back on its own
				return left.Err()
			})
		},
		"commit failed": func() (*Claim, error) {
			c := &Claim{Caller: "u2", Key: "fk", Hash: "h", At: now}
			return c, d.w.do(WithClaim(ctx, c), func(tx *sql.Tx) error {
				_, err := tx.Exec("INSERT INTO child VALUES (5)") // the deferred key fails at COMMIT
				return err
			})
		},
	}
	for name, write := range failures {
		queueAnswer(d, "u1", "k")
		d.w.db.Exec("UPDATE idempotency_keys SET status = 0 WHERE caller = 'u1'")
		c, err := write()
		if err == nil {
			t.Fatalf("%s: the write succeeded", name)
		}
		if c.Recorded() {
			t.Errorf("%s: the key is marked recorded", name)
		}
		if _, err := d.IdempotencyRecord(ctx, c.Caller, c.Key, now); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: the key is on record: %v", name, err)
		}
		if rec := waitForAnswer(t, d, "u1", "k", now); rec.Status != 200 {
			t.Errorf("%s: the answer it carried was lost", name)
		}
	}
}

// TestEveryWriteCommitsThroughTheWriter: a transaction committed with
// tx.Commit() directly would leave the writer unsure of its outcome.
func TestEveryWriteCommitsThroughTheWriter(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if f == "writer.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), ".Commit()") {
			t.Errorf("%s commits a transaction itself; use d.w.commit(tx)", f)
		}
	}
}
