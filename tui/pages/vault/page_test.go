package vault

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/testkit/backend"
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

const tj = "11222333000181"

// live is the page against the real server as the demo requester, acting
// for the court.
func live(t *testing.T, w, h int) (*drive.Driver, *Page, *backend.Backend) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	tok := b.Token(t, "solicitante")
	c, _ := client.New(b.URL, nil)
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR,
		Now: time.Now, Clip: &common.Clipboard{},
		Authed: c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})),
		Me: &api.Me{Name: "Ana Souza", Roles: []api.Role{api.RoleRequester}, Institutions: []api.Institution{
			{CNPJ: tj, Name: "Tribunal de Justiça do Estado Exemplo"}, {CNPJ: "12ABC34501DE35", Name: "Defensoria Pública Exemplo"}}}}
	p := New(com)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.Send(common.RequestsSyncedMsg{})
	d.WaitForText("62 sistemas · 0 cadastradas")
	return d, p, b
}

func TestPageGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := live(t, size[0], size[1])
			golden.RequireEqual(t, d.View())
		})
	}
}

// TestAddOverwriteDeleteNeverShowsValues goes through the form as a person
// would: a wrong CPF is refused inline with what was typed kept, a 2FA
// system asks for its seed, and after saving nothing typed is on screen.
func TestAddOverwriteDeleteNeverShowsValues(t *testing.T) {
	d, p, b := live(t, 120, 34)
	d.Key("/")
	d.Type("trf4 - 2")
	d.Key("enter")
	d.WaitForText("EPROC - TRF4 - 2º grau")
	d.Key("n")
	d.WaitForText("Cadastrar ou sobrescrever credencial")
	d.Type("cliente-7")
	d.Key("tab")
	d.Type("999.999.999-99")
	d.Key("tab")
	d.Type("Senha-Secreta-1")
	d.Key("enter")
	d.WaitForText("usuário: informe um CPF válido")
	for range len("999.999.999-99") {
		d.Key("backspace")
	}
	d.Type("OAB/RS 12.345")
	d.Key("enter")
	d.WaitForText("este sistema exige autenticação de dois fatores")
	d.Type("jbsw y3dp ehpk 3pxp")
	golden.RequireEqual(t, d.View())
	d.Key("enter")
	d.WaitForText("· 1 cadastrada  ·")
	v := d.View()
	for _, secret := range []string{"Senha-Secreta-1", "JBSW", "jbsw"} {
		if strings.Contains(v, secret) {
			t.Fatalf("%q is on screen after saving:\n%s", secret, v)
		}
	}
	if !strings.Contains(v, "cliente-7") || formOpen(p) {
		t.Fatalf("the list must show the stored customer_key:\n%s", v)
	}
	rows, _ := b.DB.VaultEntries(context.Background(), tj, "")
	if len(rows) != 1 || rows[0].System != "EPROC - TRF4 - 2º grau" || rows[0].CustomerKey != "cliente-7" {
		t.Fatalf("stored: %+v", rows)
	}

	// Overwrite: same system and customer_key.
	d.Key("n")
	d.WaitForText("Cadastrar ou sobrescrever credencial")
	d.Type("SP123456")
	d.Key("tab")
	d.Type("Outra-Senha")
	d.Key("tab")
	d.Type("JBSWY3DPEHPK3PXP")
	d.Key("enter")
	d.WaitFor("the form to close", func(string) bool { return !formOpen(p) })
	log, _ := b.DB.VaultAuditLog(context.Background(), tj)
	if len(log) != 2 || log[1].Outcome != api.VaultUpdated {
		t.Fatalf("audit: %+v", log)
	}

	// Filter by customer_key, then delete after confirming.
	d.Key("c")
	d.Type("cliente-7")
	d.Key("enter")
	d.WaitForText("customer_key: cliente-7")
	d.Key("x")
	d.WaitForText("Apagar a credencial de EPROC - TRF4 - 2º grau para a customer_key cliente-7?")
	d.Key("s")
	d.WaitForText("0 cadastradas")
	if rows, _ := b.DB.VaultEntries(context.Background(), tj, ""); len(rows) != 0 {
		t.Fatalf("not deleted: %+v", rows)
	}
}

func TestInstitutionSwitchShowsOnlyItsEntries(t *testing.T) {
	d, _, _ := live(t, 120, 30)
	d.Key("n")
	d.Type("k1")
	d.Key("tab")
	d.Type("52998224725")
	d.Key("tab")
	d.Type("x")
	d.Key("enter")
	d.WaitForText("· 1 cadastrada  ·")
	d.Key("i")
	d.WaitForText("Instituição: Defensoria Pública Exemplo")
	d.WaitForText("0 cadastradas")
}

// TestLoadStartedBeforeAChangeDoesNotWin: a list load is in flight when
// an entry is written (say, a filter was just applied); the reload after
// the write must be the one shown, whichever answer lands last. On a
// loaded CI machine the older answer used to win and hide the change.
func TestLoadStartedBeforeAChangeDoesNotWin(t *testing.T) {
	_, p, _ := live(t, 120, 30)
	before := p.reload()() // the list as it was: nothing stored
	ctx := context.Background()
	res, err := p.com.Authed.VaultWrite(ctx, tj, []api.VaultEntry{{SystemName: "*", CustomerKey: "cliente-9",
		Username: "SP123456", Password: "x-Senha-1"}})
	if err != nil || res[0].Message != api.VaultCreated {
		t.Fatalf("write: %v %+v", err, res)
	}
	after := p.reload()
	if after == nil {
		t.Fatal("no reload while another load was in flight")
	}
	h := drive.NewHost(p.com, p)
	h.Route(after())
	h.Route(before)
	if v := p.View(); !strings.Contains(v, "1 cadastrada") || strings.Contains(v, "1 cadastradas") {
		t.Fatalf("the older list replaced the newer one:\n%s", v)
	}
}

func formOpen(p *Page) bool {
	_, open := overlay.Of[*form](p.com.Overlays, p.mb.ID())
	return open
}
