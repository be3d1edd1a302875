// Package db is the server's persistence: the SQLite schema (embedded
// migrations) and the queries the handlers need. SQL stays inside this
// package so another engine can be added behind the same methods.
package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/internal/sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// The same schema on PostgreSQL (one migration per SQLite one from here
// on; a test keeps the two equal).
//
//go:embed migrations_postgres/*.sql
var postgresMigrationFiles embed.FS

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// DB is the server's database: a bounded pool of readers (WAL: readers
// never wait for the writer) and one writer that serialises writes.
type DB struct {
	r     *sql.DB
	w     *writer
	stmts stmtCache // the reads' prepared statements
	dialect
}

// dialect is what differs in the SQL of the two engines; the rest of the
// package's SQL is written once (internal/pg takes SQLite's placeholders).
type dialect struct{ postgres bool }

// indexedBy pins a query to an index on SQLite (whose planner, seeing a
// LIMIT, may walk the wrong one); PostgreSQL's planner chooses by itself.
func (d dialect) indexedBy(index string) string {
	if d.postgres {
		return ""
	}
	return " INDEXED BY " + index
}

// forUpdate locks the rows a write reads before deciding: on PostgreSQL
// replicas write at once, and a decision or a token rotation must see the
// row as the other left it (READ COMMITTED waits for the lock, then reads
// the committed row). SQLite's one writer needs nothing.
func (d dialect) forUpdate() string {
	if d.postgres {
		return " FOR UPDATE"
	}
	return ""
}

// lockRow locks one row for the rest of tx on PostgreSQL, before a
// write reads what it decides on across several tables: a read with FOR
// UPDATE over a join would see the other tables as they were before the
// wait. (A missing row is not an error here: the read that follows finds
// it missing.) SQLite's one writer needs nothing.
func (d dialect) lockRow(ctx context.Context, tx *sql.Tx, table, column string, key any) error {
	if !d.postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT 1 FROM "+table+" WHERE "+column+" = ? FOR UPDATE", key)
	return err
}

// forShare locks the rows a write relies on without changing them: other
// such writes go on, one that locks them for update waits (PostgreSQL).
func (d dialect) forShare() string {
	if d.postgres {
		return " FOR SHARE"
	}
	return ""
}

// rowKey is how a list page names its rows between its two steps:
// SQLite's rowid (one b-tree search each; the text id takes two), the
// primary key on PostgreSQL.
func (d dialect) rowKey() string {
	if d.postgres {
		return "r.id"
	}
	return "r.rowid"
}

// Limits bound what one server process may hold: memory (connections ×
// page cache) and how long a write may wait for its turn.
const (
	readerCacheKiB = 8 << 10 // per reader connection
	writerCacheKiB = 16 << 10
	maxWaiting     = 256             // writes queued at once; more is 503
	writeWait      = 2 * time.Second // the longest a write waits to start
	// postgresWriters is how many writes one process runs at once on
	// PostgreSQL: each waits on the network, and row locks order those
	// on the same rows (SQLite has one writer).
	postgresWriters = 4
)

// readers is the size of the read pool: queries beyond it wait for a
// connection (bounded by their request's context) instead of opening more.
func readers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// Open opens (creating and migrating) the database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	if pg.IsURL(path) {
		migs, err := fs.Sub(postgresMigrationFiles, "migrations_postgres")
		if err != nil {
			return nil, err
		}
		w, err := pg.Open(ctx, path, migs, pg.Options{MaxConns: postgresWriters})
		if err != nil {
			return nil, err
		}
		r, err := pg.Open(ctx, path, nil, pg.Options{MaxConns: readers()})
		if err != nil {
			w.Close()
			return nil, err
		}
		d := &DB{r: r, w: newWriter(w, postgresWriters, maxWaiting, writeWait), dialect: dialect{postgres: true}}
		d.w.savepoints = true
		return d, nil
	}
	migs, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	w, err := sqlite.Open(ctx, path, migs, sqlite.Options{CacheKiB: writerCacheKiB})
	if err != nil {
		return nil, err
	}
	r, err := sqlite.Open(ctx, path, nil, sqlite.Options{CacheKiB: readerCacheKiB, ReadOnly: true})
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(readers())
	r.SetMaxIdleConns(readers())
	return &DB{r: r, w: newWriter(w, 1, maxWaiting, writeWait)}, nil
}

// Close closes the database.
func (d *DB) Close() error {
	d.stmts.close()
	return errors.Join(d.r.Close(), d.w.close())
}

// Ping reports whether the database answers, for /readyz.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.queryRow(ctx, "SELECT 1").Scan(&one)
}

// placeholders returns "?,?,…" for an IN list of n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// flag is a boolean as the schema stores it on both engines: 0 or 1
// (PostgreSQL does not turn a bool into an integer by itself).
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Unavailable says err means the database is out of reach (PostgreSQL
// down, or the network to it): the write did not happen, or a read can be
// tried again once it is back.
func Unavailable(err error) bool { return pg.Unavailable(err) }

// Contended says the engine undid the transaction for another's sake
// (PostgreSQL's deadlock detector, for one): nothing was written and the
// write may be tried again, as after ErrBusy.
func Contended(err error) bool { return pg.Contended(err) }
