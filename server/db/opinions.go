package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/gecli/gecli/api"
)

// PDF is an uploaded file that goes with a write.
type PDF struct {
	ID, Filename string
	Content      []byte
}

// AddOpinion adds a technical opinion (and its PDF, kept with the
// request's attachments) to a pending request, with a history event:
// ErrNotFound, or ErrState when the request is no longer pending.
func (d *DB) AddOpinion(ctx context.Context, requestID, id, text string, pdf *PDF, by Actor, at time.Time) (api.Opinion, error) {
	o := api.Opinion{ID: id, Author: by.ID, AuthorName: by.Name, At: at.UTC().Format(time.RFC3339), Text: text}
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		var status api.Status
		err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = ?"+d.forUpdate(), requestID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != api.StatusPending {
			return fmt.Errorf("%w: %s", ErrState, status)
		}
		attachmentID := ""
		if pdf != nil {
			sum := sha256.Sum256(pdf.Content)
			o.Attachment = &api.Attachment{ID: pdf.ID, Filename: pdf.Filename, Size: int64(len(pdf.Content)),
				SHA256: hex.EncodeToString(sum[:]), UploadedAt: o.At}
			if _, err := tx.ExecContext(ctx, `INSERT INTO attachments (id, request_id, filename, size, sha256, content, uploaded_by, uploaded_at)
				VALUES (?,?,?,?,?,?,?,?)`, pdf.ID, requestID, pdf.Filename, o.Attachment.Size, o.Attachment.SHA256, pdf.Content, by.Name, o.At); err != nil {
				return err
			}
			attachmentID = pdf.ID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO opinions (id, request_id, author_id, author_name, at, text, attachment_id)
			VALUES (?,?,?,?,?,?,?)`, id, requestID, by.ID, by.Name, o.At, text, attachmentID); err != nil {
			return err
		}
		if err := appendEvent(ctx, tx, requestID, event{at: o.At, actor: by, action: "opinion", from: status, to: status, justification: text}); err != nil {
			return err
		}
		if err := enqueueSEI(ctx, tx, requestID, "opinion:"+id, SEIDocument, SEIPayload{Opinion: id}); err != nil {
			return err
		}
		// The change sequence last (see next): syncs bring the opinion.
		seq, err := next(ctx, tx, "change_seq")
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE requests SET seq = ?, updated_at = ? WHERE id = ?", seq, o.At, requestID)
		return err
	})
	return o, err
}

// opinions lists a request's opinions, oldest first.
func (d *DB) opinions(ctx context.Context, requestID string) ([]api.Opinion, error) {
	rows, err := d.query(ctx, `SELECT o.id, o.author_id, o.author_name, o.at, o.text, COALESCE(a.id, ''), COALESCE(a.filename, ''),
		COALESCE(a.size, 0), COALESCE(a.sha256, ''), COALESCE(a.uploaded_at, '')
		FROM opinions o LEFT JOIN attachments a ON a.id = o.attachment_id AND o.attachment_id <> ''
		WHERE o.request_id = ? ORDER BY o.at, o.id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []api.Opinion
	for rows.Next() {
		var o api.Opinion
		var a api.Attachment
		if err := rows.Scan(&o.ID, &o.Author, &o.AuthorName, &o.At, &o.Text, &a.ID, &a.Filename, &a.Size, &a.SHA256, &a.UploadedAt); err != nil {
			return nil, err
		}
		if a.ID != "" {
			o.Attachment = &a
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
