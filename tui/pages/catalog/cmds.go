package catalog

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

// Every Cmd here captures plain values (the store, the client, a query)
// and never the page, so it can run on any goroutine.

const ioTimeout = 10 * time.Second

// loadedMsg carries the whole cached catalog plus the ids matching the
// filters that were current when the load started.
type loadedMsg struct {
	items []api.API
	ids   []string
	query store.CatalogQuery // what ids answer
	err   error
}

// idsMsg answers one keystroke's query.
type idsMsg struct {
	ids []string
	err error
}

// docsMsg carries an API's endpoints for the Documentação view.
type docsMsg struct {
	endpoints []client.Endpoint
	cachedAt  time.Time // non-zero: read from the cache, not the server
	reached   bool      // the server answered
	netErr    error     // the server could not be reached
	err       error     // nothing to show
}

func loadCatalog(s *store.Store, q store.CatalogQuery) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		items, err := s.Catalog(ctx, store.CatalogQuery{})
		if err != nil {
			return loadedMsg{err: err, query: q}
		}
		ids, err := s.CatalogIDs(ctx, q)
		return loadedMsg{items: items, ids: ids, query: q, err: err}
	}
}

func queryIDs(s *store.Store, q store.CatalogQuery) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		ids, err := s.CatalogIDs(ctx, q)
		return idsMsg{ids: ids, err: err}
	}
}

// loadDocs asks the server for the OpenAPI document (revalidating the
// cached copy by ETag) and falls back to the cache when the server cannot
// be reached. c is nil in --offline mode.
func loadDocs(c *client.Client, s *store.Store, id string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		var msg docsMsg
		cached, haveCache, err := s.APIDoc(ctx, id)
		if err != nil {
			msg.err = err
			return msg
		}
		body := cached.Body
		if c != nil {
			etag := ""
			if haveCache {
				etag = cached.ETag
			}
			doc, err := c.OpenAPIDocument(ctx, id, etag)
			switch {
			case client.IsOffline(err):
				msg.netErr = err
			case err != nil:
				msg.reached, msg.err = true, err
				return msg
			case doc.NotModified:
				msg.reached = true
			default:
				msg.reached, body = true, doc.Body
				if err := s.SaveAPIDoc(ctx, id, store.Doc{Body: doc.Body, ETag: doc.ETag, FetchedAt: now}); err != nil {
					msg.err = err
					return msg
				}
			}
		}
		if !msg.reached {
			if !haveCache {
				msg.err = errNoCachedDoc
				return msg
			}
			msg.cachedAt = cached.FetchedAt
		}
		msg.endpoints, msg.err = client.ParseEndpoints(body)
		return msg
	}
}

// errNoCachedDoc: offline with nothing cached; the view explains it.
var errNoCachedDoc = errors.New("no cached OpenAPI document")

// visitedMsg is when the person was last here (zero the first time).
type visitedMsg struct{ prev time.Time }

// freshMsg are the APIs new since the previous visit, and the terms
// versions the person's requests accepted, per API.
type freshMsg struct {
	ids      map[string]bool
	accepted map[string][]string
}

// visit records the person's presence at now; its answer is the previous
// visit, what "new" is counted from.
func visit(s *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		prev, _ := s.Visit(ctx, now) // unrecorded: nothing is new, nothing breaks
		return visitedMsg{prev: prev}
	}
}

func loadFresh(s *store.Store, since time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		ids, err := s.NewAPIs(ctx, since)
		if err != nil {
			return nil
		}
		accepted, _ := s.AcceptedTerms(ctx) // none read: no terms marked
		return freshMsg{ids: ids, accepted: accepted}
	}
}

// visitedNow records the person's presence, answering nothing.
func visitedNow(s *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		s.Visit(ctx, now) // unrecorded: the next visit counts from an older one
		return nil
	}
}
