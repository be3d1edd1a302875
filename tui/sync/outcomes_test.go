package sync

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// TestOutcomesAreTheChangesOfThePersonsRequests: the first sync (nothing
// cached before) tells nothing; then a decision, a revocation and a
// credential released on her requests are told, and the same changes on
// someone else's are not (a colleague of the same name's neither), nor a
// change that is no outcome (a new SEI number).
func TestOutcomesAreTheChangesOfThePersonsRequests(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	req := func(id, who string, st api.Status, cred string) api.Request {
		subject := map[string]string{"Ana Souza": "u-ana", "Bruno Lima": "u-bruno", "Ana Souza (outra)": "u-ana2"}[who]
		name := strings.TrimSuffix(who, " (outra)") // a colleague of the same name
		return api.Request{ID: id, APIID: "tpu", APIName: "TPU", Environment: api.EnvHMG, Status: st, CredentialState: cred,
			Requester: api.Person{ID: subject, Name: name}, Institution: api.Institution{CNPJ: "11222333000181"}, CreatedAt: "2026-12-01T10:00:00Z"}
	}
	m := New(Options{Store: s})
	m.SignedIn(nil, api.Me{Subject: "u-ana", Name: "Ana Souza", Roles: []api.Role{api.RoleRequester}})
	w := &watchSink{Store: s, mine: m.mine}
	first := []api.Request{req("SOL-2026-000001", "Ana Souza", api.StatusPending, api.CredentialNone),
		req("SOL-2026-000002", "Ana Souza", api.StatusPending, api.CredentialNone),
		req("SOL-2026-000003", "Ana Souza", api.StatusApproved, api.CredentialActive),
		req("SOL-2026-000004", "Ana Souza", api.StatusApproved, api.CredentialBlocked),
		req("SOL-2026-000005", "Bruno Lima", api.StatusPending, api.CredentialNone),
		req("SOL-2026-000006", "Ana Souza", api.StatusPending, api.CredentialNone),
		req("SOL-2026-000007", "Ana Souza (outra)", api.StatusPending, api.CredentialNone)}
	if err := w.ApplyRequests(ctx, first, 6); err != nil {
		t.Fatal(err)
	}
	if len(w.outcomes) != 0 {
		t.Fatalf("the first sync told %+v", w.outcomes)
	}
	sei := req("SOL-2026-000006", "Ana Souza", api.StatusPending, api.CredentialNone)
	sei.SEIProcess = "00001.004213/2026-51"
	if err := w.ApplyRequests(ctx, []api.Request{
		req("SOL-2026-000001", "Ana Souza", api.StatusApproved, api.CredentialAvailable),
		req("SOL-2026-000002", "Ana Souza", api.StatusRejected, api.CredentialNone),
		req("SOL-2026-000003", "Ana Souza", api.StatusRevoked, api.CredentialRevoked),
		req("SOL-2026-000004", "Ana Souza", api.StatusApproved, api.CredentialAvailable),
		req("SOL-2026-000005", "Bruno Lima", api.StatusRejected, api.CredentialNone),
		req("SOL-2026-000007", "Ana Souza (outra)", api.StatusApproved, api.CredentialAvailable),
		sei}, 12); err != nil {
		t.Fatal(err)
	}
	want := map[string]common.OutcomeKind{"SOL-2026-000001": common.OutcomeApproved, "SOL-2026-000002": common.OutcomeRejected,
		"SOL-2026-000003": common.OutcomeRevoked, "SOL-2026-000004": common.OutcomeReleased}
	if len(w.outcomes) != len(want) {
		t.Fatalf("told %+v", w.outcomes)
	}
	for _, o := range w.outcomes {
		if want[o.Request.ID] != o.Kind {
			t.Errorf("%s told as %d, want %d", o.Request.ID, o.Kind, want[o.Request.ID])
		}
	}
}
