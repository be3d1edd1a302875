package db

import (
	"context"
	"database/sql"
	"time"
)

// Swept is what one expiry sweep removed. Skipped says another replica
// was sweeping, so this one left it to that one.
type Swept struct {
	DeviceCodes, RefreshTokens, IdempotencyKeys, RateLimits, DownloadLinks int64
	Skipped                                                                bool
}

// Total is the number of rows removed.
func (s Swept) Total() int64 {
	return s.DeviceCodes + s.RefreshTokens + s.IdempotencyKeys + s.RateLimits + s.DownloadLinks
}

// sweepBatch bounds one sweep transaction, so the writer is never held
// long: a backlog is removed a batch at a time, with other writes between.
const sweepBatch = 500

// sweepLockSQL takes the sweep's advisory lock for the transaction, or
// says another holds it. Advisory locks are per database: the schema's
// name is half of the key, so installations (and tests) in other schemas
// of the same database sweep on their own.
const sweepLockSQL = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), 1)"

// keptAfterExpiry is how long an expired row stays: a client polling just
// after its device code expired is told expired_token, not an unknown
// code, and a refresh that began just before its token expired (on a
// replica whose clock is a little behind) still finds it there.
const keptAfterExpiry = time.Hour

// Sweep removes what has expired and can no longer matter: device codes
// and refresh tokens an hour past their expiry (a refresh token replayed
// after that is refused as unknown rather than revoking its family: it
// could not have been used anyway, and a family's live token is never
// that old), idempotency keys past their day, rate-limit buckets idle for
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
			(SELECT token_hash FROM refresh_tokens WHERE expires_at < ? LIMIT ?)`, []any{now.Add(-keptAfterExpiry).Unix()}},
		{&s.IdempotencyKeys, `DELETE FROM idempotency_keys WHERE (caller, key) IN
			(SELECT caller, key FROM idempotency_keys WHERE created_at < ? LIMIT ?)`, []any{stampKey(now.Add(-IdempotencyTTL))}},
		{&s.RateLimits, `DELETE FROM rate_limits WHERE (name, key) IN
			(SELECT name, key FROM rate_limits WHERE at < ? LIMIT ?)`, []any{now.Add(-time.Hour).UnixNano()}},
		{&s.DownloadLinks, `DELETE FROM download_links WHERE token_hash IN
			(SELECT token_hash FROM download_links WHERE expires_at < ? LIMIT ?)`, []any{now.Unix()}},
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
			if err := tx.QueryRowContext(ctx, sweepLockSQL).Scan(&mine); err != nil {
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
