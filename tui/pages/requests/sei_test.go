package requests

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

var seiNow = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

const seiID = "SOL-2026-000417"

// seiRequest is a pending request of a server that links requests to
// SEI, in the given link state.
func seiRequest(state, number string) api.Request {
	at := seiNow.Add(-26 * time.Hour).Format(time.RFC3339)
	return api.Request{ID: seiID, Seq: 41, APIID: "datajud", APIName: "DataJud", Environment: api.EnvHMG,
		Institution:      api.Institution{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
		Requester:        api.Person{Name: "Ana Souza", CPF: "52998224725"},
		TechnicalContact: api.TechnicalContact{Name: "Marcos Prado", Email: "marcos@tj.jus.br", Phone: "6132221100"},
		Purpose:          "Consulta automatizada da distribuição processual.", Status: api.StatusPending, Rule: api.RuleAuto,
		CredentialState: api.CredentialNone, SEIProcess: number, SEIState: state, CreatedAt: at,
		History: []api.HistoryEvent{{N: 1, At: at, Actor: "Ana Souza", Action: "submitted", ToStatus: "pending"}}}
}

// The three states of the SEI link, as the server answers them.
func pendingSEI() (api.Request, api.SEIStatus) {
	r := seiRequest("pending", "00002.000117/2026-08") // typed by the requester, being checked
	return r, api.SEIStatus{Process: api.SEIProcess{Number: r.SEIProcess, State: "pending"},
		Items: []api.SEIItem{{Item: "process", Kind: "process", State: "pending", Attempts: 2,
			NextAt: "2026-11-22T09:31:00Z", Result: "SEI indisponível", CreatedAt: "2026-11-21T07:30:00Z"}}}
}

func linkedSEI() (api.Request, api.SEIStatus) {
	r := seiRequest("linked", "00001.004213/2026-51")
	return r, api.SEIStatus{
		Process: api.SEIProcess{Number: r.SEIProcess, State: "linked", Refreshed: true,
			Link: "https://sei.exemplo.jus.br/sei/controlador.php?acao=procedimento_trabalhar&id_procedimento=4213",
			Type: "Acesso a APIs: credenciamento", OpenUnits: []string{"SEJUD", "STI-GAB"},
			LastMovement: "Processo recebido na unidade STI-GAB", LastMovedAt: "21/11/2026 16:42:10"},
		Items: []api.SEIItem{
			{Item: "process", Kind: "process", State: "sent", Attempts: 1, Result: "00001.004213/2026-51", CreatedAt: "2026-11-21T07:30:00Z", DoneAt: "2026-11-21T07:30:02Z"},
			{Item: "attachment:att-1", Kind: "document", State: "sent", Attempts: 1, Result: "0001234", CreatedAt: "2026-11-21T08:00:00Z", DoneAt: "2026-11-21T08:00:01Z"},
			{Item: "opinion:op-1", Kind: "document", State: "pending", Attempts: 1, NextAt: "2026-11-22T14:05:00Z", CreatedAt: "2026-11-22T09:00:00Z"},
		}}
}

func failedSEI() (api.Request, api.SEIStatus) {
	r := seiRequest("failed", "")
	return r, api.SEIStatus{Process: api.SEIProcess{State: "failed"},
		Items: []api.SEIItem{{Item: "process", Kind: "process", State: "failed", Attempts: 5,
			Result: "Unidade [110000123] não encontrada.", CreatedAt: "2026-11-21T07:30:00Z"}}}
}

// fakeSEI is a server that answers a request's detail, its SEI section
// and the retry, from values a test changes.
type fakeSEI struct {
	mu      sync.Mutex
	req     api.Request
	sei     api.SEIStatus
	retries int
	down    bool // the SEI section cannot be read
}

func (f *fakeSEI) set(r api.Request, s api.SEIStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.req, f.sei = r, s
}

func (f *fakeSEI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	base := "/api/v1/requests/" + seiID
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == base:
		json.NewEncoder(w).Encode(f.req)
	case r.Method == http.MethodGet && r.URL.Path == base+"/sei" && f.down:
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(api.NewProblem(http.StatusServiceUnavailable, api.CodeBusy, "indisponível"))
	case r.Method == http.MethodGet && r.URL.Path == base+"/sei":
		json.NewEncoder(w).Encode(f.sei)
	case r.Method == http.MethodPost && r.URL.Path == base+"/sei/retry":
		f.retries++
		n := 0
		for i, it := range f.sei.Items {
			if it.State == "failed" {
				f.sei.Items[i].State, f.sei.Items[i].Attempts, f.sei.Items[i].NextAt = "pending", 0, "2026-11-22T09:30:00Z"
				n++
			}
		}
		if n == 0 {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusConflict)
			json.NewEncoder(w).Encode(api.NewProblem(http.StatusConflict, api.CodeRequestState, "nada a reenviar"))
			return
		}
		f.req.SEIState, f.sei.Process.State = "pending", "pending"
		json.NewEncoder(w).Encode(f.sei)
	default:
		http.NotFound(w, r)
	}
}

// seiPage opens the detail of the request f answers, signed in as me,
// with the request's row cached as a sync leaves it.
func seiPage(t *testing.T, f *fakeSEI, me *api.Me, lang api.Lang, w, h int) (*drive.Driver, *Page) {
	t.Helper()
	return seiPageUntil(t, f, me, lang, w, h, func(p *Page) bool { return p.detail.msg.SEI != nil })
}

// seiPageUntil is seiPage, the detail ready when its SEI read is over and
// ready holds.
func seiPageUntil(t *testing.T, f *fakeSEI, me *api.Me, lang api.Lang, w, h int, ready func(*Page) bool) (*drive.Driver, *Page) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, _ := client.New(srv.URL, nil)
	authed := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}))
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ApplyRequests(ctx, []api.Request{f.req}, f.req.Seq); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(lang), Lang: lang, Online: true,
		Now: func() time.Time { return seiNow }, Me: me, Authed: authed, Clip: &common.Clipboard{}}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.WaitForText("DataJud")
	d.Key("enter")
	d.WaitFor("the detail and its SEI section", func(string) bool {
		return p.detail != nil && !p.detail.loading && ready(p) && !p.mb.Pending(reqdetail.QuestionSEI)
	})
	return d, p
}

func admin() *api.Me {
	return &api.Me{Name: "Carla Admin", Roles: []api.Role{api.RoleAdmin}, Permissions: api.DefaultPermissions[api.RoleAdmin]}
}

func requester() *api.Me {
	return &api.Me{Name: "Ana Souza", Roles: []api.Role{api.RoleRequester}, Permissions: api.DefaultPermissions[api.RoleRequester]}
}

// TestSEIDetailGolden: the "Processo SEI" line in each link state, and
// for a linked request what SEI says of it now and a summary of the sends.
func TestSEIDetailGolden(t *testing.T) {
	states := []struct {
		name   string
		fix    func() (api.Request, api.SEIStatus)
		lang   api.Lang
		sizes  [][2]int
		expect []string
	}{
		{"pending", pendingSEI, api.PtBR, [][2]int{{120, 40}, {80, 24}},
			[]string{"processo SEI pendente (00002.000117/2026-08 a conferir)", "1 pendente (próxima tentativa 09:31)"}},
		{"linked", linkedSEI, api.PtBR, [][2]int{{120, 40}, {80, 24}},
			[]string{"00001.004213/2026-51", "Acesso a APIs: credenciamento", "SEJUD, STI-GAB",
				"Processo recebido na unidade STI-GAB · 21/11/2026 16:42", "3 envios: 2 enviados, 1 pendente (próxima tentativa 14:05)"}},
		{"failed", failedSEI, api.PtBR, [][2]int{{120, 40}, {80, 24}},
			[]string{"falhou: Unidade [110000123] não encontrada.", "1 falhou: Unidade [110000123] não encontrada."}},
		{"linked-en", linkedSEI, api.En, [][2]int{{120, 40}},
			[]string{"Open in units", "3 sends: 2 sent, 1 pending (next attempt 14:05)"}},
	}
	for _, c := range states {
		for _, size := range c.sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				f := &fakeSEI{}
				f.set(c.fix())
				d, _ := seiPage(t, f, requester(), c.lang, size[0], size[1])
				v := d.View()
				golden.RequireEqual(t, v)
				if size[0] == 120 {
					for _, want := range c.expect {
						if !strings.Contains(v, want) {
							t.Errorf("missing %q:\n%s", want, v)
						}
					}
				}
			})
		}
	}
}

// offered says whether the page's help, short and full, lists k.
func offered(p *Page, k string) bool {
	has := func(keys []key.Binding) bool {
		for _, b := range keys {
			if b.Help().Key == k {
				return true
			}
		}
		return false
	}
	full := false
	for _, g := range p.FullHelp() {
		full = full || has(g)
	}
	return has(p.ShortHelp()) && full
}

// TestSEIRetryOnlyForRevokersWhenASendFailed: R is offered, and acts,
// only for whoever holds requests:revoke and only when a send failed; it
// says so, and the section shows the send back in line.
func TestSEIRetryOnlyForRevokersWhenASendFailed(t *testing.T) {
	for _, c := range []struct {
		who   string
		me    *api.Me
		fix   func() (api.Request, api.SEIStatus)
		retry bool
	}{
		{"requester, failed", requester(), failedSEI, false},
		{"admin, linked", admin(), linkedSEI, false},
		{"admin, failed", admin(), failedSEI, true},
	} {
		t.Run(c.who, func(t *testing.T) {
			f := &fakeSEI{}
			f.set(c.fix())
			d, p := seiPage(t, f, c.me, api.PtBR, 120, 40)
			if got := offered(p, "R"); got != c.retry {
				t.Fatalf("R offered: %v, want %v", got, c.retry)
			}
			if _, hasLink := c.fix(); offered(p, "c") != (hasLink.Process.Link != "") {
				t.Errorf("c (copy the link) offered: %v with link %q", offered(p, "c"), hasLink.Process.Link)
			}
			d.Key("R")
			if !c.retry {
				if p.mb.Pending(reqdetail.QuestionSEIRetry) {
					t.Fatal("R asked the server to retry")
				}
				return
			}
			d.WaitFor("the retry's toasts", func(string) bool {
				return toastSaying(d, "Reenviando ao SEI o que falhou em "+seiID) && toastSaying(d, seiID+": 1 envio de volta à fila do SEI.")
			})
			d.WaitForText("1 pendente (próxima tentativa 09:30)")
			f.mu.Lock()
			retries := f.retries
			f.mu.Unlock()
			if retries != 1 || offered(p, "R") {
				t.Fatalf("retries on the server %d; R still offered: %v", retries, offered(p, "R"))
			}
		})
	}
}

func toastSaying(d *drive.Driver, text string) bool {
	for _, m := range d.Seen {
		if tm, ok := m.(common.ToastMsg); ok && strings.Contains(tm.Text, text) {
			return true
		}
	}
	return false
}

// TestSEILinkIsCopied: c puts SEI's link on the clipboard (OSC 52) and
// says so.
func TestSEILinkIsCopied(t *testing.T) {
	f := &fakeSEI{}
	f.set(linkedSEI())
	d, _ := seiPage(t, f, requester(), api.PtBR, 120, 40)
	d.Key("c")
	d.WaitFor("the copy's toast", func(string) bool {
		return toastSaying(d, "Enviado à área de transferência: Link do processo SEI (OSC 52)")
	})
}

// TestSEIPendingTurnsIntoTheNumberAfterASync: nobody touches a key; the
// server links the process, the background sync says requests changed,
// and the detail shows the number and SEI's section.
func TestSEIPendingTurnsIntoTheNumberAfterASync(t *testing.T) {
	f := &fakeSEI{}
	f.set(pendingSEI())
	d, _ := seiPage(t, f, requester(), api.PtBR, 120, 40)
	d.WaitForText("processo SEI pendente")
	r, s := linkedSEI()
	r.Seq = 42 // the server bumps the change sequence when it links
	f.set(r, s)
	d.Send(common.RequestsSyncedMsg{Changed: 1})
	d.WaitFor("the process number", func(v string) bool {
		return strings.Contains(v, "Processo SEI          00001.004213/2026-51") && strings.Contains(v, "SEJUD, STI-GAB") &&
			!strings.Contains(v, "processo SEI pendente")
	})
}

// TestSEIOfflineShowsTheCachedStateOnly: offline the cached request's
// state is shown, with no SEI section and no error.
func TestSEIOfflineShowsTheCachedStateOnly(t *testing.T) {
	r, _ := pendingSEI()
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR)}
	m := reqdetail.Msg{ID: r.ID, Req: r, CachedAt: seiNow, SEIErr: &client.NetworkError{Err: fmt.Errorf("dial: refused")}}
	v := strings.Join(reqdetail.Render(com, m, false, 100), "\n")
	if !strings.Contains(v, "processo SEI pendente (00002.000117/2026-08 a conferir)") || strings.Contains(v, "indisponíveis") {
		t.Fatalf("offline detail:\n%s", v)
	}
	if reqdetail.WantsSEI(reqdetail.Msg{}, m) {
		t.Fatal("a cached detail asks the server for its SEI section")
	}
	_, linked := linkedSEI()
	linked.Process.Refreshed, linked.Process.RefreshFailed = false, "o SEI não respondeu agora"
	lr, _ := linkedSEI()
	v = strings.Join(reqdetail.Render(com, reqdetail.Msg{ID: lr.ID, Req: lr, SEI: &linked}, false, 100), "\n")
	if !strings.Contains(v, "O SEI não respondeu agora; abaixo, o que o gecli sabe.") || !strings.Contains(v, "3 envios") {
		t.Fatalf("SEI not answering is not said:\n%s", v)
	}
}
