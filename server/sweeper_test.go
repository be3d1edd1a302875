package server

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
