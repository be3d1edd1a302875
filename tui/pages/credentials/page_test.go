package credentials

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

const tj, defensoria = "11222333000181", "12ABC34501DE35"

func requester() *api.Me {
	return &api.Me{Name: "Ana Souza", Roles: []api.Role{api.RoleRequester},
		Institutions: []api.Institution{{CNPJ: tj, Name: "Tribunal de Justiça do Estado Exemplo"}}}
}

func newCommon() *common.Common {
	return &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR,
		Now: func() time.Time { return now }, Me: requester(), Clip: &common.Clipboard{}}
}

func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// cached is a list in every state, as the cache holds it after a sync.
func cached() []api.Credential {
	base := func(id, clientID, apiName string, env api.Environment, state string) api.Credential {
		return api.Credential{RequestID: id, ClientID: clientID, APIID: strings.ToLower(apiName), APIName: apiName, Environment: env,
			Institution: api.Institution{CNPJ: tj, Name: "Tribunal de Justiça do Estado Exemplo"}, State: state,
			TokenURL: "http://gecli.test/oauth2/token", GatewayURL: "http://gecli.test/gateway/" + string(env) + "/ping"}
	}
	active := base("SOL-2026-000601", "hmg-datajud-3f9a1c0b7e2d", "DataJud", api.EnvHMG, api.CredentialActive)
	active.SecretHint, active.SecretCreatedAt = "gecli_cs_…a1B2", "2026-11-20T14:05:00Z"
	active.PreviousValidUntil = "2026-11-22T18:00:00Z"
	return []api.Credential{
		active,
		base("SOL-2026-000588", "prd-tpu-0a1b2c3d4e5f", "Tabelas Processuais Unificadas", api.EnvPRD, api.CredentialAvailable),
		base("SOL-2026-000570", "prd-codex-9f8e7d6c5b4a", "Codex", api.EnvPRD, api.CredentialBlocked),
		base("SOL-2026-000512", "hmg-consulta-cpf-1234567890ab", "Consulta CPF", api.EnvHMG, api.CredentialRevoked),
	}
}

func cachedPage(t *testing.T, w, h int) (*drive.Driver, *Page) {
	t.Helper()
	s, _ := openStore(t)
	if err := s.SaveCredentials(context.Background(), cached(), now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	p := New(newCommon(), s)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.WaitForText("Credenciais (4)")
	return d, p
}

func TestViewerGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 36}, {80, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _ := cachedPage(t, size[0], size[1])
			v := d.View()
			for _, want := range []string{"🔒 DataJud", "hmg-datajud-3f9a1c0b7e2d", "gecli_cs_••••••••••••a1B2", "mascarado",
				"22/11/2026 18:00", "Lista do cache"} {
				if !strings.Contains(v, want) {
					t.Errorf("the viewer does not show %q:\n%s", want, v)
				}
			}
			golden.RequireEqual(t, v)
		})
	}
}

func TestEachStateSaysWhatToDo(t *testing.T) {
	d, _ := cachedPage(t, 120, 36)
	for _, want := range []string{"ainda não gerado · n gera o secret", "bloqueada até o formulário técnico", "revogada com a solicitação"} {
		d.Key("j")
		d.WaitForText(want)
	}
}

// TestRevealShowsTheSecretOnce: the new secret is on screen with the
// warning until the reveal closes, and then it is nowhere.
func TestRevealShowsTheSecretOnce(t *testing.T) {
	for _, size := range [][2]int{{120, 36}, {80, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { testReveal(t, size[0], size[1]) })
	}
}

func testReveal(t *testing.T, w, h int) {
	d, p := cachedPage(t, w, h)
	secret := "gecli_cs_" + strings.Repeat("X", 43) + "ABCDEF" // a fixed stand-in for the golden file
	d.Send(route.Envelope{To: p.mb.ID(), Msg: generatedMsg{requestID: "SOL-2026-000601", res: api.SecretResponse{ClientID: "hmg-datajud-3f9a1c0b7e2d",
		ClientSecret: secret, PreviousValidUntil: "2026-11-23T12:00:00Z"}}})
	d.WaitForText("Novo secret · copie agora")
	if !strings.Contains(d.View(), secret) {
		t.Fatalf("the whole secret must be on screen:\n%s", d.View())
	}
	golden.RequireEqual(t, d.View())
	if top, ok := p.com.Overlays.Top().(*revealBox); !ok || top.secret != secret {
		t.Error("while a secret is on screen, its box must be on top of the stack: q and tab must not leave the page")
	}
	d.Key("enter") // typed out of habit after the confirmation: the secret, shown once, stays
	if _, open := overlay.Of[*revealBox](p.com.Overlays, p.mb.ID()); !open || !strings.Contains(d.View(), secret) {
		t.Fatal("enter closed the reveal: a secret shown once was lost")
	}
	d.Key("esc")
	d.WaitFor("the reveal to close", func(v string) bool { return !strings.Contains(v, "copie agora") })
	if _, open := overlay.Of[*revealBox](p.com.Overlays, p.mb.ID()); strings.Contains(d.View(), secret) || open {
		t.Fatal("the secret stayed after the reveal closed")
	}
}

func TestRefusalExplainsCauseAndAction(t *testing.T) {
	d, p := cachedPage(t, 120, 36)
	tb := &testerBox{box: newBox(p.com, "test", p.mb.ID(), 120), keys: p.boxes, cred: cached()[0], secret: "x"}
	p.com.Overlays.Push(tb)
	answer := func(msg testedMsg) route.Envelope { return route.Envelope{To: tb.Mailbox().ID(), Msg: msg} }
	for _, tt := range []struct {
		code, want string
		status     int
	}{
		{"wrong_environment", "Conecta FAQ 5", 401},
		{"ip_not_allowed", "cadastre a faixa de saída (i)", 403},
		{"token_expired", "peça um novo token", 401},
	} {
		d.Send(answer(testedMsg{check: client.GatewayCheck{Stage: "gateway", Status: tt.status, Code: tt.code, Detail: "recusado"}}))
		d.WaitForText(fmt.Sprintf("O gateway recusou (%d %s)", tt.status, tt.code))
		d.WaitForText(tt.want)
	}
	d.Send(answer(testedMsg{check: client.GatewayCheck{Stage: "token", Status: 401, Code: "invalid_client", Detail: "client_id ou client_secret inválidos"}}))
	d.WaitForText("O endpoint de token recusou (401 invalid_client)")
	d.WaitForText("se o perdeu, gere outro (n)")
	golden.RequireEqual(t, d.View())
}

// live is the page against the real server, signed in as the demo
// requester.
func live(t *testing.T) (*drive.Driver, *Page, *backend.Backend, string) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	tok := b.Token(t, "solicitante")
	c, _ := client.New(b.URL, nil)
	com := newCommon()
	com.Authed = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}))
	com.Clip.Tmux = true
	s, path := openStore(t)
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), 120, 40)
	d.Send(common.RequestsSyncedMsg{}) // the root's signal that the session works
	d.WaitForText("Credenciais (")
	d.WaitFor("the list from the server", func(string) bool { return p.loaded })
	return d, p, b, path
}

// selectWhere moves down until the selected credential matches.
func selectWhere(t *testing.T, d *drive.Driver, p *Page, ok func(api.Credential) bool) api.Credential {
	t.Helper()
	for range len(p.items) {
		if c := p.current(); c != nil && ok(*c) {
			return *c
		}
		d.Key("j")
	}
	t.Fatal("no credential matches")
	return api.Credential{}
}

var secretRE = regexp.MustCompile(`gecli_cs_[0-9A-Za-z]{49}`)

func TestGenerateCopyAndTestAgainstTheServer(t *testing.T) {
	d, p, b, cachePath := live(t)
	cred := selectWhere(t, d, p, func(c api.Credential) bool {
		return c.State == api.CredentialAvailable && c.Environment == api.EnvHMG && c.Institution.CNPJ == tj
	})
	d.Key("n")
	d.WaitForText("Gerar o secret de " + cred.APIName)
	d.Key("enter")
	d.WaitForText("Novo secret · copie agora")
	secret := secretRE.FindString(d.View())
	if api.CheckSecret(secret) != nil {
		t.Fatalf("no valid secret on screen:\n%s", d.View())
	}

	d.Key("s")
	d.WaitFor("OSC 52 with the secret, and its tmux passthrough", func(string) bool {
		osc52, tmux := d.Copied(secret)
		return osc52 && tmux
	})

	d.Key("t")
	d.WaitForText("✔ Gateway aceitou: " + cred.APIName)
	d.Key("esc") // the test
	d.Key("esc") // the reveal
	d.WaitFor("the list to show the hint", func(v string) bool {
		return strings.Contains(v, "gecli_cs_••••••••••••"+secret[len(secret)-4:])
	})
	if strings.Contains(d.View(), secret) {
		t.Fatal("the secret is still on screen")
	}

	// Later, from outside the allowed ranges: the test pastes the secret
	// into a masked field and explains the 403.
	d.Key("i")
	d.WaitForText("127.0.0.0/8, ::1/128, 200.152.0.0/16")
	d.Type(", 10.0.0.0/33")
	d.Key("enter")
	d.WaitForText("Faixa inválida")
	for range len("127.0.0.0/8, ::1/128, 200.152.0.0/16, 10.0.0.0/33") {
		d.Key("backspace")
	}
	d.Type("200.152.0.0/16")
	d.Key("enter")
	d.WaitFor("the editor to close after saving", func(string) bool {
		_, open := overlay.Of[*allowBox](p.com.Overlays, p.mb.ID())
		return !open
	})
	ranges, _ := b.DB.Allowlist(context.Background(), tj)
	if len(ranges) != 1 || ranges[0].String() != "200.152.0.0/16" {
		t.Fatalf("allowlist saved: %v", ranges)
	}
	d.Key("t")
	d.WaitForText("Cole o secret")
	d.Send(tea.PasteMsg{Content: secret})
	if strings.Contains(d.View(), secret) {
		t.Fatal("the pasted secret is shown in clear")
	}
	d.Key("enter")
	d.WaitForText("O gateway recusou (403 ip_not_allowed)")
	d.WaitForText("cadastre a faixa de saída (i)")

	// Nothing of the secret reached the cache.
	var stored []byte
	for _, suffix := range []string{"", "-wal"} {
		data, _ := os.ReadFile(cachePath + suffix)
		stored = append(stored, data...)
	}
	if strings.Contains(string(stored), secret[9:30]) {
		t.Fatal("the secret is in the cache")
	}
}

func TestGenerationRefusedForABlockedCredential(t *testing.T) {
	d, p, _, _ := live(t)
	if len(p.items) == 0 {
		t.Fatal("no credentials")
	}
	p.items[p.selected].State = api.CredentialBlocked // as a form_* approval is
	d.Key("n")
	if _, open := overlay.Of[*generateBox](p.com.Overlays, p.mb.ID()); open {
		t.Fatal("a blocked credential must not offer generation")
	}
}

// TestListAskedBeforeAGenerationDoesNotWin: a list request in flight when
// a secret is generated must not, landing last, show the credential as
// still without a secret.
func TestListAskedBeforeAGenerationDoesNotWin(t *testing.T) {
	d, p, _, _ := live(t)
	c := selectWhere(t, d, p, func(c api.Credential) bool { return c.State == api.CredentialAvailable })
	before := p.refresh()() // the list as it was
	if _, err := p.com.Authed.GenerateSecret(context.Background(), c.RequestID, 0); err != nil {
		t.Fatal(err)
	}
	after := p.refresh()
	if after == nil {
		t.Fatal("no refresh while another was in flight")
	}
	h := drive.NewHost(p.com, p)
	h.Route(after())
	h.Route(before)
	for _, got := range p.items {
		if got.RequestID == c.RequestID && got.State != api.CredentialActive {
			t.Fatalf("the older list won: %s is %s", c.RequestID, got.State)
		}
	}
}
