package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	mrand "math/rand/v2"
	"time"
)

// IdempotencyTTL is how long a first answer is kept for replay.
const IdempotencyTTL = 24 * time.Hour

// Idempotency is the record of one key: the request it was first used
// for (its hash) and, once that finished, its answer.
type Idempotency struct {
	RequestHash string
	Status      int // 0 while the first request runs
	ContentType string
	Body        []byte
}

// ClaimIdempotency records that caller starts a write under key. claimed
// is true when this request is the first with that key (in 24 h); else
// the record of the first is returned.
func (d *DB) ClaimIdempotency(ctx context.Context, caller, key, hash string, now time.Time) (rec Idempotency, claimed bool, err error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return rec, false, err
	}
	defer d.w.end(tx)
	expired := now.Add(-IdempotencyTTL).UTC().Format(time.RFC3339Nano)
	// Forget this key if it expired; now and then also a batch of other
	// expired keys, so the table stays bounded without a background job
	// (and most claims are one statement).
	if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND created_at < ?`,
		caller, key, expired); err != nil {
		return rec, false, err
	}
	if mrand.IntN(32) == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE rowid IN
			(SELECT rowid FROM idempotency_keys WHERE created_at < ? LIMIT 500)`, expired); err != nil {
			return rec, false, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (caller, key, request_hash, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (caller, key) DO NOTHING`, caller, key, hash, now.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return rec, false, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return rec, true, tx.Commit()
	}
	err = tx.QueryRowContext(ctx, `SELECT request_hash, status, content_type, COALESCE(body, x'') FROM idempotency_keys
		WHERE caller = ? AND key = ?`, caller, key).Scan(&rec.RequestHash, &rec.Status, &rec.ContentType, &rec.Body)
	return rec, false, err
}

// IdempotencyRecord reads the record of a key (ErrNotFound: none).
func (d *DB) IdempotencyRecord(ctx context.Context, caller, key string) (Idempotency, error) {
	var rec Idempotency
	err := d.queryRow(ctx, `SELECT request_hash, status, content_type, COALESCE(body, x'') FROM idempotency_keys
		WHERE caller = ? AND key = ?`, caller, key).Scan(&rec.RequestHash, &rec.Status, &rec.ContentType, &rec.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, ErrNotFound
	}
	return rec, err
}

// FinishIdempotency keeps the first request's answer for replay.
func (d *DB) FinishIdempotency(ctx context.Context, caller, key string, status int, contentType string, body []byte) error {
	_, err := d.w.exec(ctx, `UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE caller = ? AND key = ?`,
		status, contentType, body, caller, key)
	return err
}

// ReleaseIdempotency forgets a key whose first request did not complete
// (a 5xx, a client gone): a retry with it applies as new.
func (d *DB) ReleaseIdempotency(ctx context.Context, caller, key string) error {
	_, err := d.w.exec(ctx, `DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND status = 0`, caller, key)
	return err
}

// ServerKey returns the random 32-byte key named name, creating it on
// first use; every replica reads the same one.
func (d *DB) ServerKey(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := d.w.exec(ctx, `INSERT INTO server_keys (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, fresh); err != nil {
		return nil, err
	}
	var key []byte
	err := d.queryRow(ctx, `SELECT value FROM server_keys WHERE name = ?`, name).Scan(&key)
	return key, err
}
