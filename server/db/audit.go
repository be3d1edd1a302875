// The audit trail: one hash chain over every event, appended by the
// writer as the last statements of the transaction that made the change,
// so an event and its change commit or roll back together.

package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync"
	"time"
)

// Audit is one event a write records.
type Audit struct {
	Actor  Actor
	Action string // e.g. api.updated, user.created, request.approved
	Target string // kind:id
	// Before and After are the target as it was and as it is now
	// (marshalled to JSON; nil for none). Never a secret's value.
	Before, After any
	Detail        string
}

type actorKey struct{}

// WithActor names who acts in ctx's writes: the audit records them.
// The server sets it for every signed-in call.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// localActor is whoever runs a command on the database itself (gecli
// user add --db): no one signed in.
var localActor = Actor{ID: "local", Name: "gecli --db"} // the same in both languages: it is stored

func actorOf(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return localActor
}

// auditStamp is the audit's time format: fixed width, so since/until
// compare as text.
const auditStamp = "2006-01-02T15:04:05.000Z"

// auditBufs holds, per running write transaction, the events it will
// append when it commits. Keyed by the transaction, so the package's
// helpers that get only a tx (appendEvent) can record too.
var auditBufs sync.Map // *sql.Tx → *auditBuf

type auditBuf struct {
	quiet bool // seeding demo data: nothing is audited
	items []Audit
}

func bufOf(tx *sql.Tx) *auditBuf {
	if b, ok := auditBufs.Load(tx); ok {
		return b.(*auditBuf)
	}
	return nil
}

// record adds an event to tx's audit; it is written when tx commits.
func record(tx *sql.Tx, a Audit) {
	if b := bufOf(tx); b != nil && !b.quiet {
		b.items = append(b.items, a)
	}
}

// Record appends an event that goes with no write of the database's own
// (a sign-in): one transaction for the event alone.
func (d *DB) Record(ctx context.Context, a Audit) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		record(tx, a)
		return nil
	})
}

// flushAudit appends tx's recorded events. It runs just before COMMIT:
// the 'audit' counter's row stays locked until then, so on PostgreSQL
// events are numbered in commit order, and it is taken after every other
// lock (the change_seq counter included), which keeps the order the same
// in every write.
func flushAudit(ctx context.Context, tx *sql.Tx, b *auditBuf) error {
	if b == nil || len(b.items) == 0 {
		return nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "UPDATE counters SET value = value + ? WHERE name = 'audit' RETURNING value",
		len(b.items)).Scan(&last); err != nil {
		return err
	}
	seq := last - int64(len(b.items))
	var prev string
	if seq > 0 {
		if err := tx.QueryRowContext(ctx, "SELECT hash FROM audit_events WHERE seq = ?", seq).Scan(&prev); err != nil {
			return err
		}
	}
	at := time.Now().UTC().Format(auditStamp)
	for _, a := range b.items {
		seq++
		before, after := auditJSON(a.Before), auditJSON(a.After)
		hash := auditHash(prev, seq, at, a.Actor.ID, a.Actor.Name, a.Action, a.Target, before, after, a.Detail)
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_events (seq, at, actor_id, actor_name, action, target,
			before, after, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			seq, at, a.Actor.ID, a.Actor.Name, a.Action, a.Target, before, after, a.Detail, prev, hash); err != nil {
			return err
		}
		prev = hash
	}
	return nil
}

func auditJSON(v any) string {
	if v == nil {
		return ""
	}
	if raw, ok := v.(json.RawMessage); ok {
		return string(raw)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// auditHash covers the previous hash and every field of the event, each
// separated by a NUL that no field holds.
func auditHash(prev string, seq int64, fields ...string) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{0})
	h.Write([]byte(strconv.FormatInt(seq, 10)))
	for _, f := range fields {
		h.Write([]byte{0})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}
