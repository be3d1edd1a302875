package db

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// DownloadLink is a single-use link to one attachment, as kept: the
// token itself is never stored, only its hash. Who made it is kept so
// that the link dies with the sign-in that made it.
type DownloadLink struct {
	TokenHash               string
	RequestID, AttachmentID string
	UserID, Username, Role  string
	SessionID               string
	ExpiresAt               time.Time
}

// AddDownloadLink records a new link.
func (d *DB) AddDownloadLink(ctx context.Context, l DownloadLink) error {
	_, err := d.w.exec(ctx, `INSERT INTO download_links (token_hash, request_id, attachment_id, user_id, username, role,
		session_id, expires_at) VALUES (?,?,?,?,?,?,?,?)`, l.TokenHash, l.RequestID, l.AttachmentID, l.UserID, l.Username,
		l.Role, l.SessionID, l.ExpiresAt.Unix())
	return err
}

// UseDownloadLink takes a link for its one use: the row is deleted in
// the same statement that reads it, so two uses at once cannot both
// find it. ErrNotFound: unknown, used or expired.
func (d *DB) UseDownloadLink(ctx context.Context, tokenHash string, now time.Time) (DownloadLink, error) {
	var l DownloadLink
	var exp int64
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `DELETE FROM download_links WHERE token_hash = ?
			RETURNING request_id, attachment_id, user_id, username, role, session_id, expires_at`, tokenHash).
			Scan(&l.RequestID, &l.AttachmentID, &l.UserID, &l.Username, &l.Role, &l.SessionID, &exp)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrNotFound
	}
	if err != nil {
		return l, err
	}
	l.TokenHash, l.ExpiresAt = tokenHash, time.Unix(exp, 0)
	if !now.Before(l.ExpiresAt) {
		return l, ErrNotFound
	}
	return l, nil
}
