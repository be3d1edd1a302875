package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

const defensoriaCNPJ = "12ABC34501DE35" // linked to solicitante, no IP ranges

// approvedRequest submits a request of an "other" API, which is approved
// at once in homologation (rule auto).
func TestSecretGrantAndGateway(t *testing.T) {
	ts := newTestServer(t)
	req := ts.approvedRequest(tjCNPJ)
	before := ts.credential(req.ID)
	if !strings.HasPrefix(before.ClientID, "hmg-") || before.State != api.CredentialAvailable || before.SecretHint != "" {
		t.Fatalf("credential before its secret: %+v", before)
	}
	if !strings.HasSuffix(before.TokenURL, "/oauth2/token") || !strings.HasSuffix(before.GatewayURL, "/gateway/hmg/ping") {
		t.Errorf("links: %s %s", before.TokenURL, before.GatewayURL)
	}
	sec := ts.newSecret(req.ID, 0)
	if sec.ClientID != before.ClientID || api.CheckSecret(sec.ClientSecret) != nil || sec.PreviousValidUntil != "" {
		t.Fatalf("first secret: %+v", sec)
	}
	after := ts.credential(req.ID)
	if after.State != api.CredentialActive || after.SecretHint != api.SecretHint(sec.ClientSecret) {
		t.Errorf("credential after its secret: %+v", after)
	}

	for _, basic := range []bool{true, false} {
		if res := ts.grant(sec.ClientID, sec.ClientSecret, basic, nil); res.status != 200 || res.header.Get("Cache-Control") != "no-store" {
			t.Errorf("grant (basic=%v): %d %s", basic, res.status, res.body)
		}
	}
	tok := ts.tokenOf(sec.ClientID, sec.ClientSecret)
	res := ts.ping("hmg", tok, nil)
	if res.status != 200 {
		t.Fatalf("ping: %d %s", res.status, res.body)
	}
	var pong struct {
		ClientID string `json:"client_id"`
		API      struct{ ID string }
		Env      string `json:"environment"`
		CNPJ     string `json:"institution_cnpj"`
	}
	json.Unmarshal(res.body, &pong)
	if pong.ClientID != sec.ClientID || pong.API.ID != req.APIID || pong.Env != "hmg" || pong.CNPJ != tjCNPJ {
		t.Errorf("ping answer: %s", res.body)
	}
	wantProblem(t, "HMG credential on PRD", ts.ping("prd", tok, nil), 401, api.CodeWrongEnvironment)
	wantProblem(t, "a person's token at the gateway", ts.ping("hmg", ts.tokenFor("solicitante"), nil), 401, api.CodeInvalidToken)
	wantProblem(t, "garbage token", ts.ping("hmg", "abc", nil), 401, api.CodeInvalidToken)
	wantProblem(t, "a client token on the REST API", ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer " + tok}), 401, api.CodeInvalidToken)

	ts.auth.Issuer.SetClock(func() time.Time { return time.Now().Add(-6 * time.Minute) })
	old := ts.tokenOf(sec.ClientID, sec.ClientSecret) // minted 6 minutes ago
	ts.auth.Issuer.SetClock(time.Now)
	wantProblem(t, "expired token", ts.ping("hmg", old, nil), 401, api.CodeTokenExpired)
}

func TestRegenerationAndGrace(t *testing.T) {
	ts := newTestServer(t)
	clock := &fakeClock{t: time.Now()}
	ts.server.cfg.Now = clock.now
	req := ts.approvedRequest(tjCNPJ)
	first := ts.newSecret(req.ID, 0)

	second := ts.newSecret(req.ID, 0)
	if second.ClientID != first.ClientID || second.ClientSecret == first.ClientSecret || second.PreviousValidUntil != "" {
		t.Fatalf("regeneration: %+v", second)
	}
	wantOAuthError(t, "old secret after an immediate regeneration", ts.grant(first.ClientID, first.ClientSecret, true, nil), 401, "invalid_client")
	ts.tokenOf(second.ClientID, second.ClientSecret)

	third := ts.newSecret(req.ID, 3600)
	until, err := time.Parse(time.RFC3339, third.PreviousValidUntil)
	if err != nil || until.Sub(clock.now()) < 3599*time.Second || until.Sub(clock.now()) > 3601*time.Second {
		t.Fatalf("grace of one hour: previous_valid_until %q", third.PreviousValidUntil)
	}
	ts.tokenOf(second.ClientID, second.ClientSecret) // still valid in the grace period
	ts.tokenOf(third.ClientID, third.ClientSecret)
	if c := ts.credential(req.ID); c.PreviousValidUntil != third.PreviousValidUntil {
		t.Errorf("the list must show the grace period: %+v", c)
	}
	clock.advance(3601 * time.Second)
	wantOAuthError(t, "old secret after the grace period", ts.grant(second.ClientID, second.ClientSecret, true, nil), 401, "invalid_client")
	ts.tokenOf(third.ClientID, third.ClientSecret)
	if c := ts.credential(req.ID); c.PreviousValidUntil != "" {
		t.Errorf("an ended grace period must not be listed: %+v", c)
	}

	got, _ := ts.db.GetRequest(context.Background(), req.ID)
	var actions []string
	for _, e := range got.History {
		actions = append(actions, e.Action)
	}
	if !strings.HasSuffix(strings.Join(actions, ","), "secret_generated,secret_regenerated,secret_regenerated") {
		t.Errorf("history: %v", actions)
	}
	if err := ts.db.VerifyHistory(context.Background(), req.ID); err != nil {
		t.Error(err)
	}

	// Revoking the request stops the credential: no new token, and the
	// token already issued is refused by the gateway at once.
	live := ts.tokenOf(third.ClientID, third.ClientSecret)
	if res := ts.ping("hmg", live, nil); res.status != 200 { // the token is now known (verified once)
		t.Fatalf("ping before revocation: %d %s", res.status, res.body)
	}
	if res := ts.postJSON("/api/v1/requests/"+req.ID+"/revoke", ts.tokenFor("admin"), map[string]string{"justification": "Encerramento do convênio."}); res.status != 200 {
		t.Fatalf("revoke: %d %s", res.status, res.body)
	}
	wantOAuthError(t, "grant after revocation", ts.grant(third.ClientID, third.ClientSecret, true, nil), 400, "unauthorized_client")
	wantProblem(t, "token after revocation", ts.ping("hmg", live, nil), 401, api.CodeInvalidToken)
	if c := ts.credential(req.ID); c.State != api.CredentialRevoked {
		t.Errorf("state after revocation: %s", c.State)
	}
	wantProblem(t, "new secret after revocation", ts.postJSON("/api/v1/requests/"+req.ID+"/credential/secret",
		ts.tokenFor("solicitante"), nil), 409, api.CodeCredentialNotApproved)
}

func TestSecretRefusals(t *testing.T) {
	ts := newTestServer(t)
	approved := ts.approvedRequest(tjCNPJ)
	pending := ts.pendingFormRequest()
	path := func(id string) string { return "/api/v1/requests/" + id + "/credential/secret" }
	wantProblem(t, "pending request", ts.postJSON(path(pending.ID), ts.tokenFor("solicitante"), nil), 409, api.CodeCredentialNotApproved)
	if res := ts.postJSON("/api/v1/requests/"+pending.ID+"/decision", ts.tokenFor("avaliador"), api.Decision{Decision: "approve"}); res.status != 200 {
		t.Fatalf("approve: %d %s", res.status, res.body)
	}
	blocked := ts.postJSON(path(pending.ID), ts.tokenFor("solicitante"), nil)
	wantProblem(t, "form not filled", blocked, 409, api.CodeCredentialNotApproved)
	if !strings.Contains(string(blocked.body), "formulário") {
		t.Errorf("the refusal must point to the form: %s", blocked.body)
	}
	wantProblem(t, "evaluator", ts.postJSON(path(approved.ID), ts.tokenFor("avaliador"), nil), 403, api.CodeForbiddenRole)
	wantProblem(t, "admin", ts.postJSON(path(approved.ID), ts.tokenFor("admin"), nil), 403, api.CodeForbiddenRole)
	wantProblem(t, "no token", ts.postJSON(path(approved.ID), "", nil), 401, api.CodeInvalidToken)
	wantProblem(t, "grace over 24 h", ts.postJSON(path(approved.ID), ts.tokenFor("solicitante"), api.SecretRequest{GraceSeconds: 86401}), 400, api.CodeValidation)
	wantProblem(t, "negative grace", ts.postJSON(path(approved.ID), ts.tokenFor("solicitante"), api.SecretRequest{GraceSeconds: -1}), 400, api.CodeValidation)
	wantProblem(t, "unknown field", ts.call("POST", path(approved.ID), ts.tokenFor("solicitante"), "application/json", []byte(`{"secret":"mine"}`)), 400, api.CodeValidation)

	// Another institution's approved request: invisible.
	var other api.Request
	items, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Institutions: []string{pgeCNPJ}, Statuses: []api.Status{api.StatusApproved}, Limit: 1})
	if len(items) == 0 {
		t.Fatal("the demo has no approved request of the PGE")
	}
	other = items[0]
	wantProblem(t, "other institution", ts.postJSON(path(other.ID), ts.tokenFor("solicitante"), nil), 404, api.CodeNotFoundReq)
	for _, c := range decode[api.CredentialList](t, ts.do("GET", "/api/v1/credentials", map[string]string{"Authorization": "Bearer " + ts.tokenFor("solicitante")}).body).Items {
		if c.Institution.CNPJ != tjCNPJ && c.Institution.CNPJ != defensoriaCNPJ {
			t.Fatalf("a credential of %s was listed to the requester", c.Institution.CNPJ)
		}
	}
}

func TestClientGrantRefusals(t *testing.T) {
	ts := newTestServer(t)
	req := ts.approvedRequest(tjCNPJ)
	sec := ts.newSecret(req.ID, 0)
	typo := []byte(sec.ClientSecret)
	typo[20] ^= 'a' ^ 'b' // a character mistyped
	if typo[20] == sec.ClientSecret[20] {
		typo[20] = 'c'
	}
	tests := []struct {
		name   string
		res    response
		status int
		code   string
	}{
		{"no credentials", ts.grant("", "", false, nil), 401, "invalid_client"},
		{"unknown client", ts.grant("hmg-nada-000000000000", sec.ClientSecret, true, nil), 401, "invalid_client"},
		{"mistyped secret", ts.grant(sec.ClientID, string(typo), true, nil), 401, "invalid_client"},
		{"not a secret", ts.grant(sec.ClientID, "senha123", false, nil), 401, "invalid_client"},
		{"basic and body", ts.grant(sec.ClientID, sec.ClientSecret, true, url.Values{"client_secret": {sec.ClientSecret}}), 400, "invalid_request"},
		{"scope not granted", ts.grant(sec.ClientID, sec.ClientSecret, true, url.Values{"scope": {"vault:resolve"}}), 400, "invalid_scope"},
		{"unknown grant", ts.grant(sec.ClientID, sec.ClientSecret, true, url.Values{"grant_type": {"password"}}), 400, "unsupported_grant_type"},
	}
	for _, tt := range tests {
		wantOAuthError(t, tt.name, tt.res, tt.status, tt.code)
	}
	if res := ts.grant(sec.ClientID, string(typo), true, nil); res.header.Get("WWW-Authenticate") == "" {
		t.Error("a Basic failure must carry WWW-Authenticate")
	}
}

// TestMalformedSecretsCostNoLookup: secrets that fail their checksum are
// refused before the database is touched, here proven by closing it.
func TestMalformedSecretsCostNoLookup(t *testing.T) {
	ts := newTestServer(t)
	good := api.NewSecret()
	mistyped := good[:len(good)-1] + map[bool]string{true: "B", false: "A"}[good[len(good)-1] == 'A']
	ts.db.Close()
	for _, s := range []string{mistyped, "gecli_cs_short", ""} {
		if _, err := ts.server.AuthenticateClient(context.Background(), "hmg-x-000000000000", s); err == nil || strings.Contains(err.Error(), "database") || strings.Contains(err.Error(), "sql") {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := ts.server.AuthenticateClient(context.Background(), "hmg-x-000000000000", good); err == nil || !strings.Contains(err.Error(), "sql") {
		t.Errorf("a well-formed secret must reach the database (closed here): %v", err)
	}
}

func TestClientFailuresAreRateLimited(t *testing.T) {
	ts := newTestServer(t)
	req := ts.approvedRequest(tjCNPJ)
	sec := ts.newSecret(req.ID, 0)
	limited := false
	for range 40 {
		if res := ts.grant(sec.ClientID, api.NewSecret(), true, nil); res.status == 429 {
			limited = res.header.Get("Retry-After") != ""
			break
		}
	}
	if !limited {
		t.Fatal("40 wrong secrets from one address were never limited")
	}
	if res := ts.grant(sec.ClientID, sec.ClientSecret, true, nil); res.status != 429 {
		t.Errorf("while limited, the right secret from that address waits too: %d", res.status)
	}
}

// TestClientLimitsDoNotLockOutTheGateway: a stranger's wrong secrets,
// from one address or from many, do not keep the gateway that holds the
// right secret (from its own address) from its tokens. Behind the
// trusted proxy the forwarded address is the address.
func TestClientLimitsDoNotLockOutTheGateway(t *testing.T) {
	ts := newTestServer(t)
	ts.auth.Endpoints.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	frozen := time.Now() // counts, not speed: the buckets do not refill meanwhile
	ts.auth.Issuer.SetClock(func() time.Time { return frozen })
	sec := ts.newSecret(ts.approvedRequest(tjCNPJ).ID, 0)
	grantFrom := func(addr, secret string) int {
		req, _ := http.NewRequest("POST", ts.srv.URL+"/oauth2/token", strings.NewReader("grant_type=client_credentials"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", addr)
		req.SetBasicAuth(sec.ClientID, secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	limited := false
	for range 40 {
		if grantFrom("203.0.113.5", api.NewSecret()) == 429 {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("40 wrong secrets from one address were never limited")
	}
	if status := grantFrom("198.51.100.8", sec.ClientSecret); status != 200 {
		t.Fatalf("the gateway, from its address, with the right secret: %d", status)
	}
	for i := range 80 {
		grantFrom(fmt.Sprintf("192.0.2.%d", i+1), api.NewSecret())
	}
	if status := grantFrom("192.0.2.1", api.NewSecret()); status != 429 {
		t.Errorf("an address that failed during a spread attack: %d, want 429", status)
	}
	if status := grantFrom("198.51.100.8", sec.ClientSecret); status != 200 {
		t.Fatalf("the gateway during a spread attack: %d", status)
	}
}

func TestAllowlistAtTheGateway(t *testing.T) {
	ts := newTestServer(t)
	tj := ts.approvedRequest(tjCNPJ)
	sec := ts.newSecret(tj.ID, 0)
	tok := ts.tokenOf(sec.ClientID, sec.ClientSecret)
	requester, admin := ts.tokenFor("solicitante"), ts.tokenFor("admin")
	allowPath := "/api/v1/institutions/" + tjCNPJ + "/ip-allowlist"
	put := func(token, path string, ranges ...string) response {
		b, _ := json.Marshal(api.IPAllowlist{Ranges: ranges})
		return ts.call("PUT", path, token, "application/json", b)
	}

	// The demo court allows this machine.
	if res := ts.ping("hmg", tok, nil); res.status != 200 {
		t.Fatalf("demo allowlist: %d %s", res.status, res.body)
	}
	res := put(requester, allowPath, "200.152.10.1/16", "2001:db8::/32")
	if res.status != 200 || !bytes.Contains(res.body, []byte(`"200.152.0.0/16"`)) {
		t.Fatalf("put: %d %s", res.status, res.body)
	}
	denied := ts.ping("hmg", tok, nil)
	wantProblem(t, "outside the allowlist", denied, 403, api.CodeIPNotAllowed)
	if !strings.Contains(string(denied.body), "127.0.0.1") {
		t.Errorf("the refusal must name the address it saw: %s", denied.body)
	}
	// Behind a trusted proxy the forwarded address counts, and a spoofed
	// header from an untrusted caller does not.
	if res := ts.ping("hmg", tok, map[string]string{"X-Forwarded-For": "200.152.3.4"}); res.status != 403 {
		t.Errorf("untrusted X-Forwarded-For was believed: %d", res.status)
	}
	ts.server.cfg.TrustedProxies = mustPrefixes("127.0.0.0/8")
	if res := ts.ping("hmg", tok, map[string]string{"X-Forwarded-For": "9.9.9.9, 200.152.3.4"}); res.status != 200 {
		t.Errorf("caller inside the range behind a trusted proxy: %d %s", res.status, res.body)
	}
	ts.server.cfg.TrustedProxies = nil

	bad := put(requester, allowPath, "10.0.0.0/33", "0.0.0.0/0", "banana")
	wantProblem(t, "invalid ranges", bad, 422, api.CodeValidation)
	if p := decode[api.Problem](t, bad.body); len(p.Fields) != 3 {
		t.Errorf("each bad range must be named: %+v", p.Fields)
	}
	if got := decode[api.IPAllowlist](t, ts.do("GET", allowPath, map[string]string{"Authorization": "Bearer " + requester}).body); len(got.Ranges) != 2 {
		t.Errorf("a refused list must change nothing: %v", got.Ranges)
	}
	wantProblem(t, "evaluator", put(ts.tokenFor("avaliador"), allowPath, "10.0.0.0/8"), 403, api.CodeForbiddenRole)
	wantProblem(t, "requester of another institution", put(requester, "/api/v1/institutions/"+pgeCNPJ+"/ip-allowlist", "10.0.0.0/8"), 403, api.CodeInstitutionNotLinked)
	wantProblem(t, "invalid CNPJ", ts.do("GET", "/api/v1/institutions/123/ip-allowlist", map[string]string{"Authorization": "Bearer " + admin}), 400, api.CodeInvalidParameter)
	if res := put(admin, "/api/v1/institutions/"+pgeCNPJ+"/ip-allowlist", "10.0.0.0/8"); res.status != 200 {
		t.Errorf("admins manage any institution: %d %s", res.status, res.body)
	}
	if res := put(requester, allowPath, "127.0.0.1"); res.status != 200 {
		t.Fatalf("restore: %d", res.status)
	}
	if res := ts.ping("hmg", tok, nil); res.status != 200 {
		t.Errorf("inside the allowlist again: %d", res.status)
	}

	// No ranges at all: homologation is open, production is closed.
	def := ts.approvedRequest(defensoriaCNPJ)
	dsec := ts.newSecret(def.ID, 0)
	if res := ts.ping("hmg", ts.tokenOf(dsec.ClientID, dsec.ClientSecret), nil); res.status != 200 {
		t.Errorf("HMG with no ranges: %d %s", res.status, res.body)
	}
	prd := ts.approvedPRD(defensoriaCNPJ)
	psec := ts.newSecret(prd.ID, 0)
	wantProblem(t, "PRD with no ranges", ts.ping("prd", ts.tokenOf(psec.ClientID, psec.ClientSecret), nil), 403, api.CodeIPNotAllowed)
}

// approvedPRD submits a PRD request of a DJe API (approved at once).
func (ts *testServer) approvedPRD(cnpj string) api.Request {
	ts.t.Helper()
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysDJE, api.EnvPRD), api.EnvPRD, cnpj))
	r := decode[api.Request](ts.t, res.body)
	if r.Status != api.StatusApproved {
		ts.t.Fatalf("DJe in production must be approved at once: %s", res.body)
	}
	return r
}

// TestSecretsLeaveNoTrace: after generating, regenerating and using
// secrets, none of them (nor their random part) is in the database file,
// its WAL, the server's logs or any request's history.
func TestSecretsLeaveNoTrace(t *testing.T) {
	ts := newTestServer(t)
	req := ts.approvedRequest(tjCNPJ)
	var secrets []string
	for _, grace := range []int{0, 0, 600} {
		sec := ts.newSecret(req.ID, grace)
		secrets = append(secrets, sec.ClientSecret)
		ts.ping("hmg", ts.tokenOf(sec.ClientID, sec.ClientSecret), nil)
	}
	ts.grant(ts.credential(req.ID).ClientID, secrets[0], true, nil) // a failure is logged too
	detail := ts.do("GET", "/api/v1/requests/"+req.ID, map[string]string{"Authorization": "Bearer " + ts.tokenFor("solicitante")})
	stored := ts.storedBytes()
	logs := ts.logs.String()
	if !strings.Contains(logs, "client secret generated") {
		t.Fatalf("the logs were not captured: %q", logs)
	}
	for _, s := range secrets {
		body := s[len(api.SecretPrefix) : len(s)-6]
		for name, hay := range map[string]string{"database": stored, "logs": logs, "history": string(detail.body)} {
			if strings.Contains(hay, body[:16]) {
				t.Errorf("part of a secret is in the %s", name)
			}
		}
	}
}

func mustPrefixes(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, v := range s {
		out[i] = netip.MustParsePrefix(v)
	}
	return out
}

// TestCredentialOutlivesItsCreator: credentials belong to the institution
// (Conecta FAQ 2): disabling the person who generated the secret does not
// stop the integration.
func TestCredentialOutlivesItsCreator(t *testing.T) {
	ts := newTestServer(t)
	req := ts.approvedRequest(tjCNPJ)
	sec := ts.newSecret(req.ID, 0)
	if err := ts.db.DisableUser(context.Background(), "solicitante"); err != nil {
		t.Fatal(err)
	}
	if res := ts.ping("hmg", ts.tokenOf(sec.ClientID, sec.ClientSecret), nil); res.status != 200 {
		t.Fatalf("after its creator was disabled: %d %s", res.status, res.body)
	}
}
