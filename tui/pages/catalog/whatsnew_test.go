package catalog

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestNewAPIsSinceTheLastVisit: an API that reached the catalog after the
// person's previous visit carries "novo"; n shows only the new ones (and
// the filter bar says so), n again all; with nothing new, n is not offered.
func TestNewAPIsSinceTheLastVisit(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	env := []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://h"}}
	old := []api.API{{ID: "tpu", Name: "Tabelas Processuais", Category: api.CatData, Environments: env,
		Terms: api.Terms{ID: "tu-tpu-2", Version: "2.0"}},
		{ID: "cpf", Name: "Consulta CPF", Category: api.CatData, Environments: env}}
	yesterday := time.Now().Add(-24 * time.Hour)
	if err := s.ReplaceCatalog(ctx, old, `"1"`, yesterday); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Visit(ctx, yesterday.Add(time.Hour)); err != nil { // the previous visit
		t.Fatal(err)
	}
	if err := s.ReplaceCatalog(ctx, append(old, api.API{ID: "cnpj", Name: "Consulta CNPJ", Category: api.CatData, Environments: env}),
		`"2"`, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	// One of the person's requests accepted the TPU's terms 1.0; they are 2.0 now.
	if err := s.ApplyRequests(ctx, []api.Request{{ID: "SOL-2026-000001", Seq: 1, APIID: "tpu", APIName: "Tabelas Processuais",
		Environment: api.EnvHMG, Status: api.StatusApproved, Institution: api.Institution{CNPJ: "11222333000181"},
		Terms: api.TermsAcceptance{ID: "tu-tpu-1", Version: "1.0", Accepted: true}, CreatedAt: "2026-12-01T10:00:00Z"}}, 1); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now}
	p := New(com, s, nil)
	d := drive.New(t, drive.NewHost(com, p), 120, 40)
	d.WaitForText("★ novo")
	if v := d.View(); strings.Count(v, "★ novo") != 1 || strings.Count(v, "§ termo novo") != 1 {
		t.Fatalf("one API is new, one changed its terms since a request accepted them:\n%s", v)
	}
	d.Key("n")
	d.WaitForText("1 de 3 APIs")
	if v := d.View(); !strings.Contains(v, "Consulta CNPJ") || strings.Contains(v, "Consulta CPF") || !strings.Contains(v, "n só as novas") {
		t.Fatalf("n must show the new one only, and say so:\n%s", v)
	}
	d.Key("n")
	d.WaitForText("3 de 3 APIs")

	// The next visit: it was seen, nothing is new, n is not offered.
	again := New(com, s, nil)
	d2 := drive.New(t, drive.NewHost(com, again), 120, 40)
	d2.WaitForText("3 de 3 APIs")
	d2.Settle(100 * time.Millisecond)
	if strings.Contains(d2.View(), "★ novo") || len(again.newKey()) != 0 {
		t.Fatalf("seen at the last visit, still new:\n%s", d2.View())
	}
}
