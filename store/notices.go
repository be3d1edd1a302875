package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
)

// Notices are the announcements and the maintenance window as the server
// last gave them, with the ids the person dismissed.
type Notices struct {
	Announcements []api.Announcement
	Maintenance   *api.Maintenance // nil: none planned
	Dismissed     map[string]bool
	FetchedAt     time.Time // zero: never fetched
}

// stampLayout is fixed width, so stamps compare as strings.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

// SaveNotices replaces the cached notices with those read from an ask
// made at: an ask made earlier that answers later (signed out at start,
// then signed in) does not replace a newer one's. Dismissals stay, also of
// announcements this list lacks: signed out, a role's ones are not listed,
// and come back dismissed after the next sign-in.
func (s *Store) SaveNotices(ctx context.Context, anns []api.Announcement, m *api.Maintenance, at time.Time) (err error) {
	defer s.fail(&err, OpWrite, EntityNotices, "")
	if anns == nil {
		anns = []api.Announcement{}
	}
	list, err := json.Marshal(anns)
	if err != nil {
		return err
	}
	window, err := json.Marshal(m) // nil: "null"
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stamp := at.UTC().Format(stampLayout)
	// A stored ask "later" than a minute after this one is a clock that
	// stepped back since (NTP, a machine once set ahead): it must not
	// freeze the cache, so it is replaced.
	ahead := at.Add(time.Minute).UTC().Format(stampLayout)
	for kind, body := range map[string][]byte{"announcements": list, "maintenance": window} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notices (kind, body, fetched_at) VALUES (?, ?, ?)
			ON CONFLICT (kind) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at
			WHERE excluded.fetched_at >= notices.fetched_at OR notices.fetched_at > ?`, kind, string(body), stamp, ahead); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// CachedNotices reads what SaveNotices kept, and the dismissals.
func (s *Store) CachedNotices(ctx context.Context) (n Notices, err error) {
	defer s.fail(&err, OpRead, EntityNotices, "")
	n.Dismissed = map[string]bool{}
	for _, kind := range []string{"announcements", "maintenance"} {
		var body, stamp string
		err := s.db.QueryRowContext(ctx, "SELECT body, fetched_at FROM notices WHERE kind = ?", kind).Scan(&body, &stamp)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return n, err
		}
		n.FetchedAt, _ = time.Parse(stampLayout, stamp)
		target := any(&n.Announcements)
		if kind == "maintenance" {
			target = &n.Maintenance
		}
		if err := json.Unmarshal([]byte(body), target); err != nil {
			return n, &Error{Op: OpCorrupt, Entity: EntityNotices, Path: s.path, Err: err}
		}
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM dismissed_notices")
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return n, err
		}
		n.Dismissed[id] = true
	}
	return n, rows.Err()
}

// DismissNotice remembers that the person dismissed an announcement.
func (s *Store) DismissNotice(ctx context.Context, id string, at time.Time) (err error) {
	defer s.fail(&err, OpWrite, EntityNotices, id)
	_, err = s.db.ExecContext(ctx, "INSERT INTO dismissed_notices (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
		id, at.UTC().Format(time.RFC3339Nano))
	return err
}
