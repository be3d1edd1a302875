package server

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/vault"
)

// replicas are two servers on one PostgreSQL database with one public
// address, as behind a load balancer.
func replicas(t *testing.T) (*testServer, *testServer) {
	t.Helper()
	url := demoPostgres(t)
	key, err := vault.ParseKey(vault.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	const public = "http://gecli.replicas.test"
	return startServer(t, url, public, key), startServer(t, url, public, key)
}

// TestReplicasAnswerForEachOther: what one replica starts, the other
// continues: a sign-in, its refresh and the replay that revokes it; a
// decision and the sync that sees it; a decision taken on both at once;
// a client-credentials token at the other's gateway.
func TestReplicasAnswerForEachOther(t *testing.T) {
	a, b := replicas(t)
	ctx := context.Background()

	// Signed in through A's /device, accepted by B.
	da, err := a.oauthConfig().DeviceAuth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if status, page := a.approve(da.UserCode, "solicitante", "demo-solicitante", "approve"); status != 200 {
		t.Fatalf("approval on A: %d\n%.300s", status, page)
	}
	da.Interval = 0
	tok, err := a.oauthConfig().DeviceAccessToken(ctx, da)
	if err != nil {
		t.Fatal(err)
	}
	if me := b.getMe(tok.AccessToken); me.status != 200 {
		t.Fatalf("B refused A's token: %d %s", me.status, me.body)
	}
	// A refresh on B rotates the family A started; the old token replayed
	// on A revokes it.
	fresh, err := b.oauthConfig().TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token()
	if err != nil || fresh.RefreshToken == tok.RefreshToken {
		t.Fatalf("refresh on B: %v", err)
	}
	if _, err := a.oauthConfig().TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token(); oauthCode(err) != "invalid_grant" {
		t.Fatalf("the old refresh token replayed on A: %v", err)
	}
	if _, err := b.oauthConfig().TokenSource(ctx, &oauth2.Token{RefreshToken: fresh.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token(); oauthCode(err) != "invalid_grant" {
		t.Fatalf("the family survived the replay on the other replica: %v", err)
	}

	// A submission on A, decided on A and B at once: one decision.
	sub := a.postJSON("/api/v1/requests", a.tokenFor("solicitante"), submission(a.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ))
	if sub.status != 201 {
		t.Fatalf("submit on A: %d %s", sub.status, sub.body)
	}
	r := decode[api.Request](t, sub.body)
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, ts := range []*testServer{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _, err := ts.send("POST", "/api/v1/requests/"+r.ID+"/decision", ts.tokenFor("avaliador"),
				api.Decision{Decision: "approve", Justification: "ok"})
			if err != nil {
				t.Error(err)
			}
			statuses[i] = status
		}()
	}
	wg.Wait()
	if !(statuses[0] == 200 && statuses[1] == 409 || statuses[0] == 409 && statuses[1] == 200) {
		t.Fatalf("decisions on A and B at once: %v, want one 200 and one 409", statuses)
	}
	// B's sync sees it.
	page := b.do("GET", "/api/v1/requests?since="+strconv.FormatInt(r.Seq-1, 10)+"&limit=50", map[string]string{"Authorization": "Bearer " + b.tokenFor("avaliador")})
	if page.status != 200 || !strings.Contains(string(page.body), r.ID) || !strings.Contains(string(page.body), string(api.StatusApproved)) {
		t.Fatalf("B's sync after the decision: %d %.300s", page.status, page.body)
	}

	// A client-credentials token from A, checked at B's gateway.
	approved := a.approvedRequest(tjCNPJ)
	secret := a.newSecret(approved.ID, 0)
	token := a.tokenOf(secret.ClientID, secret.ClientSecret)
	if res := b.ping("hmg", token, nil); res.status != 200 {
		t.Fatalf("B's gateway refused A's token: %d %s", res.status, res.body)
	}
}
