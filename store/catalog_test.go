package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sampleCatalog() []api.API {
	env := func(envs ...api.Environment) []api.APIEnvironment {
		var out []api.APIEnvironment
		for _, e := range envs {
			out = append(out, api.APIEnvironment{Name: e, BaseURL: "https://x/" + string(e)})
		}
		return out
	}
	return []api.API{
		{ID: "consulta-cpf", Name: "Consulta CPF", Acronym: "CPF", Category: api.CatData, Owner: "DTI/CNJ",
			Description: "Situação cadastral de pessoas físicas", Environments: env(api.EnvHMG, api.EnvPRD)},
		{ID: "djen", Name: "Diário de Justiça Eletrônico Nacional", Acronym: "DJEN", Category: api.CatNotification,
			Description: "Comunicações processuais", Environments: env(api.EnvHMG, api.EnvPRD)},
		{ID: "notificacoes", Name: "Serviço de Notificações", Acronym: "NOTIFICA", Category: api.CatNotification,
			Description: "Webhooks de eventos", Environments: env(api.EnvHMG)},
		{ID: "tpu", Name: "Tabelas Processuais Unificadas", Acronym: "TPU", Category: api.CatCoreServices,
			Description: "Classes e assuntos", Environments: env(api.EnvPRD)},
	}
}

func idsOf(items []api.API) string {
	s := ""
	for _, a := range items {
		s += a.ID + " "
	}
	return s
}

func TestCatalogSearch(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.ReplaceCatalog(ctx, sampleCatalog(), `"v1"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    CatalogQuery
		want string
	}{
		{CatalogQuery{}, "consulta-cpf djen notificacoes tpu "},    // name order, accents folded
		{CatalogQuery{Text: "cons"}, "consulta-cpf "},              // prefix as you type
		{CatalogQuery{Text: "diario eletr"}, "djen "},              // no accents typed
		{CatalogQuery{Text: "DIÁRIO"}, "djen "},                    // case and accents
		{CatalogQuery{Text: "notificação"}, "djen notificacoes "},  // category label
		{CatalogQuery{Text: "notification"}, "djen notificacoes "}, // English label too
		{CatalogQuery{Text: "dti"}, "consulta-cpf "},               // owner
		{CatalogQuery{Text: "zzz"}, ""},                            // nothing
		{CatalogQuery{Text: `" OR *`}, ""},                         // operators are text
		{CatalogQuery{Text: `cpf"`}, "consulta-cpf "},              // stray quote
		{CatalogQuery{Category: api.CatNotification}, "djen notificacoes "},
		{CatalogQuery{Env: api.EnvPRD}, "consulta-cpf djen tpu "},
		{CatalogQuery{Env: api.EnvHMG, Category: api.CatNotification}, "djen notificacoes "},
		{CatalogQuery{Text: "webhooks", Env: api.EnvPRD}, ""},
	}
	for _, tt := range tests {
		got, err := s.Catalog(ctx, tt.q)
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		if idsOf(got) != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.q, idsOf(got), tt.want)
		}
		ids, err := s.CatalogIDs(ctx, tt.q)
		if err != nil || len(ids) != len(got) || (len(ids) > 0 && ids[0] != got[0].ID) {
			t.Errorf("%+v: CatalogIDs %v disagrees with Catalog", tt.q, ids)
		}
	}
}

func TestReplaceCatalogKeepsStateAndIsPrivate(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	st, err := s.CatalogState(ctx)
	if err != nil || st.Count != 0 || !st.SyncedAt.IsZero() {
		t.Fatalf("empty cache state: %+v %v", st, err)
	}
	at := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	s.ReplaceCatalog(ctx, sampleCatalog(), `"v1"`, at)
	s.ReplaceCatalog(ctx, sampleCatalog()[:2], `"v2"`, at.Add(time.Minute))
	st, _ = s.CatalogState(ctx)
	if st.Count != 2 || st.ETag != `"v2"` || !st.SyncedAt.Equal(at.Add(time.Minute)) {
		t.Fatalf("after replace: %+v", st)
	}
	if got, _ := s.Catalog(ctx, CatalogQuery{Text: "tabelas"}); len(got) != 0 {
		t.Error("a removed API is still searchable")
	}
	info, _ := os.Stat(s.Path())
	if info.Mode().Perm() != 0o600 {
		t.Errorf("cache mode %v", info.Mode().Perm())
	}
}

func TestAPIDocRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, ok, err := s.APIDoc(ctx, "tpu"); ok || err != nil {
		t.Fatalf("empty: ok=%v err=%v", ok, err)
	}
	at := time.Now().Truncate(time.Second)
	s.SaveAPIDoc(ctx, "tpu", Doc{Body: []byte(`{"a":1}`), ETag: `"e"`, FetchedAt: at})
	s.SaveAPIDoc(ctx, "tpu", Doc{Body: []byte(`{"a":2}`), ETag: `"f"`, FetchedAt: at})
	d, ok, err := s.APIDoc(ctx, "tpu")
	if !ok || err != nil || string(d.Body) != `{"a":2}` || d.ETag != `"f"` || !d.FetchedAt.Equal(at) {
		t.Fatalf("got %+v ok=%v err=%v", d, ok, err)
	}
}

func TestDefaultPathIsPerServer(t *testing.T) {
	a, _ := DefaultPath("http://127.0.0.1:8080")
	b, _ := DefaultPath("https://gecli.pdpj.jus.br/")
	if a == b || filepath.Base(a) != "127.0.0.1_8080.db" || filepath.Base(b) != "gecli.pdpj.jus.br.db" {
		t.Errorf("paths %q and %q", a, b)
	}
}

// BenchmarkCatalogSearch measures one keystroke of catalog search over a
// cache of 1,000 APIs: FTS5 prefix match and filter, returning the ids the
// TUI maps onto its decoded catalog.
func BenchmarkCatalogSearch(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	base := sampleCatalog()
	items := make([]api.API, 1000)
	for i := range items {
		a := base[i%len(base)]
		a.ID = fmt.Sprintf("%s-%04d", a.ID, i)
		a.Name = fmt.Sprintf("%s %d", a.Name, i)
		items[i] = a
	}
	if err := s.ReplaceCatalog(ctx, items, `"b"`, time.Now()); err != nil {
		b.Fatal(err)
	}
	for _, q := range []CatalogQuery{{Text: "diario"}, {Text: "c"}, {Text: "notific", Env: api.EnvHMG}, {}} {
		b.Run(fmt.Sprintf("q=%q/env=%s", q.Text, q.Env), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.CatalogIDs(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCatalogLoad measures decoding the whole cached catalog of 1,000
// APIs, done once at start and after each refresh, never per keystroke.
func BenchmarkCatalogLoad(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	items := make([]api.API, 1000)
	for i := range items {
		a := sampleCatalog()[i%4]
		a.ID = fmt.Sprintf("%s-%04d", a.ID, i)
		items[i] = a
	}
	if err := s.ReplaceCatalog(ctx, items, `"b"`, time.Now()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Catalog(ctx, CatalogQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}
