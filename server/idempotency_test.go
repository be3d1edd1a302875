package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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

// TestAVaultWriteThatFailsIsRetriedWhole: a vault write stores all its
// entries in one transaction, so one that fails halfway stores none and
// keeps no answer; its retry, under the same key, stores them all.
func TestAVaultWriteThatFailsIsRetriedWhole(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	raw := ts.raw()
	fault, unfault := `CREATE TRIGGER fault BEFORE INSERT ON vault_entries WHEN NEW.customer_key = '00000002'
		BEGIN SELECT RAISE(ABORT, 'a transient fault'); END`, "DROP TRIGGER fault"
	if ts.postgres() {
		fault = `CREATE TRIGGER fault BEFORE INSERT ON vault_entries FOR EACH ROW WHEN (NEW.customer_key = '00000002')
			EXECUTE FUNCTION append_only('a transient fault')`
		unfault += " ON vault_entries"
	}
	if _, err := raw.Exec(fault); err != nil {
		t.Fatal(err)
	}
	body := map[string]any{"credentials": []map[string]string{
		{"system_name": "PJE TJBA - 1º grau", "customer_key": "00000001", "username": lawyerCPF, "password": "Senha123"},
		{"system_name": "ESAJ - TJAC - 1º grau", "customer_key": "00000002", "username": lawyerCPF, "password": "Senha123"},
	}}
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", ts.srv.URL+"/api/v1/vault/credentials", bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "cofre-1")
	res, err := ts.srv.Client().Do(req) // a 500 is not in the spec: not validated
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 500 {
		t.Fatalf("the write with a fault: %d", res.StatusCode)
	}
	count := func() (n int) {
		raw.QueryRow("SELECT count(*) FROM vault_entries WHERE customer_key IN ('00000001', '00000002')").Scan(&n)
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d entries stored by a write that failed, want 0", n)
	}
	if _, err := raw.Exec(unfault); err != nil {
		t.Fatal(err)
	}
	if res := ts.callWithKey("/api/v1/vault/credentials", tok, "cofre-1", body); res.status != 200 || res.header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("the retry must apply, not replay the failure: %d %s", res.status, res.body)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d entries after the retry, want 2", n)
	}
}

// TestALostAnswerIsSaidToBeLost: a key on record whose answer never
// landed (the server stopped between the commit and keeping the answer)
// says so once that cannot be in progress any more, instead of "in
// progress" for a day; the write is not applied again.
func TestALostAnswerIsSaidToBeLost(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	sub := submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)
	before := ts.countRequests(tjCNPJ)
	if res := ts.callWithKey("/api/v1/requests", tok, "perdida", sub); res.status != 201 {
		t.Fatalf("first: %d %s", res.status, res.body)
	}
	raw := ts.raw()
	waitKept := time.Now().Add(5 * time.Second)
	for status := 0; status == 0 && time.Now().Before(waitKept); time.Sleep(5 * time.Millisecond) {
		raw.QueryRow("SELECT status FROM idempotency_keys WHERE key = 'perdida'").Scan(&status)
	}
	old := time.Now().Add(-2 * time.Minute).UTC().Format("2006-01-02T15:04:05.000000000Z")
	if _, err := raw.Exec("UPDATE idempotency_keys SET status = 0, body = NULL, created_at = ? WHERE key = 'perdida'", old); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	wantProblem(t, "an answer lost", ts.callWithKey("/api/v1/requests", tok, "perdida", sub), 409, api.CodeIdempotencyAnswerLost)
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("the lost answer was waited for (%v)", waited)
	}
	if n := ts.countRequests(tjCNPJ); n != before+1 {
		t.Fatalf("%d requests for one action, want 1", n-before)
	}
}
