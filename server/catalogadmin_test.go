package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/seed"
)

// TestTheCatalogIsAdministered: an administrator creates an API as a
// draft (invisible to the public), cannot publish it before its terms,
// uploads them, publishes it (now listed and requestable), edits it and
// retires it (out of the catalog and of new requests; its requests stay).
// Others may not; bad descriptions are refused field by field.
func TestTheCatalogIsAdministered(t *testing.T) {
	ts := newTestServer(t)
	admin, requester := ts.tokenFor("admin"), ts.tokenFor("solicitante")
	draft := api.APIWrite{ID: "consulta-obitos", Name: "Consulta de Óbitos", Acronym: "OBITOS", Description: "Registros de óbito para atualização cadastral.",
		Category: api.Categories[0], SystemType: api.SysOther, Owner: "DTI/CNJ", AuthType: "oauth2_client_credentials",
		Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://hmg.exemplo.jus.br/obitos"}}}
	body, _ := json.Marshal(draft)
	for _, who := range []string{"solicitante", "avaliador"} {
		wantProblem(t, who+" creates an API", ts.call("POST", "/api/v1/apis", ts.tokenFor(who), "application/json", body), 403, api.CodeForbiddenRole)
	}
	res := ts.call("POST", "/api/v1/apis", admin, "application/json", body)
	if res.status != 201 || decode[api.API](t, res.body).State != api.APIDraft {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	wantProblem(t, "the same id again", ts.call("POST", "/api/v1/apis", admin, "application/json", body), 409, api.CodeAPIExists)
	public := func() (int, bool) {
		one := ts.do("GET", "/api/v1/apis/consulta-obitos", nil)
		listed := strings.Contains(string(ts.do("GET", "/api/v1/apis", nil).body), "consulta-obitos")
		return one.status, listed
	}
	if status, listed := public(); status != 404 || listed {
		t.Fatalf("a draft is public: %d, listed %v", status, listed)
	}
	wantProblem(t, "publish without terms", ts.call("POST", "/api/v1/apis/consulta-obitos/publish", admin, "", nil), 409, api.CodeAPINotReady)

	pdf := seed.DemoAPIs()[0].TermsPDF
	wantProblem(t, "terms that are not a PDF", ts.call("POST", "/api/v1/apis/consulta-obitos/terms?version=1", admin, "application/pdf", []byte("texto")), 415, api.CodeNotPDF)
	res = ts.call("POST", "/api/v1/apis/consulta-obitos/terms?version=1", admin, "application/pdf", pdf)
	if res.status != 201 {
		t.Fatalf("terms: %d %s", res.status, res.body)
	}
	terms := decode[api.Terms](t, res.body)
	if res := ts.call("POST", "/api/v1/apis/consulta-obitos/terms?version=1", admin, "application/pdf", pdf); res.status != 409 {
		t.Errorf("the same version twice: %d", res.status)
	}
	etag := ts.do("GET", "/api/v1/apis", nil).header.Get("ETag")
	if res := ts.call("POST", "/api/v1/apis/consulta-obitos/publish", admin, "", nil); res.status != 200 || decode[api.API](t, res.body).State != api.APIPublished {
		t.Fatalf("publish: %d %s", res.status, res.body)
	}
	if status, listed := public(); status != 200 || !listed {
		t.Fatalf("a published API: %d, listed %v", status, listed)
	}
	if ts.do("GET", "/api/v1/apis", nil).header.Get("ETag") == etag {
		t.Error("the catalog's ETag did not change: clients would keep their old copy")
	}
	published := decode[api.API](t, ts.do("GET", "/api/v1/apis/consulta-obitos", nil).body)
	sub := submission(published, api.EnvHMG, tjCNPJ)
	if sub.Terms.ID != terms.ID {
		t.Fatalf("the submission accepts %+v, the API's terms are %+v", sub.Terms, terms)
	}
	first := ts.postJSON("/api/v1/requests", requester, sub)
	if first.status != 201 {
		t.Fatalf("a request for the new API: %d %s", first.status, first.body)
	}

	// Its OpenAPI document: YAML in, validated, served as JSON; a broken
	// one is refused and the stored one stays.
	if res := ts.do("GET", "/api/v1/apis/consulta-obitos/openapi.json", nil); res.status != 404 {
		t.Errorf("the document of an API without one: %d", res.status)
	}
	yaml := "openapi: 3.0.3\ninfo: {title: Óbitos, version: '1'}\npaths:\n  /obitos:\n    get:\n      responses:\n        '200': {description: ok}\n"
	if res := ts.call("PUT", "/api/v1/apis/consulta-obitos/openapi", admin, "application/yaml", []byte(yaml)); res.status != 200 {
		t.Fatalf("upload the document: %d %s", res.status, res.body)
	}
	wantProblem(t, "a broken document", ts.call("PUT", "/api/v1/apis/consulta-obitos/openapi", admin, "application/yaml",
		[]byte("openapi: 3.0.3\npaths: {}\n")), 422, api.CodeBadOpenAPI)
	if doc := ts.do("GET", "/api/v1/apis/consulta-obitos/openapi.json", nil); doc.status != 200 || !strings.Contains(string(doc.body), `"/obitos"`) {
		t.Fatalf("the document served: %d %.200s", doc.status, doc.body)
	}
	if res := ts.call("POST", "/api/v1/apis/consulta-obitos/terms?version=2", admin, "application/pdf", pdf); res.status != 201 {
		t.Fatalf("terms v2: %d %s", res.status, res.body)
	}
	versions := decode[api.List[api.TermsVersion]](t, ts.do("GET", "/api/v1/apis/consulta-obitos/terms/versions", nil).body).Items
	if len(versions) != 2 || !versions[0].Current || versions[1].Current || versions[0].Version != "2" {
		t.Fatalf("terms versions: %+v", versions)
	}
	wantProblem(t, "a submission accepting the old terms", ts.postJSON("/api/v1/requests", requester, sub), 422, api.CodeTermsNotAccepted)

	draft.Description = "Registros de óbito do SIRC para atualização cadastral."
	body, _ = json.Marshal(draft)
	if res := ts.call("PUT", "/api/v1/apis/consulta-obitos", admin, "application/json", body); res.status != 200 ||
		!strings.Contains(string(res.body), "SIRC") || decode[api.API](t, res.body).State != api.APIPublished {
		t.Fatalf("update: %d %s", res.status, res.body)
	}
	wantProblem(t, "an id changed by an update", ts.call("PUT", "/api/v1/apis/sngb", admin, "application/json", body), 422, api.CodeValidation)

	if res := ts.call("POST", "/api/v1/apis/consulta-obitos/retire", admin, "", nil); res.status != 200 || decode[api.API](t, res.body).State != api.APIRetired {
		t.Fatalf("retire: %d %s", res.status, res.body)
	}
	if status, listed := public(); status != 404 || listed {
		t.Fatalf("a retired API is public: %d, listed %v", status, listed)
	}
	wantProblem(t, "a request for a retired API", ts.postJSON("/api/v1/requests", requester, sub), 422, api.CodeAPINotPublished)
	if res := ts.do("GET", "/api/v1/requests/"+decode[api.Request](t, first.body).ID, map[string]string{"Authorization": "Bearer " + requester}); res.status != 200 {
		t.Fatalf("the retired API's request is gone: %d", res.status)
	}

	bad := draft
	bad.ID, bad.AuthType, bad.Name = "outra-api", "senha", "X"
	bad.Environments = []api.APIEnvironment{{Name: "dev", BaseURL: "ftp://x"}}
	body, _ = json.Marshal(bad)
	res = ts.call("POST", "/api/v1/apis", admin, "application/json", body)
	p := decode[api.Problem](t, res.body)
	if res.status != 422 || len(p.Fields) < 4 {
		t.Fatalf("a bad description: %d %+v", res.status, p.Fields)
	}
}
