package sync

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
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

// bgSyncMsg is the background requests sync timer.
type bgSyncMsg struct{}

// retryMsg fires while offline.
type retryMsg struct{}

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

func retryAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return retryMsg{} })
}

func tickAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return bgSyncMsg{} })
}

// prefetchedMsg reports how many OpenAPI documents a prefetch stored.
type prefetchedMsg struct {
	fetched int
	err     error
}

// prefetchDocs revalidates the cached OpenAPI document of every API in the
// cache (ETag: unchanged documents cost a 304), so the Documentação view
// works offline for every API, not only those opened while online. It
// stops at the first error: the next sync tries again.
func prefetchDocs(c *client.Client, s *store.Store, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		ids, err := s.CatalogIDs(ctx, store.CatalogQuery{})
		if err != nil {
			return prefetchedMsg{err: err}
		}
		n := 0
		for _, id := range ids {
			cached, ok, err := s.APIDoc(ctx, id)
			if err != nil {
				return prefetchedMsg{fetched: n, err: err}
			}
			etag := ""
			if ok {
				etag = cached.ETag
			}
			doc, err := c.OpenAPIDocument(ctx, id, etag)
			if err != nil {
				return prefetchedMsg{fetched: n, err: err}
			}
			if doc.NotModified {
				continue
			}
			if err := s.SaveAPIDoc(ctx, id, store.Doc{Body: doc.Body, ETag: doc.ETag, FetchedAt: now()}); err != nil {
				return prefetchedMsg{fetched: n, err: err}
			}
			n++
		}
		return prefetchedMsg{fetched: n}
	}
}

// requestsSyncedMsg is the outcome of a requests sync.
type requestsSyncedMsg struct {
	changed  int
	err      error
	outcomes []common.Outcome // of the person's requests
}

// syncRequests brings the cache up to date: the first time a full sync
// (since=0), then only what changed after the stored sequence, page by
// page, each page applied with its sequence in one transaction.
func syncRequests(c *client.Client, s *store.Store, subject string, mine func(api.Request) bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if err := s.RequestsOwner(ctx, subject); err != nil {
			return requestsSyncedMsg{err: err}
		}
		sink := &watchSink{Store: s, mine: mine}
		n, err := client.SyncRequests(ctx, c, sink)
		if len(sink.outcomes) > 0 {
			justify(ctx, c, sink.outcomes)
		}
		return requestsSyncedMsg{changed: n, err: err, outcomes: sink.outcomes}
	}
}

// beatMsg is the ping timer; pingedMsg the ping's answer.
type (
	beatMsg   struct{}
	pingedMsg struct {
		err         error
		maintenance bool // the server says it is under maintenance
	}
)

func beatAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return beatMsg{} })
}

// ping asks whether the server can be reached, within timeout.
func ping(c *client.Client, timeout time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		maintenance, err := c.Ready(ctx)
		return pingedMsg{err: err, maintenance: maintenance}
	}
}
