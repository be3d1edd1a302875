package reqdetail

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

var now = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// signedIn is a client of the real server as the demo requester, and the
// id of one of the institution's requests.
func signedIn(t *testing.T) (*client.Client, *backend.Backend, string) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	c, _ := client.New(b.URL, nil)
	authed := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "solicitante")}))
	page, err := authed.RequestPage(context.Background(), 0, "", 1)
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no request to open: %v", err)
	}
	return authed, b, page.Items[0].ID
}

func load(c *client.Client, s *store.Store, id string) Msg { return Load(c, s, id, now)().(Msg) }

func TestOfflineTheCachedDetailIsShownWithItsAge(t *testing.T) {
	c, b, id := signedIn(t)
	s := openStore(t)
	fresh := load(c, s, id)
	if fresh.Err != nil || fresh.CacheErr != nil || fresh.Req.ID != id || !fresh.CachedAt.IsZero() {
		t.Fatalf("online load: %+v", fresh)
	}
	b.Stop()
	offline := load(c, s, id)
	if offline.Err != nil || offline.Req.ID != id || !offline.CachedAt.Equal(now) {
		t.Fatalf("offline, the cached detail must be shown with when it was read: %+v", offline)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	if v := ansi.Strip(strings.Join(Render(com, offline, false, 100), "\n")); !strings.Contains(v, "cópia em cache de 22/11/2026") {
		t.Fatalf("the screen does not say the detail is a cached copy:\n%s", v)
	}
	if never := load(c, s, "SOL-2026-999999"); !errors.Is(never.Err, ErrOnlyList) || !client.IsOffline(never.Err) {
		t.Fatalf("offline and never cached: the error must say only the list is here, the server unreachable: %v", never.Err)
	}
}

// TestWithoutSessionOrCacheTheListsRowIsShownAndSaidSo: started offline,
// the session not yet resumed (no client) and no detail cached: the
// detail shows the row the list keeps with a warning of what is missing,
// not "sessão ausente".
func TestWithoutSessionOrCacheTheListsRowIsShownAndSaidSo(t *testing.T) {
	s := openStore(t)
	m := load(nil, s, "SOL-2026-000042")
	if !errors.Is(m.Err, ErrOnlyList) {
		t.Fatalf("no session, no cache: %v", m.Err)
	}
	m.Req = api.Request{ID: "SOL-2026-000042", APIName: "DataJud", Status: api.StatusPending, Purpose: "Consulta processual."}
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(lang)}
		v := strings.Join(strings.Fields(ansi.Strip(strings.Join(Render(com, m, false, 80), "\n"))), " ")
		if !strings.Contains(v, strings.Join(strings.Fields(com.Text.DetailOnlyList), " ")) || !strings.Contains(v, "Consulta processual.") {
			t.Errorf("%s: the row and the warning:\n%s", lang, v)
		}
		if strings.Contains(v, "sessão ausente") || strings.Contains(v, "not signed in") {
			t.Errorf("%s: a sign-in error where the row should show:\n%s", lang, v)
		}
	}
}

func TestAFreshAnswerSurvivesACacheThatCannotKeepIt(t *testing.T) {
	c, _, id := signedIn(t)
	s := openStore(t)
	s.Close() // every write now fails
	msg := load(c, s, id)
	if msg.Err != nil || msg.Req.ID != id {
		t.Fatalf("the server's answer was thrown away for a cache failure: %+v", msg)
	}
	if msg.CacheErr == nil {
		t.Fatal("the cache failure was not reported")
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.En)}
	toast := CacheProblem(com, msg)().(common.ToastMsg)
	if !toast.Error || !strings.Contains(toast.Text, "local cache could not keep it") {
		t.Fatalf("toast: %+v", toast)
	}
	if CacheProblem(com, Msg{}) != nil {
		t.Fatal("no cache problem, yet a toast")
	}
}

func TestLongTextsStayInsideThePanel(t *testing.T) {
	long := strings.Repeat("Integração do sistema processual do tribunal ", 40)
	m := Msg{ID: "SOL-1", Req: api.Request{ID: "SOL-1", APIName: strings.Repeat("API ", 50), Status: api.StatusPending,
		Environment: api.EnvPRD, Purpose: long, CustomFields: map[string]string{"orgao": long},
		History: []api.HistoryEvent{{At: "2026-11-20T10:00:00Z", Actor: "Ana", Action: "submitted", Justification: long}}}}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	for _, width := range []int{40, 80} {
		lines := Render(com, m, false, width)
		purpose := ""
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("a line of %d cells in a %d-cell panel: %q", w, width, ansi.Strip(l))
			}
			if strings.Contains(ansi.Strip(l), "Finalidade") {
				purpose = ansi.Strip(l)
			}
		}
		if !strings.Contains(purpose, "Integra") {
			t.Errorf("the purpose's start is not visible at %d cells: %q", width, purpose)
		}
	}
}

// TestOpinionsAreShownWhole: on any panel width an opinion's every word
// is on screen (wrapped, never cut), its author and PDF too; the PDF is
// listed once on screen and downloaded once, and the history names the
// opinion without repeating its text.
func TestOpinionsAreShownWhole(t *testing.T) {
	text := strings.Repeat("Consulta compatível com o limite de requisições. ", 12) + "\nSegunda linha: SuperPalavraSemEspaçosQueNãoCabeEmQuarentaColunasDeJeitoNenhum."
	pdf := api.Attachment{ID: "att-2", Filename: "parecer.pdf", Size: 3000}
	m := Msg{ID: "SOL-1", Req: api.Request{ID: "SOL-1", Status: api.StatusPending, Environment: api.EnvHMG,
		Attachments: []api.Attachment{{ID: "att-1", Filename: "oficio.pdf", Size: 10}, pdf},
		Opinions:    []api.Opinion{{ID: "op-1", AuthorName: "Bruno Lima", At: "2026-11-20T10:00:00Z", Text: text, Attachment: &pdf}},
		History:     []api.HistoryEvent{{At: "2026-11-20T10:00:00Z", Actor: "Bruno Lima", Action: "opinion", Justification: text}}}}
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(lang)}
		for _, width := range []int{40, 80} {
			lines := Render(com, m, false, width)
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > width {
					t.Fatalf("a line of %d cells in a %d-cell panel: %q", w, width, ansi.Strip(l))
				}
			}
			v := ansi.Strip(strings.Join(lines, "\n"))
			joined := strings.ReplaceAll(strings.Join(strings.Fields(v), " "), "- ", "-") // words broken across lines
			for _, w := range strings.Fields(text) {
				if !strings.Contains(joined, w) && !strings.Contains(strings.ReplaceAll(v, "\n  ", ""), w) {
					t.Errorf("%s at %d: %q is not shown", lang, width, w)
				}
			}
			if strings.Count(v, "parecer.pdf") != 1 || !strings.Contains(v, "oficio.pdf") || !strings.Contains(v, "Bruno Lima") {
				t.Errorf("%s at %d: files or author wrong:\n%s", lang, width, v)
			}
			if strings.Count(v, "Segunda linha") != 1 {
				t.Errorf("%s at %d: the opinion's text is repeated in the history:\n%s", lang, width, v)
			}
			if title := i18n.For(lang).Opinion.Section + " (1)"; !strings.Contains(v, title) {
				t.Errorf("%s: no %q", lang, title)
			}
		}
	}
	if files := Files(m.Req); len(files) != 2 {
		t.Fatalf("files to download: %+v", files)
	}
	alone := m.Req
	alone.Attachments = nil // a server that lists opinion PDFs apart
	if files := Files(alone); len(files) != 1 || files[0].ID != "att-2" {
		t.Fatalf("the opinion's PDF is not offered for download: %+v", files)
	}
}

// TestHistorySaysEachChangeOnce: "cancelada → Cancelada" says it twice;
// an action named as its status shows no arrow, while "enviada → Em
// análise" keeps it (the status is news beyond the action).
func TestHistorySaysEachChangeOnce(t *testing.T) {
	r := api.Request{ID: "SOL-2026-000001", Status: api.StatusCancelled, History: []api.HistoryEvent{
		{N: 1, At: "2026-11-20T10:00:00Z", Actor: "Ana Souza", Action: "submitted", ToStatus: "pending"},
		{N: 2, At: "2026-11-21T10:00:00Z", Actor: "Ana Souza", Action: "cancelled", FromStatus: "pending", ToStatus: "cancelled"}}}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	v := ansi.Strip(strings.Join(Render(com, Msg{ID: r.ID, Req: r}, false, 100), "\n"))
	if !strings.Contains(v, "Ana Souza · enviada → Em análise") {
		t.Errorf("the submission lost its status:\n%s", v)
	}
	if !strings.Contains(v, "Ana Souza · cancelada") || strings.Contains(v, "cancelada → Cancelada") {
		t.Errorf("the cancellation:\n%s", v)
	}
}

// TestCustomFieldsShowTheirLabels: the detail names an API's own fields
// as the catalog labels them, not by their wire names.
func TestCustomFieldsShowTheirLabels(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	a := api.API{ID: "sngb", Name: "SNGB", Category: api.CatData,
		CustomFields: []api.CustomField{{Name: "orgao", Label: "Órgão custodiante", Type: "string"}}}
	if err := s.ReplaceCatalog(ctx, []api.API{a}, `"e"`, now); err != nil {
		t.Fatal(err)
	}
	r := api.Request{ID: "SOL-2026-000009", APIID: "sngb", APIName: "SNGB", CustomFields: map[string]string{"orgao": "Vara Criminal"}}
	if err := s.SaveRequestDetail(ctx, r, now); err != nil {
		t.Fatal(err)
	}
	m := load(nil, s, r.ID)
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	v := ansi.Strip(strings.Join(Render(com, m, false, 100), "\n"))
	if !strings.Contains(v, "Órgão custodiante: Vara Criminal") || strings.Contains(v, "orgao:") {
		t.Errorf("the custom field is not shown by its label:\n%s", v)
	}
}

// TestPurposeIsNeverCut: on any panel from 23 cells up, every word of the
// purpose is on screen, wrapped: spaces before it, tabs, a word longer
// than the panel, its own line breaks.
func TestPurposeIsNeverCut(t *testing.T) {
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	purposes := []string{
		"Integração do sistema processual do tribunal com a consulta de dados cadastrais, para validar as partes no ajuizamento eletrônico.",
		"  Integração  do sistema processual do tribunal com a consulta",
		"Consulta\tprocessual com tabulação e https://exemplo.jus.br/um/endereco/muito/longo/que/nao/cabe/numa/linha/so",
		"Primeira linha\r\nSegunda linha bem mais comprida que a largura do painel estreito",
	}
	for _, purpose := range purposes {
		for width := 23; width <= 100; width++ {
			var shown []string
			in := false
			for _, l := range Render(com, Msg{Req: api.Request{ID: "SOL-1", Purpose: purpose}}, false, width) {
				s := ansi.Strip(l)
				if w := ansi.StringWidth(s); w > width {
					t.Fatalf("a line of %d cells in a %d-cell panel: %q", w, width, s)
				}
				if rest, ok := strings.CutPrefix(s, "Finalidade"); ok {
					in, s = true, rest
				} else if strings.HasPrefix(s, "Enviada em") {
					in = false
				}
				if in {
					shown = append(shown, s)
				}
			}
			if got, want := strings.Join(strings.Fields(strings.Join(shown, "")), ""), strings.Join(strings.Fields(purpose), ""); got != want {
				t.Errorf("%d cells: the purpose shown is\n%s", width, strings.Join(shown, "\n"))
			}
		}
	}
}

// TestTermsChangedSinceTheRequestAcceptedThem: with the catalog cached,
// a request whose accepted terms are older than the API's current ones
// says so (both versions); one on the current terms says nothing of them.
func TestTermsChangedSinceTheRequestAcceptedThem(t *testing.T) {
	c, _, id := signedIn(t)
	s := openStore(t)
	ctx := context.Background()
	msg := load(c, s, id)
	if msg.Err != nil {
		t.Fatal(msg.Err)
	}
	a := api.API{ID: msg.Req.APIID, Name: msg.Req.APIName, Category: api.CatData, Terms: api.Terms{ID: msg.Req.Terms.ID, Version: msg.Req.Terms.Version}}
	if err := s.ReplaceCatalog(ctx, []api.API{a}, `"1"`, now); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Text: i18n.For(api.PtBR), Lang: api.PtBR, Styles: themes.Get(themes.Mono), Now: func() time.Time { return now }}
	same := strings.Join(Render(com, load(c, s, id), false, 120), "\n")
	if strings.Contains(same, "Termo de uso") {
		t.Fatalf("terms unchanged, yet mentioned:\n%s", same)
	}
	a.Terms.Version = "9.9"
	if err := s.ReplaceCatalog(ctx, []api.API{a}, `"2"`, now); err != nil {
		t.Fatal(err)
	}
	changed := ansi.Strip(strings.Join(Render(com, load(c, s, id), false, 120), "\n"))
	if want := "aceitou a versão " + msg.Req.Terms.Version + "; a atual é 9.9 (mudou desde o aceite)"; !strings.Contains(changed, want) {
		t.Fatalf("the change of terms is not said (%q):\n%s", want, changed)
	}
}
