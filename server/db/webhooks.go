package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/vault"
)

// Delivery states.
const (
	WebhookPending   = "pending"
	WebhookDelivered = "delivered"
	WebhookFailed    = "failed"
)

// WebhookIdentity binds a webhook's sealed secret to its institution and
// id: a sealed value copied onto another row does not open.
func WebhookIdentity(cnpj, id string) vault.Identity {
	return vault.Identity{Institution: cnpj, CustomerKey: "webhook", System: id}
}

// NewWebhookID is "whk-" and 12 random hex digits.
func NewWebhookID() string { return "whk-" + randomHex(6) }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// CreateWebhook registers an endpoint with its sealed secret; ErrTooMany
// past api.MaxWebhooks for the institution.
func (d *DB) CreateWebhook(ctx context.Context, h api.Webhook, sealed vault.Sealed) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockRow(ctx, tx, "institutions", "cnpj", h.CNPJ); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM webhooks WHERE cnpj = ?", h.CNPJ).Scan(&n); err != nil {
			return err
		}
		if n >= api.MaxWebhooks {
			return ErrTooMany
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhooks (id, cnpj, url, key_id, wrapped_key, ciphertext, created_by, created_at)
			VALUES (?,?,?,?,?,?,?,?)`, h.ID, h.CNPJ, h.URL, sealed.KeyID, sealed.WrappedKey, sealed.Ciphertext, h.CreatedBy, h.CreatedAt); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "webhook.created", Target: "webhook:" + h.ID, After: h})
		return nil
	})
}

// Webhooks lists an institution's endpoints, oldest first.
func (d *DB) Webhooks(ctx context.Context, cnpj string) ([]api.Webhook, error) {
	rows, err := d.query(ctx, "SELECT id, cnpj, url, created_by, created_at FROM webhooks WHERE cnpj = ? ORDER BY created_at, id", cnpj)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.Webhook{}
	for rows.Next() {
		var h api.Webhook
		if err := rows.Scan(&h.ID, &h.CNPJ, &h.URL, &h.CreatedBy, &h.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// WebhookSecret is an endpoint and its sealed secret; ErrNotFound.
func (d *DB) WebhookSecret(ctx context.Context, id string) (api.Webhook, vault.Sealed, error) {
	var h api.Webhook
	var s vault.Sealed
	err := d.queryRow(ctx, "SELECT id, cnpj, url, created_by, created_at, key_id, wrapped_key, ciphertext FROM webhooks WHERE id = ?", id).
		Scan(&h.ID, &h.CNPJ, &h.URL, &h.CreatedBy, &h.CreatedAt, &s.KeyID, &s.WrappedKey, &s.Ciphertext)
	if errors.Is(err, sql.ErrNoRows) {
		return h, s, ErrNotFound
	}
	return h, s, err
}

// DeleteWebhook removes an institution's endpoint and what it had still
// to receive (its delivered log goes too); ErrNotFound.
func (d *DB) DeleteWebhook(ctx context.Context, cnpj, id string) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		var h api.Webhook
		err := tx.QueryRowContext(ctx, "SELECT id, cnpj, url, created_by, created_at FROM webhooks WHERE id = ? AND cnpj = ?"+d.forUpdate(), id, cnpj).
			Scan(&h.ID, &h.CNPJ, &h.URL, &h.CreatedBy, &h.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM webhook_outbox WHERE webhook_id = ?", "DELETE FROM webhooks WHERE id = ?"} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "webhook.deleted", Target: "webhook:" + id, Before: h})
		return nil
	})
}

// enqueueWebhooks adds e for each endpoint of its institution, in tx: the
// delivery exists if and only if the change it tells was committed.
func enqueueWebhooks(ctx context.Context, tx *sql.Tx, e api.WebhookEvent) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM webhooks WHERE cnpj = ?", e.CNPJ)
	if err != nil {
		return err
	}
	var hooks []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		hooks = append(hooks, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(hooks) == 0 {
		return err
	}
	if e.ID == "" {
		e.ID = "evt-" + randomHex(8)
	}
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, h := range hooks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_outbox (webhook_id, event_id, event, request_id, body, next_at, created_at)
			VALUES (?,?,?,?,?,?,?)`, h, e.ID, e.Event, e.RequestID, string(body), now.Unix(), now.Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return nil
}

// enqueueRequestEvent tells a request's webhooks of an event: its status
// as it is now (to), with the justification and client id when there are.
func enqueueRequestEvent(ctx context.Context, tx *sql.Tx, id, event string, to api.Status, justification, clientID, at string) error {
	e := api.WebhookEvent{Event: event, At: at, RequestID: id, Status: to, Justification: justification, ClientID: clientID}
	if err := tx.QueryRowContext(ctx, "SELECT api_id, environment, institution_cnpj FROM requests WHERE id = ?", id).
		Scan(&e.APIID, &e.Environment, &e.CNPJ); err != nil {
		return err
	}
	return enqueueWebhooks(ctx, tx, e)
}

// EnqueueWebhookTest adds a test event for one endpoint; ErrNotFound.
func (d *DB) EnqueueWebhookTest(ctx context.Context, cnpj, id string, now time.Time) (api.WebhookEvent, error) {
	e := api.WebhookEvent{ID: "evt-" + randomHex(8), Event: api.EventWebhookTest, At: now.UTC().Format(time.RFC3339), CNPJ: cnpj}
	body, err := json.Marshal(e)
	if err != nil {
		return e, err
	}
	err = d.w.do(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM webhooks WHERE id = ? AND cnpj = ?", id, cnpj).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO webhook_outbox (webhook_id, event_id, event, body, next_at, created_at)
			VALUES (?,?,?,?,?,?)`, id, e.ID, e.Event, string(body), now.Unix(), now.UTC().Format(time.RFC3339))
		return err
	})
	return e, err
}

// WebhookItem is a claimed delivery.
type WebhookItem struct {
	ID        int64
	WebhookID string
	Body      []byte
	Attempts  int
}

// ClaimWebhook takes the oldest due delivery for lease (a sender on
// another replica takes it only once the lease ran out), counting the
// attempt now.
func (d *DB) ClaimWebhook(ctx context.Context, now time.Time, lease time.Duration) (WebhookItem, bool, error) {
	var it WebhookItem
	var body string
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE webhook_outbox SET lease_until = ?, attempts = attempts + 1
			WHERE id = (SELECT id FROM webhook_outbox WHERE state = 'pending' AND next_at <= ? AND lease_until < ? ORDER BY id LIMIT 1)
			AND lease_until < ?
			RETURNING id, webhook_id, body, attempts`, now.Add(lease).Unix(), now.Unix(), now.Unix(), now.Unix()).
			Scan(&it.ID, &it.WebhookID, &body, &it.Attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	it.Body = []byte(body)
	return it, err == nil && it.ID != 0, err
}

// FinishWebhook records a delivery the endpoint took (2xx).
func (d *DB) FinishWebhook(ctx context.Context, it WebhookItem, status int, now time.Time) error {
	return d.settleWebhook(ctx, it, WebhookDelivered, status, "", now, now)
}

// DeferWebhook records a failed attempt: tried again at next, or failed
// for good.
func (d *DB) DeferWebhook(ctx context.Context, it WebhookItem, status int, why string, next time.Time, failed bool, now time.Time) error {
	state := WebhookPending
	if failed {
		state = WebhookFailed
	}
	return d.settleWebhook(ctx, it, state, status, why, next, now)
}

func (d *DB) settleWebhook(ctx context.Context, it WebhookItem, state string, status int, why string, next, now time.Time) error {
	done := ""
	if state != WebhookPending {
		done = now.UTC().Format(time.RFC3339)
	}
	res, err := d.w.exec(ctx, `UPDATE webhook_outbox SET state = ?, last_status = ?, last_error = ?, next_at = ?, done_at = ?, lease_until = 0
		WHERE id = ? AND attempts = ? AND state = 'pending'`, state, status, why, next.Unix(), done, it.ID, it.Attempts)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrLeaseLost
	}
	return nil
}

// WebhookDeliveries is an endpoint's log, newest first (at most limit).
func (d *DB) WebhookDeliveries(ctx context.Context, id string, limit int) ([]api.WebhookDelivery, error) {
	rows, err := d.query(ctx, `SELECT id, event_id, event, request_id, state, attempts, last_status, last_error, created_at, next_at, done_at
		FROM webhook_outbox WHERE webhook_id = ? ORDER BY id DESC LIMIT ?`, id, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.WebhookDelivery{}
	for rows.Next() {
		var x api.WebhookDelivery
		var next int64
		var done string
		if err := rows.Scan(&x.ID, &x.EventID, &x.Event, &x.RequestID, &x.State, &x.Attempts, &x.LastStatus, &x.LastError,
			&x.CreatedAt, &next, &done); err != nil {
			return nil, err
		}
		switch x.State {
		case WebhookPending:
			x.NextAt = time.Unix(next, 0).UTC().Format(time.RFC3339)
		case WebhookDelivered:
			x.DeliveredAt = done
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// rewrapWebhooks moves the webhooks' secrets to next with the vault's
// entries (RotateVaultKey): the same master key seals both.
func rewrapWebhooks(ctx context.Context, tx *sql.Tx, old, next *vault.MasterKey) (int, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, cnpj, key_id, wrapped_key, ciphertext FROM webhooks")
	if err != nil {
		return 0, err
	}
	type hook struct {
		id, cnpj string
		s        vault.Sealed
	}
	var all []hook
	for rows.Next() {
		var h hook
		if err := rows.Scan(&h.id, &h.cnpj, &h.s.KeyID, &h.s.WrappedKey, &h.s.Ciphertext); err != nil {
			rows.Close()
			return 0, err
		}
		all = append(all, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, h := range all {
		s, err := old.Rewrap(WebhookIdentity(h.cnpj, h.id), h.s, next)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE webhooks SET key_id = ?, wrapped_key = ? WHERE id = ?", s.KeyID, s.WrappedKey, h.id); err != nil {
			return 0, err
		}
	}
	return len(all), nil
}
