package store

import (
	"context"
	"time"
)

const keyLastVisit = "visit.last"

// Visit records that the person is here at now and returns when they were
// last (zero the first time): what appeared since then is new to them.
// The TUI calls it at start and at each catalog sync, so the previous
// visit ends about when the last session did.
func (s *Store) Visit(ctx context.Context, now time.Time) (prev time.Time, err error) {
	v, err := s.Setting(ctx, keyLastVisit)
	if err != nil {
		return prev, err
	}
	prev, _ = time.Parse(time.RFC3339Nano, v)
	return prev, s.SetSetting(ctx, keyLastVisit, now.UTC().Format(time.RFC3339Nano))
}

// NewAPIs are the ids of the APIs this cache first saw after since (none
// for a zero since: on a first visit nothing is new, it is all new).
func (s *Store) NewAPIs(ctx context.Context, since time.Time) (_ map[string]bool, err error) {
	defer s.fail(&err, OpRead, EntityCatalog, "")
	out := map[string]bool{}
	if since.IsZero() {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT s.id, s.at FROM api_first_seen s JOIN catalog c ON c.id = s.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, at string
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil && t.After(since) {
			out[id] = true
		}
	}
	return out, rows.Err()
}

// AcceptedTerms are, per API, the terms versions that the newest 1,000
// cached requests in force (pending or approved) accepted: an API whose
// current terms differ from one of them changed its terms since. (A
// bound, not a scan: a cache may hold a million requests.)
func (s *Store) AcceptedTerms(ctx context.Context) (_ map[string][]string, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT api_id, COALESCE(json_extract(body, '$.terms.version'), '') FROM
		(SELECT api_id, body, status FROM requests ORDER BY created_at DESC, id DESC LIMIT 1000) WHERE status IN ('pending', 'approved')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, version string
		if err := rows.Scan(&id, &version); err != nil {
			return nil, err
		}
		if version != "" {
			out[id] = append(out[id], version)
		}
	}
	return out, rows.Err()
}
