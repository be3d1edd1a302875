package server

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// TestAServerSweepsWhatExpired: a running server removes an expired
// sign-in by itself, and stopping it waits for the sweep.
func TestAServerSweepsWhatExpired(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	if err := ts.db.CreateDeviceCode(ctx, db.DeviceCode{DeviceHash: "h", UserCode: "ABCD-EFGH", ClientID: "gecli-tui",
		ExpiresAt: time.Now().Add(-2 * time.Hour), Interval: time.Second}); err != nil {
		t.Fatal(err)
	}
	stop := ts.server.StartSweeping(ctx, 20*time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := ts.db.DeviceByUserCode(ctx, "ABCD-EFGH")
		if errors.Is(err, db.ErrNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the expired device code is still there after 5 s: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	if got := ts.logs.String(); !strings.Contains(got, "expiry sweep") {
		t.Fatalf("the sweep was not logged:\n%s", got)
	}
}

// TestTheSweepSignsTheAuditWhenItMoved: the replica that sweeps signs the
// audit chain's head when anything happened since the last checkpoint,
// and not again while nothing did (its own checkpoint event aside).
func TestTheSweepSignsTheAuditWhenItMoved(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	ts.server.sweep(ctx)
	first, err := ts.db.Checkpoints(ctx)
	if err != nil || len(first) != 1 {
		t.Fatalf("after the first sweep: %+v %v", first, err)
	}
	count, head, _ := ts.db.AuditHead(ctx)
	if first[0].Count != count-1 || first[0].Head == head { // the checkpoint's own event came after it
		t.Errorf("the checkpoint pins %d, the head is %d", first[0].Count, count)
	}
	ts.server.sweep(ctx)
	if again, _ := ts.db.Checkpoints(ctx); len(again) != 1 {
		t.Errorf("nothing happened, yet the sweep signed again: %d checkpoints", len(again))
	}
	n := "Tribunal Renomeado"
	if res := ts.call("PATCH", "/api/v1/institutions/"+tjCNPJ, ts.tokenFor("admin"), "application/json", mustJSON(api.InstitutionPatch{Name: &n})); res.status != 200 {
		t.Fatal(res.status)
	}
	ts.server.sweep(ctx)
	if later, _ := ts.db.Checkpoints(ctx); len(later) != 2 {
		t.Errorf("after a change the sweep did not sign: %d checkpoints", len(later))
	}
	if v, err := VerifyAudit(ctx, ts.db, ts.auth.Keys, nil); err != nil || !v.OK || v.Checkpoints != 2 {
		t.Errorf("verify with the sweep's checkpoints: %+v %v", v, err)
	}
}
