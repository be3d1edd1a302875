package tui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
	"golang.org/x/oauth2"
)

// TestCancelPendingRequest: on Solicitações, only pending requests shown,
// x and s cancel the selected one; after the sync it leaves the list.
func TestCancelPendingRequest(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 120, 30)
	d.WaitForText("Ana Souza")
	d.Key("2")
	d.WaitFor("synced requests", func(v string) bool { return strings.Contains(v, "300 solicitações") })
	d.Key("l")
	for i := 0; i < 4; i++ { // untick every status but Em análise
		d.Key("space")
		d.Key("l")
	}
	d.WaitFor("pending rows only", func(v string) bool {
		lines := strings.Split(v, "\n")
		return strings.Contains(v, "[ ] Revogada") && len(lines) > 6 && strings.Contains(lines[6], "Em análise")
	})
	before := d.View()
	d.Key("x")
	d.WaitForText("Cancelar a solicitação SOL-")
	id := regexp.MustCompile(`SOL-\d{4}-\d{6}`).FindString(d.View())
	d.Key("s")
	d.WaitForText("Solicitação " + id + " cancelada")
	d.WaitFor("the list without it", func(v string) bool { return v != before && !strings.Contains(v, "contando") })
	r, err := b.DB.GetRequest(context.Background(), id)
	if err != nil || r.Status != api.StatusCancelled {
		t.Fatalf("server state of %s: %s %v", id, r.Status, err)
	}
}

// TestVerificationFormUnblocksTheCredential: an approved form_standard
// request; the requester opens its detail, presses f, fills the form with
// a PDF and sends it; the server then reports the credential available.
func TestVerificationFormUnblocksTheCredential(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	ctx := context.Background()
	pending, _, _, _ := b.DB.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusPending},
		Institutions: []string{"11222333000181"}, APIIDs: []string{"pje-gateway"}, Env: api.EnvPRD, Limit: 1})
	if len(pending) == 0 {
		t.Fatal("no pending PJe Gateway PRD request in the demo data")
	}
	id := pending[0].ID
	if _, err := b.DB.ApplyTransition(ctx, id, db.Transition{From: []api.Status{api.StatusPending}, To: api.StatusApproved,
		Actor: db.Actor{ID: "e", Name: "Bruno Lima"}, Action: "approved", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "projeto.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o600)

	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 120, 40)
	d.WaitForText("Ana Souza")
	d.Key("2")
	d.WaitForText("300 solicitações")
	d.Key("/")
	d.Type("pje gw")
	d.Key("enter")
	d.Key("e")
	d.Key("e") // PRD
	d.WaitFor("PRD rows", func(v string) bool {
		return strings.Contains(v, "Ambiente: PRD") && strings.Contains(v, " PRD      Aprovada") && !strings.Contains(v, " HMG  ")
	})
	// Walk to the row of our request and open it.
	for i := 0; i < 40; i++ {
		d.Key("enter")
		d.WaitForText("Solicitação SOL-")
		if strings.Contains(d.View(), id) {
			break
		}
		d.Key("esc")
		d.Key("down")
	}
	d.WaitForText("bloqueada até o formulário técnico")
	d.Key("f")
	d.WaitForText("Formulário técnico · " + id)
	d.Key("enter") // entity, pre-filled from the institution
	d.WaitForText("Nome")
	d.Key("enter") // contact, pre-filled from the request
	d.WaitForText("Projeto")
	d.Type("Integração PJe")
	d.Key("tab")
	d.Type("Consulta de processos durante a distribuição automatizada.")
	d.Key("enter")
	d.WaitForText("Arquivo PDF")
	d.Type(pdf)
	d.Key("enter")
	d.WaitForText("✓ projeto.pdf")
	d.Key("enter")
	d.WaitForText("enter enviar")
	d.Key("enter")
	d.WaitForText("a credencial foi liberada")
	r, err := b.DB.GetRequest(ctx, id)
	if err != nil || r.CredentialState != api.CredentialAvailable || len(r.Attachments) != 1 {
		t.Fatalf("server: credential %s, %d attachments, %v", r.CredentialState, len(r.Attachments), err)
	}
}

// TestDecisionConflictIsExplained: while the evaluator looks at the first
// request of the queue, another evaluator decides it; approving here gets
// the 409, which says who decided, and the queue drops the request.
func TestDecisionConflictIsExplained(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	d, first := atTheQueue(t, b, b.URL)
	if _, err := b.DB.ApplyTransition(context.Background(), first, db.Transition{From: []api.Status{api.StatusPending},
		To: api.StatusRejected, Actor: db.Actor{ID: "x", Name: "Helena Rocha"}, Action: "rejected",
		Justification: "Decidida em outro terminal.", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	d.Key("a")
	d.WaitForText("Aprovar " + first)
	d.Key("enter")
	d.WaitForText("já reprovada por Helena Rocha")
	d.WaitFor("the request gone from the queue", func(v string) bool {
		return !strings.Contains(v, "Solicitação "+first)
	})
}

// TestSyncAskedDuringASyncRunsAgain: a background sync has read the
// server when a change is made (here a cancellation from another
// terminal) and a page asks for a sync; the sync running is not enough,
// so another follows and the change reaches the cache.
func TestSyncAskedDuringASyncRunsAgain(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 120, 30)
	d.WaitForText("Ana Souza")
	ctx := context.Background()
	cancelled := func() int {
		n, err := s.CountRequests(ctx, store.RequestQuery{Statuses: []api.Status{api.StatusCancelled}})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	m := d.Model().(*Model)
	d.WaitFor("the first sync to end", func(string) bool {
		return cancelled() > 0 && !m.sync.Mailbox().Pending("requests")
	})
	was := cancelled()
	rows, err := s.Window(ctx, store.RequestQuery{Statuses: []api.Status{api.StatusPending}}, store.Span{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no pending request: %v", err)
	}

	running := m.sync.SyncRequests()()
	c, _ := client.New(b.URL, nil)
	tok := b.Token(t, "solicitante")
	if _, err := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})).CancelRequest(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	d.Send(common.SyncRequestsMsg{}) // while the first is still running
	d.Send(running)
	d.WaitFor("the cancellation in the cache", func(string) bool { return cancelled() == was+1 })
}

// docsCached counts the APIs whose OpenAPI document is in the cache.
func docsCached(t *testing.T, s *store.Store) int {
	t.Helper()
	ctx := context.Background()
	ids, err := s.CatalogIDs(ctx, store.CatalogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, id := range ids {
		if _, ok, _ := s.APIDoc(ctx, id); ok {
			n++
		}
	}
	return n
}

// atTheQueue signs the demo evaluator in on a TUI that talks to url (the
// backend, or something in front of it) and opens Avaliação; it returns
// the driver and the request at the head of the queue, its detail shown.
func atTheQueue(t *testing.T, b *backend.Backend, url string) (*drive.Driver, string) {
	t.Helper()
	s := openStore(t)
	b.SignIn(t, s, "avaliador")
	d := drive.New(t, newModel(t, url, s), 120, 40)
	d.WaitForText("Bruno Lima")
	d.Key("3")
	d.WaitForText("Histórico")
	return d, regexp.MustCompile(`Solicitação (SOL-\d{4}-\d{6})`).FindStringSubmatch(d.View())[1]
}
