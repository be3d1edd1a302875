package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

func (ts *testServer) approvedRequest(cnpj string) api.Request {
	ts.t.Helper()
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysOther, api.EnvHMG), api.EnvHMG, cnpj))
	if res.status != 201 {
		ts.t.Fatalf("submit: %d %s", res.status, res.body)
	}
	r := decode[api.Request](ts.t, res.body)
	if r.Status != api.StatusApproved || r.CredentialState != api.CredentialAvailable {
		ts.t.Fatalf("an automatic approval must leave a credential to generate: %s %s", r.Status, r.CredentialState)
	}
	return r
}

func (ts *testServer) newSecret(requestID string, grace int) api.SecretResponse {
	ts.t.Helper()
	res := ts.postJSON("/api/v1/requests/"+requestID+"/credential/secret", ts.tokenFor("solicitante"), api.SecretRequest{GraceSeconds: grace})
	if res.status != 200 {
		ts.t.Fatalf("generate secret: %d %s", res.status, res.body)
	}
	if res.header.Get("Cache-Control") != "no-store" {
		ts.t.Errorf("a secret must not be cached: Cache-Control %q", res.header.Get("Cache-Control"))
	}
	return decode[api.SecretResponse](ts.t, res.body)
}

// grant asks for a client-credentials token, authenticating with HTTP
// Basic or in the body, and validates the answer against the spec.
func (ts *testServer) grant(clientID, secret string, basic bool, extra url.Values) response {
	ts.t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}}
	if !basic {
		form.Set("client_id", clientID)
		form.Set("client_secret", secret)
	}
	for k, v := range extra {
		form[k] = v
	}
	body := form.Encode()
	newReq := func() *http.Request {
		req, _ := http.NewRequest("POST", ts.srv.URL+"/oauth2/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basic {
			req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
		}
		return req
	}
	res, err := ts.srv.Client().Do(newReq())
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	ts.validate(newReq(), res, b)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// tokenOf grants and returns the access token, failing the test otherwise.
func (ts *testServer) tokenOf(clientID, secret string) string {
	ts.t.Helper()
	res := ts.grant(clientID, secret, true, nil)
	if res.status != 200 {
		ts.t.Fatalf("grant: %d %s", res.status, res.body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
		Refresh     string `json:"refresh_token"`
	}
	json.Unmarshal(res.body, &tok)
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 300 || tok.Refresh != "" {
		ts.t.Errorf("client-credentials token: %s", res.body)
	}
	return tok.AccessToken
}

func (ts *testServer) ping(env, token string, header map[string]string) response {
	ts.t.Helper()
	h := map[string]string{"Authorization": "Bearer " + token}
	for k, v := range header {
		h[k] = v
	}
	return ts.do("GET", "/gateway/"+env+"/ping", h)
}

func wantProblem(t *testing.T, what string, res response, status int, code api.Code) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: %d, want %d (%s)", what, res.status, status, res.body)
		return
	}
	if code == "" {
		return
	}
	var p api.Problem
	json.Unmarshal(res.body, &p)
	if p.Code != code {
		t.Errorf("%s: code %q, want %q (%s)", what, p.Code, code, res.body)
	}
}

func wantOAuthError(t *testing.T, what string, res response, status int, code string) {
	t.Helper()
	var e struct{ Error string }
	json.Unmarshal(res.body, &e)
	if res.status != status || e.Error != code {
		t.Errorf("%s: %d %s, want %d %s", what, res.status, res.body, status, code)
	}
}

func (ts *testServer) credential(requestID string) api.Credential {
	ts.t.Helper()
	res := ts.do("GET", "/api/v1/credentials", map[string]string{"Authorization": "Bearer " + ts.tokenFor("solicitante")})
	for _, c := range decode[api.CredentialList](ts.t, res.body).Items {
		if c.RequestID == requestID {
			return c
		}
	}
	ts.t.Fatalf("credential of %s not listed", requestID)
	return api.Credential{}
}
