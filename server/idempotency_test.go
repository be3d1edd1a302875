package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// callWithKey posts v with an Idempotency-Key and validates the answer
// against the spec.
func (ts *testServer) callWithKey(path, token, key string, v any) response {
	ts.t.Helper()
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest("POST", ts.srv.URL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	res, err := ts.srv.Client().Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	var body bytes.Buffer
	body.ReadFrom(res.Body)
	check, _ := http.NewRequest("POST", ts.srv.URL+path, bytes.NewReader(b))
	check.Header = req.Header
	ts.validate(check, res, body.Bytes())
	return response{status: res.StatusCode, header: res.Header, body: body.Bytes()}
}

func (ts *testServer) countRequests(cnpj string) int {
	ts.t.Helper()
	rows, _, _, err := ts.db.ListRequests(context.Background(), db.RequestFilter{Institutions: []string{cnpj}, Limit: 5000})
	if err != nil {
		ts.t.Fatal(err)
	}
	return len(rows)
}

func TestTheSameKeyAppliesOnce(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	sub := submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)
	before := ts.countRequests(tjCNPJ)
	first := ts.callWithKey("/api/v1/requests", tok, "acao-1", sub)
	again := ts.callWithKey("/api/v1/requests", tok, "acao-1", sub) // the answer was lost: retried
	if first.status != 201 || again.status != 201 || !bytes.Equal(first.body, again.body) {
		t.Fatalf("a retry must replay the first answer: %d %s / %d %s", first.status, first.body, again.status, again.body)
	}
	if again.header.Get("Idempotent-Replayed") != "true" || first.header.Get("Idempotent-Replayed") != "" {
		t.Error("only the replay says it is one")
	}
	if n := ts.countRequests(tjCNPJ); n != before+1 {
		t.Fatalf("%d requests stored for one action, want 1", n-before)
	}

	other := sub
	other.Purpose = "Outra finalidade, para outra integração do tribunal."
	wantProblem(t, "another body", ts.callWithKey("/api/v1/requests", tok, "acao-1", other), 422, api.CodeIdempotencyReused)
	wantProblem(t, "another endpoint", ts.callWithKey("/api/v1/requests/"+decode[api.Request](t, first.body).ID+"/cancel", tok, "acao-1", nil),
		422, api.CodeIdempotencyReused)
	// Keys are the caller's own: another person's same key is unrelated.
	if res := ts.callWithKey("/api/v1/requests", ts.tokenFor("solicitante"), "acao-2", sub); res.status != 201 {
		t.Fatalf("a new key: %d %s", res.status, res.body)
	}
	wantProblem(t, "a key with a space", ts.callWithKey("/api/v1/requests", tok, "acao 3", sub), 400, api.CodeInvalidParameter)
}

func TestConcurrentRequestsWithOneKeyApplyOnce(t *testing.T) {
	ts := newTestServer(t)
	requester, evaluator := ts.tokenFor("solicitante"), ts.tokenFor("avaliador")
	r := decode[api.Request](t, ts.postJSON("/api/v1/requests", requester, submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)).body)
	var wg sync.WaitGroup
	statuses := make([]int, 6)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _ := json.Marshal(api.Decision{Decision: "approve", Justification: "ok"})
			req, _ := http.NewRequest("POST", ts.srv.URL+"/api/v1/requests/"+r.ID+"/decision", bytes.NewReader(b))
			req.Header.Set("Authorization", "Bearer "+evaluator)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", "decisao-"+r.ID)
			res, err := ts.srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		}()
	}
	wg.Wait()
	for _, s := range statuses {
		if s != 200 && s != 409 {
			t.Fatalf("statuses %v: each is the decision (200) or in progress (409)", statuses)
		}
	}
	got, _ := ts.db.GetRequest(context.Background(), r.ID)
	decisions := 0
	for _, e := range got.History {
		if e.ToStatus == string(api.StatusApproved) {
			decisions++
		}
	}
	if decisions != 1 {
		t.Fatalf("%d approvals in the history for one key, want 1", decisions)
	}
}

// TestASecretIsNeverReplayed: the secret is shown once and never stored,
// so a retry with the same key does not rotate again and says why there
// is nothing to show.
func TestASecretIsNeverReplayed(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	r := ts.approvedRequest(tjCNPJ)
	path := "/api/v1/requests/" + r.ID + "/credential/secret"
	first := ts.callWithKey(path, tok, "gerar-1", map[string]int{"grace_seconds": 0})
	if first.status != 200 {
		t.Fatalf("generate: %d %s", first.status, first.body)
	}
	secret := decode[api.SecretResponse](t, first.body).ClientSecret
	wantProblem(t, "replay", ts.callWithKey(path, tok, "gerar-1", map[string]int{"grace_seconds": 0}), 409, api.CodeSecretNotReplayed)
	if c := ts.credential(r.ID); c.SecretHint == "" || secret[len(secret)-4:] != c.SecretHint[len(c.SecretHint)-4:] {
		t.Fatalf("the replay rotated the secret: hint %q", c.SecretHint)
	}
	body := secret[len(api.SecretPrefix) : len(secret)-6]
	if strings.Contains(ts.storedBytes(), body[:16]) {
		t.Fatal("the secret was kept for replay in the database")
	}
}
