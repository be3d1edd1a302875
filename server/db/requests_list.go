// Listing requests: filters, keyset cursors and the change sequence.

package db

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gecli/gecli/api"
)

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
	rows, err := d.r.QueryContext(ctx, q, args...)
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
