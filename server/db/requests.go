package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
)

// Actor is who changes a request, as recorded in its history.
type Actor struct{ ID, Name string }

// NewRequest is a validated submission with the rule already chosen.
type NewRequest struct {
	Create    api.RequestCreate
	Requester Actor
	CPF       string
	Rule      api.Rule
	Status    api.Status // pending, or approved for automatic rules
	Reason    string     // justification of an automatic decision
	At        time.Time
	// SEI: the server has the SEI integration, so the request gets its
	// process (generated, or the typed number checked) through the outbox.
	SEI bool
}

// ErrState is returned when a transition does not apply to the request's
// current status (cancelling an approved request, say).
var ErrState = errors.New("invalid state for this action")

const requestColumns = `r.id, r.seq, r.api_id, a.name, r.environment, r.institution_cnpj, COALESCE(i.name, ''),
	r.requester_id, r.requester_name, r.requester_cpf, r.contact_name, r.contact_cpf, r.contact_email, r.contact_phone,
	r.purpose, r.custom_fields, r.terms_id, r.terms_version, r.status, r.rule, r.sei_process, r.sei_state,
	r.created_at, COALESCE(r.decided_at, ''), r.updated_at, ` + formCompleteSQL + `, ` + hasSecretSQL

// hasSecretSQL is whether request r's credential has a secret (0 or 1 on
// either engine: a count, since a request has at most one credential).
const hasSecretSQL = `(SELECT count(*) FROM credentials c WHERE c.request_id = r.id AND c.secret_hash <> '')`

// formCompleteSQL is whether request r's verification form is complete
// (0 when it has none): the credential gate of form_* rules.
const formCompleteSQL = `COALESCE((SELECT complete FROM verification_forms f WHERE f.request_id = r.id), 0)`

const requestFrom = ` FROM requests r JOIN apis a ON a.id = r.api_id LEFT JOIN institutions i ON i.cnpj = r.institution_cnpj`

func scanRequest(s scanner) (api.Request, error) {
	var r api.Request
	var fields string
	var formComplete, hasSecret bool
	err := s.Scan(&r.ID, &r.Seq, &r.APIID, &r.APIName, &r.Environment, &r.Institution.CNPJ, &r.Institution.Name,
		&r.Requester.ID, &r.Requester.Name, &r.Requester.CPF, &r.TechnicalContact.Name, &r.TechnicalContact.CPF, &r.TechnicalContact.Email,
		&r.TechnicalContact.Phone, &r.Purpose, &fields, &r.Terms.ID, &r.Terms.Version, &r.Status, &r.Rule, &r.SEIProcess, &r.SEIState,
		&r.CreatedAt, &r.DecidedAt, &r.UpdatedAt, &formComplete, &hasSecret)
	if err != nil {
		return r, err
	}
	r.Terms.Accepted = true
	if err := json.Unmarshal([]byte(fields), &r.CustomFields); err != nil {
		return r, err
	}
	r.CredentialState = credentialState(r, formComplete, hasSecret)
	return r, nil
}

// credentialState: approved requests of a form rule stay blocked until
// the verification form is complete (FAQ 3.19); revoking the request
// revokes its credential.
func credentialState(r api.Request, formComplete, hasSecret bool) string {
	switch {
	case r.Status == api.StatusRevoked:
		return api.CredentialRevoked
	case r.Status != api.StatusApproved:
		return api.CredentialNone
	case (r.Rule == api.RuleFormRes316 || r.Rule == api.RuleFormStandard) && !formComplete:
		return api.CredentialBlocked
	case hasSecret:
		return api.CredentialActive
	}
	return api.CredentialAvailable
}

// next takes the next value of a counter inside tx. The counter's row
// stays locked until tx ends, so values are handed out in commit order
// even with replicas on PostgreSQL: a since= reader past N never misses a
// row committed later below N (a sequence's nextval would allow that).
// A write that changes a request locks the request's row first and the
// counter after (FOR UPDATE, lockRow): in the other order two writes
// deadlock. And it takes the counter last, just before it commits: every
// write that changes a request waits for that lock, so what runs while it
// is held (each statement a round trip on PostgreSQL) is what limits them.
func next(ctx context.Context, tx *sql.Tx, counter string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value", counter).Scan(&v)
	return v, err
}

// CreateRequest stores a submission and its first history events in one
// transaction and returns it as stored.
func (d *DB) CreateRequest(ctx context.Context, n NewRequest) (api.Request, error) {
	var id string
	err := d.w.do(ctx, func(tx *sql.Tx) (err error) {
		id, err = insertRequest(ctx, tx, n)
		return err
	})
	if err != nil {
		return api.Request{}, err
	}
	return d.GetRequest(ctx, id)
}

// SeedRequests stores many submissions in one transaction (demo data).
func (d *DB) SeedRequests(ctx context.Context, all []NewRequest, after func(id string, i int) []Transition) error {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	bufOf(tx).quiet = true // demo data is no one's doing
	for i, n := range all {
		id, err := insertRequest(ctx, tx, n)
		if err != nil {
			return err
		}
		for _, t := range after(id, i) {
			if _, err := transition(ctx, tx, id, t, d.forUpdate()); err != nil {
				return fmt.Errorf("seed %s: %w", id, err)
			}
		}
	}
	return d.w.commit(tx)
}

func insertRequest(ctx context.Context, tx *sql.Tx, n NewRequest) (string, error) {
	num, err := next(ctx, tx, "request_number")
	if err != nil {
		return "", err
	}
	c := n.Create
	id := fmt.Sprintf("SOL-%d-%06d", n.At.Year(), num)
	at := n.At.UTC().Format(time.RFC3339)
	fields, err := json.Marshal(nonNilMap(c.CustomFields))
	if err != nil {
		return "", err
	}
	var decided any
	if n.Status != api.StatusPending {
		decided = at
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO requests (id, seq, api_id, environment, institution_cnpj, requester_id,
		requester_name, requester_cpf, contact_name, contact_cpf, contact_email, contact_phone, purpose, custom_fields,
		terms_id, terms_version, terms_accepted_at, status, rule, sei_process, created_at, decided_at, updated_at, sei_state)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, -num, c.APIID, string(c.Environment), api.NormalizeCNPJ(c.InstitutionCNPJ), n.Requester.ID, n.Requester.Name,
		api.NormalizeCPF(n.CPF), strings.TrimSpace(c.TechnicalContact.Name), api.NormalizeCPF(c.TechnicalContact.CPF),
		strings.TrimSpace(c.TechnicalContact.Email), api.NormalizePhone(c.TechnicalContact.Phone), strings.TrimSpace(c.Purpose),
		string(fields), c.Terms.ID, c.Terms.Version, at, string(n.Status), string(n.Rule), c.SEIProcess, at, decided, at, seiState(n.SEI))
	if err != nil {
		return "", err
	}
	if err := appendEvent(ctx, tx, id, event{at: at, actor: n.Requester, action: "submitted", to: api.StatusPending}); err != nil {
		return "", err
	}
	if err := enqueueSEI(ctx, tx, id, "process", SEIProcess, SEIPayload{}); err != nil {
		return "", err
	}
	if n.Status == api.StatusApproved {
		system := Actor{ID: "system", Name: "gecli (regra automática)"}
		if err := appendEvent(ctx, tx, id, event{at: at, actor: system, action: "auto_approved",
			from: api.StatusPending, to: api.StatusApproved, justification: n.Reason}); err != nil {
			return "", err
		}
		if err := createCredential(ctx, tx, id, at); err != nil {
			return "", err
		}
		if err := enqueueSEI(ctx, tx, id, "movement:auto_approved", SEIMovement, SEIPayload{Text: "Solicitação aprovada automaticamente no gecli: " + n.Reason}); err != nil {
			return "", err
		}
	}
	if err := enqueueRequestEvent(ctx, tx, id, api.EventRequestStatus, n.Status, n.Reason, "", at); err != nil {
		return "", err
	}
	// The change sequence last: its row stays locked to commit (see next).
	// Until then the row holds -num, unique as seq must be (a shared
	// placeholder would leave one dead entry per insert in the unique
	// index, each checked again by the next insert on PostgreSQL).
	seq, err := next(ctx, tx, "change_seq")
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, "UPDATE requests SET seq = ? WHERE id = ?", seq, id)
	return id, err
}

// Transition is a status change with its history entry.
type Transition struct {
	From          []api.Status // allowed current statuses
	To            api.Status
	Actor         Actor
	Action        string
	Justification string
	At            time.Time
}

// ApplyTransition changes a request's status if it is in one of t.From.
func (d *DB) ApplyTransition(ctx context.Context, id string, t Transition) (api.Request, error) {
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		_, err := transition(ctx, tx, id, t, d.forUpdate())
		return err
	})
	if err != nil {
		return api.Request{}, err
	}
	return d.GetRequest(ctx, id)
}

// transition applies t to request id in tx; lock is the dialect's
// forUpdate.
func transition(ctx context.Context, tx *sql.Tx, id string, t Transition, lock string) (api.Status, error) {
	var cur api.Status
	err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = ?"+lock, id).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	allowed := false
	for _, f := range t.From {
		allowed = allowed || f == cur
	}
	if !allowed {
		return cur, fmt.Errorf("%w: %s", ErrState, cur)
	}
	at := t.At.UTC().Format(time.RFC3339)
	if t.To == api.StatusApproved {
		if err := createCredential(ctx, tx, id, at); err != nil {
			return cur, err
		}
	}
	if err := appendEvent(ctx, tx, id, event{at: at, actor: t.Actor, action: t.Action, from: cur, to: t.To, justification: t.Justification}); err != nil {
		return cur, err
	}
	// A decision, a cancellation, a revocation: a movement of the process.
	if err := enqueueSEI(ctx, tx, id, "movement:"+t.Action, SEIMovement, SEIPayload{Text: movementText(t)}); err != nil {
		return cur, err
	}
	if err := enqueueRequestEvent(ctx, tx, id, api.EventRequestStatus, t.To, t.Justification, "", at); err != nil {
		return cur, err
	}
	// The change sequence last: its row stays locked to commit (see next).
	seq, err := next(ctx, tx, "change_seq")
	if err != nil {
		return cur, err
	}
	var decided any // a decision stamps decided_at; other changes keep it
	if t.To == api.StatusApproved || t.To == api.StatusRejected {
		decided = at
	}
	_, err = tx.ExecContext(ctx, `UPDATE requests SET status = ?, seq = ?, updated_at = ?,
		decided_at = COALESCE(?, decided_at) WHERE id = ?`, string(t.To), seq, at, decided, id)
	return cur, err
}

// GetRequest returns a request with its history and attachments.
func (d *DB) GetRequest(ctx context.Context, id string) (api.Request, error) {
	r, err := d.RequestRow(ctx, id)
	if err != nil {
		return r, err
	}
	return d.RequestDetails(ctx, r)
}

// RequestRow returns a request without its history and attachments: what
// a permission check or a write needs, at one row's cost however long the
// history grew.
func (d *DB) RequestRow(ctx context.Context, id string) (api.Request, error) {
	r, err := scanRequest(d.queryRow(ctx, "SELECT "+requestColumns+requestFrom+" WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// RequestDetails fills in a request's history, attachments and opinions.
func (d *DB) RequestDetails(ctx context.Context, r api.Request) (api.Request, error) {
	var err error
	if r.History, err = d.history(ctx, r.ID); err != nil {
		return r, err
	}
	if r.Attachments, err = d.attachments(ctx, r.ID); err != nil {
		return r, err
	}
	r.Opinions, err = d.opinions(ctx, r.ID)
	return r, err
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// seiState is a new request's link state: pending with the integration,
// none without.
func seiState(on bool) string {
	if on {
		return "pending"
	}
	return ""
}
