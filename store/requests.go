package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
)

const (
	keyRequestsSeq   = "requests.seq"
	keyRequestsOwner = "requests.owner"
)

// RequestsOwner makes sure the cached requests belong to subject: when
// another person signs in on this cache, the old rows (which they may not
// be allowed to see) are dropped and the next sync starts from zero.
func (s *Store) RequestsOwner(ctx context.Context, subject string) (err error) {
	defer s.fail(&err, OpWrite, EntityRequests, "")
	cur, err := s.Setting(ctx, keyRequestsOwner)
	if err != nil || cur == subject {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM requests", "DELETE FROM request_details", "DELETE FROM credentials",
		"DELETE FROM request_institutions", "DELETE FROM decision_drafts", "DELETE FROM settings WHERE key = '" + keyRequestsSeq + "'"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := setSetting(ctx, tx, keyRequestsOwner, subject); err != nil {
		return err
	}
	return tx.Commit()
}

// RequestsSeq is the sequence the cache is synced to (0: never).
func (s *Store) RequestsSeq(ctx context.Context) (_ int64, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	v, err := s.Setting(ctx, keyRequestsSeq)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// ApplyRequests upserts a page of synced requests and advances the
// sequence, in one transaction: a crash never leaves the sequence ahead of
// the rows.
func (s *Store) ApplyRequests(ctx context.Context, items []api.Request, seq int64) (err error) {
	defer s.fail(&err, OpWrite, EntityRequests, "")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO requests (id, seq, api_id, api_name, environment, cnpj, status, created_at, body)
		VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, api_id = excluded.api_id,
		api_name = excluded.api_name, environment = excluded.environment, cnpj = excluded.cnpj, status = excluded.status,
		created_at = excluded.created_at, body = excluded.body`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	institutions := map[string]string{}
	for _, r := range items {
		if r.Institution.CNPJ != "" {
			institutions[r.Institution.CNPJ] = r.Institution.Name
		}
		r.History, r.Attachments = nil, nil
		body, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, r.ID, r.Seq, r.APIID, r.APIName, string(r.Environment), r.Institution.CNPJ,
			string(r.Status), r.CreatedAt, string(body)); err != nil {
			return &Error{Op: OpWrite, Entity: EntityRequests, ID: r.ID, Path: s.path, Err: err}
		}
	}
	if err := keepInstitutions(ctx, tx, institutions); err != nil {
		return err
	}
	if err := setSetting(ctx, tx, keyRequestsSeq, strconv.FormatInt(seq, 10)); err != nil {
		return err
	}
	return tx.Commit()
}

// SortBy orders the request table.
type SortBy int

const (
	SortNewest SortBy = iota // creation date, newest first (default)
	SortOldest
	SortAPI // API name A–Z
)

// RequestQuery is the table's filter. APIIDs nil means any API; an empty
// non-nil slice matches nothing (a search that found no API). CNPJs and
// IDPrefix narrow the queue of Avaliação: CNPJs as APIIDs (nil any, empty
// none; InstitutionCNPJs resolves names and typed CNPJs into them), and
// IDPrefix the requests whose id starts with it. These two are checked
// from the pending requests' own index (requests_pending): with them, ask
// for pending requests only, sorted by date; on other queries they are
// still obeyed, but each row they test is read from the table.
type RequestQuery struct {
	Statuses []api.Status
	Env      api.Environment
	APIIDs   []string
	Sort     SortBy
	CNPJs    []string
	IDPrefix string
}

// fine says whether q filters on what the per-group counts do not know
// (CNPJ, id).
func (q RequestQuery) fine() bool { return q.CNPJs != nil || q.IDPrefix != "" }

// pendingQueue says whether q is the Avaliação queue's kind of query:
// pending requests only, by date, so requests_pending serves it whole.
func (q RequestQuery) pendingQueue() bool {
	return len(q.Statuses) == 1 && q.Statuses[0] == api.StatusPending && q.Sort != SortAPI
}

// pendingIndex is the pending requests' index that finds q's matches
// directly: by CNPJ, else by id.
func (q RequestQuery) pendingIndex() string {
	if q.CNPJs != nil {
		return "requests_pending_cnpj"
	}
	return "requests_pending_id"
}

// pendingWhere is q's filter for a read through requests_pending: the
// index's own condition written out (SQLite uses a partial index only
// when the query says so literally), then the rest of q.
func (q RequestQuery) pendingWhere() (string, []any) {
	rest := q
	rest.Statuses = nil
	where, args := rest.where(false)
	if where == "" {
		return "status = 'pending'", args
	}
	return "status = 'pending' AND " + where, args
}

// RowKey is a row's position in the sort order, for keyset paging.
type RowKey struct{ Primary, ID string }

// Row is what the table shows of a request.
type Row struct {
	api.Request
	Key RowKey
}

// where is the filter as SQL. With every set, an absent status or
// environment filter is written out as all their values, so the prefix of
// requests_group (status, environment, api_id) can be used as ranges
// instead of scanning the whole index.
func (q RequestQuery) where(every bool) (string, []any) {
	var where []string
	var args []any
	in := func(col string, n int) string {
		return col + " IN (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	}
	statuses, envs := q.Statuses, []api.Environment{q.Env}
	if len(statuses) == 0 && every {
		statuses = api.Statuses
	}
	if q.Env == "" {
		envs = nil
		if every {
			envs = api.Environments
		}
	}
	if len(statuses) > 0 {
		where = append(where, in("status", len(statuses)))
		for _, st := range statuses {
			args = append(args, string(st))
		}
	}
	if len(envs) > 0 {
		where = append(where, in("environment", len(envs)))
		for _, e := range envs {
			args = append(args, string(e))
		}
	}
	if q.APIIDs != nil {
		if len(q.APIIDs) == 0 {
			where = append(where, "0")
		} else {
			where = append(where, in("api_id", len(q.APIIDs)))
			for _, id := range q.APIIDs {
				args = append(args, id)
			}
		}
	}
	if q.CNPJs != nil {
		if len(q.CNPJs) == 0 {
			where = append(where, "0")
		} else {
			where = append(where, in("cnpj", len(q.CNPJs)))
			for _, c := range q.CNPJs {
				args = append(args, c)
			}
		}
	}
	if q.IDPrefix != "" {
		// A range, so an index on id can serve it: every id that starts
		// with the prefix sorts between it and it followed by the last
		// character there is.
		where = append(where, "id >= ? AND id < ?")
		args = append(args, q.IDPrefix, q.IDPrefix+string(utf8.MaxRune))
	}
	return strings.Join(where, " AND "), args
}

// column and direction of each sort.
func (q RequestQuery) order() (col string, desc bool) {
	switch q.Sort {
	case SortOldest:
		return "created_at", false
	case SortAPI:
		return "api_name", false
	}
	return "created_at", true
}

// Span says which window to read, in table order: the rows strictly
// after a key, from a key (inclusive), strictly before a key (the rows
// just above it), the last rows (FromEnd), or the first rows.
type Span struct {
	After, From, Before *RowKey
	FromEnd             bool
	Limit               int
}

// CountRequests counts the rows matching q. It is slower than a window
// (it must visit every match), so the table asks for it off the keystroke
// path and shows the window first.
func (s *Store) CountRequests(ctx context.Context, q RequestQuery) (_ int, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	if q.fine() {
		return s.countFine(ctx, q)
	}
	// Summed from the per-group counts the triggers keep: the cost does
	// not depend on how many rows match.
	where, args := q.where(true)
	query := "SELECT COALESCE(SUM(n), 0) FROM request_counts WHERE " + where
	var n int
	err = s.db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// countFine counts a query the per-group counts cannot answer: a queue's
// from the pending requests' index that leads with what it filters on
// (the cost grows with the matches, not with the cache), any other by
// reading the matches.
func (s *Store) countFine(ctx context.Context, q RequestQuery) (int, error) {
	query, where, args := "SELECT count(*) FROM requests", "", []any(nil)
	if q.CNPJs != nil && len(q.CNPJs) == 0 || q.APIIDs != nil && len(q.APIIDs) == 0 {
		return 0, nil
	}
	if q.pendingQueue() {
		query += " INDEXED BY " + q.pendingIndex()
		where, args = q.pendingWhere()
	} else {
		where, args = q.where(false)
	}
	var n int
	err := s.db.QueryRowContext(ctx, query+" WHERE "+where, args...).Scan(&n)
	return n, err
}

// SaveRequestDetail caches a request's detail (history, attachments).
func (s *Store) SaveRequestDetail(ctx context.Context, r api.Request, at time.Time) (err error) {
	defer s.fail(&err, OpWrite, EntityRequest, r.ID)
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO request_details (id, body, fetched_at) VALUES (?,?,?)
		ON CONFLICT (id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`, r.ID, string(body), at.UTC().Format(time.RFC3339Nano))
	return err
}

// RequestDetail returns a cached detail; ok is false when never opened.
func (s *Store) RequestDetail(ctx context.Context, id string) (r api.Request, fetched time.Time, ok bool, err error) {
	defer s.fail(&err, OpRead, EntityRequest, id)
	var body, at string
	err = s.db.QueryRowContext(ctx, "SELECT body, fetched_at FROM request_details WHERE id = ?", id).Scan(&body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fetched, false, nil
	}
	if err != nil {
		return r, fetched, false, err
	}
	fetched, _ = time.Parse(time.RFC3339Nano, at)
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		return r, fetched, true, &Error{Op: OpCorrupt, Entity: EntityRequest, ID: id, Path: s.path, Err: err}
	}
	return r, fetched, true, nil
}

// LastContact is the technical contact of the newest cached request
// whose requester is named requester (among the 1,000 newest: a
// form's pre-fill, not a search), so a new request starts with it.
func (s *Store) LastContact(ctx context.Context, requester string) (c api.TechnicalContact, ok bool, err error) {
	if requester == "" {
		return c, false, nil // nobody to match: an empty name would match others' empty names
	}
	defer s.fail(&err, OpRead, EntityRequest, "")
	var body string
	err = s.db.QueryRowContext(ctx, `SELECT body FROM (SELECT body, created_at, id FROM requests ORDER BY created_at DESC, id DESC LIMIT 1000)
		WHERE json_extract(body, '$.requester.name') = ? AND json_extract(body, '$.technical_contact.email') <> ''
		ORDER BY created_at DESC, id DESC LIMIT 1`, requester).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	var r api.Request
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		return c, false, err
	}
	return r.TechnicalContact, true, nil
}
