package client

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
)

func TestSyncRequestsFullThenIncremental(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	ctx := context.Background()
	c, _ := New(b.URL, nil)
	c = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "avaliador")}))
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	n, err := SyncRequests(ctx, c, s)
	if err != nil || n != 600 {
		t.Fatalf("full sync: %d rows, %v", n, err)
	}
	if n, _ := SyncRequests(ctx, c, s); n != 0 {
		t.Fatalf("nothing changed, yet %d rows came", n)
	}
	pending, _, _, _ := b.DB.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	if _, err := b.DB.ApplyTransition(ctx, pending[0].ID, db.Transition{From: []api.Status{api.StatusPending},
		To: api.StatusRejected, Actor: db.Actor{ID: "t", Name: "test"}, Action: "rejected", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if n, err := SyncRequests(ctx, c, s); n != 1 || err != nil {
		t.Fatalf("one change: %d rows, %v", n, err)
	}
	rows, _ := s.Window(ctx, store.RequestQuery{Statuses: []api.Status{api.StatusRejected}}, store.Span{Limit: 1000})
	found := false
	for _, r := range rows {
		found = found || r.ID == pending[0].ID
	}
	if !found {
		t.Error("the rejected request is not rejected in the cache")
	}
}
