package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/gecli/gecli/api"
)

// ErrCredentialNotApproved: the request is not active and approved, or its
// verification form is still incomplete (FAQ 4.1 "Erro ao gerar credencial").
var ErrCredentialNotApproved = errors.New("credential not available for this request")

// newClientID names a client after its environment and API, so a person
// sees at a glance where it works ("hmg-datajud-3f9a1c0b7e2d").
func newClientID(env, apiID string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return env + "-" + apiID + "-" + hex.EncodeToString(b)
}

// createCredential gives a just-approved request its client. Called inside
// the approving transaction, so an approved request always has one.
func createCredential(ctx context.Context, tx *sql.Tx, requestID, at string) error {
	var env, apiID string
	if err := tx.QueryRowContext(ctx, "SELECT environment, api_id FROM requests WHERE id = ?", requestID).Scan(&env, &apiID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO credentials (request_id, client_id, created_at) VALUES (?,?,?)
		ON CONFLICT (request_id) DO NOTHING`, requestID, newClientID(env, apiID), at)
	return err
}

const credentialColumns = `c.request_id, c.client_id, r.api_id, a.name, r.environment, r.institution_cnpj, COALESCE(i.name, ''),
	r.status, r.rule, ` + formCompleteSQL + `,
	c.secret_hint, c.secret_created_at, c.previous_valid_until, c.created_at`

const credentialFrom = ` FROM credentials c JOIN requests r ON r.id = c.request_id JOIN apis a ON a.id = r.api_id
	LEFT JOIN institutions i ON i.cnpj = r.institution_cnpj`

func scanCredential(s scanner, now time.Time) (api.Credential, error) {
	var c api.Credential
	var status api.Status
	var rule api.Rule
	var formComplete bool
	var prevUntil int64
	err := s.Scan(&c.RequestID, &c.ClientID, &c.APIID, &c.APIName, &c.Environment, &c.Institution.CNPJ, &c.Institution.Name,
		&status, &rule, &formComplete, &c.SecretHint, &c.SecretCreatedAt, &prevUntil, &c.CreatedAt)
	if err != nil {
		return c, err
	}
	c.State = credentialState(api.Request{Status: status, Rule: rule}, formComplete, c.SecretHint != "")
	if prevUntil > now.Unix() {
		c.PreviousValidUntil = time.Unix(prevUntil, 0).UTC().Format(time.RFC3339)
	}
	return c, nil
}

// Credentials lists the clients of the given institutions, newest first.
func (d *DB) Credentials(ctx context.Context, cnpjs []string, now time.Time) ([]api.Credential, error) {
	out := []api.Credential{}
	if len(cnpjs) == 0 {
		return out, nil
	}
	args := make([]any, len(cnpjs))
	for i, c := range cnpjs {
		args[i] = api.NormalizeCNPJ(c)
	}
	rows, err := d.query(ctx, "SELECT "+credentialColumns+credentialFrom+
		" WHERE r.institution_cnpj IN ("+placeholders(len(cnpjs))+") ORDER BY c.created_at DESC, c.request_id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCredential(rows, now)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Credential returns one request's client.
func (d *DB) Credential(ctx context.Context, requestID string, now time.Time) (api.Credential, error) {
	c, err := scanCredential(d.queryRow(ctx, "SELECT "+credentialColumns+credentialFrom+" WHERE c.request_id = ?", requestID), now)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}

// NewSecret is a secret being installed: only its hash and hint are stored.
type NewSecret struct {
	Hash, Hint string
	Grace      time.Duration // how long the current secret keeps working
	By         Actor
	At         time.Time
}

// SetSecret installs a new secret for an approved request's client, keeps
// the current one valid for the grace period (or not at all), bumps the
// request's sequence (its credential state shows in lists) and records it in
// the history, in one transaction. It returns when the previous secret stops
// working (zero when it already has).
func (d *DB) SetSecret(ctx context.Context, requestID string, s NewSecret) (time.Time, error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return time.Time{}, err
	}
	defer d.w.end(tx)
	// Another replica may be rotating this secret, or revoking the
	// request: take the request's row first, then read (a statement of
	// its own, so it sees what that one committed).
	if err := d.lockRow(ctx, tx, "requests", "id", requestID); err != nil {
		return time.Time{}, err
	}
	var status api.Status
	var rule api.Rule
	var formComplete bool
	var current string
	err = tx.QueryRowContext(ctx, `SELECT r.status, r.rule, `+formCompleteSQL+`,
		COALESCE(c.secret_hash, '') FROM requests r LEFT JOIN credentials c ON c.request_id = r.id WHERE r.id = ?`, requestID).
		Scan(&status, &rule, &formComplete, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, ErrNotFound
	}
	if err != nil {
		return time.Time{}, err
	}
	if st := credentialState(api.Request{Status: status, Rule: rule}, formComplete, false); st != api.CredentialAvailable {
		return time.Time{}, fmt.Errorf("%w: %s", ErrCredentialNotApproved, st)
	}
	stamp := s.At.UTC().Format(time.RFC3339)
	var prevUntil time.Time
	prevHash := ""
	if current != "" && s.Grace > 0 {
		prevUntil, prevHash = s.At.Add(s.Grace).UTC().Truncate(time.Second), current
	}
	var until int64
	if !prevUntil.IsZero() {
		until = prevUntil.Unix()
	}
	if err := createCredential(ctx, tx, requestID, stamp); err != nil {
		return time.Time{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE credentials SET secret_hash = ?, secret_hint = ?, secret_created_at = ?,
		previous_hash = ?, previous_valid_until = ? WHERE request_id = ?`, s.Hash, s.Hint, stamp, prevHash, until, requestID); err != nil {
		return time.Time{}, err
	}
	action, note := "secret_generated", ""
	if current != "" {
		action, note = "secret_regenerated", "o secret anterior deixou de valer imediatamente"
		if !prevUntil.IsZero() {
			note = "o secret anterior vale até " + prevUntil.Format(time.RFC3339)
		}
	}
	if err := appendEvent(ctx, tx, requestID, event{at: stamp, actor: s.By, action: action, from: status, to: status, justification: note}); err != nil {
		return time.Time{}, err
	}
	var clientID string
	if err := tx.QueryRowContext(ctx, "SELECT client_id FROM credentials WHERE request_id = ?", requestID).Scan(&clientID); err != nil {
		return time.Time{}, err
	}
	if err := enqueueRequestEvent(ctx, tx, requestID, api.EventSecretGenerated, status, note, clientID, stamp); err != nil {
		return time.Time{}, err
	}
	seq, err := next(ctx, tx, "change_seq") // last: see next
	if err != nil {
		return time.Time{}, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE requests SET seq = ?, updated_at = ? WHERE id = ?", seq, stamp, requestID); err != nil {
		return time.Time{}, err
	}
	return prevUntil, d.w.commit(tx)
}

// Client is what the token endpoint and the gateway need to know about a
// client: whose it is, where it works, and the hashes that authenticate it.
type Client struct {
	RequestID, ClientID, APIID, APIName, InstitutionCNPJ string
	Environment                                          api.Environment
	Status                                               api.Status
	SecretHash, PreviousHash                             string
	PreviousValidUntil                                   time.Time
}

// ClientByID looks a client up by its public id.
func (d *DB) ClientByID(ctx context.Context, clientID string) (Client, error) {
	var c Client
	var until int64
	err := d.queryRow(ctx, `SELECT c.request_id, c.client_id, r.api_id, a.name, r.institution_cnpj, r.environment,
		r.status, c.secret_hash, c.previous_hash, c.previous_valid_until
		FROM credentials c JOIN requests r ON r.id = c.request_id JOIN apis a ON a.id = r.api_id WHERE c.client_id = ?`, clientID).
		Scan(&c.RequestID, &c.ClientID, &c.APIID, &c.APIName, &c.InstitutionCNPJ, &c.Environment, &c.Status,
			&c.SecretHash, &c.PreviousHash, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if until > 0 {
		c.PreviousValidUntil = time.Unix(until, 0)
	}
	return c, err
}

// Allowlist returns an institution's gateway source ranges, in the order
// they were entered.
func (d *DB) Allowlist(ctx context.Context, cnpj string) ([]netip.Prefix, error) {
	rows, err := d.query(ctx, "SELECT cidr FROM ip_allowlist WHERE institution_cnpj = ? ORDER BY position", api.NormalizeCNPJ(cnpj))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []netip.Prefix{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("allowlist of %s: %w", cnpj, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetAllowlist replaces an institution's ranges.
func (d *DB) SetAllowlist(ctx context.Context, cnpj string, ranges []netip.Prefix) error {
	cnpj = api.NormalizeCNPJ(cnpj)
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	if _, err := tx.ExecContext(ctx, "DELETE FROM ip_allowlist WHERE institution_cnpj = ?", cnpj); err != nil {
		return err
	}
	after := make([]string, len(ranges))
	for i, p := range ranges {
		after[i] = p.String()
		if _, err := tx.ExecContext(ctx, "INSERT INTO ip_allowlist (institution_cnpj, position, cidr) VALUES (?,?,?)", cnpj, i, p.String()); err != nil {
			return err
		}
	}
	record(tx, Audit{Actor: actorOf(ctx), Action: "institution.allowlist_set", Target: "institution:" + cnpj, After: after})
	return d.w.commit(tx)
}
