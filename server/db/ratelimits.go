package db

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Shared says several server processes may use this database at once
// (PostgreSQL): what must hold across them, such as rate limits, is kept
// here rather than in memory.
func (d *DB) Shared() bool { return d.postgres }

// Rate is a token bucket: Burst tokens at most, refilled at PerSecond.
type Rate struct {
	PerSecond float64
	Burst     int
}

// PeekRate is what bucket (name, key) holds at now, without spending
// (Burst for a bucket never used, or swept), and how long until it holds
// a token: a read, not a write transaction (every client-credentials
// grant looks before it checks the secret).
func (d *DB) PeekRate(ctx context.Context, name, key string, r Rate, now time.Time) (float64, time.Duration, error) {
	var tokens float64
	var at int64
	err := d.queryRow(ctx, "SELECT tokens, at FROM rate_limits WHERE name = ? AND key = ?", name, key).Scan(&tokens, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return float64(r.Burst), 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	tokens, wait := refill(tokens, at, r, now)
	return tokens, wait, nil
}

// TakeRate spends one token of bucket (name, key); ok is false, with how
// long until a token, when the bucket is empty. Buckets idle for an hour
// are removed by the expiry sweep (they would be full again anyway).
func (d *DB) TakeRate(ctx context.Context, name, key string, r Rate, now time.Time) (ok bool, wait time.Duration, err error) {
	err = d.w.do(ctx, func(tx *sql.Tx) error {
		var tokens float64
		var at int64
		// Twice at most: the sweep may remove an idle bucket between the
		// insert that found it there and the read.
		for try := 0; ; try++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rate_limits (name, key, tokens, at) VALUES (?, ?, ?, ?)
				ON CONFLICT (name, key) DO NOTHING`, name, key, float64(r.Burst), now.UnixNano()); err != nil {
				return err
			}
			err := tx.QueryRowContext(ctx, "SELECT tokens, at FROM rate_limits WHERE name = ? AND key = ?"+d.forUpdate(),
				name, key).Scan(&tokens, &at)
			if errors.Is(err, sql.ErrNoRows) && try == 0 {
				continue
			}
			if err != nil {
				return err
			}
			break
		}
		if tokens, wait = refill(tokens, at, r, now); wait > 0 {
			return nil
		}
		ok = true
		_, err := tx.ExecContext(ctx, "UPDATE rate_limits SET tokens = ?, at = ? WHERE name = ? AND key = ?",
			tokens-1, now.UnixNano(), name, key)
		return err
	})
	return ok, wait, err
}

// refill is what a bucket that held tokens at at holds now, and how long
// until it holds one (0: it does).
func refill(tokens float64, at int64, r Rate, now time.Time) (float64, time.Duration) {
	if elapsed := now.Sub(time.Unix(0, at)); elapsed > 0 {
		tokens = min(float64(r.Burst), tokens+elapsed.Seconds()*r.PerSecond)
	}
	if tokens >= 1 {
		return tokens, 0
	}
	return tokens, max(time.Nanosecond, time.Duration((1-tokens)/r.PerSecond*float64(time.Second)))
}

// GiveRate returns one token to bucket (name, key), up to its burst: an
// attempt counted before it was checked that turned out to succeed.
func (d *DB) GiveRate(ctx context.Context, name, key string, r Rate) error {
	_, err := d.w.exec(ctx, "UPDATE rate_limits SET tokens = CASE WHEN tokens + 1 > ? THEN ? ELSE tokens + 1 END WHERE name = ? AND key = ?",
		float64(r.Burst), float64(r.Burst), name, key)
	return err
}
