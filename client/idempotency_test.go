package client

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/testkit/backend"
)

// losesFirstAnswer delivers every request, but throws the first write's
// answer away, as a network cut after the server committed would.
type losesFirstAnswer struct {
	next  http.RoundTripper
	lost  atomic.Int32
	keys  []string
	calls atomic.Int32
}

func (l *losesFirstAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet {
		return l.next.RoundTrip(req)
	}
	l.calls.Add(1)
	l.keys = append(l.keys, req.Header.Get("Idempotency-Key"))
	res, err := l.next.RoundTrip(req)
	if err == nil && l.lost.Add(1) == 1 {
		res.Body.Close()
		return nil, errors.New("connection reset by peer")
	}
	return res, err
}

func TestALostAnswerIsRetriedWithItsKeyAndAppliesOnce(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	rt := &losesFirstAnswer{next: http.DefaultTransport}
	c, _ := New(b.URL, &http.Client{Transport: rt})
	authed := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "solicitante")}))
	ctx := context.Background()
	page, err := authed.RequestPage(ctx, 0, "", 500)
	if err != nil {
		t.Fatal(err)
	}
	var pending string
	for _, r := range page.Items {
		if r.Status == api.StatusPending {
			pending = r.ID
			break
		}
	}
	if pending == "" {
		t.Fatal("no pending request in the demo data")
	}
	r, err := authed.CancelRequest(WithIdempotencyKey(ctx, NewIdempotencyKey()), pending)
	if err != nil || r.Status != api.StatusCancelled {
		t.Fatalf("the retried cancel: %v %s", err, r.Status)
	}
	if rt.calls.Load() != 2 || rt.keys[0] == "" || rt.keys[0] != rt.keys[1] {
		t.Fatalf("want two attempts with one key, got %d: %q", rt.calls.Load(), rt.keys)
	}
	cancels := 0
	got, _ := authed.Request(ctx, pending)
	for _, e := range got.History {
		if e.ToStatus == string(api.StatusCancelled) {
			cancels++
		}
	}
	if cancels != 1 {
		t.Fatalf("%d cancellations in the history for one action", cancels)
	}

	// Without a key nothing is retried: the outcome stays unknown.
	rt.lost.Store(0)
	rt.calls.Store(0)
	if _, err := authed.CancelRequest(ctx, pending); !IsOffline(err) || rt.calls.Load() != 1 {
		t.Fatalf("a write without a key was retried (%d attempts) or its loss hidden: %v", rt.calls.Load(), err)
	}
}
