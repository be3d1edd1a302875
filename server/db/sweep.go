package db

import (
	"context"
	"database/sql"
	"time"
)

// Swept is what one expiry sweep removed. Skipped says another replica
// was sweeping, so this one left it to that one.
type Swept struct {
	DeviceCodes, RefreshTokens, IdempotencyKeys, RateLimits int64
	Skipped                                                 bool
}

// Total is the number of rows removed.
func (s Swept) Total() int64 {
	return s.DeviceCodes + s.RefreshTokens + s.IdempotencyKeys + s.RateLimits
}

// sweepBatch bounds one sweep transaction, so the writer is never held
// long: a backlog is removed a batch at a time, with other writes between.
const sweepBatch = 500

// sweepLock names the sweep among PostgreSQL's advisory locks (any
// constant the application does not use for something else).
const sweepLock = 0x6765636c69 // "gecli"

// keptAfterExpiry is how long an expired device code stays: a client
// polling just after expiry is told expired_token, not an unknown code.
const keptAfterExpiry = time.Hour

// Sweep removes what has expired and can no longer matter: device codes
// an hour past their expiry, refresh-token families whose every token
// has expired (a replayed one is refused as unknown, as it would be as
// expired), idempotency keys past their day, rate-limit buckets idle for
// an hour (they would be full again). Several replicas may call it at
// once: on PostgreSQL one takes an advisory lock for each batch and the
// others skip that batch; on SQLite the one writer orders them.
func (d *DB) Sweep(ctx context.Context, now time.Time) (Swept, error) {
	var s Swept
	steps := []struct {
		n     *int64
		query string
		args  []any // then the batch size
	}{
		{&s.DeviceCodes, `DELETE FROM device_codes WHERE device_hash IN
			(SELECT device_hash FROM device_codes WHERE expires_at < ? LIMIT ?)`, []any{now.Add(-keptAfterExpiry).Unix()}},
		{&s.RefreshTokens, `DELETE FROM refresh_tokens WHERE token_hash IN
			(SELECT t.token_hash FROM refresh_tokens t WHERE t.expires_at <= ?
				AND NOT EXISTS (SELECT 1 FROM refresh_tokens u WHERE u.family_id = t.family_id AND u.expires_at > ?)
			LIMIT ?)`, []any{now.Unix(), now.Unix()}},
		{&s.IdempotencyKeys, `DELETE FROM idempotency_keys WHERE (caller, key) IN
			(SELECT caller, key FROM idempotency_keys WHERE created_at < ? LIMIT ?)`, []any{stampKey(now.Add(-IdempotencyTTL))}},
		{&s.RateLimits, `DELETE FROM rate_limits WHERE (name, key) IN
			(SELECT name, key FROM rate_limits WHERE at < ? LIMIT ?)`, []any{now.Add(-time.Hour).UnixNano()}},
	}
	for _, step := range steps {
		for {
			n, skipped, err := d.sweepOnce(ctx, step.query, step.args)
			if err != nil || skipped {
				s.Skipped = skipped
				return s, err
			}
			*step.n += n
			if n < sweepBatch {
				break
			}
		}
	}
	return s, nil
}

// sweepOnce deletes one batch in its own transaction; skipped when
// another replica holds the sweep's lock.
func (d *DB) sweepOnce(ctx context.Context, query string, args []any) (n int64, skipped bool, err error) {
	err = d.w.do(ctx, func(tx *sql.Tx) error {
		if d.postgres {
			var mine bool
			if err := tx.QueryRowContext(ctx, "SELECT pg_try_advisory_xact_lock(?)", sweepLock).Scan(&mine); err != nil {
				return err
			}
			if !mine {
				skipped = true
				return nil
			}
		}
		res, err := tx.ExecContext(ctx, query, append(args, sweepBatch)...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, skipped, err
}
