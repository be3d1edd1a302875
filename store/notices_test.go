package store

import (
	"context"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// TestNoticesAreCachedAndDismissalsKept: what the server last said shows
// offline (the next open of the cache reads it), and a dismissal survives
// a new list, even one that lacks the announcement (signed out).
func TestNoticesAreCachedAndDismissalsKept(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if n, err := s.CachedNotices(ctx); err != nil || len(n.Announcements) != 0 || n.Maintenance != nil || !n.FetchedAt.IsZero() {
		t.Fatalf("an empty cache: %+v, %v", n, err)
	}
	anns := []api.Announcement{{ID: "anc-000000000001", Title: api.Localized{PtBR: "Nova API"}}, {ID: "anc-000000000002", Title: api.Localized{PtBR: "Só avaliadores"}}}
	m := &api.Maintenance{StartsAt: "2026-12-04T22:00:00Z", EndsAt: "2026-12-04T22:30:00Z"}
	at := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	if err := s.SaveNotices(ctx, anns, m, at); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissNotice(ctx, "anc-000000000002", at); err != nil {
		t.Fatal(err)
	}
	n, err := s.CachedNotices(ctx)
	if err != nil || len(n.Announcements) != 2 || n.Maintenance == nil || n.Maintenance.EndsAt != m.EndsAt || !n.FetchedAt.Equal(at) || !n.Dismissed["anc-000000000002"] {
		t.Fatalf("read back: %+v, %v", n, err)
	}
	if err := s.SaveNotices(ctx, anns[:1], nil, at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	n, _ = s.CachedNotices(ctx)
	if len(n.Announcements) != 1 || n.Maintenance != nil || !n.Dismissed["anc-000000000002"] {
		t.Fatalf("after a shorter list and the window gone: %+v", n)
	}
	// An ask made before that one, answering after it, is older news.
	if err := s.SaveNotices(ctx, anns, m, at.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	if n, _ = s.CachedNotices(ctx); len(n.Announcements) != 1 || n.Maintenance != nil {
		t.Fatalf("an older ask replaced a newer one: %+v", n)
	}
	// The clock stepped back a day: the cache follows it, not frozen.
	if err := s.SaveNotices(ctx, anns, m, at.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, _ = s.CachedNotices(ctx); len(n.Announcements) != 2 || n.Maintenance == nil {
		t.Fatalf("after the clock stepped back, the cache is frozen: %+v", n)
	}
}
