// The history of a request: events appended in its transactions, each
// hashed over the one before, so tampering is detectable.

package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/gecli/gecli/api"
)

type event struct {
	at            string
	actor         Actor
	action        string
	from, to      api.Status
	justification string
}

// appendEvent adds an event whose hash covers the previous hash and every
// field of the event.
func appendEvent(ctx context.Context, tx *sql.Tx, requestID string, e event) error {
	var n int
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT n, hash FROM request_events WHERE request_id = ? ORDER BY n DESC LIMIT 1`, requestID).Scan(&n, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	n++
	hash := eventHash(prev, requestID, n, e.at, e.actor.ID, e.actor.Name, e.action, string(e.from), string(e.to), e.justification)
	_, err = tx.ExecContext(ctx, `INSERT INTO request_events (request_id, n, at, actor_id, actor_name, action,
		from_status, to_status, justification, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		requestID, n, e.at, e.actor.ID, e.actor.Name, e.action, string(e.from), string(e.to), e.justification, prev, hash)
	if err != nil {
		return err
	}
	a := Audit{Actor: e.actor, Action: "request." + e.action, Target: "request:" + requestID, Detail: e.justification}
	if e.from != e.to {
		if e.from != "" {
			a.Before = map[string]string{"status": string(e.from)}
		}
		a.After = map[string]string{"status": string(e.to)}
	}
	record(tx, a)
	return nil
}

func eventHash(prev, requestID string, n int, fields ...string) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{0})
	h.Write([]byte(requestID + "\x00" + strconv.Itoa(n)))
	for _, f := range fields {
		h.Write([]byte{0})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (d *DB) history(ctx context.Context, id string) ([]api.HistoryEvent, error) {
	rows, err := d.query(ctx, `SELECT n, at, actor_name, action, from_status, to_status, justification, hash
		FROM request_events WHERE request_id = ? ORDER BY n`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.HistoryEvent{}
	for rows.Next() {
		var e api.HistoryEvent
		if err := rows.Scan(&e.N, &e.At, &e.Actor, &e.Action, &e.FromStatus, &e.ToStatus, &e.Justification, &e.Hash); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyHistory recomputes a request's hash chain; an error names the
// first event that does not match.
func (d *DB) VerifyHistory(ctx context.Context, id string) error {
	rows, err := d.query(ctx, `SELECT n, at, actor_id, actor_name, action, from_status, to_status,
		justification, prev_hash, hash FROM request_events WHERE request_id = ? ORDER BY n`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	prev, want := "", 1
	for rows.Next() {
		var n int
		var at, actorID, actorName, action, from, to, just, prevHash, hash string
		if err := rows.Scan(&n, &at, &actorID, &actorName, &action, &from, &to, &just, &prevHash, &hash); err != nil {
			return err
		}
		if n != want || prevHash != prev || eventHash(prev, id, n, at, actorID, actorName, action, from, to, just) != hash {
			return fmt.Errorf("history of %s broken at event %d", id, n)
		}
		prev, want = hash, want+1
	}
	return rows.Err()
}
