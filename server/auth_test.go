package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/seed"
)

// testIssuer is an OpenID provider of the test's own: discovery, JWKS and
// a key nobody else has. It stands in for a Keycloak realm, and for an
// attacker's issuer.
type testIssuer struct {
	srv *httptest.Server
	key *ecdsa.PrivateKey
	kid string
}

func newTestIssuer(t *testing.T) *testIssuer {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ti := &testIssuer{key: key, kid: "test-key-1"}
	mux := http.NewServeMux()
	ti.srv = httptest.NewServer(mux)
	t.Cleanup(ti.srv.Close)
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": ti.srv.URL, "jwks_uri": ti.srv.URL + "/jwks",
			"token_endpoint": ti.srv.URL + "/token", "id_token_signing_alg_values_supported": []string{"ES256"}})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: ti.kid, Algorithm: "ES256", Use: "sig"}}})
	})
	return ti
}

// sign mints a token with this issuer's key.
func (ti *testIssuer) sign(t *testing.T, claims map[string]any) string {
	t.Helper()
	return signWith(t, ti.key, ti.kid, claims)
}

func signWith(t *testing.T, key *ecdsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: key, KeyID: kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func claims(iss, aud string, exp time.Time, extra map[string]any) map[string]any {
	c := map[string]any{"iss": iss, "aud": aud, "sub": "u-avaliador", "exp": exp.Unix(), "iat": time.Now().Unix(),
		"preferred_username": "avaliador", "name": "Bruno Lima"}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

func TestBearerTokensAreChecked(t *testing.T) {
	ts := newTestServer(t)
	u, err := ts.db.UserByUsername(context.Background(), "avaliador")
	if err != nil {
		t.Fatal(err)
	}
	good, err := ts.auth.Issuer.AccessToken(u, "gecli-tui")
	if err != nil {
		t.Fatal(err)
	}
	me := decode[api.Me](t, ts.getMe(good).body)
	if !me.HasRole(api.RoleEvaluator) || me.Name != "Bruno Lima" {
		t.Fatalf("valid token: %+v", me)
	}

	other := newTestIssuer(t)
	iss := ts.srv.URL
	stranger, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	keys := ts.auth.Endpoints.Keys
	kid := keys.JWKS().Keys[0].KeyID
	tests := []struct {
		name, token string
		code        api.Code
	}{
		{"no token", "", api.CodeInvalidToken},
		{"garbage", "not.a.jwt", api.CodeInvalidToken},
		{"wrong signature (our kid, another key)", signWith(t, stranger, kid, claims(iss, "gecli", time.Now().Add(time.Minute), nil)), api.CodeInvalidToken},
		{"wrong issuer", other.sign(t, claims(other.srv.URL, "gecli", time.Now().Add(time.Minute), nil)), api.CodeInvalidToken},
		{"wrong audience (our key)", mintWith(t, identity.NewIssuer(iss, "outro-sistema", keys, ts.db), u), api.CodeInvalidToken},
		{"wrong issuer (our key)", mintWith(t, identity.NewIssuer("http://evil.example", "gecli", keys, ts.db), u), api.CodeInvalidToken},
		{"tampered payload", good[:len(good)-4] + "AAAA", api.CodeInvalidToken},
	}
	for _, tt := range tests {
		res := ts.getMe(tt.token)
		p := decode[api.Problem](t, res.body)
		if res.status != 401 || p.Code != tt.code || res.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %d %s, want 401 %s with WWW-Authenticate", tt.name, res.status, p.Code, tt.code)
		}
	}

	// An expired token of our own issuer is told apart: the client refreshes.
	ts.auth.Issuer.SetClock(func() time.Time { return time.Now().Add(-10 * time.Minute) })
	expired, _ := ts.auth.Issuer.AccessToken(u, "gecli-tui")
	if p := decode[api.Problem](t, ts.getMe(expired).body); p.Code != api.CodeTokenExpired {
		t.Errorf("expired token: %s, want token_expired", p.Code)
	}
}

func TestForbiddenRole(t *testing.T) {
	ts := newTestServer(t)
	ts.server.handle("GET", "/api/v1/test-admin-only", ts.server.withPermission(func(w http.ResponseWriter, r *http.Request, p identity.Principal) {
		w.WriteHeader(http.StatusNoContent)
	}, api.PermUsersAdmin))
	for _, c := range []struct {
		user string
		want int
	}{{"solicitante", 403}, {"avaliador", 403}, {"admin", 204}} {
		u, _ := ts.db.UserByUsername(context.Background(), c.user)
		tok, _ := ts.auth.Issuer.AccessToken(u, "gecli-tui")
		req, _ := http.NewRequest("GET", ts.srv.URL+"/api/v1/test-admin-only", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p api.Problem
		json.NewDecoder(res.Body).Decode(&p)
		res.Body.Close()
		if res.StatusCode != c.want || (c.want == 403 && p.Code != api.CodeForbiddenRole) {
			t.Errorf("%s: %d %q, want %d", c.user, res.StatusCode, p.Code, c.want)
		}
	}
}

// TestExternalIssuer: with --issuer URL, tokens of that provider are
// verified by discovery and JWKS, realm roles are mapped, institutions
// come from the claim or from gecli's own table.
func TestExternalIssuer(t *testing.T) {
	ctx := context.Background()
	kc := newTestIssuer(t)
	d, err := db.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := seed.Demo(ctx, d); err != nil {
		t.Fatal(err)
	}
	auth, err := NewAuth(ctx, d, AuthOptions{Issuer: kc.srv.URL, Audience: "gecli", ClientID: "gecli-tui",
		Mapping: identity.DefaultExternalMapping()})
	if err != nil {
		t.Fatal(err)
	}
	gecli := New(d, Config{Auth: auth})
	srv := httptest.NewServer(gecli.Handler())
	defer srv.Close()
	get := func(path, token string) (int, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var buf json.RawMessage
		json.NewDecoder(res.Body).Decode(&buf)
		return res.StatusCode, buf
	}

	tok := kc.sign(t, claims(kc.srv.URL, "gecli", time.Now().Add(time.Minute),
		map[string]any{"realm_access": map[string]any{"roles": []string{"Avaliador", "offline_access"}}}))
	status, body := get("/api/v1/me", tok)
	var me api.Me
	json.Unmarshal(body, &me)
	if status != 200 || len(me.Roles) != 1 || me.Roles[0] != api.RoleEvaluator || len(me.Institutions) != 1 {
		t.Fatalf("external token: %d %s", status, body)
	}

	withClaim := kc.sign(t, claims(kc.srv.URL, "gecli", time.Now().Add(time.Minute), map[string]any{
		"realm_access": map[string]any{"roles": []string{"Solicitante"}}, "institutions": []string{"12.ABC.345/01DE-35"}}))
	_, body = get("/api/v1/me", withClaim)
	json.Unmarshal(body, &me)
	if len(me.Institutions) != 1 || me.Institutions[0].CNPJ != "12ABC34501DE35" || me.Institutions[0].Name == "" {
		t.Errorf("institutions from the claim: %s", body)
	}

	for name, bad := range map[string]string{
		"expired":        kc.sign(t, claims(kc.srv.URL, "gecli", time.Now().Add(-time.Minute), nil)),
		"wrong audience": kc.sign(t, claims(kc.srv.URL, "account", time.Now().Add(time.Minute), nil)),
	} {
		if status, body := get("/api/v1/me", bad); status != 401 {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	_, body = get("/api/v1/meta", "")
	var meta api.Meta
	json.Unmarshal(body, &meta)
	if meta.Auth.Issuer != kc.srv.URL || meta.Auth.ClientID != "gecli-tui" || meta.Auth.Embedded {
		t.Errorf("meta must advertise the external issuer: %+v", meta.Auth)
	}
	for _, path := range []string{"/.well-known/openid-configuration", "/device"} {
		if status, _ := get(path, ""); status != 404 {
			t.Errorf("%s: people's sign-in endpoints must be off with an external issuer: %d", path, status)
		}
	}
	// Client credentials stay with gecli, which signs their tokens.
	if status, _ := get("/oauth2/jwks", ""); status != 200 {
		t.Errorf("jwks for client-credentials tokens: %d", status)
	}

	// Someone the issuer knows and gecli does not appears at their first
	// call, to be linked and disabled here.
	newcomer := claims(kc.srv.URL, "gecli", time.Now().Add(time.Minute), map[string]any{
		"realm_access": map[string]any{"roles": []string{"Solicitante"}}})
	newcomer["sub"], newcomer["preferred_username"], newcomer["name"] = "kc-4471", "marina.souza", "Marina Souza"
	marina := kc.sign(t, newcomer)
	if status, body := get("/api/v1/me", marina); status != 200 {
		t.Fatalf("a newcomer's first call: %d %s", status, body)
	}
	seen, err := d.ListUserEntries(ctx, "marina", "", 10)
	if err != nil || len(seen) != 1 || seen[0].ID != "kc-4471" || seen[0].Role != api.RoleRequester || !seen[0].Activated {
		t.Fatalf("the newcomer is not recorded: %+v %v", seen, err)
	}
	yes := true
	if err := d.PatchUser(ctx, "kc-4471", api.UserPatch{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	gecli.sessions.forget("kc-4471")
	if status, _ := get("/api/v1/me", marina); status != 401 {
		t.Errorf("a disabled external person's next call: %d, want 401", status)
	}
}

func mintWith(t *testing.T, is *identity.Issuer, u db.User) string {
	t.Helper()
	tok, err := is.AccessToken(u, "gecli-tui")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
