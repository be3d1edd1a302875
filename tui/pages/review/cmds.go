package review

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

// QueueLimit bounds the queue read from the cache: the oldest pending
// requests come first, and an evaluator works from the top.
const QueueLimit = 500

type queueMsg struct {
	rows []store.Row
	err  error
}

type detailTickMsg struct{}

type decidedMsg struct {
	id  string
	req api.Request
	// recovered: the answer was lost, but reading the request again
	// showed the decision registered.
	recovered bool
	err       error
}

// filter is what narrows the queue: API name, environment, system type.
type filter struct {
	search string
	env    api.Environment
	system api.SystemType
}

// readQueue reads the pending requests, oldest first, narrowed by the
// filter. API name and system type resolve against the catalog.
func readQueue(s *store.Store, f filter) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q := store.RequestQuery{Statuses: []api.Status{api.StatusPending}, Env: f.env, Sort: store.SortOldest}
		if f.search != "" {
			ids, err := s.APIIDsByName(ctx, f.search)
			if err != nil {
				return queueMsg{err: err}
			}
			q.APIIDs = ids
		}
		if f.system != "" {
			apis, err := s.Catalog(ctx, store.CatalogQuery{})
			if err != nil {
				return queueMsg{err: err}
			}
			var ids []string
			for _, a := range apis {
				if a.SystemType == f.system && (q.APIIDs == nil || contains(q.APIIDs, a.ID)) {
					ids = append(ids, a.ID)
				}
			}
			q.APIIDs = append([]string{}, ids...)
		}
		rows, err := s.Window(ctx, q, store.Span{Limit: QueueLimit})
		return queueMsg{rows: rows, err: err}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// decide sends one decision under one Idempotency-Key, retried while its
// outcome is unknown. When the answer is still lost, the request is read
// again: a decision that was registered is said so (recovered), never
// reported as a failure that invites deciding twice.
func decide(c *client.Client, id string, d api.Decision) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		r, err := c.Decide(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id, d)
		if err == nil || !client.IsOffline(err) {
			return decidedMsg{id: id, req: r, err: err}
		}
		check, cancelCheck := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancelCheck()
		if now, rerr := c.Request(check, id); rerr == nil && now.Status != api.StatusPending {
			return decidedMsg{id: id, req: now, recovered: true}
		}
		return decidedMsg{id: id, err: err}
	}
}

// detailAfter waits a moment before loading the selected request's
// detail, so holding j/k does not send a request per row.
func detailAfter() tea.Cmd {
	return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return detailTickMsg{} })
}
