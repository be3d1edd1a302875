package requests

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // dates on screen
	os.Exit(m.Run())
}

var names = []struct{ id, name string }{{"consulta-cpf", "Consulta CPF"}, {"djen-consulta", "Diário de Justiça Eletrônico Nacional – Consulta"}, {"tpu", "Tabelas Processuais Unificadas"}}

// cached builds a cache with n requests (fixed dates) and the catalog
// names the search resolves against.
func cached(t testing.TB, n int) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var catalog []api.API
	for _, a := range names {
		catalog = append(catalog, api.API{ID: a.id, Name: a.name, Category: api.CatData})
	}
	if err := s.ReplaceCatalog(context.Background(), catalog, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	items := make([]api.Request, n)
	for i := range items {
		a := names[i%3]
		st := api.Statuses[i%5]
		cred := api.CredentialNone
		if st == api.StatusApproved {
			cred = api.CredentialAvailable
		}
		items[i] = api.Request{ID: fmt.Sprintf("SOL-2026-%06d", i+1), Seq: int64(i + 1), APIID: a.id, APIName: a.name,
			Environment: api.Environments[i%2], Institution: api.Institution{CNPJ: []string{"11222333000181", "12ABC34501DE35"}[i%2]},
			Status: st, CredentialState: cred, CreatedAt: base.Add(time.Duration(i) * time.Hour).Format(time.RFC3339)}
	}
	if err := s.ApplyRequests(context.Background(), items, int64(n)); err != nil {
		t.Fatal(err)
	}
	return s
}

func newPage(t testing.TB, s *store.Store, w, h int) (*drive.Driver, *Page) {
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now,
		Me: &api.Me{Name: "Ana", Roles: []api.Role{api.RoleRequester}}}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.WaitFor("the first rows", func(v string) bool { return strings.Contains(v, "SOL") || strings.Contains(v, "Consulta") })
	d.WaitForText("solicitações")
	return d, p
}

func TestTableGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _ := newPage(t, cached(t, 200), size[0], size[1])
			d.WaitForText("200 solicitações")
			golden.RequireEqual(t, d.View())
		})
	}
}

func TestTableFiltersGolden(t *testing.T) {
	d, _ := newPage(t, cached(t, 200), 120, 40)
	d.Key("/")
	d.Type("diario")
	d.WaitForText("67 solicitações")
	d.Key("enter")
	d.Key("space") // untick Em análise (the focused checkbox)
	d.Key("l")
	d.Key("space") // untick Aprovada
	d.Key("e")     // HMG only
	d.WaitForText("Ambiente: HMG")
	d.WaitFor("the filtered count and rows", func(v string) bool {
		lines := strings.Split(v, "\n")
		return strings.Contains(v, "19 solicitações") && len(lines) > 4 && strings.Contains(lines[4], " HMG ")
	})
	v := d.View()
	for _, row := range strings.Split(v, "\n")[4:] {
		if strings.Contains(row, "Em análise") || strings.Contains(row, "Aprovada") || strings.Contains(row, " PRD ") {
			t.Errorf("a filtered-out row is listed: %s", row)
		}
	}
	golden.RequireEqual(t, v)
}

// TestWalkingTheWholeTable: down, one row at a time, visits every row in
// order across many window reads; up comes back the same way.
func TestWalkingTheWholeTable(t *testing.T) {
	d, p := newPage(t, cached(t, 57), 80, 16) // 10 rows per window (the checkboxes take two lines at 80 columns)
	for i := 0; i < 57; i++ {
		want := fmt.Sprintf("SOL-2026-%06d", 57-i)
		d.WaitFor("row "+want, func(string) bool { return p.current().ID == want })
		d.Key("down")
	}
	d.Key("down") // past the end: stays
	if p.current().ID != "SOL-2026-000001" {
		t.Fatalf("moved past the last row: %s", p.current().ID)
	}
	for i := 0; i < 56; i++ {
		d.Key("up") // as fast as key repeat: no waiting between keys
	}
	d.WaitFor("back at the top", func(string) bool { return p.current().ID == "SOL-2026-000057" })
	d.Key("G")
	d.WaitFor("the last row", func(string) bool { return p.current().ID == "SOL-2026-000001" })
	d.Key("pgup")
	d.WaitFor("a page up", func(string) bool { return p.current().ID == "SOL-2026-000011" })
}

func TestSortOrders(t *testing.T) {
	d, p := newPage(t, cached(t, 30), 100, 20)
	d.Key("o") // oldest first
	d.WaitFor("oldest first", func(string) bool { return p.current() != nil && p.current().ID == "SOL-2026-000001" })
	d.Key("o") // API A–Z
	d.WaitFor("API order", func(string) bool { return p.current() != nil && p.current().APIName == "Consulta CPF" })
	d.WaitForText("API A–Z")
	first := ansi.Strip(p.View())
	if !strings.Contains(first, "Consulta CPF") {
		t.Fatal(first)
	}
}

func TestDraftsArePickable(t *testing.T) {
	s := cached(t, 5)
	ctx := context.Background()
	base := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	s.SaveDraft(ctx, store.Draft{ID: "a", APIName: "Consulta CPF", Step: 2, UpdatedAt: base})
	s.SaveDraft(ctx, store.Draft{ID: "b", APIName: "Tabelas Processuais Unificadas", Step: 5, UpdatedAt: base.Add(time.Hour)})
	d, p := newPage(t, s, 100, 20)
	p.com.Me.Roles = []api.Role{api.RoleRequester}
	d.WaitForText("Rascunhos: 2")
	d.Key("r")
	d.WaitForText("▸ Tabelas Processuais Unificadas · Anexos")
	d.Key("down")
	d.Key("enter")
	d.WaitFor("the wizard asked for", func(string) bool {
		for _, m := range d.Seen {
			if o, ok := m.(common.OpenWizardMsg); ok && o.Draft != nil && o.Draft.ID == "a" {
				return true
			}
		}
		return false
	})
}

// TestEnterDoesNotCancel: enter opens a detail on this page; in the
// cancel question it must not confirm an action that cannot be undone.
func TestEnterDoesNotCancel(t *testing.T) {
	d, p := newPage(t, cached(t, 5), 120, 30)
	for p.current() == nil || p.current().Status != api.StatusPending {
		d.Key("down")
	}
	d.Key("x")
	d.WaitForText("Cancelar a solicitação")
	d.Key("enter")
	if _, open := p.question(); !open {
		t.Fatal("enter answered the cancel question")
	}
	d.Key("esc")
	if _, open := p.question(); open {
		t.Fatal("esc must keep the request and close the question")
	}
}

// TestTheCancelQuestionShowsItsKeysAt80Columns: the question wraps, so
// "s confirma · esc desiste" at its end is on screen, in the table and in
// the detail.
func TestTheCancelQuestionShowsItsKeysAt80Columns(t *testing.T) {
	d, p := newPage(t, cached(t, 30), 80, 24)
	// What the root draws: each line cut to the terminal's width.
	onScreen := func() string {
		lines := strings.Split(d.View(), "\n")
		for i, l := range lines {
			lines[i] = common.Truncate(l, 80)
		}
		return strings.Join(strings.Fields(strings.Join(lines, "\n")), " ")
	}
	// A pending request of the longest API name: its question is longer
	// than the line.
	for p.current() == nil || p.current().Status != api.StatusPending || !strings.HasPrefix(p.current().APIName, "Diário") {
		d.Key("down")
	}
	d.Key("x")
	d.WaitForText("Cancelar a solicitação")
	if !strings.Contains(onScreen(), "s confirma · esc desiste") {
		t.Fatalf("the question's keys are cut in the table:\n%s", d.View())
	}
	d.Key("esc")
	d.Key("enter")
	d.WaitForText("Histórico")
	d.Key("x")
	d.WaitForText("Cancelar a solicitação")
	if !strings.Contains(onScreen(), "s confirma · esc desiste") {
		t.Fatalf("the question's keys are cut in the detail:\n%s", d.View())
	}
}
