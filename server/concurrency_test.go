package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// send is a goroutine-safe request: it returns what came back, and an
// error only when nothing did.
func (ts *testServer) send(method, path, token string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, ts.srv.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := ts.srv.Client().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// TestConcurrentWritesAllLand: requesters submit, evaluators decide (two
// at a time on each request) and requesters rotate secrets, all at once,
// against a real server on a SQLite file. No answer is a 5xx; the
// database holds exactly the writes that were acknowledged; each request
// got one decision; every history chain verifies.
func TestConcurrentWritesAllLand(t *testing.T) {
	ts := newTestServer(t)
	requester, evaluator := ts.tokenFor("solicitante"), ts.tokenFor("avaliador")
	pending := ts.apiFor(api.SysSNGB, api.EnvPRD) // custom_fields: waits for an evaluator
	auto := ts.apiFor(api.SysOther, api.EnvHMG)   // approved on submission
	ctx := context.Background()

	const submitters, perSubmitter, rotators = 8, 6, 4
	var (
		mu       sync.Mutex
		problems []string
		created  []string // acknowledged submissions
		decided  = map[string]int{}
		wg       sync.WaitGroup
	)
	fail := func(format string, a ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, a...))
		mu.Unlock()
	}
	check := func(what string, status int, body []byte, err error, ok ...int) bool {
		if err != nil {
			fail("%s: %v", what, err)
			return false
		}
		if status >= 500 {
			fail("%s: %d %s", what, status, body)
			return false
		}
		for _, s := range ok {
			if status == s {
				return true
			}
		}
		fail("%s: unexpected %d %s", what, status, body)
		return false
	}
	toDecide := make(chan string, submitters*perSubmitter)
	for range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perSubmitter {
				status, body, err := ts.send("POST", "/api/v1/requests", requester, submission(pending, api.EnvPRD, tjCNPJ))
				if !check("submit", status, body, err, 201) {
					continue
				}
				var r api.Request
				json.Unmarshal(body, &r)
				mu.Lock()
				created = append(created, r.ID)
				mu.Unlock()
				toDecide <- r.ID
			}
		}()
	}
	// Two evaluators race on every request: exactly one decision lands.
	var deciders sync.WaitGroup
	for range 4 {
		deciders.Add(1)
		go func() {
			defer deciders.Done()
			for id := range toDecide {
				var both sync.WaitGroup
				for _, d := range []string{"approve", "reject"} {
					both.Add(1)
					go func() {
						defer both.Done()
						status, body, err := ts.send("POST", "/api/v1/requests/"+id+"/decision", evaluator,
							api.Decision{Decision: d, Justification: "Decisão concorrente de teste."})
						if check("decide "+id, status, body, err, 200, 409) && status == 200 {
							mu.Lock()
							decided[id]++
							mu.Unlock()
						}
					}()
				}
				both.Wait()
			}
		}()
	}
	for range rotators {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body, err := ts.send("POST", "/api/v1/requests", requester, submission(auto, api.EnvHMG, tjCNPJ))
			if !check("submit auto", status, body, err, 201) {
				return
			}
			var r api.Request
			json.Unmarshal(body, &r)
			mu.Lock()
			created = append(created, r.ID)
			mu.Unlock()
			for range 3 {
				status, body, err := ts.send("POST", "/api/v1/requests/"+r.ID+"/credential/secret", requester, map[string]int{"grace_seconds": 0})
				check("rotate "+r.ID, status, body, err, 200)
			}
		}()
	}
	wg.Wait()
	close(toDecide)
	deciders.Wait()
	for _, p := range problems {
		t.Error(p)
	}

	for _, id := range created {
		r, err := ts.db.GetRequest(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged %s is not in the database: %v", id, err)
		}
		if err := ts.db.VerifyHistory(ctx, id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
		if r.APIID == pending.ID && (decided[id] != 1 || r.Status == api.StatusPending) {
			t.Errorf("%s: %d decisions acknowledged, status %s; want exactly one", id, decided[id], r.Status)
		}
	}
	if want := submitters*perSubmitter + rotators; len(created) != want {
		t.Errorf("%d submissions acknowledged, want %d", len(created), want)
	}
	mine, _, _, err := ts.db.ListRequests(ctx, db.RequestFilter{Institutions: []string{tjCNPJ}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	inDB := map[string]bool{}
	for _, r := range mine {
		inDB[r.ID] = true
	}
	for _, id := range created {
		if !inDB[id] {
			t.Errorf("%s acknowledged but not listed", id)
		}
	}
}

// TestABusyWriteIsA503ToRetry: a write that could not start in time is
// answered 503 busy with Retry-After, as the spec says, never 500.
func TestABusyWriteIsA503ToRetry(t *testing.T) {
	ts := newTestServer(t)
	req := httptest.NewRequest("POST", ts.srv.URL+"/api/v1/requests", nil)
	rec := httptest.NewRecorder()
	ts.server.internal(rec, req, fmt.Errorf("submit: %w", db.ErrBusy))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("busy: %d Retry-After=%q %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	var p api.Problem
	if json.Unmarshal(body, &p); p.Code != api.CodeBusy {
		t.Fatalf("code %q", p.Code)
	}
	ts.validate(req, res, body)
	if strings.Contains(ts.logs.String(), "request failed") {
		t.Error("a busy write is not a failure to log as one")
	}
}
