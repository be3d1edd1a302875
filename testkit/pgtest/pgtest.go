// Package pgtest gives a test a PostgreSQL schema of its own on the
// server named by GECLI_TEST_POSTGRES_URL (.ci/run starts one and sets
// it), dropped when the test ends. Without it a test is skipped locally
// and fails in CI (CI set), so CI never passes without PostgreSQL.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// EnvURL names the test server.
const EnvURL = "GECLI_TEST_POSTGRES_URL"

// URL returns a connection URL whose search_path is a fresh schema.
func URL(tb testing.TB) string {
	tb.Helper()
	base := baseURL(tb)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		tb.Fatalf("create a test schema: %v", err)
	}
	tb.Cleanup(func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	return withSchema(tb, base, schema)
}

// Kept returns a connection URL whose search_path is the schema name,
// created when missing (emptied first when reset) and kept after the run:
// for benchmarks whose data takes minutes to build and is reused.
func Kept(tb testing.TB, name string, reset bool) string {
	tb.Helper()
	base := baseURL(tb)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if reset {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA IF NOT EXISTS "+name); err != nil {
		tb.Fatal(err)
	}
	return withSchema(tb, base, name)
}

func withSchema(tb testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// baseURL is the test server's URL. Without one the test cannot run: it
// is skipped on a developer's machine, naming the variable, and fails
// under CI (which always has PostgreSQL).
func baseURL(tb testing.TB) string {
	base := os.Getenv(EnvURL)
	if base == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is not set: .ci/run starts PostgreSQL and sets it", EnvURL)
		}
		tb.Skipf("no PostgreSQL here: set %s to run this on PostgreSQL too (.ci/run does)", EnvURL)
	}
	return base
}
