package db

import (
	"context"
	"testing"
	"time"
)

// TestAKeyIsKeptADay: within 24 h a key claims once and returns the first
// answer; after, it is forgotten and claims anew.
func TestAKeyIsKeptADay(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if _, claimed, err := d.ClaimIdempotency(ctx, "u1", "k", "h1", now); err != nil || !claimed {
		t.Fatalf("first claim: %v %v", claimed, err)
	}
	if err := d.FinishIdempotency(ctx, "u1", "k", 201, "application/json", []byte(`{"id":"x"}`)); err != nil {
		t.Fatal(err)
	}
	rec, claimed, err := d.ClaimIdempotency(ctx, "u1", "k", "h2", now.Add(23*time.Hour))
	if err != nil || claimed || rec.RequestHash != "h1" || rec.Status != 201 || string(rec.Body) != `{"id":"x"}` {
		t.Fatalf("within a day the first answer stays: %+v %v %v", rec, claimed, err)
	}
	if _, claimed, _ := d.ClaimIdempotency(ctx, "u2", "k", "h1", now); !claimed {
		t.Fatal("keys are per caller")
	}
	if _, claimed, err := d.ClaimIdempotency(ctx, "u1", "k", "h2", now.Add(25*time.Hour)); err != nil || !claimed {
		t.Fatalf("after a day the key is new again: %v %v", claimed, err)
	}
	if err := d.ReleaseIdempotency(ctx, "u1", "k"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.IdempotencyRecord(ctx, "u1", "k"); err != ErrNotFound {
		t.Fatalf("a released key (its first request failed) is gone: %v", err)
	}
}
