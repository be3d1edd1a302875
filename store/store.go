// Package store is the TUI's local SQLite cache: the catalog with full-text
// search, stored OpenAPI documents and settings (later: requests, drafts,
// tokens). Everything the TUI shows offline comes from here. One file per
// server, mode 0600.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/gecli/gecli/internal/sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open cache.
type Store struct {
	db   *sql.DB
	path string
	// sealer, when set, seals the session's tokens (SealSessions).
	sealer Sealer
}

// Limits of one open cache.
const (
	maxConns = 4
	cacheKiB = 8 << 10
)

// Open opens (creating and migrating) the cache at path.
func Open(ctx context.Context, path string) (*Store, error) {
	migs, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, path, migs, sqlite.Options{CacheKiB: cacheKiB})
	if err != nil {
		return nil, &Error{Op: OpOpen, Path: path, Err: err}
	}
	// A ceiling on memory: a few connections (the TUI's Cmds run a handful
	// at once), each with a modest page cache; the OS keeps the file's
	// pages too. Unbounded, every concurrent read opened its own 64 MiB.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	return &Store{db: db, path: path}, nil
}

// Close closes the cache.
func (s *Store) Close() error { return s.db.Close() }

// Path is the cache file.
func (s *Store) Path() string { return s.path }

// DefaultPath is the cache file for a server under the user cache dir:
// one file per server, so two servers never mix their catalogs.
func DefaultPath(serverURL string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", &Error{Op: OpLocate, Err: err}
	}
	return filepath.Join(dir, "gecli", serverKey(serverURL)+".db"), nil
}

// serverKey turns a URL into a safe file name: "http://127.0.0.1:8080" ->
// "127.0.0.1_8080".
func serverKey(serverURL string) string {
	u, err := url.Parse(serverURL)
	key := serverURL
	if err == nil && u.Host != "" {
		key = u.Host + u.Path
	}
	return strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, key), "_")
}

// Setting returns a stored setting, or "" when unset.
func (s *Store) Setting(ctx context.Context, key string) (_ string, err error) {
	defer s.fail(&err, OpRead, EntitySettings, key)
	var v string
	err = s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) (err error) {
	defer s.fail(&err, OpWrite, EntitySettings, key)
	return setSetting(ctx, s.db, key, value)
}

// execer is a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func setSetting(ctx context.Context, e execer, key, value string) error {
	_, err := e.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
