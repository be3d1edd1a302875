package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
)

// AddAttachment stores a (validated) PDF of a request and bumps the
// request's sequence, so syncing clients see it changed.
func (d *DB) AddAttachment(ctx context.Context, requestID, id, filename string, content []byte, by Actor, at time.Time) (api.Attachment, error) {
	sum := sha256.Sum256(content)
	a := api.Attachment{ID: id, Filename: filename, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]),
		UploadedAt: at.UTC().Format(time.RFC3339)}
	tx, err := d.w.begin(ctx)
	if err != nil {
		return a, err
	}
	defer d.w.end(tx)
	// The request's row before the change sequence, as every write that
	// changes a request takes them (the other order deadlocks with those).
	if err := d.lockRow(ctx, tx, "requests", "id", requestID); err != nil {
		return a, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO attachments (id, request_id, filename, size, sha256, content, uploaded_by, uploaded_at)
		VALUES (?,?,?,?,?,?,?,?)`, a.ID, requestID, a.Filename, a.Size, a.SHA256, content, by.Name, a.UploadedAt); err != nil {
		return a, err
	}
	if err := enqueueSEI(ctx, tx, requestID, "attachment:"+a.ID, SEIDocument, SEIPayload{Attachment: a.ID}); err != nil {
		return a, err
	}
	seq, err := next(ctx, tx, "change_seq")
	if err != nil {
		return a, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE requests SET seq = ?, updated_at = ? WHERE id = ?", seq, a.UploadedAt, requestID); err != nil {
		return a, err
	}
	record(tx, Audit{Actor: by, Action: "request.attachment_added", Target: "request:" + requestID,
		After: map[string]any{"id": a.ID, "filename": a.Filename, "size": a.Size, "sha256": a.SHA256}})
	return a, d.w.commit(tx)
}

func (d *DB) attachments(ctx context.Context, requestID string) ([]api.Attachment, error) {
	rows, err := d.query(ctx, `SELECT id, filename, size, sha256, uploaded_at FROM attachments
		WHERE request_id = ? ORDER BY uploaded_at, id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.Attachment{}
	for rows.Next() {
		var a api.Attachment
		if err := rows.Scan(&a.ID, &a.Filename, &a.Size, &a.SHA256, &a.UploadedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentContent returns one attachment of a request.
func (d *DB) AttachmentContent(ctx context.Context, requestID, id string) (api.Attachment, []byte, error) {
	var a api.Attachment
	var content []byte
	err := d.queryRow(ctx, `SELECT id, filename, size, sha256, uploaded_at, content FROM attachments
		WHERE request_id = ? AND id = ?`, requestID, id).Scan(&a.ID, &a.Filename, &a.Size, &a.SHA256, &a.UploadedAt, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, ErrNotFound
	}
	return a, content, err
}

// APIIDsMatching resolves a search by API name (or acronym) into ids:
// the catalog is a few hundred rows, and the request list then filters
// by an indexed IN instead of joining text search into a large table.
func (d *DB) APIIDsMatching(ctx context.Context, q string) ([]string, error) {
	var where []string
	var args []any
	for _, word := range strings.Fields(api.Fold(q)) {
		where = append(where, `(sort_key || ' ' || lower(acronym)) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(word)+"%")
	}
	query := "SELECT id FROM apis"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := d.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
