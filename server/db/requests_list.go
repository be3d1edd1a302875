// Listing requests: filters, keyset cursors and the change sequence, with
// a cost bounded whatever the filter and however many rows there are.

package db

import (
	"context"
	"encoding/base64"
	"errors"
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

// listProbe bounds the walk of the order index. A filter that finds fewer
// than a page among this many entries is sparse there, so its matches are
// few enough (under 1% of the rows) to fetch through a group index and
// sort from it; a denser one fills the page within the walk. A variable so tests can run both paths on
// small databases.
var listProbe = 10_000

// conds is a WHERE clause being built.
type conds struct {
	where []string
	args  []any
}

func (c *conds) add(cond string, args ...any) {
	c.where = append(c.where, cond)
	c.args = append(c.args, args...)
}

func (c *conds) in(col string, vals []string) {
	c.where = append(c.where, col+" IN ("+placeholders(len(vals))+")")
	for _, v := range vals {
		c.args = append(c.args, v)
	}
}

func (c conds) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// with returns a copy with one more condition.
func (c conds) with(cond string, args ...any) conds {
	return conds{where: append(append([]string{}, c.where...), cond), args: append(append([]any{}, c.args...), args...)}
}

// ListRequests returns a page: newest first, or by change sequence when
// Since is set. It returns the cursor of the next page ("" at the end) and
// the highest sequence in the page.
func (d *DB) ListRequests(ctx context.Context, f RequestFilter) ([]api.Request, string, int64, error) {
	if (f.Institutions != nil && len(f.Institutions) == 0) || (f.APIIDs != nil && len(f.APIIDs) == 0) {
		return []api.Request{}, "", 0, nil
	}
	var items []api.Request
	var err error
	if f.SinceSet {
		items, err = d.listChanges(ctx, f)
	} else {
		items, err = d.listRecent(ctx, f)
	}
	if err != nil {
		return nil, "", 0, err
	}
	cursor, maxSeq := "", int64(0)
	if len(items) > f.Limit {
		items = items[:f.Limit]
		last := items[len(items)-1]
		if f.SinceSet {
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

// filters are the conditions every index can check: status, environment,
// API, institution. all fills the absent status and environment with
// every value, so a group index can be entered by its first columns.
func filters(f RequestFilter, all bool) conds {
	var c conds
	if f.Institutions != nil {
		c.in("r.institution_cnpj", f.Institutions)
	}
	statuses := f.Statuses
	if len(statuses) == 0 && all {
		statuses = api.Statuses
	}
	if len(statuses) > 0 {
		s := make([]string, len(statuses))
		for i, st := range statuses {
			s[i] = string(st)
		}
		c.in("r.status", s)
	}
	switch {
	case f.Env != "":
		c.add("r.environment = ?", string(f.Env))
	case all:
		c.in("r.environment", []string{string(api.EnvHMG), string(api.EnvPRD)})
	}
	if f.APIIDs != nil {
		c.in("r.api_id", f.APIIDs)
	}
	return c
}

// listRecent is the newest-first page. It walks the order index at most
// listProbe entries, checking the filters from the index; when that finds
// less than a page the filter is sparse, and its matches come from a group
// index and are sorted (they are few: under a page per listProbe rows).
func (d *DB) listRecent(ctx context.Context, f RequestFilter) ([]api.Request, error) {
	var after conds
	if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		createdAt, id, ok := strings.Cut(string(raw), "|")
		if err != nil || !ok {
			return nil, ErrCursor
		}
		after.add("(r.created_at, r.id) < (?, ?)", createdAt, id)
	}
	walk, group := "requests_recent", "requests_group"
	if len(f.Institutions) == 1 { // one institution: its own order, directly
		walk, group = "requests_institution", "requests_inst_group"
	} else if f.Institutions != nil {
		group = "requests_inst_group"
	}
	walkConds := after
	if walk == "requests_institution" {
		walkConds = after.with("r.institution_cnpj = ?", f.Institutions[0])
	}
	every := filters(f, false)
	order := " ORDER BY r.created_at DESC, r.id DESC LIMIT ?"
	if len(every.where) == 0 { // no filter: the walk is the page
		return d.queryRequests(ctx, walk, merge(after, walkConds), order, f.Limit+1)
	}
	// A filter with few matches in all (after the cursor) is read from the
	// group index and sorted at once: walking the order for it would
	// mostly find rows it then skips. Counting stops at the threshold.
	grouped := merge(after, filters(f, true))
	if n, err := d.countUpTo(ctx, group, grouped, listProbe/4); err != nil {
		return nil, err
	} else if n < listProbe/4 {
		return d.queryRequests(ctx, group, grouped, order, f.Limit+1)
	}
	// One walk of at most listProbe entries of the order, filtered from
	// the index; if it fills the page the filter is dense here. If not,
	// the group index gives every match after the cursor (complete, and few
	// since the walk found so little), sorted.
	walked := "SELECT " + d.rowKey() + " AS rid, r.id, r.created_at, r.status, r.environment, r.api_id, r.institution_cnpj FROM requests r" +
		d.indexedBy(walk) + walkConds.sql() + " ORDER BY r.created_at DESC, r.id DESC LIMIT ?"
	ids, err := d.ids(ctx, "SELECT r.rid FROM ("+walked+") r"+every.sql()+order,
		append(append(append([]any{}, walkConds.args...), listProbe), append(every.args, f.Limit+1)...)...)
	if err != nil || len(ids) > f.Limit {
		return d.rowsByID(ctx, ids, err)
	}
	return d.queryRequests(ctx, group, grouped, order, f.Limit+1)
}

// countUpTo counts the index entries matching c, stopping at limit.
func (d *DB) countUpTo(ctx context.Context, index string, c conds, limit int) (int, error) {
	var n int
	err := d.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM requests r"+d.indexedBy(index)+c.sql()+" LIMIT ?) m",
		append(append([]any{}, c.args...), limit)...).Scan(&n)
	return n, err
}

// listChanges is the sync page: the rows changed after a sequence, in
// sequence order. One institution's changes have their own index.
func (d *DB) listChanges(ctx context.Context, f RequestFilter) ([]api.Request, error) {
	since := f.Since
	if f.Cursor != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(f.Cursor, "s"), 10, 64)
		if err != nil {
			return nil, ErrCursor
		}
		since = n
	}
	c := filters(f, false).with("r.seq > ?", since)
	index := "requests_seq"
	if len(f.Institutions) == 1 {
		index = "requests_inst_seq"
	}
	return d.changesFrom(ctx, "SELECT "+d.rowKey()+", r.seq FROM requests r"+d.indexedBy(index)+c.sql()+" ORDER BY r.seq LIMIT ?",
		append(c.args, f.Limit+1)...)
}

// merge concatenates two clauses, dropping from b the conditions a
// already has (with their arguments).
func merge(a, b conds) conds {
	out := conds{where: append([]string{}, a.where...), args: append([]any{}, a.args...)}
	have := map[string]bool{}
	for _, w := range a.where {
		have[w] = true
	}
	argi := 0
	for _, w := range b.where {
		n := strings.Count(w, "?")
		if !have[w] {
			out.where = append(out.where, w)
			out.args = append(out.args, b.args[argi:argi+n]...)
		}
		argi += n
	}
	return out
}

// queryRequests reads a page in two steps: the row ids in order from the
// named index alone (it holds every column the conditions and the order
// need, so matches that are sorted or skipped cost no table read), then
// the rows of that page by id.
func (d *DB) queryRequests(ctx context.Context, index string, c conds, order string, limit int) ([]api.Request, error) {
	ids, err := d.ids(ctx, "SELECT "+d.rowKey()+" FROM requests r"+d.indexedBy(index)+c.sql()+order, append(c.args, limit)...)
	return d.rowsByID(ctx, ids, err)
}
