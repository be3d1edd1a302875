// Package seedtest gives tests a copy of a database already seeded with
// the demo data: seeding (600 requests, argon2id hashes) runs once per
// test binary instead of once per test.
package seedtest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

var (
	once     sync.Once
	template []byte
	err      error
)

// DemoDB writes a seeded database into a fresh temporary directory and
// returns its path.
func DemoDB(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		dir, e := os.MkdirTemp("", "gecli-seed-")
		if e != nil {
			err = e
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "template.db")
		d, e := db.Open(context.Background(), path)
		if e != nil {
			err = e
			return
		}
		if e := seed.Demo(context.Background(), d); e != nil {
			d.Close()
			err = e
			return
		}
		d.Close() // the last connection checkpoints the WAL into the file
		template, err = os.ReadFile(path)
	})
	if err != nil {
		tb.Fatalf("seed template: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "server.db")
	if e := os.WriteFile(path, template, 0o600); e != nil {
		tb.Fatal(e)
	}
	return path
}
