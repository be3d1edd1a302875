package pg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/gecli/gecli/testkit/pgtest"
)

func TestOpenMigratesOnce(t *testing.T) {
	dsn := pgtest.URL(t)
	migs := fstest.MapFS{"00001_init.sql": {Data: []byte(
		"-- +goose Up\nCREATE TABLE t (x INTEGER);\n-- +goose Down\nDROP TABLE t;\n")}}
	db, err := Open(context.Background(), dsn, migs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (1)"); err != nil {
		t.Fatalf("migration not applied: %v", err)
	}
	db.Close()
	again, err := Open(context.Background(), dsn, migs, Options{})
	if err != nil {
		t.Fatalf("reopen ran a migration twice: %v", err)
	}
	again.Close()
}

// TestAnUnreachableServerSaysSoWithoutThePassword: a wrong port fails
// within the limit, with one message that names the server, not the
// password.
func TestAnUnreachableServerSaysSoWithoutThePassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://gecli:s3gr3d0@127.0.0.1:1/gecli?sslmode=disable&connect_timeout=2", nil, Options{})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("want ErrUnreachable, got %v", err)
	}
	if strings.Contains(err.Error(), "s3gr3d0") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("the message must name the server and hide the password: %v", err)
	}
}

func TestIsURLAndRedact(t *testing.T) {
	for dsn, want := range map[string]bool{"postgres://h/db": true, "postgresql://h/db": true, "/var/lib/gecli.db": false, "gecli.db": false} {
		if IsURL(dsn) != want {
			t.Errorf("IsURL(%q) = %v", dsn, !want)
		}
	}
	if got := Redact("postgres://ana:segredo@db:5432/gecli"); strings.Contains(got, "segredo") || !strings.Contains(got, "ana") {
		t.Errorf("Redact: %s", got)
	}
}

func TestRebindNumbersOnlyRealPlaceholders(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1": "SELECT 1",
		"SELECT a FROM t WHERE b = ? AND c IN (?, ?)": "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)",
		"SELECT '?', \"a?b\", ? -- why?\n, ?":         "SELECT '?', \"a?b\", $1 -- why?\n, $2",
		"SELECT 'it''s ?', ?":                         "SELECT 'it''s ?', $1",
		"CREATE FUNCTION f() AS $$ SELECT '?' $$; ?":  "CREATE FUNCTION f() AS $$ SELECT '?' $$; $1",
		"SELECT $body$ ? $body$, ?, $1x":              "SELECT $body$ ? $body$, $1, $1x",
	} {
		if got := Rebind(in); got != want {
			t.Errorf("Rebind(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// TestThePoolTakesQuestionMarks: a query written for SQLite runs as it
// is, in and out of transactions and prepared.
func TestThePoolTakesQuestionMarks(t *testing.T) {
	db, err := Open(context.Background(), pgtest.URL(t), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (a TEXT, b INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO t (a, b) VALUES (?, ?), ('?', ?)", "x", 1, 2); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM t WHERE a IN (?, ?) AND b > ?", "x", "?", 0).Scan(&n); err != nil || n != 2 {
		t.Fatalf("in a transaction: %d, %v", n, err)
	}
	tx.Rollback()
	stmt, err := db.Prepare("SELECT b FROM t WHERE a = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	if err := stmt.QueryRow("?").Scan(&n); err != nil || n != 2 {
		t.Fatalf("prepared: %d, %v", n, err)
	}
}

// TestUnavailableIsTheConnectionNotTheQuery: a connection gone is
// "unavailable" (503, retry); a wrong query is not (500, a bug).
func TestUnavailableIsTheConnectionNotTheQuery(t *testing.T) {
	for err, want := range map[error]bool{
		fmt.Errorf("list: %w", io.ErrUnexpectedEOF):                   true,
		&pgconn.PgError{Code: "57P01"}:                                true,  // admin shutdown
		&pgconn.PgError{Code: "08006"}:                                true,  // connection failure
		&pgconn.PgError{Code: "42601"}:                                false, // syntax error
		errors.New("some other failure"):                              false,
		fmt.Errorf("open: %w", &net.OpError{Op: "dial", Err: io.EOF}): true,
	} {
		if got := Unavailable(err); got != want {
			t.Errorf("Unavailable(%v) = %v", err, got)
		}
	}
}

// TestADeadlockIsContention: two transactions that lock two rows in
// opposite orders deadlock; PostgreSQL undoes one, and that error is
// contention (503 busy, try again), not a bug.
func TestADeadlockIsContention(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, pgtest.URL(t), fstest.MapFS{"00001_init.sql": {Data: []byte(
		"-- +goose Up\nCREATE TABLE t (x INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1), (2);\n-- +goose Down\nDROP TABLE t;\n")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Rollback()
	b, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	a.Exec("UPDATE t SET x = x WHERE x = 1")
	b.Exec("UPDATE t SET x = x WHERE x = 2")
	errs := make(chan error, 2)
	for _, step := range []struct {
		tx  *sql.Tx
		row int
	}{{a, 2}, {b, 1}} {
		go func() {
			_, err := step.tx.Exec("UPDATE t SET x = x WHERE x = ?", step.row)
			if err != nil {
				step.tx.Rollback() // its locks go with it, and the other goes on
			}
			errs <- err
		}()
	}
	// PostgreSQL undoes one (after deadlock_timeout, 1 s); the other then
	// goes on, and its transaction must end for the test to.
	var undone []error
	for range 2 {
		select {
		case err := <-errs:
			if err != nil {
				undone = append(undone, err)
			}
		case <-time.After(10 * time.Second):
			a.Rollback()
			b.Rollback()
			t.Fatal("no deadlock was detected within 10 s")
		}
	}
	if len(undone) != 1 || !Contended(undone[0]) || Unavailable(undone[0]) {
		t.Fatalf("the deadlock's errors %v: want one, and contention", undone)
	}
	if Contended(errors.New("syntax error")) || Contended(&pgconn.PgError{Code: "23505"}) {
		t.Fatal("a unique violation or another failure is not contention")
	}
}
