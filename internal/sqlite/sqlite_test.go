package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestOpenIsPrivateWALAndMigrated(t *testing.T) {
	migs := fstest.MapFS{"00001_init.sql": {Data: []byte(
		"-- +goose Up\nCREATE TABLE t (x INTEGER);\n-- +goose Down\nDROP TABLE t;\n")}}
	path := filepath.Join(t.TempDir(), "sub", "x.db")
	db, err := Open(context.Background(), path, migs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("INSERT INTO t VALUES (1)"); err != nil {
		t.Fatalf("migration not applied: %v", err)
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
	for _, p := range []string{path, path + "-wal"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	// A second open runs no migration twice.
	db2, err := Open(context.Background(), path, migs, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db2.Close()
}
