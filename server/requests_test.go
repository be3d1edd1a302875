package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// tokenFor mints an access token of a demo user.
func (ts *testServer) tokenFor(username string) string {
	ts.t.Helper()
	u, err := ts.db.UserByUsername(context.Background(), username)
	if err != nil {
		ts.t.Fatal(err)
	}
	tok, err := ts.auth.Issuer.AccessToken(u, "gecli-tui")
	if err != nil {
		ts.t.Fatal(err)
	}
	return tok
}

// call sends a request with a body and validates the answer against the spec.
func (ts *testServer) call(method, path, token, contentType string, body []byte) response {
	ts.t.Helper()
	req, _ := http.NewRequest(method, ts.srv.URL+path, bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := ts.srv.Client().Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	// Validate with a replayable body.
	check, _ := http.NewRequest(method, ts.srv.URL+path, bytes.NewReader(body))
	check.Header = req.Header
	ts.validate(check, res, b)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (ts *testServer) postJSON(path, token string, v any) response {
	b, _ := json.Marshal(v)
	return ts.call("POST", path, token, "application/json", b)
}

// apiFor finds a demo API of a system type, without a rule override,
// offering env.
func (ts *testServer) apiFor(st api.SystemType, env api.Environment) api.API {
	ts.t.Helper()
	items, _ := ts.db.ListAPIs(context.Background(), db.CatalogFilter{Env: env})
	for _, a := range items {
		if a.SystemType == st && a.Rule == api.ApprovalMatrix[st] {
			return a
		}
	}
	ts.t.Fatalf("no demo API of type %s in %s", st, env)
	return api.API{}
}

const (
	tjCNPJ  = "11222333000181" // linked to solicitante
	pgeCNPJ = "33683111000107" // linked to no demo requester
)

func TestApprovalRulesMatrix(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	for _, st := range api.SystemTypes {
		for _, env := range api.Environments {
			t.Run(string(st)+"/"+string(env), func(t *testing.T) {
				a := ts.apiFor(st, env)
				res := ts.postJSON("/api/v1/requests", tok, submission(a, env, tjCNPJ))
				if res.status != 201 {
					t.Fatalf("submit: %d %s", res.status, res.body)
				}
				r := decode[api.Request](t, res.body)
				want := api.ApprovalMatrix[st].For(env)
				if r.Rule != want {
					t.Errorf("rule %s, want %s", r.Rule, want)
				}
				last := r.History[len(r.History)-1]
				if want == api.RuleAuto {
					if r.Status != api.StatusApproved || r.DecidedAt == "" || last.Action != "auto_approved" ||
						!strings.Contains(last.Justification, "aprovação automática em") {
						t.Errorf("automatic rule: status %s, last event %+v", r.Status, last)
					}
				} else if r.Status != api.StatusPending || r.DecidedAt != "" {
					t.Errorf("rule %s must wait for an evaluator: status %s", want, r.Status)
				}
				if err := ts.db.VerifyHistory(context.Background(), r.ID); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

func TestSubmissionRefusals(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	sngb := ts.apiFor(api.SysSNGB, api.EnvPRD)
	other := ts.apiFor(api.SysOther, api.EnvHMG)
	tests := []struct {
		name   string
		mutate func(*api.RequestCreate)
		status int
		code   api.Code
		field  string
	}{
		{"custom field missing", func(c *api.RequestCreate) { delete(c.CustomFields, "orgao_custodiante") }, 422, api.CodeValidation, "custom_fields.orgao_custodiante"},
		{"custom field pattern", func(c *api.RequestCreate) { c.CustomFields["codigo_unidade"] = "abc" }, 422, api.CodeValidation, "custom_fields.codigo_unidade"},
		{"unknown custom field", func(c *api.RequestCreate) { c.CustomFields["extra"] = "x" }, 422, api.CodeValidation, "custom_fields.extra"},
		{"bad contact CPF", func(c *api.RequestCreate) { c.TechnicalContact.CPF = "111.111.111-11" }, 422, api.CodeValidation, "technical_contact.cpf"},
		{"short purpose", func(c *api.RequestCreate) { c.Purpose = "teste" }, 422, api.CodeValidation, "purpose"},
		{"bad SEI number", func(c *api.RequestCreate) { c.SEIProcess = "123" }, 422, api.CodeValidation, "sei_process"},
		{"old terms version", func(c *api.RequestCreate) { c.Terms.Version = "0.1" }, 422, api.CodeTermsNotAccepted, "terms"},
		{"terms not accepted", func(c *api.RequestCreate) { c.Terms.Accepted = false }, 422, api.CodeTermsNotAccepted, "terms"},
		{"institution not linked", func(c *api.RequestCreate) { c.InstitutionCNPJ = pgeCNPJ }, 403, api.CodeInstitutionNotLinked, "institution_cnpj"},
		{"invalid CNPJ", func(c *api.RequestCreate) { c.InstitutionCNPJ = "11222333000180" }, 422, api.CodeValidation, "institution_cnpj"},
	}
	for _, tt := range tests {
		c := submission(sngb, api.EnvPRD, tjCNPJ)
		tt.mutate(&c)
		res := ts.postJSON("/api/v1/requests", tok, c)
		p := decode[api.Problem](t, res.body)
		if res.status != tt.status || p.Code != tt.code {
			t.Errorf("%s: %d %s, want %d %s", tt.name, res.status, p.Code, tt.status, tt.code)
			continue
		}
		found := false
		for _, f := range p.Fields {
			found = found || f.Field == tt.field
		}
		if !found {
			t.Errorf("%s: fields %+v do not name %s", tt.name, p.Fields, tt.field)
		}
	}
	hmgOnly := submission(other, api.EnvHMG, tjCNPJ)
	hmgOnly.APIID = "notificacoes-pdpj"
	hmgOnly.Environment = api.EnvPRD
	if res := ts.postJSON("/api/v1/requests", tok, hmgOnly); res.status != 422 || !strings.Contains(string(res.body), "environment") {
		t.Errorf("an environment the API lacks: %d %s", res.status, res.body)
	}
	if res := ts.call("POST", "/api/v1/requests", tok, "application/json", []byte(`{"api_id":"tpu","surprise":1}`)); res.status != 400 {
		t.Errorf("unknown JSON field: %d", res.status)
	}
	if res := ts.call("POST", "/api/v1/requests", tok, "application/json", bytes.Repeat([]byte("x"), api.MaxJSONBodyBytes+10)); res.status != 413 {
		t.Errorf("oversize body: %d, want 413", res.status)
	}
}

// TestRequestAuthorizationMatrix: role × endpoint, and another
// institution's requests are invisible (404) to requesters.
func TestRequestAuthorizationMatrix(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	solicitante, avaliador, admin := ts.tokenFor("solicitante"), ts.tokenFor("avaliador"), ts.tokenFor("admin")
	all, _, _, _ := ts.db.ListRequests(ctx, db.RequestFilter{Limit: 1000})
	var foreign, ownPending, ownApproved api.Request
	for _, r := range all {
		switch {
		case r.Institution.CNPJ == pgeCNPJ && r.Status == api.StatusPending:
			foreign = r
		case r.Institution.CNPJ == tjCNPJ && r.Status == api.StatusPending && ownPending.ID == "":
			ownPending = r
		case r.Institution.CNPJ == tjCNPJ && r.Status == api.StatusApproved && ownApproved.ID == "":
			ownApproved = r
		}
	}
	if foreign.ID == "" || ownPending.ID == "" || ownApproved.ID == "" {
		t.Fatal("demo data lacks the requests this test needs")
	}
	tpu, _ := ts.db.GetAPI(ctx, "tpu")
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      api.Code
	}{
		{"list without token", "GET", "/api/v1/requests", "", nil, 401, api.CodeInvalidToken},
		{"requester reads own", "GET", "/api/v1/requests/" + ownPending.ID, solicitante, nil, 200, ""},
		{"requester reads another institution's", "GET", "/api/v1/requests/" + foreign.ID, solicitante, nil, 404, api.CodeNotFoundReq},
		{"evaluator reads any", "GET", "/api/v1/requests/" + foreign.ID, avaliador, nil, 200, ""},
		{"admin reads any", "GET", "/api/v1/requests/" + foreign.ID, admin, nil, 200, ""},
		{"evaluator cannot submit", "POST", "/api/v1/requests", avaliador, submission(tpu, api.EnvHMG, tjCNPJ), 403, api.CodeForbiddenRole},
		{"admin cannot submit", "POST", "/api/v1/requests", admin, submission(tpu, api.EnvHMG, tjCNPJ), 403, api.CodeForbiddenRole},
		{"requester cancels another institution's", "POST", "/api/v1/requests/" + foreign.ID + "/cancel", solicitante, nil, 404, api.CodeNotFoundReq},
		{"evaluator cannot cancel", "POST", "/api/v1/requests/" + ownPending.ID + "/cancel", avaliador, nil, 403, api.CodeForbiddenRole},
		{"requester cannot cancel an approved one", "POST", "/api/v1/requests/" + ownApproved.ID + "/cancel", solicitante, nil, 409, api.CodeRequestState},
		{"requester cancels own pending", "POST", "/api/v1/requests/" + ownPending.ID + "/cancel", solicitante, nil, 200, ""},
		{"cancelling twice", "POST", "/api/v1/requests/" + ownPending.ID + "/cancel", solicitante, nil, 409, api.CodeRequestState},
		{"upload to another institution's", "POST", "/api/v1/requests/" + foreign.ID + "/attachments", solicitante, nil, 404, api.CodeNotFoundReq},
		{"unknown request", "GET", "/api/v1/requests/SOL-1900-000001", avaliador, nil, 404, api.CodeNotFoundReq},
	}
	for _, tt := range tests {
		var res response
		if tt.body != nil {
			res = ts.postJSON(tt.path, tt.token, tt.body)
		} else {
			res = ts.call(tt.method, tt.path, tt.token, "", nil)
		}
		if res.status != tt.status {
			t.Errorf("%s: %d, want %d (%s)", tt.name, res.status, tt.status, res.body)
			continue
		}
		if tt.code != "" {
			if p := decode[api.Problem](t, res.body); p.Code != tt.code {
				t.Errorf("%s: code %s, want %s", tt.name, p.Code, tt.code)
			}
		}
	}

	mine := decode[api.RequestList](t, ts.call("GET", "/api/v1/requests?limit=1000", solicitante, "", nil).body)
	everyone := decode[api.RequestList](t, ts.call("GET", "/api/v1/requests?limit=1000", avaliador, "", nil).body)
	linked := map[string]bool{}
	for _, in := range seed.DemoUsers[0].Institutions {
		linked[in.CNPJ] = true
	}
	for _, r := range mine.Items {
		if !linked[r.Institution.CNPJ] {
			t.Fatalf("requester sees %s of %s", r.ID, r.Institution.Name)
		}
	}
	if len(mine.Items) == 0 || len(everyone.Items) <= len(mine.Items) {
		t.Errorf("requester sees %d, evaluator %d", len(mine.Items), len(everyone.Items))
	}
}

func TestAttachments(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	a := ts.apiFor(api.SysOther, api.EnvPRD)
	r := decode[api.Request](t, ts.postJSON("/api/v1/requests", tok, submission(a, api.EnvPRD, tjCNPJ)).body)
	path := "/api/v1/requests/" + r.ID + "/attachments?filename=" + "oficio.pdf"

	if res := ts.call("POST", path, tok, "application/pdf", []byte("não sou um PDF, só me chamo assim\n")); res.status != 415 ||
		decode[api.Problem](t, res.body).Code != api.CodeNotPDF {
		t.Errorf("text named .pdf: %d %s", res.status, res.body)
	}
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0"), api.MaxAttachmentBytes-9+1)...)
	if res := ts.call("POST", path, tok, "application/pdf", big); res.status != 413 ||
		decode[api.Problem](t, res.body).Code != api.CodeAttachmentTooLarge {
		t.Errorf("10 MB + 1 byte: %d", res.status)
	}
	pdf := seed.DemoAPIs()[0].TermsPDF
	res := ts.call("POST", path, tok, "application/pdf", pdf)
	if res.status != 201 {
		t.Fatalf("valid PDF: %d %s", res.status, res.body)
	}
	att := decode[api.Attachment](t, res.body)
	detail := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+r.ID, ts.tokenFor("avaliador"), "", nil).body)
	if len(detail.Attachments) != 1 || detail.Attachments[0].Filename != "oficio.pdf" || detail.Seq <= r.Seq {
		t.Errorf("detail after upload: %+v (seq %d → %d)", detail.Attachments, r.Seq, detail.Seq)
	}
	down := ts.call("GET", fmt.Sprintf("/api/v1/requests/%s/attachments/%s", r.ID, att.ID), ts.tokenFor("avaliador"), "", nil)
	if down.status != 200 || !bytes.Equal(down.body, pdf) {
		t.Errorf("download: %d, %d bytes", down.status, len(down.body))
	}
}

// TestSyncSince: since=0 is a full sync in sequence order, pages follow
// next_cursor without gaps or repeats, and since=seq returns only what
// changed afterwards.
func TestSyncSince(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("avaliador")
	seen := map[string]bool{}
	var seq int64
	cursor := ""
	for pages := 0; ; pages++ {
		path := "/api/v1/requests?since=0&limit=250"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		page := decode[api.RequestList](t, ts.call("GET", path, tok, "", nil).body)
		for _, r := range page.Items {
			if seen[r.ID] {
				t.Fatalf("%s twice in a full sync", r.ID)
			}
			seen[r.ID] = true
		}
		seq = max(seq, page.Seq)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != seed.DemoRequestCount {
		t.Fatalf("full sync returned %d requests, want %d", len(seen), seed.DemoRequestCount)
	}
	none := decode[api.RequestList](t, ts.call("GET", fmt.Sprintf("/api/v1/requests?since=%d", seq), tok, "", nil).body)
	if len(none.Items) != 0 || none.Seq != seq {
		t.Fatalf("nothing changed: %d items, seq %d", len(none.Items), none.Seq)
	}
	tpu, _ := ts.db.GetAPI(context.Background(), "tpu")
	created := decode[api.Request](t, ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(tpu, api.EnvHMG, tjCNPJ)).body)
	changed := decode[api.RequestList](t, ts.call("GET", fmt.Sprintf("/api/v1/requests?since=%d", seq), tok, "", nil).body)
	if len(changed.Items) != 1 || changed.Items[0].ID != created.ID || changed.Seq <= seq {
		t.Fatalf("after one submission: %d items, seq %d", len(changed.Items), changed.Seq)
	}
	for _, bad := range []string{"since=-1", "status=aprovada", "limit=0", "cursor=nao-e-um-cursor!", "env=dev"} {
		if res := ts.call("GET", "/api/v1/requests?"+bad, tok, "", nil); res.status != 400 {
			t.Errorf("%s: %d, want 400", bad, res.status)
		}
	}
}

func TestListFilters(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("avaliador")
	page := decode[api.RequestList](t, ts.call("GET", "/api/v1/requests?status=pending,rejected&env=prd&q=consulta&limit=1000", tok, "", nil).body)
	if len(page.Items) == 0 {
		t.Fatal("no pending or rejected PRD request for consulta")
	}
	for _, r := range page.Items {
		if (r.Status != api.StatusPending && r.Status != api.StatusRejected) || r.Environment != api.EnvPRD ||
			!strings.Contains(api.Fold(r.APIName), "consulta") {
			t.Fatalf("filter let through %s %s %s %s", r.ID, r.Status, r.Environment, r.APIName)
		}
	}
	first := decode[api.RequestList](t, ts.call("GET", "/api/v1/requests?limit=10", tok, "", nil).body)
	second := decode[api.RequestList](t, ts.call("GET", "/api/v1/requests?limit=10&cursor="+first.NextCursor, tok, "", nil).body)
	if len(second.Items) != 10 || second.Items[0].CreatedAt > first.Items[9].CreatedAt || second.Items[0].ID == first.Items[9].ID {
		t.Fatalf("keyset pages overlap or disorder")
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// submission is a valid request for a (seed.Submission with the purpose
// these tests use).
func submission(a api.API, env api.Environment, cnpj string) api.RequestCreate {
	return seed.Submission(a, env, cnpj, "Integração do sistema processual do tribunal para consultas automatizadas.")
}
