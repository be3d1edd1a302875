package sync

import (
	"context"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// maxDetailed is how many outcomes of one sync get their justification
// read (a detail each); the rest are named without it.
const maxDetailed = 5

// watchSink is the cache as the requests sync writes it, noting on the
// way what changed for the person's requests: the state each request had
// in the cache before a page replaced it. A request seen for the first
// time (the first sync fills the cache) has no before, and says nothing.
type watchSink struct {
	*store.Store
	mine     func(api.Request) bool
	outcomes []common.Outcome
}

func (w *watchSink) ApplyRequests(ctx context.Context, items []api.Request, seq int64) error {
	ids := make([]string, len(items))
	for i, r := range items {
		ids[i] = r.ID
	}
	before, err := w.RequestStates(ctx, ids)
	if err != nil {
		return err
	}
	if err := w.Store.ApplyRequests(ctx, items, seq); err != nil {
		return err
	}
	for _, r := range items {
		old, seen := before[r.ID]
		if !seen || !w.mine(r) {
			continue
		}
		if kind, ok := outcomeOf(old, r); ok {
			w.outcomes = append(w.outcomes, common.Outcome{Request: r, Kind: kind})
		}
	}
	return nil
}

// outcomeOf is what the change from old to r means to the requester.
func outcomeOf(old store.RequestState, r api.Request) (common.OutcomeKind, bool) {
	switch {
	case old.Status == api.StatusPending && r.Status == api.StatusApproved:
		return common.OutcomeApproved, true
	case old.Status == api.StatusPending && r.Status == api.StatusRejected:
		return common.OutcomeRejected, true
	case old.Status == api.StatusApproved && r.Status == api.StatusRevoked:
		return common.OutcomeRevoked, true
	case old.CredentialState == api.CredentialBlocked && (r.CredentialState == api.CredentialAvailable || r.CredentialState == api.CredentialActive):
		return common.OutcomeReleased, true
	}
	return 0, false
}

// justify reads the justification of the decisions and revocations among
// outcomes (the list does not carry the history; the detail does).
func justify(ctx context.Context, c *client.Client, outcomes []common.Outcome) {
	n := 0
	for i, o := range outcomes {
		if o.Kind != common.OutcomeRejected && o.Kind != common.OutcomeRevoked && o.Kind != common.OutcomeApproved {
			continue
		}
		if n++; n > maxDetailed {
			return
		}
		r, err := c.Request(ctx, o.Request.ID)
		if err != nil {
			continue // named without it: the detail is a keypress away
		}
		for j := len(r.History) - 1; j >= 0; j-- {
			if h := r.History[j]; h.ToStatus == string(r.Status) {
				outcomes[i].Justification = h.Justification
				break
			}
		}
	}
}
