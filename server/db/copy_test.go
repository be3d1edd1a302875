package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/testkit/pgtest"
)

// TestACopyToPostgresKeepsEverything: the demo installation on SQLite,
// copied into an empty PostgreSQL database, has every row of every table
// and every history chain intact; copying again is refused.
func TestACopyToPostgresKeepsEverything(t *testing.T) {
	ctx := context.Background()
	lite, err := db.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if err := seed.Demo(ctx, lite); err != nil {
		t.Fatal(err)
	}
	pg, err := db.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	rep, err := db.CopyAll(ctx, lite, pg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows["requests"] != 600 || rep.Verified != 600 || rep.Rows["request_events"] == 0 || rep.Rows["vault_systems"] == 0 {
		t.Fatalf("copied %v, verified %d", rep.Rows, rep.Verified)
	}
	a, err := lite.ListAPIs(ctx, db.CatalogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := pg.ListAPIs(ctx, db.CatalogFilter{})
	if err != nil || len(a) != len(b) || a[0].Name != b[0].Name {
		t.Fatalf("the catalog differs: %d vs %d APIs, %v", len(a), len(b), err)
	}
	if _, err := db.CopyAll(ctx, lite, pg, nil); !errors.Is(err, db.ErrNotEmpty) {
		t.Fatalf("a second copy into the same database: %v", err)
	}
}
