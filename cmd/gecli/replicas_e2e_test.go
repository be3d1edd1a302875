package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/testkit/pgtest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs `gecli serve` on url and waits for /readyz.
func startServe(t *testing.T, bin, url, public string, seed bool) (*exec.Cmd, string) {
	t.Helper()
	addr := freeAddr(t)
	args := []string{"serve", "--addr", addr, "--db", url, "--public-url", public}
	if seed {
		args = append(args, "--seed", "demo")
	}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd, base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("gecli serve on %s did not become ready", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestAReplicaKilledMidBurstLosesNothing: two `gecli serve` processes on
// one PostgreSQL database; A is killed (SIGKILL) in the middle of a burst
// of submissions. Every submission either side acknowledged is there, B
// keeps answering with no 5xx, and the unanswered ones, retried on B with
// their Idempotency-Key, apply at most once.
func TestAReplicaKilledMidBurstLosesNothing(t *testing.T) {
	url := pgtest.URL(t)
	bin := buildBinary(t)
	const public = "http://gecli.replicas.test"
	a, baseA := startServe(t, bin, url, public, true)
	_, baseB := startServe(t, bin, url, public, false)

	ctx := context.Background()
	d, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	auth, err := server.NewAuth(ctx, d, server.AuthOptions{PublicURL: public, Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		t.Fatal(err)
	}
	user, err := d.UserByUsername(ctx, "solicitante")
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := auth.Issuer.AccessToken(user, "gecli-tui")
	apis, _ := d.ListAPIs(ctx, db.CatalogFilter{})
	var target api.API
	for _, x := range apis {
		if x.SystemType == api.SysSNGB && x.Offers(api.EnvPRD) {
			target = x
		}
	}
	body, _ := json.Marshal(seed.Submission(target, api.EnvPRD, replicaCourt, burstPurpose))
	submit := func(base, key string) (int, string) {
		req, _ := http.NewRequest("POST", base+"/api/v1/requests", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, ""
		}
		defer res.Body.Close()
		var r api.Request
		json.NewDecoder(res.Body).Decode(&r)
		return res.StatusCode, r.ID
	}

	var mu sync.Mutex
	acked := map[string]string{} // key → request id
	var lost []string            // keys sent to A with no answer
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				key := fmt.Sprintf("rajada-%d-%d", w, i)
				base := []string{baseA, baseB}[i%2]
				status, id := submit(base, key)
				mu.Lock()
				switch {
				case status == 201:
					acked[key] = id
				case status == 0 && base == baseA:
					lost = append(lost, key)
				case status == 0 || status >= 500:
					t.Errorf("B answered %d to %s", status, key)
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	a.Process.Kill()
	wg.Wait()
	// The unanswered ones, retried on B with their keys: applied once (201,
	// a replay if A had committed it) or, if A died between the commit and
	// keeping its answer, 409 (in progress, then answer lost).
	for _, key := range lost {
		switch status, id := submit(baseB, key); status {
		case 201:
			acked[key] = id
		case 409:
		default:
			t.Fatalf("retry of %s on B: %d", key, status)
		}
	}
	seen := map[string]bool{}
	for key, id := range acked {
		if _, err := d.GetRequest(ctx, id); err != nil {
			t.Fatalf("acknowledged %s (%s) is not in the database: %v", key, id, err)
		}
		if seen[id] {
			t.Fatalf("two keys answered with one request %s", id)
		}
		seen[id] = true
	}
	rows, _, _, err := d.ListRequests(ctx, db.RequestFilter{Institutions: []string{replicaCourt}, Statuses: []api.Status{api.StatusPending}, Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, r := range rows {
		if r.Purpose == burstPurpose {
			stored++
		}
	}
	if sent := 8 * 40; stored < len(acked) || stored > sent {
		t.Fatalf("%d submissions stored: %d acknowledged, %d sent", stored, len(acked), sent)
	}
	t.Logf("%d acknowledged, %d unanswered by A, %d stored", len(acked), len(lost), stored)
}

const (
	replicaCourt = "11222333000181" // the demo court, linked to the demo requester
	burstPurpose = "Rajada de teste: integração do sistema processual do tribunal."
)
