package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

func (ts *testServer) oauthConfig() *oauth2.Config {
	return &oauth2.Config{ClientID: "gecli-tui", Endpoint: oauth2.Endpoint{
		DeviceAuthURL: ts.srv.URL + "/oauth2/device_authorization",
		TokenURL:      ts.srv.URL + "/oauth2/token", AuthStyle: oauth2.AuthStyleInParams,
	}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// approve drives the /device page as a browser would: GET for the form
// and its CSRF cookie, then POST the code, the credentials and a decision.
func (ts *testServer) approve(userCode, username, password, action string) (int, string) {
	ts.t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.Get(ts.srv.URL + "/device?user_code=" + url.QueryEscape(userCode))
	if err != nil {
		ts.t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		ts.t.Fatalf("no CSRF field on /device:\n%s", page)
	}
	res, err = browser.PostForm(ts.srv.URL+"/device", url.Values{"csrf": {string(m[1])}, "user_code": {userCode},
		"username": {username}, "password": {password}, "action": {action}})
	if err != nil {
		ts.t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(body)
}

func (ts *testServer) getMe(token string) response {
	return ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer " + token})
}

// TestDeviceFlowEndToEnd: the x/oauth2 device flow against the embedded
// issuer, with a person approving on /device, then /api/v1/me and a
// refresh that rotates the token.
func TestDeviceFlowEndToEnd(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.oauthConfig()
	ctx := context.Background()
	da, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[BCDFGHJKMNPQRTVWXY]{4}-[BCDFGHJKMNPQRTVWXY]{4}$`).MatchString(da.UserCode) {
		t.Errorf("user code %q is not 8 unambiguous letters", da.UserCode)
	}
	if da.Interval != 5 || time.Until(da.Expiry) < 9*time.Minute || !strings.HasSuffix(da.VerificationURIComplete, da.UserCode) {
		t.Errorf("device authorization: %+v", da)
	}
	status, page := ts.approve(strings.ToLower(strings.ReplaceAll(da.UserCode, "-", "")), "solicitante", "demo-solicitante", "approve")
	if status != 200 || !strings.Contains(page, "Terminal autorizado") {
		t.Fatalf("approval: %d\n%s", status, page)
	}
	da.Interval = 0 // the first poll may come at once; the server checks the pace
	tok, err := cfg.DeviceAccessToken(ctx, da)
	if err != nil {
		t.Fatal(err)
	}
	me := decode[api.Me](t, ts.getMe(tok.AccessToken).body)
	if me.Username != "solicitante" || !me.HasRole(api.RoleRequester) || len(me.Institutions) != 2 || me.Institutions[0].Name == "" {
		t.Fatalf("me: %+v", me)
	}
	if time.Until(tok.Expiry) > 5*time.Minute+time.Second {
		t.Errorf("access token lives until %v, want 5 minutes", tok.Expiry)
	}

	// The code works once.
	if _, err := cfg.DeviceAccessToken(ctx, da); oauthCode(err) != "invalid_grant" {
		t.Errorf("second use of the device code: %v", err)
	}

	// Refresh rotates; replaying the old refresh token revokes the family.
	old := tok.RefreshToken
	src := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: old, Expiry: time.Now().Add(-time.Minute)})
	fresh, err := src.Token()
	if err != nil || fresh.RefreshToken == old || fresh.AccessToken == "" {
		t.Fatalf("refresh: %v (rotated: %v)", err, fresh != nil && fresh.RefreshToken != old)
	}
	replay := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: old, Expiry: time.Now().Add(-time.Minute)})
	if _, err := replay.Token(); oauthCode(err) != "invalid_grant" {
		t.Fatalf("replayed refresh token: %v, want invalid_grant", err)
	}
	again := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: fresh.RefreshToken, Expiry: time.Now().Add(-time.Minute)})
	if _, err := again.Token(); oauthCode(err) != "invalid_grant" {
		t.Fatalf("the family survived a replay: %v", err)
	}
}

func oauthCode(err error) string {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return re.ErrorCode
	}
	return ""
}

// postToken calls the token endpoint directly, to see each RFC 8628 error.
func (ts *testServer) postToken(v url.Values) (int, string) {
	ts.t.Helper()
	res, err := http.PostForm(ts.srv.URL+"/oauth2/token", v)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// fakeClock is the issuer's clock in tests; handlers read it on their
// own goroutines, hence the lock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestDeviceFlowRefusals(t *testing.T) {
	ts := newTestServer(t)
	clock := &fakeClock{t: time.Now()}
	ts.auth.Issuer.SetClock(clock.now)
	ctx := context.Background()
	cfg := ts.oauthConfig()
	poll := func(deviceCode string) string {
		_, body := ts.postToken(url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:device_code"},
			"device_code": {deviceCode}, "client_id": {"gecli-tui"}})
		return body
	}

	da, _ := cfg.DeviceAuth(ctx)
	if body := poll(da.DeviceCode); !strings.Contains(body, `"authorization_pending"`) {
		t.Errorf("first poll: %s", body)
	}
	if body := poll(da.DeviceCode); !strings.Contains(body, `"slow_down"`) {
		t.Errorf("immediate second poll: %s, want slow_down", body)
	}
	if status, page := ts.approve(da.UserCode, "solicitante", "senha-errada", "approve"); status != 401 || !strings.Contains(page, "incorretos") {
		t.Errorf("wrong password: %d", status)
	}
	if status, _ := ts.approve(da.UserCode, "ninguem", "x", "approve"); status != 401 {
		t.Errorf("unknown user: %d", status)
	}
	if status, page := ts.approve(da.UserCode, "solicitante", "demo-solicitante", "deny"); status != 200 || !strings.Contains(page, "negada") {
		t.Fatalf("deny: %d", status)
	}
	clock.advance(11 * time.Second) // the slowed-down pace: 5 s + 5 s
	if body := poll(da.DeviceCode); !strings.Contains(body, `"access_denied"`) {
		t.Errorf("after deny: %s", body)
	}

	expired, _ := cfg.DeviceAuth(ctx)
	clock.advance(11 * time.Minute)
	if body := poll(expired.DeviceCode); !strings.Contains(body, `"expired_token"`) {
		t.Errorf("expired code: %s", body)
	}
	if status, page := ts.approve(expired.UserCode, "solicitante", "demo-solicitante", "approve"); status != 400 || !strings.Contains(page, "expirado") {
		t.Errorf("approving an expired code: %d", status)
	}
	if body := poll("nao-existe"); !strings.Contains(body, `"invalid_grant"`) {
		t.Errorf("unknown device code: %s", body)
	}
	if _, body := ts.postToken(url.Values{"grant_type": {"password"}, "client_id": {"gecli-tui"}}); !strings.Contains(body, "unsupported_grant_type") {
		t.Errorf("password grant: %s", body)
	}
	if status, _ := ts.postToken(url.Values{"grant_type": {"refresh_token"}, "client_id": {"outro"}}); status != 401 {
		t.Errorf("unknown client: %d", status)
	}
}

func TestDevicePageRejectsMissingCSRF(t *testing.T) {
	ts := newTestServer(t)
	da, _ := ts.oauthConfig().DeviceAuth(context.Background())
	res, err := http.PostForm(ts.srv.URL+"/device", url.Values{"csrf": {"forjado"}, "user_code": {da.UserCode},
		"username": {"solicitante"}, "password": {"demo-solicitante"}, "action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site post: %d, want 403", res.StatusCode)
	}
	if d, _ := ts.db.DeviceByUserCode(context.Background(), da.UserCode); d.Status != "pending" {
		t.Fatalf("a forged post changed the authorization: %s", d.Status)
	}
}

func (ts *testServer) postForm(path, bearer string, v url.Values) (int, string) {
	ts.t.Helper()
	req, _ := http.NewRequest("POST", ts.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// introspect asks about token as a confidential client (HTTP Basic, or
// client_id and client_secret in the body).
func (ts *testServer) introspect(clientID, secret string, basic bool, token string) (int, string) {
	ts.t.Helper()
	form := url.Values{"token": {token}}
	if !basic {
		form.Set("client_id", clientID)
		form.Set("client_secret", secret)
	}
	req, _ := http.NewRequest("POST", ts.srv.URL+"/oauth2/introspect", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic {
		req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestIntrospectionAndRevocation: RFC 7662 as strict clients expect: the
// caller is a confidential client (a person's bearer token is not), and
// it learns about people's and gateways' access tokens, not the TUI's
// refresh tokens; a token whose session ended is inactive.
func TestIntrospectionAndRevocation(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	u, _ := ts.db.UserByUsername(ctx, "solicitante")
	sess, err := ts.auth.Issuer.StartSession(ctx, u, "gecli-tui")
	if err != nil {
		t.Fatal(err)
	}
	gateway := ts.newSecret(ts.approvedRequest(tjCNPJ).ID, 0)
	if status, _ := ts.postForm("/oauth2/introspect", "", url.Values{"token": {sess.AccessToken}}); status != 401 {
		t.Errorf("anonymous introspection: %d, want 401", status)
	}
	if status, _ := ts.postForm("/oauth2/introspect", sess.AccessToken, url.Values{"token": {sess.AccessToken}}); status != 401 {
		t.Errorf("a person's bearer token as the caller: %d, want 401", status)
	}
	if status, _ := ts.introspect(gateway.ClientID, "gecli_cs_wrong", true, sess.AccessToken); status != 401 {
		t.Errorf("a wrong secret: %d, want 401", status)
	}
	for _, basic := range []bool{true, false} {
		_, body := ts.introspect(gateway.ClientID, gateway.ClientSecret, basic, sess.AccessToken)
		if !strings.Contains(body, `"active":true`) || !strings.Contains(body, `"username":"solicitante"`) {
			t.Errorf("a person's access token (basic %v): %s", basic, body)
		}
	}
	gatewayToken := ts.tokenOf(gateway.ClientID, gateway.ClientSecret)
	if _, body := ts.introspect(gateway.ClientID, gateway.ClientSecret, true, gatewayToken); !strings.Contains(body, `"active":true`) ||
		!strings.Contains(body, `"client_id":"`+gateway.ClientID+`"`) {
		t.Errorf("a gateway token: %s", body)
	}
	if _, body := ts.introspect(gateway.ClientID, gateway.ClientSecret, true, sess.RefreshToken); body != `{"active":false}`+"\n" && !strings.Contains(body, `"active":false`) {
		t.Errorf("a refresh token is the TUI's alone: %s", body)
	}
	// Another institution's client learns nothing of TJ's tokens.
	items, _, _, _ := ts.db.ListRequests(ctx, db.RequestFilter{Institutions: []string{pgeCNPJ}, Statuses: []api.Status{api.StatusApproved}, Limit: 1})
	pgeSecret := api.NewSecret()
	if _, err := ts.db.SetSecret(ctx, items[0].ID, db.NewSecret{Hash: identity.HashSecret(pgeSecret), Hint: api.SecretHint(pgeSecret),
		By: db.Actor{ID: "t", Name: "t"}, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	pge, _ := ts.db.Credential(ctx, items[0].ID, time.Now())
	for name, tok := range map[string]string{"a TJ person's token": sess.AccessToken, "a TJ gateway's token": gatewayToken} {
		if _, body := ts.introspect(pge.ClientID, pgeSecret, true, tok); !strings.Contains(body, `"active":false`) {
			t.Errorf("the PGE's client asking about %s: %s", name, body)
		}
	}
	if status, _ := ts.postForm("/oauth2/revoke", "", url.Values{"token": {sess.RefreshToken}, "client_id": {"gecli-tui"}}); status != 200 {
		t.Fatalf("revoke: %d", status)
	}
	if _, body := ts.introspect(gateway.ClientID, gateway.ClientSecret, true, sess.AccessToken); !strings.Contains(body, `"active":false`) {
		t.Errorf("the access token of an ended session: %s", body)
	}
	// A revoked credential's token is inactive at once, as at the gateway.
	other := ts.newSecret(ts.approvedRequest(tjCNPJ).ID, 0)
	otherToken := ts.tokenOf(other.ClientID, other.ClientSecret)
	otherCredential, _ := ts.db.ClientByID(ctx, other.ClientID)
	if res := ts.postJSON("/api/v1/requests/"+otherCredential.RequestID+"/revoke", ts.tokenFor("admin"), map[string]string{"justification": "fim do convênio"}); res.status != 200 {
		t.Fatalf("revoke the request: %d %s", res.status, res.body)
	}
	if _, body := ts.introspect(gateway.ClientID, gateway.ClientSecret, true, otherToken); !strings.Contains(body, `"active":false`) {
		t.Errorf("a revoked credential's token: %s", body)
	}
	_, body := ts.postToken(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {sess.RefreshToken}, "client_id": {"gecli-tui"}})
	if !strings.Contains(body, "invalid_grant") {
		t.Errorf("refresh after revoke: %s", body)
	}
	if status, _ := ts.postForm("/oauth2/revoke", "", url.Values{"token": {"desconhecido"}, "client_id": {"gecli-tui"}}); status != 200 {
		t.Errorf("revoking an unknown token must be 200 (RFC 7009): %d", status)
	}
}

// TestMetadataAdvertisesWhatExists: RFC 8414 at its address and the same
// document at OpenID's; no authorization endpoint or ID-token signing
// (there are none); every endpoint it names answers.
func TestMetadataAdvertisesWhatExists(t *testing.T) {
	ts := newTestServer(t)
	var docs []map[string]any
	for _, path := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		res := ts.do("GET", path, nil)
		if res.status != 200 {
			t.Fatalf("%s: %d", path, res.status)
		}
		docs = append(docs, decode[map[string]any](t, res.body))
	}
	doc := docs[0]
	if fmt.Sprint(docs[0]) != fmt.Sprint(docs[1]) {
		t.Errorf("the two documents differ:\n%v\n%v", docs[0], docs[1])
	}
	if doc["issuer"] != ts.auth.Issuer.URL {
		t.Errorf("issuer %v, want %s", doc["issuer"], ts.auth.Issuer.URL)
	}
	for _, absent := range []string{"authorization_endpoint", "id_token_signing_alg_values_supported", "userinfo_endpoint"} {
		if _, ok := doc[absent]; ok {
			t.Errorf("%s is advertised but does not exist", absent)
		}
	}
	for _, key := range []string{"device_authorization_endpoint", "token_endpoint", "introspection_endpoint", "revocation_endpoint", "jwks_uri"} {
		endpoint, _ := doc[key].(string)
		path := strings.TrimPrefix(endpoint, ts.auth.Issuer.URL)
		method := "POST"
		if key == "jwks_uri" {
			method = "GET"
		}
		req, _ := http.NewRequest(method, ts.srv.URL+path, strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 404 || res.StatusCode == 405 {
			t.Errorf("%s (%s) answers %d", key, endpoint, res.StatusCode)
		}
	}
}

// signInFrom drives the /device page as a browser at addr would (behind
// the test's trusted proxy), in lang.
func (ts *testServer) signInFrom(addr, lang, userCode, username, password string) (int, http.Header, string) {
	ts.t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	send := func(req *http.Request) *http.Response {
		req.Header.Set("X-Forwarded-For", addr)
		req.Header.Set("Accept-Language", lang)
		res, err := browser.Do(req)
		if err != nil {
			ts.t.Fatal(err)
		}
		return res
	}
	get, _ := http.NewRequest("GET", ts.srv.URL+"/device", nil)
	res := send(get)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		ts.t.Fatalf("no CSRF field on /device:\n%s", page)
	}
	form := url.Values{"csrf": {string(m[1])}, "user_code": {userCode}, "username": {username}, "password": {password}, "action": {"approve"}}
	post, _ := http.NewRequest("POST", ts.srv.URL+"/device", strings.NewReader(form.Encode()))
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res = send(post)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header, string(body)
}

// deviceCode stores a pending device code to approve.
func (ts *testServer) deviceCode(n int) string {
	ts.t.Helper()
	code := fmt.Sprintf("BCDF-%c%c%c%c", "BCDFGHJK"[n%8], "BCDFGHJK"[n/8%8], "BCDFGHJK"[n/64%8], 'M')
	if err := ts.db.CreateDeviceCode(context.Background(), db.DeviceCode{DeviceHash: "h" + code, UserCode: code, ClientID: "gecli-tui",
		ExpiresAt: time.Now().Add(10 * time.Minute), Interval: time.Second}); err != nil {
		ts.t.Fatal(err)
	}
	return code
}

// TestSignInLimitsProtectWithoutLockingOut: wrong passwords slow down
// whoever types them (per account and address, per address, and for an
// attack from many addresses, every address that failed), in the
// person's language and with Retry-After; the owner typing the right
// password elsewhere, or many times in a row, is never refused. Behind
// the trusted proxy the forwarded address is the address.
func TestSignInLimitsProtectWithoutLockingOut(t *testing.T) {
	ts := newTestServer(t)
	ts.auth.Endpoints.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	// Time stands still: what is checked is how many attempts pass, not
	// how fast this machine makes them (the buckets would refill).
	frozen := time.Now()
	ts.auth.Issuer.SetClock(func() time.Time { return frozen })
	attack := ts.deviceCode(0)
	status := 0
	var header http.Header
	var page string
	tries := 0
	for tries = 1; tries <= 10; tries++ {
		if status, header, page = ts.signInFrom("203.0.113.7", "pt-BR", attack, "solicitante", "errada"); status == 429 {
			break
		}
	}
	if status != 429 || tries > 6 || header.Get("Retry-After") == "" || !strings.Contains(page, "tente de novo em") {
		t.Fatalf("after %d wrong passwords from one address: %d (Retry-After %q)\n%.400s", tries, status, header.Get("Retry-After"), page)
	}
	if status, _, page = ts.signInFrom("203.0.113.7", "en-US,en;q=0.9", attack, "solicitante", "errada"); status != 429 ||
		!strings.Contains(page, "try again in") || !strings.Contains(page, `lang="en"`) {
		t.Fatalf("the same in English: %d\n%.400s", status, page)
	}
	if status, _, page = ts.signInFrom("198.51.100.20", "pt-BR", ts.deviceCode(1), "solicitante", "demo-solicitante"); status != 200 {
		t.Fatalf("the owner, from another address, with the right password: %d\n%.400s", status, page)
	}

	// From many addresses at once: the account's own bucket runs dry;
	// addresses that failed wait, a clean one with the right password
	// does not.
	for i := range 60 {
		ts.signInFrom(fmt.Sprintf("192.0.2.%d", i+1), "pt-BR", attack, "avaliador", "errada")
	}
	if status, _, _ = ts.signInFrom("192.0.2.1", "pt-BR", attack, "avaliador", "errada"); status != 429 {
		t.Errorf("an address that failed during a spread attack: %d, want 429", status)
	}
	if status, _, page = ts.signInFrom("198.51.100.30", "pt-BR", ts.deviceCode(2), "avaliador", "demo-avaliador"); status != 200 {
		t.Fatalf("the owner during a spread attack: %d\n%.400s", status, page)
	}

	// The right password does not count: many sign-ins in a row from one
	// address (it used to be refused after five).
	for i := range 8 {
		if status, _, page = ts.signInFrom("198.51.100.40", "pt-BR", ts.deviceCode(10+i), "admin", "demo-admin"); status != 200 {
			t.Fatalf("right password #%d: %d\n%.300s", i+1, status, page)
		}
	}
	// Guessing codes is limited per address.
	for i := range 12 {
		status, _, _ = ts.signInFrom("203.0.113.99", "pt-BR", fmt.Sprintf("XYXY-%cBCD", "BCDFGHJKMNPQ"[i]), "x", "y")
	}
	if status != 429 {
		t.Errorf("12 unknown codes from one address: %d, want 429", status)
	}
}

// TestGuessesInParallelOrFromManyAddressesAreBounded: a burst of wrong
// passwords sent at once from one address is limited like one sent in
// turn (each attempt is counted before its password is checked); an
// IPv6 host counts as its /64; and an attack on one account from many
// IPv4 addresses gets a bounded number of guesses.
func TestGuessesInParallelOrFromManyAddressesAreBounded(t *testing.T) {
	ts := newTestServer(t)
	ts.auth.Endpoints.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	frozen := time.Now() // counts, not speed: the buckets do not refill meanwhile
	ts.auth.Issuer.SetClock(func() time.Time { return frozen })
	code := ts.deviceCode(0)
	heard := func(statuses []int) int {
		n := 0
		for _, s := range statuses {
			if s == 401 {
				n++
			}
		}
		return n
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var parallel []int
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _, _ := ts.signInFrom("203.0.113.50", "pt-BR", code, "admin", "errada")
			mu.Lock()
			parallel = append(parallel, status)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if n := heard(parallel); n > 5 {
		t.Errorf("40 wrong passwords at once from one address: %d checked, want at most 5", n)
	}
	var v6 []int
	for i := range 60 {
		status, _, _ := ts.signInFrom(fmt.Sprintf("2001:db8::%x", i+1), "pt-BR", code, "avaliador", "errada")
		v6 = append(v6, status)
	}
	if n := heard(v6); n > 5 {
		t.Errorf("60 addresses of one IPv6 /64: %d checked, want at most 5", n)
	}
	var spread []int
	for i := range 150 {
		status, _, _ := ts.signInFrom(fmt.Sprintf("10.%d.%d.1", i/200, i%200), "pt-BR", code, "solicitante", "errada")
		spread = append(spread, status)
	}
	if n := heard(spread); n > 85 {
		t.Errorf("150 addresses at one account: %d guesses checked, want at most 80 (the account's 50, then 30 from new addresses)", n)
	}
}
