package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

// syncedMsg is the result of one catalog refresh.
type syncedMsg struct {
	changed   bool
	count     int
	at        time.Time
	err       error
	userAsked bool // ctrl+r: report the outcome, even "nothing new"
}

// syncStateMsg carries what the cache held at start.
type syncStateMsg struct{ state store.CatalogState }

// retryMsg fires while offline; gen ties it to one offline period.
type retryMsg struct{ gen int }

// refreshCatalog revalidates the cached catalog with its ETag and replaces
// it when the server has something new. It captures only its arguments.
func refreshCatalog(c *client.Client, s *store.Store, now func() time.Time, userAsked bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		st, err := s.CatalogState(ctx)
		if err != nil {
			return syncedMsg{err: err, userAsked: userAsked}
		}
		etag := ""
		if st.Count > 0 {
			etag = st.ETag
		}
		page, err := c.ListAPIs(ctx, client.CatalogQuery{}, etag)
		if err != nil {
			return syncedMsg{err: err, userAsked: userAsked}
		}
		at := now()
		if page.NotModified {
			return syncedMsg{count: st.Count, at: at, err: s.TouchCatalog(ctx, at), userAsked: userAsked}
		}
		if err := s.ReplaceCatalog(ctx, page.Items, page.ETag, at); err != nil {
			return syncedMsg{err: err, userAsked: userAsked}
		}
		return syncedMsg{changed: true, count: len(page.Items), at: at, userAsked: userAsked}
	}
}

func loadSyncState(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		st, _ := s.CatalogState(ctx) // a fresh cache simply has no state
		return syncStateMsg{state: st}
	}
}

func retryAfter(d time.Duration, gen int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return retryMsg{gen: gen} })
}
