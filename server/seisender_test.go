package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/server/seed/seedtest"
	"github.com/gecli/gecli/server/sei"
	"github.com/gecli/gecli/server/sei/seisim"
	"github.com/gecli/gecli/server/vault"
)

// seiServer is the test server with the SEI integration, against a
// simulated SEI over HTTP.
func seiServer(t *testing.T) (*testServer, *seisim.Sim, string, *sei.Client) {
	t.Helper()
	sim, err := seisim.Open(seisim.DemoConfig())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := sei.New(sei.Config{URL: srv.URL + "/sei/ws/SeiWS.php", Sigla: "GECLI", Key: seisim.DemoKey, Unidade: "110000001",
		TipoProcedimento: "100000100", SerieDocumento: "13", Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	path := seedtest.DemoDB(t)
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		path = demoPostgres(t)
	}
	key, _ := vault.ParseKey(vault.NewKey())
	ts := startServerWith(t, path, "", key, func(c *Config) { c.SEI = client })
	return ts, sim, srv.URL, client
}

func (ts *testServer) seiOf(id string) api.SEIStatus {
	ts.t.Helper()
	res := ts.call("GET", "/api/v1/requests/"+id+"/sei", ts.tokenFor("admin"), "", nil)
	if res.status != 200 {
		ts.t.Fatalf("sei of %s: %d %s", id, res.status, res.body)
	}
	return decode[api.SEIStatus](ts.t, res.body)
}

// drain sends until nothing is due.
func drain(ctx context.Context, s *SEISender) {
	for s.SendOne(ctx) {
	}
}

// TestASubmissionWhileSEIIsDownIsLinkedOnceItAnswers: the request is
// accepted at once and says "pending"; sends fail and are retried later,
// each call logged; once SEI answers, the process is generated once, with
// the summary as its first document, the request linked (its number,
// its link), and what came after (an attachment, the decision) follows
// in order.
func TestASubmissionWhileSEIIsDownIsLinkedOnceItAnswers(t *testing.T) {
	ts, sim, simURL, client := seiServer(t)
	ctx := context.Background()
	clock := time.Now()
	sender := &SEISender{DB: ts.db, SEI: client, Now: func() time.Time { return clock }}

	sim.Down(true)
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvHMG), api.EnvHMG, tjCNPJ))
	if res.status != 201 {
		t.Fatalf("a submission while SEI is down: %d %s", res.status, res.body)
	}
	r := decode[api.Request](t, res.body)
	clock = time.Now() // not before: the item is due from the second it was queued in
	if r.SEIState != "pending" || r.SEIProcess != "" {
		t.Fatalf("the new request: state %q, number %q", r.SEIState, r.SEIProcess)
	}
	drain(ctx, sender)
	st := ts.seiOf(r.ID)
	if len(st.Items) != 1 || st.Items[0].State != "pending" || st.Items[0].Attempts != 1 || len(st.Log) != 1 || st.Log[0].Outcome != "unavailable" {
		t.Fatalf("after a failed send: %+v", st)
	}
	drain(ctx, sender) // not due yet: nothing is tried
	if st := ts.seiOf(r.ID); len(st.Log) != 1 {
		t.Fatalf("retried before its time: %+v", st.Log)
	}

	sim.Down(false)
	clock = clock.Add(time.Minute)
	drain(ctx, sender)
	got, _ := ts.db.GetRequest(ctx, r.ID)
	if got.SEIState != "linked" || !strings.HasPrefix(got.SEIProcess, "99990.") {
		t.Fatalf("once SEI answers: state %q, number %q", got.SEIState, got.SEIProcess)
	}
	p := inspect(t, simURL, got.SEIProcess)
	if len(p.Documents) != 1 || !strings.HasSuffix(p.Documents[0].NomeArquivo, ".pdf") {
		t.Fatalf("the process in SEI: %+v", p)
	}

	// After it: an attachment, then the decision, in order.
	pdf := seedPDF()
	if res := ts.call("POST", "/api/v1/requests/"+r.ID+"/attachments?filename=projeto.pdf", ts.tokenFor("solicitante"), "application/pdf", pdf); res.status != 201 {
		t.Fatalf("attachment: %d %s", res.status, res.body)
	}
	if res := ts.postJSON("/api/v1/requests/"+r.ID+"/decision", ts.tokenFor("avaliador"), api.Decision{Decision: "approve"}); res.status != 200 {
		t.Fatalf("decision: %d %s", res.status, res.body)
	}
	drain(ctx, sender)
	p = inspect(t, simURL, got.SEIProcess)
	if len(p.Documents) != 2 || p.Documents[1].NomeArquivo != "projeto.pdf" || len(p.Movements) == 0 ||
		!strings.Contains(p.Movements[len(p.Movements)-1].Descricao, "aprovada") {
		t.Errorf("what followed: %+v", p)
	}
	st = ts.seiOf(r.ID)
	if !st.Process.Refreshed || st.Process.Number != got.SEIProcess || len(st.Process.OpenUnits) == 0 {
		t.Errorf("the process as SEI tells it: %+v", st.Process)
	}
	for _, it := range st.Items {
		if it.State != "sent" {
			t.Errorf("item %s: %s", it.Item, it.State)
		}
	}
	if n := countCalls(sim, "gerarProcedimento", "ok"); n != 1 {
		t.Errorf("%d processes generated, want 1", n)
	}
}

// TestRefusalsAreRetriedThenWaitForAnAdmin: a fault is retried with
// backoff and logged; after five the item fails (the request says so)
// until an admin retries it.
func TestRefusalsAreRetriedThenWaitForAnAdmin(t *testing.T) {
	ts, sim, _, client := seiServer(t)
	ctx := context.Background()
	clock := time.Now()
	sender := &SEISender{DB: ts.db, SEI: client, Now: func() time.Time { return clock }, Faults: 3}
	sub := submission(ts.apiFor(api.SysSNGB, api.EnvHMG), api.EnvHMG, tjCNPJ)
	sub.SEIProcess = "99990.999999/2026-00" // typed by the requester, and not in SEI
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), sub)
	r := decode[api.Request](t, res.body)
	clock = time.Now() // not before: the item is due from the second it was queued in
	for range 3 {
		drain(ctx, sender)
		clock = clock.Add(time.Hour)
	}
	got, _ := ts.db.GetRequest(ctx, r.ID)
	st := ts.seiOf(r.ID)
	if got.SEIState != "failed" || len(st.Log) != 3 || st.Log[0].Outcome != "fault" || !strings.Contains(st.Log[0].Detail, "não encontrado") ||
		st.Items[0].State != "failed" {
		t.Fatalf("after three refusals: %s %+v", got.SEIState, st)
	}
	wantProblem(t, "a requester retries", ts.call("POST", "/api/v1/requests/"+r.ID+"/sei/retry", ts.tokenFor("solicitante"), "", nil),
		403, api.CodeForbiddenRole)
	if res := ts.call("POST", "/api/v1/requests/"+r.ID+"/sei/retry", ts.tokenFor("admin"), "", nil); res.status != 200 {
		t.Fatalf("retry: %d %s", res.status, res.body)
	}
	if got, _ := ts.db.GetRequest(ctx, r.ID); got.SEIState != "pending" {
		t.Errorf("after the retry: %s", got.SEIState)
	}
	wantProblem(t, "nothing to retry", ts.call("POST", "/api/v1/requests/"+r.ID+"/sei/retry", ts.tokenFor("admin"), "", nil), 409, api.CodeRequestState)
	_ = sim
}

// TestTwoSendersSendEachItemOnce: two senders (two replicas) racing over
// the same outbox generate each request's process once.
func TestTwoSendersSendEachItemOnce(t *testing.T) {
	ts, sim, _, client := seiServer(t)
	ctx := context.Background()
	for range 6 {
		if res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvHMG), api.EnvHMG, tjCNPJ)); res.status != 201 {
			t.Fatal(res.status)
		}
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			drain(ctx, &SEISender{DB: ts.db, SEI: client, Now: time.Now})
		}()
	}
	wg.Wait()
	if n := countCalls(sim, "gerarProcedimento", "ok"); n != 6 {
		t.Errorf("%d processes generated for 6 requests", n)
	}
}

func countCalls(sim *seisim.Sim, op, outcome string) int {
	n := 0
	for _, c := range sim.Calls() {
		if c.Op == op && c.Outcome == outcome {
			n++
		}
	}
	return n
}

type simProcess struct {
	Documents []struct {
		NomeArquivo string `json:"nome_arquivo"`
	} `json:"documents"`
	Movements []struct {
		Descricao string `json:"descricao"`
	} `json:"movements"`
}

func inspect(t *testing.T, base, protocol string) simProcess {
	t.Helper()
	res, err := http.Get(base + "/_sim/processes/" + protocol)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p simProcess
	if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

func seedPDF() []byte { return seed.DemoAPIs()[0].TermsPDF }

// TestAStaleSenderRecordsNothingOverTheNext: a sender whose lease ran out
// (the item claimed again by another) cannot put the item back; and what
// gecli itself cannot read fails at once, for an admin to see, instead of
// blocking the request's later sends forever.
func TestAStaleSenderRecordsNothingOverTheNext(t *testing.T) {
	ts, sim, _, client := seiServer(t)
	ctx := context.Background()
	sim.Down(true)
	res := ts.postJSON("/api/v1/requests", ts.tokenFor("solicitante"), submission(ts.apiFor(api.SysSNGB, api.EnvHMG), api.EnvHMG, tjCNPJ))
	r := decode[api.Request](t, res.body)
	now := time.Now()
	first, ok, err := ts.db.ClaimSEI(ctx, now, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	second, ok, err := ts.db.ClaimSEI(ctx, now.Add(2*time.Minute), time.Minute) // the first's lease is over
	if err != nil || !ok || second.ID != first.ID {
		t.Fatalf("second claim: %+v %v %v", second, ok, err)
	}
	if err := ts.db.DeferSEI(ctx, first, db.SEICall{Operation: "gerarProcedimento", Outcome: "unavailable", Detail: "x"}, now, false, now); !errors.Is(err, db.ErrLeaseLost) {
		t.Errorf("the stale sender recorded over the next: %v", err)
	}
	if err := ts.db.FinishSEI(ctx, first, db.SEICall{Operation: "gerarProcedimento", Outcome: "ok"}, &db.SEILink{Number: "99990.000009/2026-00"}, now); !errors.Is(err, db.ErrLeaseLost) {
		t.Errorf("the stale sender finished the item: %v", err)
	}
	if got, _ := ts.db.GetRequest(ctx, r.ID); got.SEIProcess != "" {
		t.Errorf("a stale sender linked the request: %q", got.SEIProcess)
	}

	// An opinion item whose opinion gecli cannot find: failed at once.
	sim.Down(false)
	raw := ts.raw()
	if _, err := raw.Exec(`INSERT INTO sei_outbox (request_id, item, kind, payload, next_at, created_at) VALUES (?, 'opinion:op-x', 'document', '{"opinion":"op-x"}', 0, '')`, r.ID); err != nil {
		t.Fatal(err)
	}
	sender := &SEISender{DB: ts.db, SEI: client, Now: func() time.Time { return now.Add(time.Hour) }}
	drain(ctx, sender)
	st := ts.seiOf(r.ID)
	var opinion api.SEIItem
	for _, it := range st.Items {
		if it.Item == "opinion:op-x" {
			opinion = it
		}
	}
	if opinion.State != "failed" || st.Items[0].State != "sent" {
		t.Errorf("the unreadable item: %+v (process %s)", opinion, st.Items[0].State)
	}
}
