package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/store"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestSEICommand: gecli sei log prints a request's process state, its
// sends and calls; retry says when nothing failed; a request of another
// institution is not found for a requester.
func TestSEICommand(t *testing.T) {
	bin := buildBinary(t)
	b := testbackend.Start(t, "127.0.0.1:0", "")
	reqs, _, _, err := b.DB.ListRequests(context.Background(), db.RequestFilter{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	if err != nil || len(reqs) == 0 {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "cache.db")
	s, err := store.Open(context.Background(), cache)
	if err != nil {
		t.Fatal(err)
	}
	b.SignIn(t, s, "admin")
	s.Close()
	run := func(args ...string) (string, error) {
		out, err := exec.Command(bin, append(args, "--server", b.URL, "--cache", cache)...).CombinedOutput()
		return string(out), err
	}
	out, err := run("sei", "log", reqs[0].ID)
	if err != nil || !strings.Contains(out, reqs[0].ID) || !strings.Contains(out, "sem integração") || !strings.Contains(out, "envios:") {
		t.Fatalf("sei log: %v\n%s", err, out)
	}
	if out, err := run("sei", "retry", reqs[0].ID); err == nil || !strings.Contains(out, "409 invalid_state") {
		t.Errorf("retry with nothing failed: %v\n%s", err, out)
	}
	if out, err := run("sei", "log", "SOL-2026-999999"); err == nil || !strings.Contains(out, "404") {
		t.Errorf("an unknown request: %v\n%s", err, out)
	}
}
