package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// signInAs starts a sign-in session for username, as an approved device
// flow does (the flow itself is tested in identity_test.go).
func (ts *testServer) signInAs(username string) (access, refresh string) {
	ts.t.Helper()
	u, err := ts.db.UserByUsername(context.Background(), username)
	if err != nil {
		ts.t.Fatal(err)
	}
	tok, err := ts.auth.Issuer.StartSession(context.Background(), u, "gecli-tui")
	if err != nil {
		ts.t.Fatal(err)
	}
	return tok.AccessToken, tok.RefreshToken
}

func (ts *testServer) revokeToken(token string) int {
	ts.t.Helper()
	res, err := http.PostForm(ts.srv.URL+"/oauth2/revoke", url.Values{"token": {token}, "client_id": {"gecli-tui"}})
	if err != nil {
		ts.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestRevocationTakesEffectAtOnce: an access token stops working as soon
// as its sign-in ends (gecli logout revokes the refresh token), it is
// itself revoked, or its user is disabled, well before its five minutes.
func TestRevocationTakesEffectAtOnce(t *testing.T) {
	ts := newTestServer(t)
	ts.server.sessions.ttl = 0 // every call asks the database; the cache's second is tested below
	me := func(tok string) int {
		return ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer " + tok}).status
	}

	access, refresh := ts.signInAs("solicitante")
	if me(access) != 200 {
		t.Fatal("a fresh sign-in is refused")
	}
	if ts.revokeToken(refresh) != 200 || me(access) != 401 {
		t.Fatal("after logout (its refresh token revoked) the access token still works")
	}

	access, _ = ts.signInAs("solicitante")
	other, _ := ts.signInAs("solicitante") // another terminal, another session
	if ts.revokeToken(access) != 200 || me(access) != 401 {
		t.Fatal("a revoked access token still works")
	}
	if me(other) != 200 {
		t.Fatal("revoking one session ended another")
	}

	evaluator, _ := ts.signInAs("avaliador")
	sub := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ))
	r := decode[api.Request](t, sub.body)
	if err := ts.db.DisableUser(context.Background(), "avaliador"); err != nil {
		t.Fatal(err)
	}
	res := ts.postJSON("/api/v1/requests/"+r.ID+"/decision", evaluator, api.Decision{Decision: "approve", Justification: "ok"})
	if res.status != 401 || !strings.Contains(string(res.body), "sessão foi encerrada") {
		t.Fatalf("a disabled evaluator's decision: %d %s", res.status, res.body)
	}
	if got := decode[api.Request](t, ts.do("GET", "/api/v1/requests/"+r.ID, map[string]string{"Authorization": "Bearer " + ts.tokenFor("solicitante")}).body); got.Status != api.StatusPending {
		t.Fatalf("the refused decision changed the request: %s", got.Status)
	}
}

// TestSessionAnswersAreReusedForASecondOnly: an answer is reused for the
// cache's time only; after it, an ended session is seen.
func TestSessionAnswersAreReusedForASecondOnly(t *testing.T) {
	ts := newTestServer(t)
	ts.server.sessions.ttl = 200 * time.Millisecond
	access, refresh := ts.signInAs("solicitante")
	me := func() int {
		return ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer " + access}).status
	}
	if me() != 200 {
		t.Fatal("a fresh sign-in is refused")
	}
	ts.revokeToken(refresh)
	time.Sleep(250 * time.Millisecond)
	if me() != 401 {
		t.Fatal("an ended session still works after the cache's time")
	}
}
