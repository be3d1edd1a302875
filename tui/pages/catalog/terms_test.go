package catalog

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

var datajud = api.API{ID: "datajud", Name: "DataJud", Acronym: "DJ", Category: api.CatData,
	Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://h"}},
	Terms:        api.Terms{ID: "tu-datajud-2", Version: "2.0", SHA256: strings.Repeat("c", 64)}}

// termsPage is the Catálogo, signed out, over a server that publishes
// DataJud's terms of use (and no OpenAPI document); c is nil in
// --offline mode.
func termsPage(t *testing.T, offline bool) (*drive.Driver, *Page) {
	t.Helper()
	terms := pdftest.Text([]string{"Termo de uso da API DataJud", "", "Cláusula única – O uso é restrito à finalidade declarada."})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/apis/datajud/terms" {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(terms)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	var c *client.Client
	if !offline {
		c, _ = client.New(srv.URL, nil)
	}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ReplaceCatalog(context.Background(), []api.API{datajud}, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now, Online: !offline}
	p := New(com, s, c)
	d := drive.New(t, drive.NewHost(com, p), 100, 30)
	d.WaitForText("DataJud")
	d.Key("enter")
	d.WaitForText("Documentação · DataJud")
	return d, p
}

// TestReadTerms: in an API's documentation, t (listed in its help) reads
// the API's terms of use in the viewer, signed out too; esc comes back.
func TestReadTerms(t *testing.T) {
	d, p := termsPage(t, false)
	listed := false
	for _, g := range p.FullHelp() {
		for _, b := range g {
			listed = listed || b.Help().Key == "t" && b.Help().Desc == "ler o termo de uso"
		}
	}
	if !listed {
		t.Errorf("t is not in the documentation's help: %v", p.FullHelp())
	}
	d.Key("t")
	d.WaitForText("Cláusula única – O uso é restrito à finalidade declarada.")
	v := d.View()
	if !strings.Contains(v, "Termo de uso · DataJud (versão 2.0)") || !strings.Contains(v, "página 1 de 1") {
		t.Errorf("the viewer's title:\n%s", v)
	}
	if _, ok := p.com.Overlays.Top().(*pdfview.Model); !ok {
		t.Fatal("the viewer is not on top, to take the keys")
	}
	d.Key("esc")
	if v := d.View(); !strings.Contains(v, "Documentação · DataJud") {
		t.Errorf("esc did not come back to the documentation:\n%s", v)
	}
}

func TestReadTermsOffline(t *testing.T) {
	d, p := termsPage(t, true)
	d.Key("t")
	if p.com.Overlays.Len() != 0 {
		t.Fatal("a viewer opened in --offline mode, where nothing is fetched")
	}
	d.WaitFor("the toast", func(string) bool {
		for _, m := range d.Seen {
			if tm, ok := m.(common.ToastMsg); ok && tm.Text == p.com.Text.OfflineNoRefresh {
				return true
			}
		}
		return false
	})
}

// TestReadDemoTerms: the terms the demo server publishes (written as a
// PDF by server/seed) read as paragraphs, each whole.
func TestReadDemoTerms(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	c, _ := client.New(b.URL, nil)
	ctx := context.Background()
	a, err := c.GetAPI(ctx, "pje-gateway")
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
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now, Online: true}
	p := New(com, s, c)
	d := drive.New(t, drive.NewHost(com, p), 100, 40)
	d.WaitForText(a.Name)
	d.Key("enter")
	d.WaitForText("Documentação")
	d.Key("t")
	d.WaitForText("Termo de Uso – " + a.Name) // the demo's dashes, in WinAnsi, read back as dashes
	flat := strings.Join(strings.Fields(d.View()), " ")
	for _, want := range []string{
		"3. Credenciais. O Client ID e o Client Secret são pessoais da instituição, não podem ser compartilhados entre aplicações e devem ser guardados em cofre seguro. O Secret é exibido uma única vez.",
		"5. Dados pessoais. O tratamento observará a Lei nº 13.709/2018 (LGPD);",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("missing %q:\n%s", want, d.View())
		}
	}
}
