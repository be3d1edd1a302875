package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gecli/gecli/api"
)

// AuditFilter narrows the audit trail. Actor is an actor's id or part of
// their name (any case). Action and Target match exactly,
// or as a prefix when they end in '.', ':' or '*' ("request." is every
// request event, "api:" every API's). Since and Until are RFC 3339 UTC
// (compared as text against auditStamp); Before is the cursor, a seq.
type AuditFilter struct {
	Actor, Action, Target string
	Since, Until          string
	Before                int64
	Limit                 int
}

func matchClause(column, v string, where *[]string, args *[]any) {
	if v == "" {
		return
	}
	if strings.HasSuffix(v, "*") || strings.HasSuffix(v, ".") || strings.HasSuffix(v, ":") {
		p := strings.TrimSuffix(v, "*")
		// a range, not LIKE: the index serves it and no character of p is a wildcard
		*where = append(*where, column+" >= ? AND "+column+" < ?")
		*args = append(*args, p, p+"\U0010FFFF")
		return
	}
	*where = append(*where, column+" = ?")
	*args = append(*args, v)
}

// ListAudit returns the newest events matching f, newest first.
func (d *DB) ListAudit(ctx context.Context, f AuditFilter) ([]api.AuditEvent, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		// The id exactly (from an event), or part of the name a person
		// reads on screen.
		where = append(where, `(actor_id = ? OR lower(actor_name) LIKE ? ESCAPE '\')`)
		args = append(args, f.Actor, "%"+escapeLike(strings.ToLower(f.Actor))+"%")
	}
	matchClause("action", f.Action, &where, &args)
	matchClause("target", f.Target, &where, &args)
	if f.Since != "" {
		where = append(where, "at >= ?")
		args = append(args, f.Since)
	}
	if f.Until != "" {
		where = append(where, "at < ?")
		args = append(args, f.Until)
	}
	if f.Before > 0 {
		where = append(where, "seq < ?")
		args = append(args, f.Before)
	}
	q := "SELECT seq, at, actor_id, actor_name, action, target, before, after, detail, hash FROM audit_events"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY seq DESC LIMIT " + strconv.Itoa(f.Limit)
	rows, err := d.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.AuditEvent{}
	for rows.Next() {
		var e api.AuditEvent
		var before, after string
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.ActorName, &e.Action, &e.Target, &before, &after, &e.Detail, &e.Hash); err != nil {
			return nil, err
		}
		if before != "" {
			e.Before = []byte(before)
		}
		if after != "" {
			e.After = []byte(after)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditHead is the chain's length and its last hash.
func (d *DB) AuditHead(ctx context.Context) (count int64, head string, err error) {
	err = d.queryRow(ctx, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").Scan(&count, &head)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return count, head, err
}

// AuditHashAt is the hash of event seq ("" if there is none).
func (d *DB) AuditHashAt(ctx context.Context, seq int64) (string, error) {
	var h string
	err := d.queryRow(ctx, "SELECT hash FROM audit_events WHERE seq = ?", seq).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return h, err
}

// VerifyChains recomputes the audit chain and every request's history in
// one pass each, and names the first broken link (Broken nil: intact).
// Checkpoints are the caller's: their signatures need the issuer's keys.
func (d *DB) VerifyChains(ctx context.Context) (api.AuditVerification, error) {
	var v api.AuditVerification
	rows, err := d.query(ctx, `SELECT seq, at, actor_id, actor_name, action, target, before, after, detail, prev_hash, hash
		FROM audit_events ORDER BY seq`)
	if err != nil {
		return v, err
	}
	prev, want := "", int64(1)
	for rows.Next() {
		var seq int64
		var at, actor, actorName, action, target, before, after, detail, prevHash, hash string
		if err := rows.Scan(&seq, &at, &actor, &actorName, &action, &target, &before, &after, &detail, &prevHash, &hash); err != nil {
			rows.Close()
			return v, err
		}
		switch {
		case seq != want:
			v.Broken = &api.AuditBreak{Chain: "audit", At: want, Reason: fmt.Sprintf("evento %d ausente (o seguinte é %d)", want, seq)}
		case prevHash != prev:
			v.Broken = &api.AuditBreak{Chain: "audit", At: seq, Reason: "não aponta para o hash do evento anterior"}
		case auditHash(prev, seq, at, actor, actorName, action, target, before, after, detail) != hash:
			v.Broken = &api.AuditBreak{Chain: "audit", At: seq, Reason: "o conteúdo não confere com o hash"}
		}
		if v.Broken != nil {
			rows.Close()
			return v, nil
		}
		prev, want, v.Events = hash, want+1, seq
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, err
	}
	if err := d.verifyHistories(ctx, &v); err != nil || v.Broken != nil {
		return v, err
	}
	var recorded int64
	if err := d.queryRow(ctx, "SELECT value FROM counters WHERE name = 'audit'").Scan(&recorded); err != nil {
		return v, err
	}
	if recorded != v.Events {
		// The last events were removed (the counter says more were written).
		v.Broken = &api.AuditBreak{Chain: "audit", At: v.Events + 1, Reason: fmt.Sprintf("%d eventos registrados, %d presentes", recorded, v.Events)}
		return v, nil
	}
	v.OK = true
	return v, nil
}

func (d *DB) verifyHistories(ctx context.Context, v *api.AuditVerification) error {
	rows, err := d.query(ctx, `SELECT request_id, n, at, actor_id, actor_name, action, from_status, to_status,
		justification, prev_hash, hash FROM request_events ORDER BY request_id, n`)
	if err != nil {
		return err
	}
	defer rows.Close()
	cur, prev, want := "", "", 1
	for rows.Next() {
		var id, at, actorID, actorName, action, from, to, just, prevHash, hash string
		var n int
		if err := rows.Scan(&id, &n, &at, &actorID, &actorName, &action, &from, &to, &just, &prevHash, &hash); err != nil {
			return err
		}
		if id != cur {
			cur, prev, want = id, "", 1
			v.Requests++
		}
		if n != want || prevHash != prev || eventHash(prev, id, n, at, actorID, actorName, action, from, to, just) != hash {
			v.Broken = &api.AuditBreak{Chain: "request:" + id, At: int64(n), Reason: "o histórico não confere com os hashes"}
			return nil
		}
		prev, want = hash, want+1
	}
	return rows.Err()
}

// AddCheckpoint keeps a signed checkpoint (the same count twice is kept
// once).
func (d *DB) AddCheckpoint(ctx context.Context, c api.AuditCheckpoint) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_checkpoints (count, head, at, kid, signature) VALUES (?,?,?,?,?)
			ON CONFLICT (count) DO NOTHING`, c.Count, c.Head, c.At, c.KeyID, c.Signature); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "audit.checkpoint", Target: "audit:" + strconv.FormatInt(c.Count, 10), Detail: c.Head})
		return nil
	})
}

// Checkpoints lists the kept checkpoints, newest first.
func (d *DB) Checkpoints(ctx context.Context) ([]api.AuditCheckpoint, error) {
	rows, err := d.query(ctx, "SELECT count, head, at, kid, signature FROM audit_checkpoints ORDER BY count DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.AuditCheckpoint{}
	for rows.Next() {
		var c api.AuditCheckpoint
		if err := rows.Scan(&c.Count, &c.Head, &c.At, &c.KeyID, &c.Signature); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
