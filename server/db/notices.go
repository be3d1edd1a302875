package db

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
)

// ErrTooMany is a write past a table's bound (api.MaxAnnouncements).
var ErrTooMany = errors.New("too many")

const announcementCols = `id, title_pt, title_en, text_pt, text_en, severity, starts_at, ends_at, audience, created_at, updated_at`

// unixOf is an RFC 3339 time as stored (0: open, for an empty one).
func unixOf(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0
	}
	return t.Unix()
}

// rfc3339 is a stored time on the wire ("" for 0, an open bound).
func rfc3339(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

func scanAnnouncement(row interface{ Scan(...any) error }) (api.Announcement, error) {
	var a api.Announcement
	var start, end, created, updated int64
	err := row.Scan(&a.ID, &a.Title.PtBR, &a.Title.En, &a.Text.PtBR, &a.Text.En, &a.Severity, &start, &end, &a.Audience, &created, &updated)
	a.StartsAt, a.EndsAt = rfc3339(start), rfc3339(end)
	a.CreatedAt, a.UpdatedAt = rfc3339(created/1e6), rfc3339(updated/1e6)
	return a, err
}

// Announcements lists every announcement, newest first (the handler
// picks those current for the caller's audience).
func (d *DB) Announcements(ctx context.Context) ([]api.Announcement, error) {
	rows, err := d.query(ctx, "SELECT "+announcementCols+" FROM announcements ORDER BY created_at DESC, id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.Announcement{}
	for rows.Next() {
		a, err := scanAnnouncement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func announcementIn(ctx context.Context, tx *sql.Tx, id string) (api.Announcement, error) {
	a, err := scanAnnouncement(tx.QueryRowContext(ctx, "SELECT "+announcementCols+" FROM announcements WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

// CreateAnnouncement stores w (validated) under a new id; ErrTooMany past
// api.MaxAnnouncements.
func (d *DB) CreateAnnouncement(ctx context.Context, w api.AnnouncementWrite, now time.Time) (api.Announcement, error) {
	var a api.Announcement
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM announcements").Scan(&n); err != nil {
			return err
		}
		if n >= api.MaxAnnouncements {
			return ErrTooMany
		}
		id := newNoticeID()
		if _, err := tx.ExecContext(ctx, "INSERT INTO announcements ("+announcementCols+") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
			id, w.Title.PtBR, w.Title.En, w.Text.PtBR, w.Text.En, string(w.Severity), unixOf(w.StartsAt), unixOf(w.EndsAt),
			w.Audience, now.UnixMicro(), now.UnixMicro()); err != nil {
			return err
		}
		var err error
		if a, err = announcementIn(ctx, tx, id); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "announcement.created", Target: "announcement:" + id, After: a})
		return nil
	})
	return a, err
}

// UpdateAnnouncement replaces an announcement's content; ErrNotFound.
func (d *DB) UpdateAnnouncement(ctx context.Context, id string, w api.AnnouncementWrite, now time.Time) (api.Announcement, error) {
	var after api.Announcement
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockRow(ctx, tx, "announcements", "id", id); err != nil {
			return err
		}
		before, err := announcementIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE announcements SET title_pt = ?, title_en = ?, text_pt = ?, text_en = ?,
			severity = ?, starts_at = ?, ends_at = ?, audience = ?, updated_at = ? WHERE id = ?`,
			w.Title.PtBR, w.Title.En, w.Text.PtBR, w.Text.En, string(w.Severity), unixOf(w.StartsAt), unixOf(w.EndsAt),
			w.Audience, now.UnixMicro(), id); err != nil {
			return err
		}
		if after, err = announcementIn(ctx, tx, id); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "announcement.updated", Target: "announcement:" + id, Before: before, After: after})
		return nil
	})
	return after, err
}

// DeleteAnnouncement removes one; ErrNotFound.
func (d *DB) DeleteAnnouncement(ctx context.Context, id string) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockRow(ctx, tx, "announcements", "id", id); err != nil {
			return err
		}
		before, err := announcementIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM announcements WHERE id = ?", id); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "announcement.deleted", Target: "announcement:" + id, Before: before})
		return nil
	})
}

// Maintenance is the window planned or under way; ok is false when none
// is, or the last one has ended.
func (d *DB) Maintenance(ctx context.Context, now time.Time) (m api.Maintenance, ok bool, err error) {
	var start, end int64
	err = d.queryRow(ctx, "SELECT starts_at, ends_at, message_pt, message_en FROM maintenance WHERE id = 1").
		Scan(&start, &end, &m.Message.PtBR, &m.Message.En)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && now.Unix() >= end) {
		return api.Maintenance{}, false, nil
	}
	if err != nil {
		return m, false, err
	}
	m.StartsAt, m.EndsAt = rfc3339(start), rfc3339(end)
	m.Active = now.Unix() >= start
	return m, true, nil
}

func maintenanceIn(ctx context.Context, tx *sql.Tx) (*api.MaintenanceWrite, error) {
	var m api.MaintenanceWrite
	var start, end int64
	err := tx.QueryRowContext(ctx, "SELECT starts_at, ends_at, message_pt, message_en FROM maintenance WHERE id = 1").
		Scan(&start, &end, &m.Message.PtBR, &m.Message.En)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	m.StartsAt, m.EndsAt = rfc3339(start), rfc3339(end)
	return &m, err
}

// SetMaintenance plans (or replaces) the window.
func (d *DB) SetMaintenance(ctx context.Context, w api.MaintenanceWrite) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		before, err := maintenanceIn(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO maintenance (id, starts_at, ends_at, message_pt, message_en) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
			message_pt = excluded.message_pt, message_en = excluded.message_en`,
			unixOf(w.StartsAt), unixOf(w.EndsAt), w.Message.PtBR, w.Message.En); err != nil {
			return err
		}
		a := Audit{Actor: actorOf(ctx), Action: "maintenance.scheduled", Target: "maintenance:1", After: w}
		if before != nil {
			a.Before = *before
		}
		record(tx, a)
		return nil
	})
}

// ClearMaintenance ends the window (or cancels the planned one);
// ErrNotFound when there is none, or it has ended by itself.
func (d *DB) ClearMaintenance(ctx context.Context, now time.Time) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		before, err := maintenanceIn(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM maintenance WHERE id = 1"); err != nil {
			return err
		}
		if before == nil || unixOf(before.EndsAt) <= now.Unix() {
			return ErrNotFound // (a window that ended by itself goes, unrecorded)
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "maintenance.ended", Target: "maintenance:1", Before: *before})
		return nil
	})
}

// newNoticeID is an announcement's id: "anc-" and 12 random hex digits.
func newNoticeID() string { return "anc-" + randomHex(6) }
