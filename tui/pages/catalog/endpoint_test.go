package catalog

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// demoDocs opens the Documentação of a demo API (the demo server's
// catalog and OpenAPI document) at a size, in a language.
func demoDocs(t *testing.T, b *backend.Backend, id string, lang api.Lang, w, h int) (*drive.Driver, *Page) {
	t.Helper()
	c, _ := client.New(b.URL, nil)
	ctx := context.Background()
	a, err := c.GetAPI(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ReplaceCatalog(ctx, []api.API{a}, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(lang), Lang: lang, Now: time.Now, Online: true}
	p := New(com, s, c)
	d := drive.New(t, drive.NewHost(com, p), w, h)
	d.WaitForText(a.Name)
	d.Key("enter")
	d.WaitForText("Endpoints (")
	return d, p
}

// TestEndpointDetail: in Documentação, enter on the selected endpoint
// shows its parameters, body, responses and example (FAQ 3.11); at
// 80x24 and 120x40, in pt-BR and English.
func TestEndpointDetail(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				d, p := demoDocs(t, b, "pje-gateway", lang, size[0], size[1])
				d.Key("enter") // POST /v2/peticoes, the first by path
				x := p.com.Text.Docs
				d.WaitForText(x.Parameters)
				v := d.View()
				whole := strings.Join(p.endpointLines(), "\n") // scrolled, at 24 lines
				for _, want := range []string{"POST", "/v2/peticoes", "Idempotency-Key", "header", x.Body + " · application/json",
					"numeroProcesso*", "array<Documento>", x.RequestExample, `"tipoPeticao": "Manifestação"`} {
					if !strings.Contains(whole, want) {
						t.Errorf("missing %q:\n%s", want, whole)
					}
				}
				golden.RequireEqual(t, v)
				d.Key("esc")
				d.WaitForText("Endpoints (5)")
			})
		}
	}
}

// TestEndpointDetailScrollsAndKeepsTheSelection: j picks the next
// endpoint, enter opens it, the detail scrolls when it does not fit (and
// lists its moves only then), esc comes back to the same row.
func TestEndpointDetailScrollsAndKeepsTheSelection(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	d, p := demoDocs(t, b, "pje-gateway", api.PtBR, 80, 24)
	d.Key("j")
	d.Key("enter") // GET /v2/processos/{numero}
	d.WaitForText("incluirPartes")
	if len(p.endpointMoves()) == 0 {
		t.Fatalf("the detail overflows 24 lines but lists no move:\n%s", d.View())
	}
	before := d.View()
	d.Key("G")
	after := d.View()
	if after == before || !strings.Contains(after, `"segredoJustica": false`) {
		t.Errorf("G did not scroll to the example's end:\n%s", after)
	}
	d.Key("esc")
	d.WaitForText("Endpoints (5)")
	if p.docs.selected != 1 || !strings.Contains(d.View(), "▸  GET     /v2/processos/{numero} ") {
		t.Errorf("esc lost the selection (%d):\n%s", p.docs.selected, d.View())
	}
}

// TestBaseURLsShowWhole: at 80 columns a URL too long to sit beside its
// label goes on its own lines, whole.
func TestBaseURLsShowWhole(t *testing.T) {
	doc := `{"openapi": "3.0.3", "paths": {"/ping": {"get": {"summary": "Responde", "responses": {"200": {"description": "ok"}}}}}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(srv.URL, nil)
	long := api.API{ID: "webhooks-gateway", Name: "Configuração de Webhooks do Gateway", Acronym: "HOOKS", Category: api.CatConfiguration,
		Owner:       "Equipe PDPJ – Programa Justiça 4.0",
		Description: "Cadastro de URLs de retorno, segredos de assinatura HMAC e políticas de reenvio.",
		Rule:        api.RuleSet{HMG: api.RuleAuto, PRD: api.RuleAuto},
		OpenAPIURL:  "https://gecli.homologacao.pdpj.jus.br/api/v1/apis/webhooks-gateway/openapi.json",
		Environments: []api.APIEnvironment{
			{Name: api.EnvHMG, BaseURL: "https://gateway.stg.pdpj.jus.br/configuracao-de-webhooks-do-gateway/gateway/hmg"},
			{Name: api.EnvPRD, BaseURL: "https://gateway.pdpj.jus.br/hooks"}},
		Terms: api.Terms{ID: "tu-webhooks-gateway-1-0", Version: "1.0"}}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ReplaceCatalog(context.Background(), []api.API{long}, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now, Online: true}
	d := drive.New(t, drive.NewHost(com, New(com, s, c)), 80, 24)
	d.WaitForText("Configuração de Webhooks")
	d.Key("enter")
	d.WaitForText("Endpoints (1)")
	v := d.View()
	flat := strings.ReplaceAll(v, "\n", "")
	for _, u := range []string{long.Environments[0].BaseURL, long.OpenAPIURL, long.Environments[1].BaseURL + "  [p]"} {
		if !strings.Contains(flat, u) {
			t.Errorf("%s is not whole:\n%s", u, v)
		}
	}
	golden.RequireEqual(t, v)
}
