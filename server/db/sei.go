// The SEI outbox: what a change means to send to SEI is written in the
// change's own transaction, so nothing is lost when SEI is down; a sender
// takes items in order per request, one at a time under a lease.

package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
)

// Kinds of outbox items: the process (generated, or the typed one
// checked and linked), a document to include, a movement to record.
const (
	SEIProcess  = "process"
	SEIDocument = "document"
	SEIMovement = "movement"
)

// States of an outbox item.
const (
	SEIPending = "pending"
	SEISent    = "sent"
	SEIFailed  = "failed" // refused by SEI too often: waits for an admin's retry
)

// SEIItem is one send to SEI.
type SEIItem struct {
	ID        int64
	RequestID string
	Item      string // unique per request: "process", "attachment:ID", "opinion:ID", "form", "movement:N"
	Kind      string
	Payload   json.RawMessage
	State     string
	Attempts  int
	NextAt    time.Time
	Result    string
	CreatedAt string
	DoneAt    string
}

// SEIPayload is what an item carries: which document, or the text of a
// movement.
type SEIPayload struct {
	Attachment string `json:"attachment,omitempty"`
	Opinion    string `json:"opinion,omitempty"`
	Form       bool   `json:"form,omitempty"`
	Text       string `json:"text,omitempty"`
}

// enqueueSEI adds an item for a request that is linked to SEI (its
// sei_state set at submission); for other requests it does nothing. The
// same (request, item) twice is one item.
func enqueueSEI(ctx context.Context, tx *sql.Tx, requestID, item, kind string, p SEIPayload) error {
	var state string
	if err := tx.QueryRowContext(ctx, "SELECT sei_state FROM requests WHERE id = ?", requestID).Scan(&state); err != nil {
		return err
	}
	if state == "" {
		return nil
	}
	payload, err := json.Marshal(p)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	_, err = tx.ExecContext(ctx, `INSERT INTO sei_outbox (request_id, item, kind, payload, next_at, created_at)
		VALUES (?,?,?,?,?,?) ON CONFLICT (request_id, item) DO NOTHING`, requestID, item, kind, string(payload), now.Unix(),
		now.Format(time.RFC3339))
	return err
}

// ClaimSEI takes the oldest item that is due and whose request has nothing
// unsent before it, for lease: another sender (a replica) takes it only
// once the lease ran out. The attempt is counted now.
func (d *DB) ClaimSEI(ctx context.Context, now time.Time, lease time.Duration) (SEIItem, bool, error) {
	var it SEIItem
	var payload string
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE sei_outbox SET lease_until = ?, attempts = attempts + 1
			WHERE id = (SELECT o.id FROM sei_outbox o WHERE o.state = 'pending' AND o.next_at <= ? AND o.lease_until < ?
				AND NOT EXISTS (SELECT 1 FROM sei_outbox p WHERE p.request_id = o.request_id AND p.id < o.id AND p.state <> 'sent')
				ORDER BY o.id LIMIT 1)
			AND lease_until < ?
			RETURNING id, request_id, item, kind, payload, attempts`, now.Add(lease).Unix(), now.Unix(), now.Unix(), now.Unix()).
			Scan(&it.ID, &it.RequestID, &it.Item, &it.Kind, &payload, &it.Attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	it.Payload = json.RawMessage(payload)
	return it, err == nil && it.ID != 0, err
}

// SEILink is what a process item learned: the process's number, id and
// link, stored on the request.
type SEILink struct{ Number, ID, Link string }

// SEICall is one call's outcome, for the log.
type SEICall struct {
	Operation, Outcome, Detail string // outcome: ok, fault, unavailable
}

// FinishSEI records an item as sent (with SEI's answer, and the process
// link for a process item), and the call in the log.
func (d *DB) FinishSEI(ctx context.Context, it SEIItem, call SEICall, link *SEILink, now time.Time) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if link != nil {
			// The request's row first, the change sequence last, as every
			// write that changes a request takes them.
			if err := d.lockRow(ctx, tx, "requests", "id", it.RequestID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE sei_outbox SET state = 'sent', done_at = ?, result = ?, lease_until = 0
			WHERE id = ? AND attempts = ? AND state = 'pending'`, now.UTC().Format(time.RFC3339), call.Detail, it.ID, it.Attempts)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrLeaseLost
		}
		if err := logSEI(ctx, tx, it, call, now); err != nil {
			return err
		}
		if link == nil {
			return nil
		}
		seq, err := next(ctx, tx, "change_seq")
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE requests SET sei_process = ?, sei_id = ?, sei_link = ?, sei_state = 'linked', seq = ?,
			updated_at = ? WHERE id = ?`, link.Number, link.ID, link.Link, seq, now.UTC().Format(time.RFC3339), it.RequestID)
		return err
	})
}

// DeferSEI records a failed attempt: the item is tried again at next, or
// marked failed (a process item fails its request's link too).
func (d *DB) DeferSEI(ctx context.Context, it SEIItem, call SEICall, next time.Time, failed bool, now time.Time) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		state := SEIPending
		marks := failed && it.Kind == SEIProcess // the request says so too
		if failed {
			state = SEIFailed
		}
		if marks { // the request's row first, as every write that changes a request
			if err := d.lockRow(ctx, tx, "requests", "id", it.RequestID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE sei_outbox SET state = ?, next_at = ?, result = ?, lease_until = 0
			WHERE id = ? AND attempts = ? AND state = 'pending'`, state, next.Unix(), call.Detail, it.ID, it.Attempts)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrLeaseLost
		}
		if err := logSEI(ctx, tx, it, call, now); err != nil {
			return err
		}
		if marks { // the change sequence last
			return d.setSEIState(ctx, tx, it.RequestID, "failed", now)
		}
		return nil
	})
}

// setSEIState changes a request's link state, with a change sequence so
// syncs bring it.
func (d *DB) setSEIState(ctx context.Context, tx *sql.Tx, requestID, state string, now time.Time) error {
	if err := d.lockRow(ctx, tx, "requests", "id", requestID); err != nil {
		return err
	}
	seq, err := next(ctx, tx, "change_seq")
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE requests SET sei_state = ?, seq = ?, updated_at = ? WHERE id = ?", state, seq,
		now.UTC().Format(time.RFC3339), requestID)
	return err
}

func logSEI(ctx context.Context, tx *sql.Tx, it SEIItem, call SEICall, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sei_log (request_id, item, operation, at, outcome, detail, attempt)
		VALUES (?,?,?,?,?,?,?)`, it.RequestID, it.Item, call.Operation, now.UTC().Format(time.RFC3339), call.Outcome, call.Detail, it.Attempts)
	return err
}

// RetrySEI puts a request's failed items back in line, at once (an admin
// fixed what SEI refused); it answers how many.
func (d *DB) RetrySEI(ctx context.Context, requestID string, now time.Time) (int, error) {
	var n int64
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockRow(ctx, tx, "requests", "id", requestID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT item FROM sei_outbox WHERE request_id = ? AND state = 'failed'", requestID)
		if err != nil {
			return err
		}
		var items []string
		for rows.Next() {
			var it string
			if err := rows.Scan(&it); err != nil {
				rows.Close()
				return err
			}
			items = append(items, it)
		}
		rows.Close()
		for _, it := range items { // the log says so, and the count of refusals starts again
			if err := logSEI(ctx, tx, SEIItem{RequestID: requestID, Item: it}, SEICall{Operation: "none", Outcome: "retried",
				Detail: "reenvio pedido por " + actorOf(ctx).Name}, now); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, "UPDATE sei_outbox SET state = 'pending', next_at = ?, attempts = 0 WHERE request_id = ? AND state = 'failed'",
			now.Unix(), requestID)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		if n > 0 {
			var state string
			if err := tx.QueryRowContext(ctx, "SELECT sei_state FROM requests WHERE id = ?", requestID).Scan(&state); err != nil {
				return err
			}
			if state == "failed" {
				if err := d.setSEIState(ctx, tx, requestID, "pending", now); err != nil {
					return err
				}
			}
			record(tx, Audit{Actor: actorOf(ctx), Action: "request.sei_retried", Target: "request:" + requestID})
		}
		return nil
	})
	return int(n), err
}

// SEIEntry is one line of a request's SEI log.
type SEIEntry struct {
	Item, Operation, At, Outcome, Detail string
	Attempt                              int
}

// SEIOf returns a request's outbox items (oldest first) and log (newest
// first, at most 200).
func (d *DB) SEIOf(ctx context.Context, requestID string) ([]SEIItem, []SEIEntry, error) {
	rows, err := d.query(ctx, `SELECT id, item, kind, state, attempts, next_at, result, created_at, done_at FROM sei_outbox
		WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, nil, err
	}
	var items []SEIItem
	for rows.Next() {
		it := SEIItem{RequestID: requestID}
		var next int64
		if err := rows.Scan(&it.ID, &it.Item, &it.Kind, &it.State, &it.Attempts, &next, &it.Result, &it.CreatedAt, &it.DoneAt); err != nil {
			rows.Close()
			return nil, nil, err
		}
		it.NextAt = time.Unix(next, 0).UTC()
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = d.query(ctx, `SELECT item, operation, at, outcome, detail, attempt FROM sei_log WHERE request_id = ?
		ORDER BY id DESC LIMIT 200`, requestID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var log []SEIEntry
	for rows.Next() {
		var e SEIEntry
		if err := rows.Scan(&e.Item, &e.Operation, &e.At, &e.Outcome, &e.Detail, &e.Attempt); err != nil {
			return nil, nil, err
		}
		log = append(log, e)
	}
	return items, log, rows.Err()
}

// movementText is how a transition reads as an SEI movement.
func movementText(t Transition) string {
	s := "Solicitação " + api.ActionLabel(t.Action, api.PtBR) + " no gecli por " + t.Actor.Name
	if t.Justification != "" {
		s += ": " + t.Justification
	}
	return s
}

// SEIFaults counts SEI's refusals of an item since an admin last retried it.
func (d *DB) SEIFaults(ctx context.Context, it SEIItem) (int, error) {
	var n int
	err := d.queryRow(ctx, `SELECT count(*) FROM sei_log WHERE request_id = ? AND item = ? AND outcome = 'fault'
		AND id > COALESCE((SELECT max(id) FROM sei_log WHERE request_id = ? AND item = ? AND outcome = 'retried'), 0)`,
		it.RequestID, it.Item, it.RequestID, it.Item).Scan(&n)
	return n, err
}

// ErrLeaseLost: another sender took the item after this one's lease ran
// out; what this one learned is not recorded over it.
var ErrLeaseLost = errors.New("sei outbox: the item's lease was lost")
