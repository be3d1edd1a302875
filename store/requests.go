package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO requests (id, seq, api_id, api_name, environment, cnpj, status, created_at, body, sei)
		VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, api_id = excluded.api_id,
		api_name = excluded.api_name, environment = excluded.environment, cnpj = excluded.cnpj, status = excluded.status,
		created_at = excluded.created_at, body = excluded.body, sei = excluded.sei`)
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
			string(r.Status), r.CreatedAt, string(body), SEIDigits(r.SEIProcess)); err != nil {
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
// non-nil slice matches nothing (a search that found no API). CNPJs,
// IDPrefix, IDs and SEIPrefix are the searches by institution, request
// number and SEI process: CNPJs as APIIDs (nil any, empty none;
// InstitutionCNPJs resolves names and typed CNPJs into them), IDPrefix
// the requests whose id starts with it, IDs exactly these requests
// (RequestNumberIDs), SEIPrefix the requests whose SEI process starts
// with these digits (SEIDigits). Each is read from an index that leads
// with it (requests_cnpj, requests_id, requests_sei); CNPJs and IDPrefix
// on the Avaliação queue's kind of query (pending only, by date) from the
// pending requests' own indexes (requests_pending).
type RequestQuery struct {
	Statuses  []api.Status
	Env       api.Environment
	APIIDs    []string
	Sort      SortBy
	CNPJs     []string
	IDPrefix  string
	IDs       []string
	SEIPrefix string
}

// fine says whether q filters on what the per-group counts do not know
// (CNPJ, id, SEI process).
func (q RequestQuery) fine() bool {
	return q.CNPJs != nil || q.IDPrefix != "" || q.IDs != nil || q.SEIPrefix != ""
}

// none says whether q cannot match anything (an empty set asked for).
func (q RequestQuery) none() bool {
	return q.CNPJs != nil && len(q.CNPJs) == 0 || q.APIIDs != nil && len(q.APIIDs) == 0 || q.IDs != nil && len(q.IDs) == 0
}

// searchIndex is the index that leads with what a fine query searches:
// the number, else the SEI process, else the CNPJ.
func (q RequestQuery) searchIndex() string {
	switch {
	case q.IDs != nil || q.IDPrefix != "":
		return "requests_id"
	case q.SEIPrefix != "":
		return "requests_sei"
	}
	return "requests_cnpj"
}

// queue says whether q is served by the pending requests' indexes: the
// queue's kind of query, searched by CNPJ or id prefix only.
func (q RequestQuery) queue() bool {
	return q.pendingQueue() && q.IDs == nil && q.SEIPrefix == ""
}

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
	where, args = oneOf(where, args, "api_id", q.APIIDs)
	where, args = oneOf(where, args, "cnpj", q.CNPJs)
	if q.IDPrefix != "" {
		// A range, so an index on id can serve it: every id that starts
		// with the prefix sorts between it and it followed by the last
		// character there is.
		where = append(where, "id >= ? AND id < ?")
		args = append(args, q.IDPrefix, q.IDPrefix+string(utf8.MaxRune))
	}
	where, args = oneOf(where, args, "id", q.IDs)
	if q.SEIPrefix != "" {
		// requests_sei holds only the rows with a process, and SQLite
		// uses a partial index only when the query says so literally.
		where = append(where, "sei <> '' AND sei >= ? AND sei < ?")
		args = append(args, q.SEIPrefix, q.SEIPrefix+string(utf8.MaxRune))
	}
	return strings.Join(where, " AND "), args
}

// in is "col IN (?, …)" for n values.
func in(col string, n int) string {
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
}

// maxInlineValues is how many values oneOf passes one by one; a longer
// list (a name that matches thousands of institutions) goes as one JSON
// array, below SQLite's limit on a statement's parameters however long.
const maxInlineValues = 200

// oneOf adds "col IN (…)" for vals: nil adds nothing (any value), an
// empty list matches nothing (a search that found no API or CNPJ).
func oneOf(where []string, args []any, col string, vals []string) ([]string, []any) {
	switch {
	case vals == nil:
		return where, args
	case len(vals) == 0:
		return append(where, "0"), args
	case len(vals) > maxInlineValues:
		list, _ := json.Marshal(vals) // strings always encode
		return append(where, col+" IN (SELECT value FROM json_each(?))"), append(args, string(list))
	}
	for _, v := range vals {
		args = append(args, v)
	}
	return append(where, in(col, len(vals))), args
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

// countFine counts a query the per-group counts cannot answer, from the
// index that leads with what it searches (the pending requests' own for
// a queue's): the cost grows with the matches, not with the cache.
func (s *Store) countFine(ctx context.Context, q RequestQuery) (int, error) {
	query, where, args := "SELECT count(*) FROM requests", "", []any(nil)
	if q.none() {
		return 0, nil
	}
	if q.queue() {
		query += " INDEXED BY " + q.pendingIndex()
		where, args = q.pendingWhere()
	} else {
		query += " INDEXED BY " + q.searchIndex()
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

// SEIDigits is a SEI process number as the cache keeps it for searching:
// its digits alone ("00001.004213/2026-51" -> "00001004213202651").
func SEIDigits(s string) string { return api.Digits(s) }

// maxYears bounds RequestNumberIDs' walk (a cache spans a few years).
const maxYears = 50

// RequestNumberIDs are the ids a request number typed alone (417) may
// stand for: SOL-<year>-000417 for each year of the cached requests'
// ids ("SOL-2026-000417"), found by one seek of the id index per year,
// not by reading the ids. Some may not be cached; none is an error.
func (s *Store) RequestNumberIDs(ctx context.Context, n int) (_ []string, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	out := []string{}
	from := "SOL-"
	for range maxYears {
		var id string
		err := s.db.QueryRowContext(ctx, "SELECT id FROM requests WHERE id > ? ORDER BY id LIMIT 1", from).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, err
		}
		year, ok := idYear(id)
		if !ok {
			break // past the SOL-<year>- ids
		}
		out = append(out, fmt.Sprintf("SOL-%s-%06d", year, n))
		from = "SOL-" + year + "-" + string(utf8.MaxRune)
	}
	return out, nil
}

// idYear is the year of an id of the form SOL-<year>-<number>.
func idYear(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, "SOL-")
	year, _, dash := strings.Cut(rest, "-")
	if !ok || !dash || len(year) != 4 || strings.Trim(year, "0123456789") != "" {
		return "", false
	}
	return year, true
}

// RequestState is what a cached request was before a sync replaced it:
// enough to tell a decision, a revocation or a credential released.
type RequestState struct {
	Status          api.Status
	CredentialState string
}

// RequestStates are the cached states of ids (those not cached are left
// out: a request seen for the first time has no "before").
func (s *Store) RequestStates(ctx context.Context, ids []string) (_ map[string]RequestState, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	out := map[string]RequestState{}
	if len(ids) == 0 {
		return out, nil
	}
	where, args := oneOf(nil, nil, "id", ids)
	rows, err := s.db.QueryContext(ctx, "SELECT id, status, COALESCE(json_extract(body, '$.credential_state'), '') FROM requests WHERE "+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var st RequestState
		if err := rows.Scan(&id, &st.Status, &st.CredentialState); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, rows.Err()
}
