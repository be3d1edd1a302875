package tui

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gecli/gecli/api"
)

// committingThenCut stands between the TUI and the server: a decision
// reaches the server and is committed, but its answer never comes back
// (the connection is cut), however often it is retried.
func committingThenCut(t *testing.T, backend string) (string, *atomic.Int32) {
	target, _ := url.Parse(backend)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var decisions atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/decision") {
			proxy.ServeHTTP(w, r)
			return
		}
		decisions.Add(1)
		body, _ := io.ReadAll(r.Body)
		fwd, _ := http.NewRequest(r.Method, backend+r.URL.Path, bytes.NewReader(body))
		fwd.Header = r.Header.Clone()
		if res, err := http.DefaultClient.Do(fwd); err == nil {
			res.Body.Close()
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &decisions
}

// TestALostDecisionIsReportedAsRegistered: the approval was committed but
// its answer lost; the TUI retries with the same key, then reads the
// request again and says the decision was registered, not that nothing
// happened (which would invite deciding twice).
func TestALostDecisionIsReportedAsRegistered(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	via, decisions := committingThenCut(t, b.URL)
	d, first := atTheQueue(t, b, via)
	d.Key("a")
	d.WaitForText("Aprovar " + first)
	d.Key("enter")
	d.WaitForText("Enviando a decisão de " + first)
	d.WaitForText("A decisão de " + first + " foi registrada (Aprovada)")
	if decisions.Load() < 2 {
		t.Errorf("the decision was sent %d time(s): a lost answer must be retried with its key", decisions.Load())
	}
	r, err := b.DB.GetRequest(t.Context(), first)
	if err != nil || r.Status != api.StatusApproved {
		t.Fatalf("%s: %v %s", first, err, r.Status)
	}
	approvals := 0
	for _, e := range r.History {
		if e.ToStatus == string(api.StatusApproved) {
			approvals++
		}
	}
	if approvals != 1 {
		t.Fatalf("%d approvals for one press", approvals)
	}
}
