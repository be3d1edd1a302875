package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
)

// probeRows bounds the walk of the sort index. A filter that finds fewer
// than a window's rows among this many entries is sparse there, and its
// matches are few enough to fetch through requests_group and sort; a
// denser one fills the window within the walk. Either way a keystroke
// reads at most a few tens of thousands of index entries, never the table.
// A variable so tests can exercise both paths on small caches.
var probeRows = 10_000

// Window reads one window of rows. The cost does not grow with the number
// of cached rows: the index of the sort order gives the rows in order and
// the walk stops after the window (dense filters) or after probeRows
// entries, when the few matches are fetched by their own index instead
// (sparse filters, including one matching nothing).
func (s *Store) Window(ctx context.Context, q RequestQuery, sp Span) (_ []Row, err error) {
	defer s.fail(&err, OpRead, EntityRequests, "")
	w := newWalk(q, sp)
	if q.fine() && q.queue() {
		// The queue narrowed by CNPJ or id: its own index holds every
		// column it filters on, in its order, and only pending entries.
		return s.pendingWindow(ctx, q, w)
	}
	if q.fine() {
		return s.searchWindow(ctx, q, w)
	}
	filter, fargs := q.where(false)
	if q.Sort == SortAPI && len(q.APIIDs) > 0 {
		return s.windowOfAPIs(ctx, q, w, filter, fargs)
	}
	if filter == "" {
		return s.readWindow(ctx, w, w.sortIndex(), "", nil)
	}
	// A filter nothing matches (the per-group counts say so at once)
	// would otherwise walk the probe and search the group index in vain.
	if n, err := s.CountRequests(ctx, q); err != nil || n == 0 {
		return []Row{}, err
	}
	bound, ok, err := s.probeBound(ctx, w, w.sortIndex(), "")
	if err != nil {
		return nil, err
	}
	if !ok { // the rest of the order is shorter than the probe: walk it all
		return s.readWindow(ctx, w, w.sortIndex(), filter, fargs)
	}
	rows, err := s.readWindow(ctx, w, w.sortIndex(), filter+" AND "+w.within(), append(fargs, bound.Primary, bound.ID))
	if err != nil || len(rows) == sp.Limit {
		return rows, err
	}
	every, eargs := q.where(true)
	return s.readWindow(ctx, w, "requests_group", every, eargs)
}

// windowOfAPIs is a window sorted by API name, of a few APIs (a search):
// their rows are stretches of requests_name, one per name, read in order
// without walking the APIs between them. The per-group counts say first
// whether anything matches, and whether so little does that sorting the
// matches is cheaper.
func (s *Store) windowOfAPIs(ctx context.Context, q RequestQuery, w walk, filter string, fargs []any) ([]Row, error) {
	n, err := s.CountRequests(ctx, q)
	switch {
	case err != nil || n == 0:
		return []Row{}, err
	case n <= probeRows:
		every, eargs := q.where(true)
		return s.readWindow(ctx, w, "requests_group", every, eargs)
	}
	names, err := s.requestNames(ctx, q.APIIDs)
	if err != nil {
		return nil, err
	}
	cond := "api_name IN (" + strings.TrimSuffix(strings.Repeat("?,", len(names)), ",") + ")"
	return s.readWindow(ctx, w, w.sortIndex(), filter+" AND "+cond, append(fargs, names...))
}

// requestNames are the names the cached requests of ids carry.
func (s *Store) requestNames(ctx context.Context, ids []string) ([]any, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, "SELECT api_name FROM request_names WHERE n > 0 AND api_id IN ("+
		strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []any
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// searchWindow is a window of a search by number, SEI process or CNPJ.
// Its index (searchIndex) says first, from a bounded walk of its
// matches, whether they are few: then they are read from it alone and
// only they are sorted. Many matches fill a window soon along the index
// of the sort order, so that is walked instead (a bounded probe, as
// Window does), and the search's index sorts the matches only when they
// lie beyond the probe.
func (s *Store) searchWindow(ctx context.Context, q RequestQuery, w walk) ([]Row, error) {
	if q.none() {
		return []Row{}, nil
	}
	filter, fargs := q.where(false)
	index := q.searchIndex()
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM requests INDEXED BY "+index+" WHERE "+filter+" LIMIT ?)",
		append(fargs, probeRows+1)...).Scan(&n)
	switch {
	case err != nil || n == 0:
		return []Row{}, err
	case n <= probeRows:
		return s.readWindow(ctx, w, index, filter, fargs)
	}
	bound, ok, err := s.probeBound(ctx, w, w.sortIndex(), "")
	if err != nil {
		return nil, err
	}
	if !ok {
		return s.readWindow(ctx, w, w.sortIndex(), filter, fargs)
	}
	rows, err := s.readWindow(ctx, w, w.sortIndex(), filter+" AND "+w.within(), append(fargs, bound.Primary, bound.ID))
	if err != nil || len(rows) == w.limit {
		return rows, err
	}
	return s.readWindow(ctx, w, index, filter, fargs)
}

// walk is a window's direction through the sort order.
type walk struct {
	col       string // created_at or api_name
	dir, cmp  string // ASC with >, or DESC with <
	key       *RowKey
	inclusive bool
	backwards bool
	limit     int
}

func newWalk(q RequestQuery, sp Span) walk {
	col, desc := q.order()
	w := walk{col: col, dir: "ASC", cmp: ">", key: sp.After, limit: sp.Limit}
	// Walking backwards (before a key, or from the end) flips the order;
	// the rows are flipped back afterwards.
	w.backwards = sp.Before != nil || sp.FromEnd
	if desc != w.backwards {
		w.dir, w.cmp = "DESC", "<"
	}
	switch {
	case sp.Before != nil:
		w.key = sp.Before
	case sp.From != nil:
		w.key, w.inclusive = sp.From, true
	}
	return w
}

func (w walk) sortIndex() string {
	return map[string]string{"created_at": "requests_created", "api_name": "requests_name"}[w.col]
}

// after is the keyset condition: the rows from the span's key on.
func (w walk) after() (string, []any) {
	if w.key == nil {
		return "", nil
	}
	cmp := w.cmp
	if w.inclusive {
		cmp += "="
	}
	return "(" + w.col + ", id) " + cmp + " (?, ?)", []any{w.key.Primary, w.key.ID}
}

// within bounds the walk at the probe's last entry (inclusive): the rows
// not beyond it, so the comparison is the walk's own, reversed.
func (w walk) within() string {
	if w.cmp == "<" {
		return "(" + w.col + ", id) >= (?, ?)"
	}
	return "(" + w.col + ", id) <= (?, ?)"
}

func (w walk) orderBy() string {
	return " ORDER BY " + w.col + " " + w.dir + ", id " + w.dir
}

// pendingWindow is a window of the queue narrowed by CNPJ or id, as
// Window does it with the pending requests' own indexes: a bounded walk
// of requests_pending in order (every filter checked from the index),
// and, when the filter is sparse there, its matches found by the index
// that leads with what it filters on.
func (s *Store) pendingWindow(ctx context.Context, q RequestQuery, w walk) ([]Row, error) {
	if q.CNPJs != nil && len(q.CNPJs) == 0 || q.APIIDs != nil && len(q.APIIDs) == 0 {
		return []Row{}, nil // nothing can match (and SQLite would not use the indexes for it)
	}
	filter, fargs := q.pendingWhere()
	bound, ok, err := s.probeBound(ctx, w, "requests_pending", "status = 'pending'")
	if err != nil {
		return nil, err
	}
	if !ok { // the rest of the queue is shorter than the probe: walk it all
		return s.readWindow(ctx, w, "requests_pending", filter, fargs)
	}
	rows, err := s.readWindow(ctx, w, "requests_pending", filter+" AND "+w.within(), append(fargs, bound.Primary, bound.ID))
	if err != nil || len(rows) == w.limit {
		return rows, err
	}
	return s.readWindow(ctx, w, q.pendingIndex(), filter, fargs)
}

// probeBound finds the key probeRows entries along the walk, reading
// index alone (whose entries are those that meet where, when it is a
// partial index); ok is false when the walk ends before it.
func (s *Store) probeBound(ctx context.Context, w walk, index, where string) (RowKey, bool, error) {
	query := "SELECT " + w.col + ", id FROM requests INDEXED BY " + index
	cond, args := w.after()
	switch {
	case where != "" && cond != "":
		query += " WHERE " + where + " AND " + cond
	case where != "" || cond != "":
		query += " WHERE " + where + cond
	}
	query += w.orderBy() + " LIMIT 1 OFFSET ?"
	var k RowKey
	err := s.db.QueryRowContext(ctx, query, append(args, probeRows-1)...).Scan(&k.Primary, &k.ID)
	if err == sql.ErrNoRows {
		return k, false, nil
	}
	if err != nil {
		return k, false, err
	}
	return k, true, nil
}

// readWindow reads the window's rows through index, with the filter. The
// keys are chosen first (from the index, in order, up to the limit) and
// only those rows' bodies are read.
func (s *Store) readWindow(ctx context.Context, w walk, index, filter string, args []any) ([]Row, error) {
	cond, kargs := w.after()
	where := filter
	if cond != "" {
		if where != "" {
			where += " AND "
		}
		where += cond
		args = append(args, kargs...)
	}
	inner := "SELECT rowid FROM requests INDEXED BY " + index
	if where != "" {
		inner += " WHERE " + where
	}
	inner += w.orderBy() + " LIMIT ?"
	query := "SELECT body, " + w.col + " FROM requests WHERE rowid IN (" + inner + ")" + w.orderBy()
	rows, err := s.db.QueryContext(ctx, query, append(args, w.limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Row, 0, w.limit)
	for rows.Next() {
		var body []byte
		var primary string
		if err := rows.Scan(&body, &primary); err != nil {
			return nil, err
		}
		var r Row
		if err := json.Unmarshal(body, &r.Request); err != nil {
			return nil, &Error{Op: OpCorrupt, Entity: EntityRequests, Path: s.path, Err: err}
		}
		r.Key = RowKey{Primary: primary, ID: r.ID}
		out = append(out, r)
	}
	if w.backwards {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, rows.Err()
}
