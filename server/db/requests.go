package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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
}

// ErrState is returned when a transition does not apply to the request's
// current status (cancelling an approved request, say).
var ErrState = errors.New("invalid state for this action")

const requestColumns = `r.id, r.seq, r.api_id, a.name, r.environment, r.institution_cnpj, COALESCE(i.name, ''),
	r.requester_name, r.requester_cpf, r.contact_name, r.contact_cpf, r.contact_email, r.contact_phone,
	r.purpose, r.custom_fields, r.terms_id, r.terms_version, r.status, r.rule, r.sei_process,
	r.created_at, COALESCE(r.decided_at, ''), r.updated_at, ` + formCompleteSQL + `,
	COALESCE((SELECT c.secret_hash <> '' FROM credentials c WHERE c.request_id = r.id), 0)`

// formCompleteSQL is whether request r's verification form is complete
// (0 when it has none): the credential gate of form_* rules.
const formCompleteSQL = `COALESCE((SELECT complete FROM verification_forms f WHERE f.request_id = r.id), 0)`

const requestFrom = ` FROM requests r JOIN apis a ON a.id = r.api_id LEFT JOIN institutions i ON i.cnpj = r.institution_cnpj`

func scanRequest(s scanner) (api.Request, error) {
	var r api.Request
	var fields string
	var formComplete, hasSecret bool
	err := s.Scan(&r.ID, &r.Seq, &r.APIID, &r.APIName, &r.Environment, &r.Institution.CNPJ, &r.Institution.Name,
		&r.Requester.Name, &r.Requester.CPF, &r.TechnicalContact.Name, &r.TechnicalContact.CPF, &r.TechnicalContact.Email,
		&r.TechnicalContact.Phone, &r.Purpose, &fields, &r.Terms.ID, &r.Terms.Version, &r.Status, &r.Rule, &r.SEIProcess,
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

// next takes the next value of a counter inside tx.
func next(ctx context.Context, tx *sql.Tx, counter string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value", counter).Scan(&v)
	return v, err
}

// CreateRequest stores a submission and its first history events in one
// transaction and returns it as stored.
func (d *DB) CreateRequest(ctx context.Context, n NewRequest) (api.Request, error) {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return api.Request{}, err
	}
	defer tx.Rollback()
	id, err := insertRequest(ctx, tx, n)
	if err != nil {
		return api.Request{}, err
	}
	if err := tx.Commit(); err != nil {
		return api.Request{}, err
	}
	return d.GetRequest(ctx, id)
}

// SeedRequests stores many submissions in one transaction (demo data).
func (d *DB) SeedRequests(ctx context.Context, all []NewRequest, after func(id string, i int) []Transition) error {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, n := range all {
		id, err := insertRequest(ctx, tx, n)
		if err != nil {
			return err
		}
		for _, t := range after(id, i) {
			if _, err := transition(ctx, tx, id, t); err != nil {
				return fmt.Errorf("seed %s: %w", id, err)
			}
		}
	}
	return tx.Commit()
}

func insertRequest(ctx context.Context, tx *sql.Tx, n NewRequest) (string, error) {
	num, err := next(ctx, tx, "request_number")
	if err != nil {
		return "", err
	}
	seq, err := next(ctx, tx, "change_seq")
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
		terms_id, terms_version, terms_accepted_at, status, rule, sei_process, created_at, decided_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, seq, c.APIID, string(c.Environment), api.NormalizeCNPJ(c.InstitutionCNPJ), n.Requester.ID, n.Requester.Name,
		api.NormalizeCPF(n.CPF), strings.TrimSpace(c.TechnicalContact.Name), api.NormalizeCPF(c.TechnicalContact.CPF),
		strings.TrimSpace(c.TechnicalContact.Email), api.NormalizePhone(c.TechnicalContact.Phone), strings.TrimSpace(c.Purpose),
		string(fields), c.Terms.ID, c.Terms.Version, at, string(n.Status), string(n.Rule), c.SEIProcess, at, decided, at)
	if err != nil {
		return "", err
	}
	if err := appendEvent(ctx, tx, id, event{at: at, actor: n.Requester, action: "submitted", to: api.StatusPending}); err != nil {
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
	}
	return id, nil
}

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
	return err
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
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return api.Request{}, err
	}
	defer tx.Rollback()
	if _, err := transition(ctx, tx, id, t); err != nil {
		return api.Request{}, err
	}
	if err := tx.Commit(); err != nil {
		return api.Request{}, err
	}
	return d.GetRequest(ctx, id)
}

func transition(ctx context.Context, tx *sql.Tx, id string, t Transition) (api.Status, error) {
	var cur api.Status
	err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = ?", id).Scan(&cur)
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
	seq, err := next(ctx, tx, "change_seq")
	if err != nil {
		return cur, err
	}
	at := t.At.UTC().Format(time.RFC3339)
	var decided any // a decision stamps decided_at; other changes keep it
	if t.To == api.StatusApproved || t.To == api.StatusRejected {
		decided = at
	}
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = ?, seq = ?, updated_at = ?,
		decided_at = COALESCE(?, decided_at) WHERE id = ?`, string(t.To), seq, at, decided, id); err != nil {
		return cur, err
	}
	if t.To == api.StatusApproved {
		if err := createCredential(ctx, tx, id, at); err != nil {
			return cur, err
		}
	}
	return cur, appendEvent(ctx, tx, id, event{at: at, actor: t.Actor, action: t.Action, from: cur, to: t.To, justification: t.Justification})
}

// GetRequest returns a request with its history and attachments.
func (d *DB) GetRequest(ctx context.Context, id string) (api.Request, error) {
	r, err := scanRequest(d.sql.QueryRowContext(ctx, "SELECT "+requestColumns+requestFrom+" WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, err
	}
	if r.History, err = d.history(ctx, id); err != nil {
		return r, err
	}
	r.Attachments, err = d.attachments(ctx, id)
	return r, err
}

func (d *DB) history(ctx context.Context, id string) ([]api.HistoryEvent, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT n, at, actor_name, action, from_status, to_status, justification, hash
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
	rows, err := d.sql.QueryContext(ctx, `SELECT n, at, actor_id, actor_name, action, from_status, to_status,
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

// RequestFilter narrows a list. Institutions nil means every institution;
// non-nil limits to those (an empty slice shows nothing).
type RequestFilter struct {
	Statuses     []api.Status
	Env          api.Environment
	APIIDs       []string
	Institutions []string
	// SinceSet selects sync mode: the rows changed after Since, in
	// sequence order (Since 0 is a full sync). Otherwise newest first.
	SinceSet bool
	Since    int64
	Cursor   string
	Limit    int
}

// ErrCursor is a malformed cursor.
var ErrCursor = errors.New("invalid cursor")

// ListRequests returns a page: newest first, or by change sequence when
// Since is set. It returns the cursor of the next page ("" at the end) and
// the highest sequence in the page.
func (d *DB) ListRequests(ctx context.Context, f RequestFilter) ([]api.Request, string, int64, error) {
	var where []string
	var args []any
	in := func(col string, vals []string) {
		where = append(where, col+" IN ("+placeholders(len(vals))+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if f.Institutions != nil {
		if len(f.Institutions) == 0 {
			return []api.Request{}, "", 0, nil
		}
		in("r.institution_cnpj", f.Institutions)
	}
	if len(f.Statuses) > 0 {
		s := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			s[i] = string(st)
		}
		in("r.status", s)
	}
	if f.APIIDs != nil {
		if len(f.APIIDs) == 0 {
			return []api.Request{}, "", 0, nil
		}
		in("r.api_id", f.APIIDs)
	}
	if f.Env != "" {
		where = append(where, "r.environment = ?")
		args = append(args, string(f.Env))
	}
	order := " ORDER BY r.created_at DESC, r.id DESC"
	if f.SinceSet {
		since := f.Since
		if f.Cursor != "" {
			n, err := strconv.ParseInt(strings.TrimPrefix(f.Cursor, "s"), 10, 64)
			if err != nil {
				return nil, "", 0, ErrCursor
			}
			since = n
		}
		where = append(where, "r.seq > ?")
		args = append(args, since)
		order = " ORDER BY r.seq"
	} else if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		createdAt, id, ok := strings.Cut(string(raw), "|")
		if err != nil || !ok {
			return nil, "", 0, ErrCursor
		}
		where = append(where, "(r.created_at, r.id) < (?, ?)")
		args = append(args, createdAt, id)
	}
	// Read through the index of the order so LIMIT stops the scan early;
	// with IN filters the planner would otherwise sort every match.
	index := " INDEXED BY requests_recent"
	if order == " ORDER BY r.seq" {
		index = " INDEXED BY requests_seq"
	}
	q := "SELECT " + requestColumns + strings.Replace(requestFrom, "FROM requests r", "FROM requests r"+index, 1)
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += order + " LIMIT ?"
	args = append(args, f.Limit+1)
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", 0, fmt.Errorf("list requests: %w", err)
	}
	defer rows.Close()
	items := []api.Request{}
	var maxSeq int64
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, "", 0, err
		}
		items = append(items, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", 0, err
	}
	cursor := ""
	if len(items) > f.Limit {
		items = items[:f.Limit]
		last := items[len(items)-1]
		if order == " ORDER BY r.seq" {
			cursor = "s" + strconv.FormatInt(last.Seq, 10)
		} else {
			cursor = base64.RawURLEncoding.EncodeToString([]byte(last.CreatedAt + "|" + last.ID))
		}
	}
	for _, r := range items {
		maxSeq = max(maxSeq, r.Seq)
	}
	return items, cursor, maxSeq, nil
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
