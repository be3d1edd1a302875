package db

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
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
	d.UpsertInstitution(ctx, api.Institution{CNPJ: "11222333000181", Name: "TJ"})
	d.w.db.Exec(`INSERT INTO apis (id, name, acronym, description, category, system_type, owner, auth_type, openapi_doc,
		sort_key, search_text, updated_at) VALUES ('x','X','X','','data','other','','', '', 'x', 'x', '')`)
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
		_, err := d.CreateRequest(ctx, NewRequest{Create: api.RequestCreate{APIID: "x", Environment: api.EnvPRD,
			InstitutionCNPJ: "11222333000181"}, Requester: Actor{ID: "u", Name: "Ana"}, Rule: api.RuleFormStandard,
			Status: api.StatusPending, At: time.Now()})
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
