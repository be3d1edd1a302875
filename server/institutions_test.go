package server

import (
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestInstitutionsAreAdministered: whoever holds users:admin (the admin
// profile) lists, registers and changes institutions; the CNPJ is checked,
// numeric or alphanumeric; a repeated one is a conflict; a deactivated
// institution keeps its requests and may submit no new one; others are
// refused.
func TestInstitutionsAreAdministered(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	for _, who := range []string{"solicitante", "avaliador"} {
		wantProblem(t, who+" lists institutions", ts.call("GET", "/api/v1/institutions", ts.tokenFor(who), "", nil), 403, api.CodeForbiddenRole)
		wantProblem(t, who+" registers one", ts.call("POST", "/api/v1/institutions", ts.tokenFor(who), "application/json",
			[]byte(`{"cnpj":"11444777000161","name":"Tribunal Regional"}`)), 403, api.CodeForbiddenRole)
	}
	all := decode[api.List[api.InstitutionEntry]](t, ts.call("GET", "/api/v1/institutions", admin, "", nil).body).Items
	if len(all) < 4 || !all[0].Active {
		t.Fatalf("the demo's institutions: %+v", all)
	}

	res := ts.call("POST", "/api/v1/institutions", admin, "application/json", []byte(`{"cnpj":"11.444.777/0001-61","name":"  Tribunal Regional Federal  "}`))
	if res.status != 201 {
		t.Fatalf("register: %d %s", res.status, res.body)
	}
	if got := decode[api.InstitutionEntry](t, res.body); got != (api.InstitutionEntry{CNPJ: "11444777000161", Name: "Tribunal Regional Federal", Active: true}) {
		t.Fatalf("registered as %+v", got)
	}
	if res := ts.call("POST", "/api/v1/institutions", admin, "application/json", []byte(`{"cnpj":"12.ABC.345/01DE-35","name":"Outra"}`)); res.status != 409 {
		t.Errorf("an alphanumeric CNPJ already there: %d %s", res.status, res.body)
	}
	for _, body := range []string{`{"cnpj":"11444777000100","name":"Dígito errado"}`, `{"cnpj":"11444777000161","name":"\u200b\u200b"}`,
		`{"cnpj":"11444777000161","name":"Duas\nlinhas"}`, `{"cnpj":"11444777000161"}`} {
		if res := ts.call("POST", "/api/v1/institutions", admin, "application/json", []byte(body)); res.status != 422 && res.status != 409 {
			t.Errorf("%s: %d, want 422", body, res.status)
		}
	}
	if got := decode[api.List[api.InstitutionEntry]](t, ts.call("GET", "/api/v1/institutions?q=regional", admin, "", nil).body).Items; len(got) != 1 || got[0].CNPJ != "11444777000161" {
		t.Fatalf("search by name: %+v", got)
	}

	// Deactivate the TJ: its requests stay, no new one.
	before := decode[api.List[api.Request]](t, ts.call("GET", "/api/v1/requests?limit=500", ts.tokenFor("solicitante"), "", nil).body).Items
	res = ts.call("PATCH", "/api/v1/institutions/"+tjCNPJ, admin, "application/json", []byte(`{"active":false}`))
	if res.status != 200 || decode[api.InstitutionEntry](t, res.body).Active {
		t.Fatalf("deactivate: %d %s", res.status, res.body)
	}
	sub := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ))
	wantProblem(t, "a submission for an inactive institution", sub, 403, api.CodeInstitutionInactive)
	after := decode[api.List[api.Request]](t, ts.call("GET", "/api/v1/requests?limit=500", ts.tokenFor("solicitante"), "", nil).body).Items
	if len(after) != len(before) {
		t.Fatalf("deactivating changed the requests: %d -> %d", len(before), len(after))
	}
	if res := ts.call("PATCH", "/api/v1/institutions/"+tjCNPJ, admin, "application/json", []byte(`{"active":true,"name":"TJ Exemplo"}`)); res.status != 200 ||
		!strings.Contains(string(res.body), `"name":"TJ Exemplo"`) {
		t.Fatalf("reactivate and rename: %d %s", res.status, res.body)
	}
	if res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)); res.status != 201 {
		t.Fatalf("a submission after reactivation: %d %s", res.status, res.body)
	}
	wantProblem(t, "an unknown institution", ts.call("PATCH", "/api/v1/institutions/11444777000242", admin, "application/json", []byte(`{"active":false}`)), 404, api.CodeNotFound)
	wantProblem(t, "an invalid CNPJ in the path", ts.call("PATCH", "/api/v1/institutions/123", admin, "application/json", []byte(`{}`)), 400, api.CodeInvalidParameter)
}
