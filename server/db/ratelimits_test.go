package db

import (
	"context"
	"testing"
	"time"
)

// TestABucketRefillsAtItsRate: a burst, then one token per 1/rate; a look
// spends nothing.
func TestABucketRefillsAtItsRate(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	r := Rate{PerSecond: 2, Burst: 3}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for i := range 3 {
		if ok, _, err := d.TakeRate(ctx, "sign-in", "10.0.0.1", r, now); err != nil || !ok {
			t.Fatalf("token %d of the burst refused: %v", i+1, err)
		}
	}
	n, wait, err := d.PeekRate(ctx, "sign-in", "10.0.0.1", r, now)
	ok := n >= 1
	if err != nil || ok || wait != 500*time.Millisecond {
		t.Fatalf("an empty bucket must say wait 500 ms: %v %v %v", ok, wait, err)
	}
	if ok, _, _ := d.TakeRate(ctx, "sign-in", "10.0.0.2", r, now); !ok {
		t.Fatal("buckets are per key")
	}
	if ok, _, _ := d.TakeRate(ctx, "sign-in", "10.0.0.1", r, now.Add(500*time.Millisecond)); !ok {
		t.Fatal("a token refilled after 1/rate was refused")
	}
	if ok, _, _ := d.TakeRate(ctx, "sign-in", "10.0.0.1", r, now.Add(500*time.Millisecond)); ok {
		t.Fatal("the refilled token was spent twice")
	}
}

// TestReplicasShareABucket: two replicas spend from the same bucket, so
// together they allow the burst once, not once each.
func TestReplicasShareABucket(t *testing.T) {
	a, b := twoReplicas(t)
	if !a.Shared() {
		t.Fatal("a PostgreSQL database is shared by its replicas")
	}
	ctx := context.Background()
	r := Rate{PerSecond: 0.001, Burst: 4}
	now := time.Now()
	allowed := 0
	for i := range 10 {
		if ok, _, err := []*DB{a, b}[i%2].TakeRate(ctx, "device", "192.0.2.7", r, now); err != nil {
			t.Fatal(err)
		} else if ok {
			allowed++
		}
	}
	if allowed != 4 {
		t.Fatalf("%d attempts allowed across two replicas, want the burst of 4", allowed)
	}
}
