package db

import (
	"context"
	"database/sql"
	"sync"
)

// Reads prepare their statement once: parsing and planning a query cost
// SQLite more than running it on the hot paths (a gateway check, a
// grant), so prepared statements are kept per query text. database/sql
// prepares each on the connections it runs on, by itself.

// maxStmts bounds the kept statements: the query texts are the package's
// own (lists vary only in the number of IN values), but a bound keeps a
// surprise from growing the map; past it, reads run unprepared.
const maxStmts = 512

type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// get returns the statement of query, preparing it the first time; nil
// (and no error) once the cache is full.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s, nil
	}
	if len(c.m) >= maxStmts {
		return nil, nil
	}
	s, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}

// query runs a read through its prepared statement.
func (d *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := d.stmts.get(ctx, d.r, query)
	switch {
	case err != nil:
		return nil, err
	case s == nil:
		return d.r.QueryContext(ctx, query, args...)
	}
	return s.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (d *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := d.stmts.get(ctx, d.r, query)
	if err != nil || s == nil {
		return d.r.QueryRowContext(ctx, query, args...) // reports the same error, or runs unprepared
	}
	return s.QueryRowContext(ctx, args...)
}
