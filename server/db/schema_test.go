package db

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/testkit/pgtest"
)

// TestTheSchemaIsTheSameOnBothEngines: every table, column (with its
// NOT NULL), index and trigger of the SQLite migrations exists on
// PostgreSQL and nothing else does, so a migration added to one engine and
// not the other fails here.
func TestTheSchemaIsTheSameOnBothEngines(t *testing.T) {
	ctx := context.Background()
	lite, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	migs, err := fs.Sub(postgresMigrationFiles, "migrations_postgres")
	if err != nil {
		t.Fatal(err)
	}
	pdb, err := pg.Open(ctx, pgtest.URL(t), migs, pg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pdb.Close()

	want := rows(t, lite.w.db, `SELECT m.name || '.' || c.name || CASE WHEN c."notnull" OR c.pk THEN ' not null' ELSE '' END
		FROM sqlite_master m JOIN pragma_table_info(m.name) c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`)
	got := rows(t, pdb, `SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`)
	same(t, "columns", want, got)

	want = rows(t, lite.w.db, `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`)
	got = rows(t, pdb, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
		AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_key'`)
	same(t, "indexes", want, got)

	want = rows(t, lite.w.db, `SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	got = rows(t, pdb, `SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE trigger_schema = current_schema()`)
	same(t, "triggers", want, got)

	// The seeded rows too: the vault's systems, the counters.
	for _, q := range []string{"SELECT name || ':' || two_factor || ':' || position FROM vault_systems",
		"SELECT name || ':' || value FROM counters", "SELECT id || ':' || revision FROM catalog_revision"} {
		same(t, q, rows(t, lite.w.db, q), rows(t, pdb, q))
	}
}

func rows(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rs, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var s string
		if err := rs.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func same(t *testing.T, what string, sqlite, postgres []string) {
	t.Helper()
	var onlyLite, onlyPG []string
	for _, s := range sqlite {
		if !slices.Contains(postgres, s) {
			onlyLite = append(onlyLite, s)
		}
	}
	for _, s := range postgres {
		if !slices.Contains(sqlite, s) {
			onlyPG = append(onlyPG, s)
		}
	}
	if len(onlyLite)+len(onlyPG) > 0 {
		t.Errorf("%s differ.\nonly on SQLite: %s\nonly on PostgreSQL: %s", what, strings.Join(onlyLite, ", "), strings.Join(onlyPG, ", "))
	}
}

// TestEveryTableIsCopied: db copy knows every table of the schema.
func TestEveryTableIsCopied(t *testing.T) {
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, table := range rows(t, d.r, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version'`) {
		if !slices.Contains(copyOrder, table) {
			t.Errorf("table %s is not in copyOrder: db copy would leave it behind", table)
		}
	}
}
