// Package pg opens the PostgreSQL databases gecli uses the way
// internal/sqlite opens SQLite files: a bounded pool through pgx's
// database/sql driver whose connections take SQLite's ? placeholders, a
// first connection within a time limit, and the embedded goose
// migrations applied.
package pg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// Options tune one pool.
type Options struct {
	MaxConns int // 0: 16
}

// IsURL says whether a --db value names PostgreSQL rather than a SQLite
// file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Redact is the URL without its password, for messages and logs.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// ErrUnreachable says the database did not answer in time at start (in
// the CLI's language: it is the line an operator reads).
var ErrUnreachable = errors.New("o PostgreSQL não respondeu")

// Open connects to the database at dsn (waiting at most 10 s for the
// first connection) and applies every migration in migrations (nil for
// none). Errors never carry the password.
func Open(ctx context.Context, dsn string, migrations fs.FS, opt Options) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %v", Redact(dsn), redactErr(err, dsn))
	}
	db := sql.OpenDB(connector{stdlib.GetConnector(*cfg)})
	if opt.MaxConns == 0 {
		opt.MaxConns = 16
	}
	db.SetMaxOpenConns(opt.MaxConns)
	db.SetMaxIdleConns(opt.MaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	first, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(first); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w at %s: %v", ErrUnreachable, Redact(dsn), redactErr(err, dsn))
	}
	if migrations == nil {
		return db, nil
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations)
	if err == nil {
		_, err = p.Up(ctx)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %v", Redact(dsn), redactErr(err, dsn))
	}
	return db, nil
}

// redactErr removes the password from a driver's message, in case one
// quotes the connection string.
func redactErr(err error, dsn string) string {
	msg := err.Error()
	if u, perr := url.Parse(dsn); perr == nil {
		if pw, has := u.User.Password(); has && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	return msg
}
