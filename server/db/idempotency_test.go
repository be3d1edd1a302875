package db

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestAKeyCommitsWithItsWrite: a claim is recorded by the write done
// under it, and only if that write commits; within 24 h the key keeps the
// first answer, after it is forgotten.
func TestAKeyCommitsWithItsWrite(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

	failed := &Claim{Caller: "u1", Key: "k", Hash: "h1", At: now}
	if _, err := d.ApplyTransition(WithClaim(ctx, failed), "SOL-inexistente", Transition{}); err == nil {
		t.Fatal("a transition of a request that does not exist succeeded")
	}
	if failed.Recorded() {
		t.Fatal("a write that rolled back left its key recorded")
	}
	if _, err := d.IdempotencyRecord(ctx, "u1", "k", now); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the key of a write that rolled back is on record: %v", err)
	}

	first := &Claim{Caller: "u1", Key: "k", Hash: "h1", At: now}
	if _, err := d.ServerKey(WithClaim(ctx, first), "x"); err != nil || !first.Recorded() {
		t.Fatalf("first write under the key: %v, recorded %v", err, first.Recorded())
	}
	d.FinishIdempotency("u1", "k", 201, "application/json", []byte(`{"id":"x"}`))
	rec := waitForAnswer(t, d, "u1", "k", now.Add(23*time.Hour))
	if rec.RequestHash != "h1" || rec.Status != 201 || string(rec.Body) != `{"id":"x"}` {
		t.Fatalf("within a day the first answer stays: %+v", rec)
	}

	second := &Claim{Caller: "u1", Key: "k", Hash: "h2", At: now.Add(time.Hour)}
	if _, err := d.ServerKey(WithClaim(ctx, second), "y"); !errors.Is(err, ErrKeyTaken) || !second.Taken() || second.Recorded() {
		t.Fatalf("a second write under the key: %v, taken %v", err, second.Taken())
	}
	if _, err := d.IdempotencyRecord(ctx, "u2", "k", now); !errors.Is(err, ErrNotFound) {
		t.Fatal("keys are per caller")
	}
	if _, err := d.IdempotencyRecord(ctx, "u1", "k", now.Add(25*time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after a day the key is forgotten: %v", err)
	}
	later := &Claim{Caller: "u1", Key: "k", Hash: "h2", At: now.Add(25 * time.Hour)}
	if _, err := d.ServerKey(WithClaim(ctx, later), "z"); err != nil || !later.Recorded() {
		t.Fatalf("after a day the key records anew: %v", err)
	}
}

// TestAKeptAnswerSurvivesARolledBackWrite: an answer that rode in a
// transaction which then rolled back is kept by the next one.
func TestAKeptAnswerSurvivesARolledBackWrite(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	now := time.Now()
	c := &Claim{Caller: "u1", Key: "k", Hash: "h1", At: now}
	if _, err := d.ServerKey(WithClaim(ctx, c), "x"); err != nil {
		t.Fatal(err)
	}
	d.w.mu.Lock() // hold the flusher's hand: the answer must ride in the failing write
	d.w.pending = append(d.w.pending, deferred{`UPDATE idempotency_keys SET status = 200, content_type = 'text/plain', body = ?
		WHERE caller = 'u1' AND key = 'k'`, []any{[]byte("ok")}})
	d.w.mu.Unlock()
	if _, err := d.ApplyTransition(ctx, "SOL-inexistente", Transition{}); err == nil {
		t.Fatal("a transition of a request that does not exist succeeded")
	}
	if rec := waitForAnswer(t, d, "u1", "k", now); rec.Status != 200 || string(rec.Body) != "ok" {
		t.Fatalf("the answer was lost with the rolled-back write: %+v", rec)
	}
}

// waitForAnswer reads a key's record until its answer is kept (the
// deferred write lands within milliseconds).
func waitForAnswer(t *testing.T, d *DB, caller, key string, now time.Time) Idempotency {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec, err := d.IdempotencyRecord(context.Background(), caller, key, now)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != 0 || time.Now().After(deadline) {
			return rec
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestClosingKeepsTheAnswersNotYetWritten: an answer queued for the next
// write transaction is written when the database closes (a server
// shutting down), not lost with the queue.
func TestClosingKeepsTheAnswersNotYetWritten(t *testing.T) {
	path := testDB(t)
	ctx := context.Background()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := d.ServerKey(WithClaim(ctx, &Claim{Caller: "u1", Key: "k", Hash: "h", At: now}), "x"); err != nil {
		t.Fatal(err)
	}
	d.w.mu.Lock() // as if the flusher had not run yet
	d.w.pending = append(d.w.pending, deferred{`UPDATE idempotency_keys SET status = 201, content_type = 'application/json', body = ?
		WHERE caller = 'u1' AND key = 'k'`, []any{[]byte("{}")}})
	d.w.mu.Unlock()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if rec, err := d.IdempotencyRecord(ctx, "u1", "k", now); err != nil || rec.Status != 201 {
		t.Fatalf("the queued answer was lost at close: %+v %v", rec, err)
	}
}

// TestAKeyExpiresToTheNanosecond: the 24 h are compared as text, so the
// stamps have a fixed width; in RFC3339Nano a whole second ("…:00Z")
// sorts after its half ("…:00.5Z").
func TestAKeyExpiresToTheNanosecond(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	for _, c := range []struct {
		at, now time.Time
		live    bool
	}{
		{time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), time.Date(2026, 12, 2, 10, 0, 0, 500_000_000, time.UTC), false},
		{time.Date(2026, 12, 1, 11, 0, 0, 500_000_000, time.UTC), time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC), true},
	} {
		key := c.at.String()
		if _, err := d.ServerKey(WithClaim(ctx, &Claim{Caller: "u", Key: key, Hash: "h", At: c.at}), key); err != nil {
			t.Fatal(err)
		}
		_, err := d.IdempotencyRecord(ctx, "u", key, c.now)
		if live := err == nil; live != c.live {
			t.Errorf("a key of %s read at %s: in force %v, want %v (%v)", c.at, c.now, live, c.live, err)
		}
	}
}
