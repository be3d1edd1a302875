package review

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// queue builds a cache with pending and decided requests (fixed dates)
// and cached details, and the catalog for API and system-type filters;
// edit, when given, changes the first request's detail before it is cached.
func queue(t *testing.T, edit ...func(*api.Request)) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	catalog := []api.API{
		{ID: "sngb", Name: "Sistema Nacional de Gestão de Bens", SystemType: api.SysSNGB, Category: api.CatData},
		{ID: "datajud", Name: "DataJud", SystemType: api.SysDatalake, Category: api.CatData},
		{ID: "tpu", Name: "Tabelas Processuais Unificadas", SystemType: api.SysOther, Category: api.CatCoreServices},
	}
	s.ReplaceCatalog(ctx, catalog, `"e"`, now)
	var items []api.Request
	for i := 0; i < 12; i++ {
		a := catalog[i%3]
		st := api.StatusPending
		if i%4 == 3 {
			st = api.StatusApproved
		}
		r := api.Request{ID: fmt.Sprintf("SOL-2026-%06d", i+1), Seq: int64(i + 1), APIID: a.ID, APIName: a.Name,
			Environment: api.Environments[i%2], Status: st, Rule: api.RuleFormStandard, CredentialState: api.CredentialNone,
			Institution: api.Institution{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
			Requester:   api.Person{Name: "Ana Souza", CPF: "52998224725"}, Purpose: "Consulta automatizada na distribuição.",
			TechnicalContact: api.TechnicalContact{Name: "Marcos", Email: "m@tj.jus.br", Phone: "6132221100"},
			CreatedAt:        now.Add(-time.Duration(30-i) * 24 * time.Hour).Format(time.RFC3339),
			History: []api.HistoryEvent{{N: 1, At: now.Add(-time.Duration(30-i) * 24 * time.Hour).Format(time.RFC3339),
				Actor: "Ana Souza", Action: "submitted", ToStatus: "pending"}}}
		items = append(items, r)
		if i == 0 && len(edit) > 0 {
			edit[0](&r)
		}
		s.SaveRequestDetail(ctx, r, now)
	}
	s.ApplyRequests(ctx, items, 12)
	return s
}

func newPage(t *testing.T, w, h int) (*drive.Driver, *Page) {
	return newPageAs(t, w, h, &api.Me{Name: "Bruno", Roles: []api.Role{api.RoleEvaluator}}, queue(t))
}

// newPageAs is the page over the cache s, signed out (the details are
// the cached ones), for me.
func newPageAs(t *testing.T, w, h int, me *api.Me, s *store.Store) (*drive.Driver, *Page) {
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR,
		Now: func() time.Time { return now }, Me: me}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.WaitForText("9 pendentes")
	d.WaitForText("cópia em cache") // the detail of the first request
	return d, p
}

func TestPanesGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _ := newPage(t, size[0], size[1]-4)
			golden.RequireEqual(t, d.View())
		})
	}
}

func TestQueueIsOldestFirstWithAge(t *testing.T) {
	d, p := newPage(t, 120, 30)
	if p.win.Rows()[0].ID != "SOL-2026-000001" || !strings.Contains(d.View(), "30d") {
		t.Fatalf("first in queue: %s\n%s", p.win.Rows()[0].ID, d.View())
	}
	for _, r := range p.win.Rows() {
		if r.Status != api.StatusPending {
			t.Fatalf("%s (%s) is in the queue", r.ID, r.Status)
		}
	}
	d.Key("j")
	d.WaitForText("Solicitação SOL-2026-000002")
}

func TestRejectNeedsAJustification(t *testing.T) {
	d, p := newPage(t, 120, 30)
	d.Key("r")
	d.WaitForText("Reprovar SOL-2026-000001")
	d.Type("curta")
	d.Key("enter")
	d.WaitForText("ao menos 10 caracteres")
	if d, open := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); !open || d.sending() {
		t.Fatal("a rejection without a proper justification was sent")
	}
	golden.RequireEqual(t, d.View())
	d.Key("esc")
	d.WaitFor("the dialog closed", func(v string) bool { return !strings.Contains(v, "Reprovar SOL") })
	d.Key("a")
	d.WaitForText("Aprovar SOL-2026-000001")
	d.Key("enter") // approving needs no justification; signed out here, so it is refused kindly, in the dialog
	d.WaitForText("Entre (L)")
	if dlg, open := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); !open || dlg.sending() {
		t.Fatal("signed out, the approval was sent or the dialog closed")
	}
}

func TestFilters(t *testing.T) {
	d, p := newPage(t, 120, 30)
	d.Key("t") // DJE: none
	d.WaitForText("Tipo: DJE")
	d.WaitForText("Nenhuma solicitação em análise")
	d.Key("t") // SNGB
	d.WaitForText("Tipo: SNGB")
	d.WaitFor("SNGB only", func(string) bool {
		if len(p.win.Rows()) == 0 {
			return false
		}
		for _, r := range p.win.Rows() {
			if r.APIID != "sngb" {
				return false
			}
		}
		return true
	})
	d.Key("e") // HMG
	d.WaitForText("Ambiente: HMG")
	d.WaitFor("SNGB in HMG", func(string) bool {
		for _, r := range p.win.Rows() {
			if r.Environment != api.EnvHMG || r.APIID != "sngb" {
				return false
			}
		}
		return len(p.win.Rows()) > 0
	})
}
