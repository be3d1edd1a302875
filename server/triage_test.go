package server

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// pendingFormRequest submits a fresh PRD request of an "other" API
// (rule form_standard) for the requester's institution.
func (ts *testServer) pendingFormRequest() api.Request {
	ts.t.Helper()
	a := ts.apiFor(api.SysOther, api.EnvPRD)
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(a, api.EnvPRD, tjCNPJ))
	if res.status != 201 {
		ts.t.Fatalf("submit: %d %s", res.status, res.body)
	}
	return decode[api.Request](ts.t, res.body)
}

func TestDecisionRules(t *testing.T) {
	ts := newTestServer(t)
	r := ts.pendingFormRequest()
	path := "/api/v1/requests/" + r.ID + "/decision"
	tests := []struct {
		name   string
		user   string
		body   api.Decision
		status int
		code   api.Code
	}{
		{"requester cannot decide", "solicitante", api.Decision{Decision: "approve"}, 403, api.CodeForbiddenRole},
		{"admin cannot decide", "admin", api.Decision{Decision: "approve"}, 403, api.CodeForbiddenRole},
		{"reject needs a justification", "avaliador", api.Decision{Decision: "reject"}, 422, api.CodeValidation},
		{"a too short justification", "avaliador", api.Decision{Decision: "reject", Justification: "não"}, 422, api.CodeValidation},
		{"unknown decision", "avaliador", api.Decision{Decision: "talvez"}, 422, api.CodeValidation},
		{"evaluator rejects", "avaliador", api.Decision{Decision: "reject", Justification: "Finalidade incompatível com o termo."}, 200, ""},
		{"deciding twice", "avaliador", api.Decision{Decision: "approve"}, 409, api.CodeAlreadyDecided},
	}
	for _, tt := range tests {
		res := ts.postJSON(path, ts.tokenFor(tt.user), tt.body)
		if res.status != tt.status {
			t.Errorf("%s: %d, want %d (%s)", tt.name, res.status, tt.status, res.body)
			continue
		}
		if tt.code != "" {
			p := decode[api.Problem](t, res.body)
			if p.Code != tt.code {
				t.Errorf("%s: code %s, want %s", tt.name, p.Code, tt.code)
			}
			if tt.code == api.CodeAlreadyDecided && (p.DecidedBy != "Bruno Lima" || p.DecidedAt == "" || p.CurrentStatus != api.StatusRejected) {
				t.Errorf("409 must say who decided and when: %+v", p)
			}
		}
	}
	got, _ := ts.db.GetRequest(context.Background(), r.ID)
	last := got.History[len(got.History)-1]
	if got.Status != api.StatusRejected || last.Action != "rejected" || !strings.Contains(last.Justification, "incompatível") {
		t.Errorf("history after the rejection: %+v", last)
	}
	if err := ts.db.VerifyHistory(context.Background(), r.ID); err != nil {
		t.Error(err)
	}
}

// TestTwoEvaluatorsRace: the same request decided at once by two
// evaluators: exactly one wins, the other gets 409.
func TestTwoEvaluatorsRace(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	u, _ := ts.db.UserByUsername(ctx, "avaliador")
	second := u
	second.ID, second.Username, second.Name = "u-avaliadora2", "avaliadora2", "Helena Rocha"
	second.PasswordHash = u.PasswordHash
	if err := ts.db.CreateUser(ctx, second); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 5; round++ {
		r := ts.pendingFormRequest()
		toks := []string{ts.tokenFor("avaliador"), ts.tokenFor("avaliadora2")}
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i := range toks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := []api.Decision{{Decision: "approve"}, {Decision: "reject", Justification: "Documentação insuficiente."}}[i]
				statuses[i] = ts.postJSON("/api/v1/requests/"+r.ID+"/decision", toks[i], d).status
			}()
		}
		wg.Wait()
		ok, conflict := 0, 0
		for _, s := range statuses {
			ok += map[bool]int{true: 1}[s == 200]
			conflict += map[bool]int{true: 1}[s == 409]
		}
		if ok != 1 || conflict != 1 {
			t.Fatalf("round %d: statuses %v, want one 200 and one 409", round, statuses)
		}
		got, _ := ts.db.GetRequest(ctx, r.ID)
		decisions := 0
		for _, e := range got.History {
			if e.Action == "approved" || e.Action == "rejected" {
				decisions++
			}
		}
		if decisions != 1 {
			t.Fatalf("round %d: %d decisions in the history", round, decisions)
		}
	}
}

func TestVerificationFormGatesTheCredential(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	r := ts.pendingFormRequest()
	formPath := "/api/v1/requests/" + r.ID + "/verification-form"
	form := api.VerificationForm{EntityName: "Tribunal de Justiça do Estado Exemplo", EntityCNPJ: tjCNPJ,
		TechnicalContact: api.TechnicalContact{Name: "Marcos", CPF: "52998224725", Email: "m@tj.jus.br", Phone: "6132221100"},
		Project:          "Integração PJe", Justification: "Consulta automatizada durante a distribuição de processos."}

	if res := ts.call("PUT", formPath, tok, "application/json", mustJSON(form)); res.status != 409 {
		t.Errorf("form before approval: %d, want 409", res.status)
	}
	ts.postJSON("/api/v1/requests/"+r.ID+"/decision", ts.tokenFor("avaliador"), api.Decision{Decision: "approve"})
	approved := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+r.ID, tok, "", nil).body)
	if approved.CredentialState != api.CredentialBlocked {
		t.Fatalf("approved form request: credential %s, want blocked_form", approved.CredentialState)
	}
	res := ts.call("PUT", formPath, tok, "application/json", mustJSON(form)) // no PDF yet
	if p := decode[api.Problem](t, res.body); res.status != 422 || !strings.Contains(string(res.body), "documents") {
		t.Fatalf("form without a PDF: %d %+v", res.status, p)
	}
	still := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+r.ID, tok, "", nil).body)
	if still.CredentialState != api.CredentialBlocked {
		t.Fatal("an incomplete form unblocked the credential")
	}
	att := decode[api.Attachment](t, ts.call("POST", "/api/v1/requests/"+r.ID+"/attachments?filename=projeto.pdf", tok,
		"application/pdf", seed.DemoAPIs()[0].TermsPDF).body)
	form.Documents = []string{att.ID}
	if res := ts.call("PUT", formPath, ts.tokenFor("avaliador"), "application/json", mustJSON(form)); res.status != 403 {
		t.Errorf("an evaluator filling the form: %d, want 403", res.status)
	}
	if res := ts.call("PUT", formPath, tok, "application/json", mustJSON(form)); res.status != 200 {
		t.Fatalf("complete form: %d %s", res.status, res.body)
	}
	done := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+r.ID, ts.tokenFor("avaliador"), "", nil).body)
	if done.CredentialState != api.CredentialAvailable {
		t.Errorf("complete form: credential %s, want not_generated", done.CredentialState)
	}
	read := decode[api.VerificationForm](t, ts.call("GET", formPath, ts.tokenFor("avaliador"), "", nil).body)
	if !read.Complete || read.Project != "Integração PJe" {
		t.Errorf("evaluator reads the form: %+v", read)
	}
	actions := []string{}
	for _, e := range done.History {
		actions = append(actions, e.Action)
	}
	if !strings.Contains(strings.Join(actions, ","), "approved,form_saved,form_completed") {
		t.Errorf("history: %v", actions)
	}
	if err := ts.db.VerifyHistory(context.Background(), r.ID); err != nil {
		t.Error(err)
	}
}

func TestRevoke(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	all, _, _, _ := ts.db.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusApproved}, Limit: 1})
	path := "/api/v1/requests/" + all[0].ID + "/revoke"
	if res := ts.call("POST", path, ts.tokenFor("avaliador"), "", nil); res.status != 403 {
		t.Errorf("evaluator revoking: %d", res.status)
	}
	for _, why := range []string{"", "   ", "porque"} {
		wantProblem(t, "revoking with justification "+strconv.Quote(why), ts.postJSON(path, ts.tokenFor("admin"),
			map[string]string{"justification": why}), 422, api.CodeValidation)
	}
	if got, _ := ts.db.GetRequest(ctx, all[0].ID); got.Status != api.StatusApproved {
		t.Fatalf("a refused revocation changed the request: %s", got.Status)
	}
	res := ts.postJSON(path, ts.tokenFor("admin"), map[string]string{"justification": "Uso em desacordo com o termo."})
	if res.status != 200 || decode[api.Request](t, res.body).Status != api.StatusRevoked {
		t.Fatalf("admin revoking: %d %s", res.status, res.body)
	}
	got, _ := ts.db.GetRequest(ctx, all[0].ID)
	if last := got.History[len(got.History)-1]; last.Action != "revoked" || last.Justification != "Uso em desacordo com o termo." {
		t.Errorf("the history does not keep why: %+v", last)
	}
	if res := ts.postJSON(path, ts.tokenFor("admin"), map[string]string{"justification": "De novo, por engano."}); res.status != 409 {
		t.Errorf("revoking twice: %d", res.status)
	}
}
