package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, b)
	}
	return v
}

func ids(items []api.API) []string {
	out := make([]string, len(items))
	for i, a := range items {
		out[i] = a.ID
	}
	return out
}

func TestCatalogFilters(t *testing.T) {
	ts := newTestServer(t)
	all := decode[api.List[api.API]](t, ts.do("GET", "/api/v1/apis", nil).body)
	if len(all.Items) < 15 {
		t.Fatalf("catalog has %d APIs", len(all.Items))
	}
	tests := []struct {
		query   string
		check   func(api.API) bool
		atLeast int
	}{
		// Accents are ignored and category labels are searchable.
		{"q=" + url.QueryEscape("notificação"), func(a api.API) bool { return a.Category == api.CatNotification }, 4},
		{"q=notificacao", func(a api.API) bool { return a.Category == api.CatNotification }, 4},
		{"q=" + url.QueryEscape("diário ELETRÔNICO"), func(a api.API) bool {
			return strings.Contains(api.Fold(a.Name+a.Description), "diario")
		}, 1},
		{"q=CPF", func(a api.API) bool { return strings.Contains(api.Fold(a.Name+a.Description+a.Acronym), "cpf") }, 1},
		{"category=notification", func(a api.API) bool { return a.Category == api.CatNotification }, 2},
		{"env=prd", func(a api.API) bool { return a.Offers(api.EnvPRD) }, 10},
		{"env=hmg&category=configuration", func(a api.API) bool {
			return a.Offers(api.EnvHMG) && a.Category == api.CatConfiguration
		}, 2},
	}
	for _, tt := range tests {
		got := decode[api.List[api.API]](t, ts.do("GET", "/api/v1/apis?"+tt.query, nil).body)
		if len(got.Items) < tt.atLeast {
			t.Errorf("%s: %d items %v, want at least %d", tt.query, len(got.Items), ids(got.Items), tt.atLeast)
		}
		for _, a := range got.Items {
			if !tt.check(a) {
				t.Errorf("%s: %s should have been filtered out", tt.query, a.ID)
			}
		}
		if len(got.Items) == len(all.Items) {
			t.Errorf("%s filtered nothing", tt.query)
		}
	}
	none := decode[api.List[api.API]](t, ts.do("GET", "/api/v1/apis?q=xyzzy", nil).body)
	if none.Items == nil || len(none.Items) != 0 {
		t.Errorf("no match must be an empty list, got %v", none.Items)
	}
}

func TestCatalogETagRevalidation(t *testing.T) {
	ts := newTestServer(t)
	first := ts.do("GET", "/api/v1/apis?env=hmg", nil)
	etag := first.header.Get("ETag")
	if first.status != 200 || etag == "" {
		t.Fatalf("status %d etag %q", first.status, etag)
	}
	again := ts.do("GET", "/api/v1/apis?env=hmg", map[string]string{"If-None-Match": etag})
	if again.status != http.StatusNotModified || len(again.body) != 0 {
		t.Fatalf("revalidation: %d with %d bytes, want 304 and no body", again.status, len(again.body))
	}
	other := ts.do("GET", "/api/v1/apis?env=prd", map[string]string{"If-None-Match": etag})
	if other.status != 200 {
		t.Fatalf("another filter with an old etag: %d, want 200", other.status)
	}

	// Publishing an API changes the catalog: the old ETag must not match.
	extra := seed.DemoAPIs()[0]
	extra.API.ID, extra.API.Terms.ID = "nova-api", "tu-nova-api-1"
	if err := ts.db.InsertAPIs(context.Background(), []db.NewAPI{extra}); err != nil {
		t.Fatal(err)
	}
	changed := ts.do("GET", "/api/v1/apis?env=hmg", map[string]string{"If-None-Match": etag})
	if changed.status != 200 || !strings.Contains(string(changed.body), `"nova-api"`) {
		t.Fatalf("after a catalog change: %d, want 200 with the new API", changed.status)
	}
}

func TestGetAPIAndDocuments(t *testing.T) {
	ts := newTestServer(t)
	res := ts.do("GET", "/api/v1/apis/sngb", nil)
	a := decode[api.API](t, res.body)
	if a.Rule.HMG != api.RuleCustomFields || len(a.CustomFields) == 0 {
		t.Errorf("sngb: rule %+v, %d custom fields", a.Rule, len(a.CustomFields))
	}
	if !strings.HasSuffix(a.OpenAPIURL, "/api/v1/apis/sngb/openapi.json") || !strings.HasPrefix(a.OpenAPIURL, ts.srv.URL) {
		t.Errorf("openapi_url %q does not point at this server", a.OpenAPIURL)
	}

	terms := ts.do("GET", "/api/v1/apis/sngb/terms", nil)
	if terms.header.Get("Content-Type") != "application/pdf" || api.ValidatePDF(terms.body) != nil {
		t.Fatalf("terms are not a PDF: %s", terms.header.Get("Content-Type"))
	}
	sum := sha256.Sum256(terms.body)
	if hex.EncodeToString(sum[:]) != a.Terms.SHA256 {
		t.Error("terms PDF does not match the published sha256")
	}

	doc := ts.do("GET", "/api/v1/apis/sngb/openapi.json", nil)
	if doc.status != 200 || !strings.Contains(string(doc.body), `"/v1/bens/{id}"`) {
		t.Errorf("openapi document: %d %.100s", doc.status, doc.body)
	}
}

func TestBadInputGetsClearProblems(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		method, path string
		status       int
		code         api.Code
		field        string
	}{
		{"GET", "/api/v1/apis?category=musica", 400, api.CodeInvalidParameter, "category"},
		{"GET", "/api/v1/apis?env=dev", 400, api.CodeInvalidParameter, "env"},
		{"GET", "/api/v1/apis?q=" + strings.Repeat("a", api.MaxQueryLen+1), 400, api.CodeQueryTooLong, "q"},
		{"GET", "/api/v1/apis/Not%20An%20Id", 400, api.CodeInvalidID, "id"},
		{"GET", "/api/v1/apis/nao-existe", 404, api.CodeAPINotFound, ""},
		{"GET", "/api/v1/apis/nao-existe/terms", 404, api.CodeAPINotFound, ""},
		{"GET", "/api/v2/apis", 404, api.CodeNotFound, ""},
		{"POST", "/api/v1/apis", 401, api.CodeInvalidToken, ""},
		{"DELETE", "/api/v1/apis/sngb", 405, api.CodeMethodNotAllowed, ""},
	}
	for _, tt := range tests {
		res := ts.do(tt.method, tt.path, nil)
		if res.status != tt.status || res.header.Get("Content-Type") != api.ProblemContentType {
			t.Errorf("%s %s: %d %s, want %d problem+json", tt.method, tt.path, res.status, res.header.Get("Content-Type"), tt.status)
			continue
		}
		p := decode[api.Problem](t, res.body)
		if p.Code != tt.code || p.Detail == "" || p.Status != tt.status {
			t.Errorf("%s %s: problem %+v, want code %s with a detail", tt.method, tt.path, p, tt.code)
		}
		if tt.field != "" && (len(p.Fields) == 0 || p.Fields[0].Field != tt.field) {
			t.Errorf("%s %s: fields %+v, want %q named", tt.method, tt.path, p.Fields, tt.field)
		}
	}
}

func TestHealthVersionMetaAndSpec(t *testing.T) {
	ts := newTestServer(t)
	for _, p := range []string{"/healthz", "/readyz", "/version", "/api/v1/meta", "/openapi.yaml"} {
		if res := ts.do("GET", p, nil); res.status != 200 {
			t.Errorf("%s: %d", p, res.status)
		}
	}
	meta := decode[api.Meta](t, ts.do("GET", "/api/v1/meta", nil).body)
	if meta.ApprovalMatrix[api.SysDatalake].PRD != api.RuleFormRes316 || len(meta.Categories) != 4 {
		t.Errorf("meta: %+v", meta)
	}
	ts.db.Close() // the database goes away: not ready, but still alive
	if res := ts.do("GET", "/readyz", nil); res.status != http.StatusServiceUnavailable {
		t.Errorf("readyz without a database: %d, want 503", res.status)
	}
	if res := ts.do("GET", "/healthz", nil); res.status != 200 {
		t.Errorf("healthz without a database: %d", res.status)
	}
}
