package wizard

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// stackHost runs the wizard on an overlay stack, as the root does: keys
// to the overlay on top, answers to the overlay that asked, actions
// carried out by the stack, the top one drawn.
type stackHost struct{ s *overlay.Stack }

func (h stackHost) Init() tea.Cmd { return h.s.Top().(*Model).Init() }
func (h stackHost) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	deliver := func(route.ID, tea.Msg) tea.Cmd { return nil }
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		for _, o := range h.s.OwnedBy(route.Root) {
			if w, ok := o.(*Model); ok {
				w.SetWidth(m.Width)
			}
		}
	case route.Envelope:
		if o := h.s.Find(m.To); o != nil {
			if inner, ok := o.Mailbox().Open(m); ok && inner != nil {
				return h, h.s.Apply(o, o.Update(inner), deliver)
			}
		}
	case tea.KeyPressMsg:
		if o := h.s.Top(); o != nil {
			return h, h.s.Apply(o, o.Update(m), deliver)
		}
	}
	return h, nil
}
func (h stackHost) View() tea.View { return tea.NewView(h.s.Top().View(80, 22)) }

// TestReadTermsBeforeAccepting: on the terms step, t (in the step's
// hint) reads the API's terms in the viewer over the wizard; esc comes
// back to the step, where they are still to accept.
func TestReadTermsBeforeAccepting(t *testing.T) {
	terms := pdftest.Text([]string{"Termo de uso do SNGB", "", "O órgão custodiante responde pelos dados dos bens apreendidos."})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/apis/sngb/terms" {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(terms)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(srv.URL, nil)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ReplaceCatalog(context.Background(), []api.API{sngb}, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now,
		Me:     &api.Me{Name: "Ana", Roles: []api.Role{api.RoleRequester}},
		Authed: c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}))}
	stack := &overlay.Stack{}
	stack.Push(New(com, s, store.Draft{ID: "draft-terms", APIID: "sngb", Environment: api.EnvPRD, Step: int(stepTerms)}))
	d := drive.New(t, stackHost{stack}, 80, 24)
	d.WaitForText("tu-sngb-1-0 (versão 1.0)")
	if keys := helpLine(stack.Top().ShortHelp()); !strings.Contains(keys, "t ler o termo") {
		t.Errorf("the step's keys do not offer t: %s", keys)
	}
	d.Key("t")
	d.WaitForText("O órgão custodiante responde pelos dados dos bens apreendidos.")
	if v := d.View(); !strings.Contains(v, "Termo de uso · Sistema Nacional de Gestão de Bens (versão 1.0)") {
		t.Errorf("the viewer's title:\n%s", v)
	}
	if _, ok := stack.Top().(*pdfview.Model); !ok || stack.Top().Owner() != route.Root {
		t.Fatal("the viewer is not the root's overlay on top (drawn over the body, taking the keys)")
	}
	d.Key("space") // pages the viewer down: does not accept the terms
	d.Key("esc")
	v := d.View()
	if !strings.Contains(v, "[ ] Li e aceito o termo de uso vigente") || stack.Len() != 1 {
		t.Errorf("esc did not come back to the terms step, as it was:\n%s", v)
	}
	d.Key("space")
	if v := d.View(); !strings.Contains(v, "[x] Li e aceito") {
		t.Errorf("space does not accept the terms after reading:\n%s", v)
	}
}
