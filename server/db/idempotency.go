package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"time"
)

// IdempotencyTTL is how long a first answer is kept for replay.
const IdempotencyTTL = 24 * time.Hour

// ErrKeyTaken says another request recorded the same Idempotency-Key
// first: this one wrote nothing, and its answer is the first one's.
var ErrKeyTaken = errors.New("idempotency key recorded by another request")

// Idempotency is the record of one key: the request it was first used
// for (its hash), when, and, once that finished, its answer.
type Idempotency struct {
	RequestHash string
	CreatedAt   time.Time
	Status      int // 0 until the first request's answer is kept
	ContentType string
	Body        []byte
}

// keyStamp writes a key's time in a fixed width, so that text order is
// time order (RFC3339Nano drops trailing zeros: "…:00Z" would sort after
// "…:00.5Z").
const keyStamp = "2006-01-02T15:04:05.000000000Z"

func stampKey(t time.Time) string { return t.UTC().Format(keyStamp) }

// Claim is an Idempotency-Key a request writes under. The request's first
// write transaction records it, so the key and the write commit (or roll
// back) together: a key on record always means its write was done, and no
// write waits in the writer's queue a second time for its key.
type Claim struct {
	Caller, Key, Hash string
	At                time.Time

	recorded bool // in a committed (or the running) transaction
	taken    bool // another request had recorded it: nothing was written
}

// Recorded says the key went into a committed write: its answer must be
// kept.
func (c *Claim) Recorded() bool { return c.recorded }

// Taken says another request had recorded this key first.
func (c *Claim) Taken() bool { return c.taken }

type claimKey struct{}

// WithClaim makes the writes done with ctx record c.
func WithClaim(ctx context.Context, c *Claim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

func claimOf(ctx context.Context) *Claim {
	c, _ := ctx.Value(claimKey{}).(*Claim)
	return c
}

// record inserts c in tx; false when the key was already on record.
func (c *Claim) record(ctx context.Context, tx *sql.Tx) (bool, error) {
	expired := stampKey(c.At.Add(-IdempotencyTTL))
	// Forget this key if it expired, so it can be used anew (the expiry
	// sweep removes the other expired keys).
	if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND created_at < ?`,
		c.Caller, c.Key, expired); err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (caller, key, request_hash, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (caller, key) DO NOTHING`, c.Caller, c.Key, c.Hash, stampKey(c.At))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// IdempotencyRecord reads the record of a key still in force at now
// (ErrNotFound: none, or it expired).
func (d *DB) IdempotencyRecord(ctx context.Context, caller, key string, now time.Time) (Idempotency, error) {
	var rec Idempotency
	var created string
	err := d.queryRow(ctx, `SELECT request_hash, created_at, status, content_type, COALESCE(body, '') FROM idempotency_keys
		WHERE caller = ? AND key = ? AND created_at >= ?`, caller, key, stampKey(now.Add(-IdempotencyTTL))).
		Scan(&rec.RequestHash, &created, &rec.Status, &rec.ContentType, &rec.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, ErrNotFound
	}
	rec.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	return rec, err
}

// FinishIdempotency keeps the first request's answer for replay. It does
// not wait: the answer rides in the next write transaction (or one of its
// own a moment later), and a replay meanwhile waits for it.
func (d *DB) FinishIdempotency(caller, key string, status int, contentType string, body []byte) {
	d.w.later(`UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE caller = ? AND key = ? AND status = 0`,
		status, contentType, body, caller, key)
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
