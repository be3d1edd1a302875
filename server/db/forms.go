package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
)

// VerificationForm returns a request's form; ok is false when none yet.
func (d *DB) VerificationForm(ctx context.Context, requestID string) (f api.VerificationForm, ok bool, err error) {
	var body string
	err = d.queryRow(ctx, "SELECT body FROM verification_forms WHERE request_id = ?", requestID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, err
	}
	return f, true, json.Unmarshal([]byte(body), &f)
}

// SaveVerificationForm stores the form, bumps the request's sequence (the
// credential state may change) and appends a history event, in one
// transaction.
func (d *DB) SaveVerificationForm(ctx context.Context, requestID string, f api.VerificationForm, by Actor, at time.Time) error {
	body, err := json.Marshal(f)
	if err != nil {
		return err
	}
	stamp := at.UTC().Format(time.RFC3339)
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	// The request's row before the change sequence, as every write that
	// changes a request takes them (the other order deadlocks with those).
	if err := d.lockRow(ctx, tx, "requests", "id", requestID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO verification_forms (request_id, body, complete, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (request_id) DO UPDATE SET body = excluded.body, complete = excluded.complete, updated_at = excluded.updated_at`,
		requestID, string(body), flag(f.Complete), stamp); err != nil {
		return err
	}
	action := "form_saved"
	if f.Complete {
		action = "form_completed"
	}
	var status api.Status
	if err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = ?", requestID).Scan(&status); err != nil {
		return err
	}
	if err := appendEvent(ctx, tx, requestID, event{at: stamp, actor: by, action: action, from: status, to: status}); err != nil {
		return err
	}
	if f.Complete {
		if err := enqueueSEI(ctx, tx, requestID, "form", SEIDocument, SEIPayload{Form: true}); err != nil {
			return err
		}
	}
	seq, err := next(ctx, tx, "change_seq") // last: see next
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE requests SET seq = ?, updated_at = ? WHERE id = ?", seq, stamp, requestID); err != nil {
		return err
	}
	return d.w.commit(tx)
}

// LastDecision is who took a request out of pending, and when.
func (d *DB) LastDecision(ctx context.Context, requestID string) (actor, at string, status api.Status, err error) {
	err = d.queryRow(ctx, `SELECT actor_name, at, to_status FROM request_events
		WHERE request_id = ? AND from_status = 'pending' AND to_status <> 'pending' ORDER BY n DESC LIMIT 1`, requestID).
		Scan(&actor, &at, &status)
	return actor, at, status, err
}
