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
