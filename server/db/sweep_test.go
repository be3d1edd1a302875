package db

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// expiring stores, around now, one of each thing the sweep looks at that
// has expired and one that has not.
func expiring(t *testing.T, d *DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	if err := d.CreateUser(ctx, User{ID: "u1", Username: "ana", Name: "Ana", CPF: "52998224725", Role: api.RoleRequester}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []DeviceCode{
		{DeviceHash: "old", UserCode: "OLDO-OLDO", ClientID: "gecli", ExpiresAt: now.Add(-2 * time.Hour), Interval: time.Second},
		{DeviceHash: "lately", UserCode: "LATE-LATE", ClientID: "gecli", ExpiresAt: now.Add(-time.Minute), Interval: time.Second},
		{DeviceHash: "live", UserCode: "LIVE-LIVE", ClientID: "gecli", ExpiresAt: now.Add(time.Minute), Interval: time.Second},
	} {
		if err := d.CreateDeviceCode(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []RefreshToken{
		{Hash: "dead-1", FamilyID: "dead", ExpiresAt: now.Add(-48 * time.Hour)},
		{Hash: "dead-2", FamilyID: "dead", ExpiresAt: now.Add(-2 * time.Hour)},
		{Hash: "alive-older", FamilyID: "alive", ExpiresAt: now.Add(-3 * time.Hour)}, // used long ago, expired long ago
		{Hash: "alive-old", FamilyID: "alive", ExpiresAt: now.Add(-time.Minute)},     // used, just expired
		{Hash: "alive-new", FamilyID: "alive", ExpiresAt: now.Add(time.Hour)},
	} {
		r.UserID, r.ClientID = "u1", "gecli"
		if err := d.AddRefreshToken(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.w.db.Exec("UPDATE refresh_tokens SET used_at = ? WHERE token_hash IN ('alive-old', 'alive-older')", now.Add(-4*time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	for i, at := range []time.Time{now.Add(-IdempotencyTTL - time.Minute), now.Add(-time.Minute)} {
		if _, err := d.w.db.Exec("INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES ('c', ?, 'h', ?)",
			fmt.Sprint("k", i), stampKey(at)); err != nil {
			t.Fatal(err)
		}
	}
	for i, at := range []time.Time{now.Add(-2 * time.Hour), now.Add(-time.Minute)} {
		if _, err := d.w.db.Exec("INSERT INTO rate_limits (name, key, tokens, at) VALUES ('login', ?, 1, ?)",
			fmt.Sprint("ip", i), at.UnixNano()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTheSweepRemovesOnlyWhatExpired: a sweep removes what can no longer
// be used, and keeps whatever still can: a live refresh token, one that
// just expired (its replay must still revoke the family), a device code a
// client may still be polling, today's idempotency keys, a bucket in use.
func TestTheSweepRemovesOnlyWhatExpired(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	now := time.Now()
	expiring(t, d, now)

	s, err := d.Sweep(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	want := Swept{DeviceCodes: 1, RefreshTokens: 3, IdempotencyKeys: 1, RateLimits: 1}
	if s != want {
		t.Fatalf("swept %+v, want %+v", s, want)
	}
	for _, code := range []string{"LATE-LATE", "LIVE-LIVE"} {
		if _, err := d.DeviceByUserCode(ctx, code); err != nil {
			t.Fatalf("device code %s: %v", code, err)
		}
	}
	if _, err := d.DeviceByUserCode(ctx, "OLDO-OLDO"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the old device code: %v, want it gone", err)
	}
	if _, err := d.RotateRefreshToken(ctx, "dead-2", RefreshToken{Hash: "x", ExpiresAt: now.Add(time.Hour)}, now); !errors.Is(err, ErrTokenInvalid) {
		t.Fatalf("a swept family's token: %v, want invalid", err)
	}
	if _, err := d.RotateRefreshToken(ctx, "alive-old", RefreshToken{Hash: "y", ExpiresAt: now.Add(time.Hour)}, now); !errors.Is(err, ErrTokenReplayed) {
		t.Fatalf("a used token of a live family, just expired: %v, want a replay", err)
	}
	if _, active, _ := d.RefreshTokenActive(ctx, "alive-new", now); active {
		t.Fatal("the replay did not revoke the family")
	}
	if s, err := d.Sweep(ctx, now); err != nil || s.Total() != 0 {
		t.Fatalf("a second sweep: %+v %v, want nothing left", s, err)
	}
}

// TestTheSweepTakesItsBacklogInBatches: more expired rows than a batch
// are all removed, a batch per transaction.
func TestTheSweepTakesItsBacklogInBatches(t *testing.T) {
	d := openTemp(t)
	now := time.Now()
	tx, err := d.w.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2*sweepBatch + 7 {
		if _, err := tx.Exec("INSERT INTO rate_limits (name, key, tokens, at) VALUES ('login', ?, 1, ?)",
			fmt.Sprint(i), now.Add(-2*time.Hour).UnixNano()); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	s, err := d.Sweep(context.Background(), now)
	if err != nil || s.RateLimits != 2*sweepBatch+7 {
		t.Fatalf("swept %+v %v, want %d buckets", s, err, 2*sweepBatch+7)
	}
}

// TestReplicasSweepOneAtATime: while one replica sweeps (holds the
// sweep's lock), another's sweep skips and removes nothing; once it is
// done, the other may sweep.
func TestReplicasSweepOneAtATime(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	now := time.Now()
	expiring(t, a, now)

	tx, err := a.w.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mine bool
	if err := tx.QueryRowContext(ctx, sweepLockSQL).Scan(&mine); err != nil || !mine {
		t.Fatalf("taking the sweep's lock: %v %v", mine, err)
	}
	s, err := b.Sweep(ctx, now)
	if err != nil || !s.Skipped || s.Total() != 0 {
		t.Fatalf("B's sweep while A sweeps: %+v %v, want skipped", s, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if s, err := b.Sweep(ctx, now); err != nil || s.Skipped || s.Total() != 6 {
		t.Fatalf("B's sweep after A's: %+v %v, want 6 rows", s, err)
	}
}
