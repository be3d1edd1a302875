package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestBodiesAreReadStrictly: a body not declared as JSON is 415; a body
// sent twice, a key given twice, an unknown field, a NUL or a direction
// override are 400 naming the field, and nothing is stored. The same
// submission sent properly is accepted.
func TestBodiesAreReadStrictly(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	good, _ := json.Marshal(submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ))
	with := func(field, raw string) string { // the good body with one more member, raw JSON
		return strings.TrimSuffix(string(good), "}") + `,"` + field + `":` + raw + `}`
	}
	purpose := func(text string) string { // the good body with its purpose replaced
		var m map[string]any
		json.Unmarshal(good, &m)
		m["purpose"] = text
		b, _ := json.Marshal(m)
		return string(b)
	}
	before := len(decode[api.List[api.Request]](t, ts.do("GET", "/api/v1/requests?limit=200", map[string]string{"Authorization": "Bearer " + tok}).body).Items)

	for _, c := range []struct {
		name, contentType, body string
		status                  int
		code                    api.Code
		field                   string
	}{
		{"text/plain", "text/plain", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"no Content-Type", "", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"a form", "application/x-www-form-urlencoded", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"multipart", "multipart/form-data; boundary=x", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"latin-1", "application/json; charset=iso-8859-1", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"the body twice", "application/json", string(good) + string(good), 400, api.CodeValidation, ""},
		{"purpose twice", "application/json", with("purpose", `"outra finalidade, a segunda vence em silêncio"`), 400, api.CodeValidation, "purpose"},
		{"an unknown field", "application/json", with("status", `"approved"`), 400, api.CodeValidation, "status"},
		{"a NUL", "application/json", purpose("Integração do sistema\u0000 processual do tribunal"), 400, api.CodeValidation, "purpose"},
		{"a bidi override", "application/json", purpose("Integração do sistema \u202eprocessual do tribunal"), 400, api.CodeValidation, "purpose"},
		{"a lone surrogate", "application/json", strings.Replace(string(good), `"purpose":"`, `"purpose":"\ud800`, 1), 400, api.CodeValidation, "purpose"},
	} {
		res := ts.call("POST", "/api/v1/requests", tok, c.contentType, []byte(c.body))
		wantProblem(t, c.name, res, c.status, c.code)
		if c.field != "" && res.status == c.status {
			p := decode[api.Problem](t, res.body)
			if len(p.Fields) != 1 || p.Fields[0].Field != c.field {
				t.Errorf("%s: fields %+v, want %s", c.name, p.Fields, c.field)
			}
		}
	}
	after := len(decode[api.List[api.Request]](t, ts.do("GET", "/api/v1/requests?limit=200", map[string]string{"Authorization": "Bearer " + tok}).body).Items)
	if after != before {
		t.Fatalf("refused bodies stored %d requests", after-before)
	}
	if res := ts.call("POST", "/api/v1/requests", tok, "application/json; charset=UTF-8", good); res.status != 201 {
		t.Fatalf("the good body: %d %s", res.status, res.body)
	}

	// A decision's justification with a NUL would enter the hash-chained
	// history: refused.
	r := decode[api.Request](t, ts.postJSON("/api/v1/requests", tok, submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)).body)
	res := ts.call("POST", "/api/v1/requests/"+r.ID+"/decision", ts.tokenFor("avaliador"), "application/json",
		[]byte(`{"decision":"reject","justification":"documentação incompleta\u0000"}`))
	wantProblem(t, "a NUL in a justification", res, 400, api.CodeValidation)
}

// TestEveryDoorTakesBearerInAnyCase: the API, the gateway and the vault's
// resolve read the scheme case-insensitively (RFC 7235 §2.1).
func TestEveryDoorTakesBearerInAnyCase(t *testing.T) {
	ts := newTestServer(t)
	if res := ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "bearer " + ts.tokenFor("solicitante")}); res.status != 200 {
		t.Errorf("the API with \"bearer\": %d %s", res.status, res.body)
	}
	approved := ts.approvedRequest(tjCNPJ)
	secret := ts.newSecret(approved.ID, 0)
	token := ts.tokenOf(secret.ClientID, secret.ClientSecret)
	if res := ts.do("GET", "/gateway/hmg/ping", map[string]string{"Authorization": "BEARER " + token}); res.status != 200 {
		t.Errorf("the gateway with \"BEARER\": %d %s", res.status, res.body)
	}
	if res := ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Basic " + ts.tokenFor("solicitante")}); res.status != 401 {
		t.Errorf("another scheme: %d", res.status)
	}
}
