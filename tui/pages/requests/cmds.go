package requests

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/components/window"
)

// Cmds capture values only (store, client, query), never the page.

const ioTimeout = 10 * time.Second

type countMsg struct {
	n   int
	err error
}

type cancelledMsg struct {
	req api.Request
	err error
}

// readWindow resolves the search (search.go: against the catalog's few
// hundred names, the cached institutions, the id index) and reads one
// window of requests.
func readWindow(s *store.Store, q store.RequestQuery, search string, r window.Read) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, q, search)
		if err != nil {
			return window.Loaded{Read: r, Err: err}
		}
		rows, err := s.Window(ctx, q, r.Span)
		return window.Loaded{Read: r, Rows: rows, Err: err}
	}
}

func countRows(s *store.Store, q store.RequestQuery, search string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, q, search)
		if err != nil {
			return countMsg{err: err}
		}
		n, err := s.CountRequests(ctx, q)
		return countMsg{n: n, err: err}
	}
}

func cancelRequest(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		r, err := c.CancelRequest(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id)
		return cancelledMsg{req: r, err: err}
	}
}

type draftsMsg struct{ drafts []store.Draft }

func loadDrafts(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		d, _ := s.Drafts(ctx) // no drafts is the normal case
		return draftsMsg{drafts: d}
	}
}

type draftDeletedMsg struct {
	draft store.Draft
	err   error
}

func deleteDraft(s *store.Store, d store.Draft) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		return draftDeletedMsg{draft: d, err: s.DeleteDraft(ctx, d.ID)}
	}
}
