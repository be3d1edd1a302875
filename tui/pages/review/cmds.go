package review

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/components/window"
)

// Cmds capture values only (store, client, filter), never the page.

const ioTimeout = 10 * time.Second

// MaxBatch bounds one bulk decision: marking every request of a filter
// marks its MaxBatch oldest, and says so.
const MaxBatch = 1000

type countMsg struct {
	n   int
	err error
}

// markAllMsg is every request of the filter, up to MaxBatch (total is
// how many the filter holds).
type markAllMsg struct {
	rows  []store.Row
	total int
	err   error
}

type detailTickMsg struct{}

// filter is what narrows the queue: the text filters, the environment
// and the system type.
type filter struct {
	text   textQuery
	env    api.Environment
	system api.SystemType
}

// textQuery is what was typed in the filter bar.
type textQuery struct {
	api         string
	institution store.InstitutionQuery
	idPrefix    string
}

// resolve turns the filter into the cache's query of pending requests,
// oldest first: the API name and the system type against the catalog,
// the institution's name and CNPJ against the cached institutions (a few
// hundred rows each), so the window itself only reads an index.
func resolve(ctx context.Context, s *store.Store, f filter) (store.RequestQuery, error) {
	q := store.RequestQuery{Statuses: []api.Status{api.StatusPending}, Env: f.env, Sort: store.SortOldest, IDPrefix: f.text.idPrefix}
	if n, ok := bareNumber(f.text.idPrefix); ok {
		// 598, as Solicitações reads it: that number in any year, not every
		// id that starts with "SOL-598".
		ids, err := s.RequestNumberIDs(ctx, n)
		if err != nil {
			return q, err
		}
		q.IDPrefix, q.IDs = "", ids
	}
	if f.text.api != "" {
		ids, err := s.APIIDsByName(ctx, f.text.api)
		if err != nil {
			return q, err
		}
		q.APIIDs = ids
	}
	if f.system != "" {
		apis, err := s.Catalog(ctx, store.CatalogQuery{})
		if err != nil {
			return q, err
		}
		ids := []string{}
		for _, a := range apis {
			if a.SystemType == f.system && (q.APIIDs == nil || contains(q.APIIDs, a.ID)) {
				ids = append(ids, a.ID)
			}
		}
		q.APIIDs = ids
	}
	cnpjs, err := s.InstitutionCNPJs(ctx, f.text.institution)
	q.CNPJs = cnpjs
	return q, err
}

// bareNumber is "SOL-" and one to six digits, a request's number alone.
func bareNumber(prefix string) (int, bool) {
	digits, ok := strings.CutPrefix(prefix, "SOL-")
	if !ok || digits == "" || len(digits) > 6 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// readWindow reads one window of the queue.
func readWindow(s *store.Store, f filter, r window.Read) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, f)
		if err != nil {
			return window.Loaded{Read: r, Err: err}
		}
		rows, err := s.Window(ctx, q, r.Span)
		return window.Loaded{Read: r, Rows: rows, Err: err}
	}
}

// countQueue counts the pending requests of the filter (off the
// keystroke path: the window shows first).
func countQueue(s *store.Store, f filter) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, f)
		if err != nil {
			return countMsg{err: err}
		}
		n, err := s.CountRequests(ctx, q)
		return countMsg{n: n, err: err}
	}
}

// readMarkAll reads the filter's requests to mark, oldest first, at most
// MaxBatch of them, and how many there are.
func readMarkAll(s *store.Store, f filter) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, f)
		if err != nil {
			return markAllMsg{err: err}
		}
		n, err := s.CountRequests(ctx, q)
		if err != nil {
			return markAllMsg{err: err}
		}
		rows, err := s.Window(ctx, q, store.Span{Limit: MaxBatch})
		return markAllMsg{rows: rows, total: max(n, len(rows)), err: err}
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

// outcome is what became of one decision sent.
type outcome struct {
	id string
	// req is the request as the server has it now: decided here, or as
	// whoever decided it first left it.
	req api.Request
	// recovered: the answer was lost, but reading the request again
	// showed the decision registered.
	recovered bool
	// elsewhere: the request had been decided (or cancelled) before this
	// decision reached the server (409).
	elsewhere *decidedElsewhere
	err       error
}

// decidedElsewhere is who decided a request first, and how, as its
// history (or, failing that, the 409's problem) says.
type decidedElsewhere struct {
	by, at string
	status api.Status
}

// decideOne sends one decision under one Idempotency-Key, retried while
// its outcome is unknown. When the answer is still lost, the request is
// read again: a decision that was registered is said so (recovered),
// never reported as a failure that invites deciding twice. A 409 reads
// the request fresh to say who decided it first, and caches it. A
// decision that is settled, either way, drops its justification's draft.
func decideOne(c *client.Client, s *store.Store, id string, d api.Decision) outcome {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	target := api.StatusRejected
	if d.Decision == "approve" {
		target = api.StatusApproved
	}
	r, err := c.Decide(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id, d)
	out := outcome{id: id, req: r, err: err}
	var pe *client.ProblemError
	switch {
	case err == nil:
	case errors.As(err, &pe) && pe.Problem.Code == api.CodeAlreadyDecided:
		out = elsewhere(ctx, c, s, id, pe.Problem)
	case client.IsOffline(err):
		check, cancelCheck := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancelCheck()
		now, rerr := c.Request(check, id)
		switch {
		case rerr != nil || now.Status == api.StatusPending:
			return out
		case now.Status == target:
			out = outcome{id: id, req: now, recovered: true}
		default:
			out = elsewhere(ctx, c, s, id, api.Problem{})
		}
	default:
		return out
	}
	if out.err == nil {
		if out.elsewhere == nil {
			_ = s.SaveRequestDetail(ctx, out.req, time.Now()) // the sync brings it too
		}
		// The draft is of no use any more; should it stay, it is only
		// offered again for a request that is no longer in the queue.
		_ = s.DeleteDecisionDraft(ctx, id)
	}
	return out
}

// elsewhere reads the request decided by someone else (and caches it):
// its history says by whom and how; the problem's fields stand in when
// it cannot be read.
func elsewhere(ctx context.Context, c *client.Client, s *store.Store, id string, p api.Problem) outcome {
	e := &decidedElsewhere{by: p.DecidedBy, at: p.DecidedAt, status: p.CurrentStatus}
	out := outcome{id: id, elsewhere: e}
	r, err := c.Request(ctx, id)
	if err != nil {
		return out
	}
	out.req = r
	_ = s.SaveRequestDetail(ctx, r, time.Now())
	e.status = r.Status
	for i := len(r.History) - 1; i >= 0; i-- {
		if h := r.History[i]; h.ToStatus != "" && h.ToStatus != h.FromStatus && h.ToStatus != string(api.StatusPending) {
			e.by, e.at, e.status = h.Actor, h.At, api.Status(h.ToStatus)
			break
		}
	}
	return out
}

// decidedMsg is the decision dialog's answer: what became of it.
type decidedMsg struct{ outcome }

// decide keeps the justification's draft (a restart while the decision
// is on its way keeps it too), then sends the decision.
func decide(c *client.Client, s *store.Store, id string, d api.Decision, at time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		_ = s.SaveDecisionDraft(ctx, id, d.Justification, at) // the dialog saved it as typed already
		cancel()
		return decidedMsg{decideOne(c, s, id, d)}
	}
}

// bulkItemMsg is one decision of a bulk run.
type bulkItemMsg struct{ outcome }

func decideInBulk(c *client.Client, s *store.Store, id string, d api.Decision) tea.Cmd {
	return func() tea.Msg { return bulkItemMsg{decideOne(c, s, id, d)} }
}

// draftMsg is a justification's draft read from the cache.
type draftMsg struct {
	text string
	err  error
}

func loadDraft(s *store.Store, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		text, _, err := s.DecisionDraft(ctx, id)
		return draftMsg{text: text, err: err}
	}
}

// draftSavedMsg says whether a draft was kept.
type draftSavedMsg struct{ err error }

func saveDraft(s *store.Store, id, text string, at time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		return draftSavedMsg{err: s.SaveDecisionDraft(ctx, id, text, at)}
	}
}

// draftTickMsg: typing paused; the draft is saved.
type draftTickMsg struct{}

// draftAfter waits for a pause in the typing before saving the draft, so
// holding a key does not write the cache per character.
func draftAfter() tea.Cmd {
	return tea.Tick(400*time.Millisecond, func(time.Time) tea.Msg { return draftTickMsg{} })
}

// detailAfter waits a moment before loading the selected request's
// detail, so holding j/k does not send a request per row.
func detailAfter() tea.Cmd {
	return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return detailTickMsg{} })
}
