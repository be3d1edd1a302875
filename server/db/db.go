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
	"strings"

	"github.com/gecli/gecli/internal/sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// DB is the server's database.
type DB struct{ sql *sql.DB }

// Open opens (creating and migrating) the database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	migs, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	s, err := sqlite.Open(ctx, path, migs, sqlite.Options{CacheKiB: 64 << 10})
	if err != nil {
		return nil, err
	}
	return &DB{sql: s}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.sql.Close() }

// Ping reports whether the database answers, for /readyz.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// placeholders returns "?,?,…" for an IN list of n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
