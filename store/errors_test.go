package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorsSayWhatAndWhere: a failure names the operation, the entity and
// the file, in English developer text, and keeps its cause.
func TestErrorsSayWhatAndWhere(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-dir")
	os.WriteFile(blocker, nil, 0o600)
	_, err := Open(ctx, filepath.Join(blocker, "cache.db"))
	var se *Error
	if !errors.As(err, &se) || se.Op != OpOpen || !strings.HasSuffix(se.Path, "cache.db") {
		t.Fatalf("open under a file: %v", err)
	}

	s := openTemp(t)
	if _, err := s.db.Exec("INSERT INTO drafts (id, body, updated_at) VALUES ('x', 'not json', '')"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Drafts(ctx)
	if !errors.As(err, &se) || se.Op != OpCorrupt || se.Entity != EntityDraft || se.Path != s.Path() {
		t.Fatalf("corrupt draft: %v", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	err = s.SaveDraft(cancelled, Draft{ID: "d1"})
	if !errors.As(err, &se) || se.Op != OpWrite || se.Entity != EntityDraft || se.ID != "d1" || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled write: %v", err)
	}

	for _, op := range Ops() {
		for _, en := range Entities() {
			msg := (&Error{Op: op, Entity: en, Path: "/c.db", Err: errors.New("cause")}).Error()
			if strings.Contains(msg, " op ") || strings.ContainsAny(msg, "ãçéíóúâêõ") || !strings.HasSuffix(msg, ": cause") {
				t.Errorf("%d/%d: %q", op, en, msg)
			}
		}
	}
}
