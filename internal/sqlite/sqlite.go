// Package sqlite opens the SQLite files gecli uses (the server's database
// and the TUI's cache) the same way: private file mode, WAL, a busy timeout,
// BEGIN IMMEDIATE for every transaction, and embedded goose migrations.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune one database.
type Options struct {
	// CacheKiB is SQLite's page cache per connection (cache_size=-N).
	CacheKiB int
	// ReadOnly opens connections that refuse writes (query_only): a
	// read pool beside a writer that serialises writes.
	ReadOnly bool
}

// Open creates path (mode 0600, parent 0700) if needed, opens it and applies
// every migration in migrations (a directory of goose .sql files; nil for
// none, when another handle of the same file migrated it).
func Open(ctx context.Context, path string, migrations fs.FS, opt Options) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create directory for %s: %w", path, err)
	}
	// Create the file ourselves so it is private from the first byte; SQLite
	// gives the -wal and -shm files the same mode as the database.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("restrict %s: %w", path, err)
	}
	if opt.CacheKiB == 0 {
		opt.CacheKiB = 16 << 10
	}
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", opt.CacheKiB))
	q.Set("_txlock", "immediate")
	if opt.ReadOnly {
		q.Add("_pragma", "query_only(1)")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if migrations == nil {
		return db, nil
	}
	if err := migrate(ctx, db, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB, migrations fs.FS) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}
