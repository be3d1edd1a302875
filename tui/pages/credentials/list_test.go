package credentials

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/route"
)

// many is a list at the demo's scale: 226 credentials of a few APIs, in
// both environments, for two institutions, so most labels repeat.
func many(n int) []api.Credential {
	apis := []struct{ id, name string }{{"consulta-cpf", "Consulta CPF"}, {"notificacoes-pdpj", "Serviço de Notificações PDPJ"},
		{"datajud", "DataJud – Base Nacional de Dados do Poder Judiciário"}, {"tpu", "Tabelas Processuais Unificadas"},
		{"consulta-cnpj", "Consulta CNPJ"}, {"codex", "Codex"}, {"pje-gateway", "PJe Gateway"}}
	insts := []api.Institution{{CNPJ: tj, Name: "Tribunal de Justiça do Estado Exemplo"}, {CNPJ: defensoria, Name: "Defensoria Pública Exemplo"}}
	states := []string{api.CredentialAvailable, api.CredentialActive, api.CredentialAvailable, api.CredentialRevoked}
	items := make([]api.Credential, n)
	for i := range items {
		a, env := apis[i%len(apis)], api.Environments[(i/len(apis))%2]
		items[i] = api.Credential{RequestID: fmt.Sprintf("SOL-2026-%06d", n-i), APIID: a.id, APIName: a.name, Environment: env,
			ClientID: fmt.Sprintf("%s-%s-%012x", env, a.id, i), Institution: insts[(i/3)%2], State: states[i%len(states)],
			TokenURL: "http://gecli.test/oauth2/token", GatewayURL: "http://gecli.test/gateway/" + string(env) + "/ping",
			CreatedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC).Add(-time.Duration(i) * 7 * time.Hour).Format(time.RFC3339)}
		if items[i].State == api.CredentialActive {
			items[i].SecretHint, items[i].SecretCreatedAt = fmt.Sprintf("gecli_cs_…%04d", i), "2026-11-20T14:05:00Z"
		}
	}
	return items
}

// listed is the page with items as the server answered them (no cache
// line), in lang, at w×h.
func listed(t *testing.T, items []api.Credential, lang api.Lang, w, h int) (*drive.Driver, *Page) {
	t.Helper()
	s, _ := openStore(t)
	com := newCommon()
	com.Text, com.Lang = i18n.For(lang), lang
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), w, h)
	d.Send(route.Envelope{To: p.mb.ID(), Msg: fetchedMsg{items: items}})
	d.WaitForText(fmt.Sprintf(com.Text.Cred.Title, len(items)))
	return d, p
}

func TestListGolden(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				d, p := listed(t, many(226), lang, size[0], size[1])
				for range 3 {
					d.Key("j")
				}
				v := d.View()
				c := p.current()
				// The namesakes are told apart: the request's number and
				// the institution are on every entry.
				for _, want := range []string{"226)", "🔒 HMG Consulta CPF", "SOL-2026-000226 ", "SOL-2026-000219 ", "Tribuna", "Defenso",
					c.RequestID, c.ClientID} {
					if !strings.Contains(v, want) {
						t.Errorf("the list does not show %q:\n%s", want, v)
					}
				}
				golden.RequireEqual(t, v)
			})
		}
	}
}

// shownIDs are the request ids the list holds now, in order.
func shownIDs(p *Page) []string {
	var ids []string
	for _, i := range p.shown {
		ids = append(ids, p.items[i].RequestID)
	}
	return ids
}

func TestSearchNarrowsAsYouType(t *testing.T) {
	items := many(226)
	d, p := listed(t, items, api.PtBR, 120, 40)
	count := func(ok func(api.Credential) bool) int {
		n := 0
		for _, c := range items {
			if ok(c) {
				n++
			}
		}
		return n
	}
	d.Key("/")
	if !p.Capturing() {
		t.Fatal("/ must focus the search: keys typed then are text, not q or tab")
	}
	d.Type("cpf")
	cpf := count(func(c api.Credential) bool { return c.APIID == "consulta-cpf" })
	d.WaitForText(fmt.Sprintf("Credenciais (%d de 226)", cpf))
	// Every word narrows: the institution, typed without its accents.
	d.Type(" publica hmg")
	want := count(func(c api.Credential) bool {
		return c.APIID == "consulta-cpf" && c.Institution.CNPJ == defensoria && c.Environment == api.EnvHMG
	})
	d.WaitForText(fmt.Sprintf("Credenciais (%d de 226)", want))
	if want == 0 || want >= cpf {
		t.Fatalf("the fixture should narrow: %d of %d", want, cpf)
	}
	for _, i := range p.shown {
		if c := items[i]; c.APIID != "consulta-cpf" || c.Institution.CNPJ != defensoria || c.Environment != api.EnvHMG {
			t.Errorf("%s (%s, %s, %s) does not match", c.RequestID, c.APIName, c.Institution.Name, c.Environment)
		}
	}
	// enter leaves the field and keeps the search: j moves in the matches.
	d.Key("enter")
	if p.Capturing() || p.search.Value() != "cpf publica hmg" {
		t.Fatalf("enter must leave the field keeping the text (capturing %v, %q)", p.Capturing(), p.search.Value())
	}
	d.Key("j")
	if got := p.current().RequestID; got != shownIDs(p)[1] {
		t.Fatalf("j moved to %s, not to the second match", got)
	}
	// esc clears the search, staying on the credential selected.
	d.Key("esc")
	d.WaitForText("Credenciais (226)")
	if got := p.current().RequestID; got != shownIDs(p)[p.selected] || len(p.shown) != 226 {
		t.Fatalf("after esc: %d shown, %s selected", len(p.shown), got)
	}

	// A request's number finds its credential; so do the CNPJ and the
	// client_id.
	for _, q := range []string{"000123", api.FormatCNPJ(items[103].Institution.CNPJ) + " 000123", items[103].ClientID} {
		d.Key("/")
		d.Type(q)
		d.Key("enter")
		d.WaitFor("one match for "+q, func(string) bool { return len(p.shown) == 1 })
		if got := p.current().RequestID; got != "SOL-2026-000123" {
			t.Fatalf("%q found %s", q, got)
		}
		d.Key("esc")
	}
	// Nothing found says how to get the list back.
	d.Key("/")
	d.Type("nenhuma-api")
	d.WaitForText("Nenhuma credencial com essa busca")
	d.Key("esc") // in the field: clears it and leaves
	d.WaitForText("Credenciais (226)")
	if p.Capturing() {
		t.Fatal("esc must leave the field")
	}
}

func TestMovesAtTheEdges(t *testing.T) {
	items := many(226)
	d, p := listed(t, items, api.PtBR, 80, 20)
	at := func(key string, want int) {
		t.Helper()
		d.Send(press(key))
		if p.selected != want {
			t.Fatalf("after %s: entry %d selected, want %d", key, p.selected, want)
		}
		// The selected entry is on screen, and in the viewer.
		if id := items[want].RequestID; strings.Count(d.View(), id) < 2 {
			t.Fatalf("after %s, %s is not both in the list and the viewer:\n%s", key, id, d.View())
		}
	}
	page := p.page()
	if page < 5 {
		t.Fatalf("a page of %d entries at 80x20", page)
	}
	at("k", 0) // at the top: stays
	at("up", 0)
	at("pgup", 0)
	at("j", 1)
	at("down", 2)
	at("pgdown", 2+page)
	at("pgup", 2)
	at("G", 225)
	at("j", 225) // at the end: stays
	at("pgdown", 225)
	at("k", 224)
	at("g", 0)
	at("end", 225)
	at("home", 0)
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if p.selected != 6 {
		t.Fatalf("two wheel turns down: entry %d", p.selected)
	}
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if p.selected != 0 {
		t.Fatalf("the wheel went past the top: entry %d", p.selected)
	}
	// The moves work within a search's matches too.
	d.Key("/")
	d.Type("codex")
	d.Key("enter")
	d.Key("G")
	if n := len(p.shown); n < 2 || p.selected != n-1 || p.current().RequestID != items[p.shown[n-1]].RequestID {
		t.Fatalf("G in the %d matches: %d", n, p.selected)
	}
}

// press is the key as the terminal sends it (home and end too).
func press(k string) tea.KeyPressMsg {
	switch k {
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	return drive.KeyPress(k)
}

// helpKeys are the keys the footer and ? list.
func helpKeys(p *Page) (short, full []string) {
	for _, b := range p.ShortHelp() {
		short = append(short, b.Help().Key)
	}
	for _, g := range p.FullHelp() {
		for _, b := range g {
			full = append(full, b.Help().Key)
		}
	}
	return short, full
}

// TestHelpListsWhatActs: every key listed does something now, and every
// key that does is listed.
func TestHelpListsWhatActs(t *testing.T) {
	d, p := listed(t, many(226), api.PtBR, 120, 40)
	short, full := helpKeys(p)
	if strings.Join(short, " ") != "/ c n t i ↓/j G" {
		t.Errorf("footer: %v", short)
	}
	if strings.Join(full, " ") != "c n t i / ↑/k ↓/j pgup pgdn g G" {
		t.Errorf("help: %v", full)
	}
	for _, b := range p.FullHelp()[2] {
		for _, k := range b.Keys() {
			if !key.Matches(press(k), b) {
				t.Errorf("%s does not match its own binding", k)
			}
		}
	}
	d.Key("/")
	if short, _ := helpKeys(p); strings.Join(short, " ") != "enter/↓ esc" {
		t.Errorf("footer while typing: %v", short)
	}
	d.Type("cpf")
	d.Key("enter")
	if short, _ := helpKeys(p); !strings.HasPrefix(strings.Join(short, " "), "/ esc c") || p.ShortHelp()[1].Help().Desc != "limpar a busca" {
		t.Errorf("with a search, esc clears it and is listed so: %v", short)
	}

	// An empty list offers only the search.
	e, ep := listed(t, nil, api.PtBR, 120, 40)
	e.WaitForText("Nenhuma credencial ainda")
	if short, full := helpKeys(ep); strings.Join(short, " ") != "/" || strings.Join(full, " ") != "/" {
		t.Errorf("an empty list lists %v / %v", short, full)
	}
}

// show hands msg to the page as the root does (tui/app.go's showPage:
// the harness, like the root, keeps messages to the root from pages).
func show(d *drive.Driver, p *Page, msg common.ShowPageMsg) {
	if _, cmd := p.Update(msg); cmd != nil {
		d.Send(cmd())
	}
}

// TestShownFromARequestAndBack: Solicitações' C (a ShowPageMsg the root
// routes here) selects the request's credential, clearing a search that
// hides it; esc goes back to Solicitações, and is listed while it does.
func TestShownFromARequestAndBack(t *testing.T) {
	items := many(226)
	d, p := listed(t, items, api.PtBR, 80, 24)
	d.Key("/")
	d.Type("codex")
	d.Key("enter")
	target := "SOL-2026-000150" // a PJe Gateway credential: the search hides it
	show(d, p, common.ShowPageMsg{Page: common.CredentialsPage, Back: "requests", Select: target})
	if c := p.current(); c == nil || c.RequestID != target {
		t.Fatalf("selected %v, want %s", c, target)
	}
	if p.search.Value() != "" {
		t.Error("the search that hid the credential is still on")
	}
	v := d.View()
	if !strings.Contains(v, "Solicitação     "+target) || !strings.Contains(v, "  "+target+" ") {
		t.Fatalf("the credential is not on screen:\n%s", v)
	}
	if short, _ := helpKeys(p); !strings.HasPrefix(strings.Join(short, " "), "/ esc") || p.ShortHelp()[1].Help().Desc != "voltar" {
		t.Errorf("esc goes back, and is not listed so: %v", short)
	}
	d.Key("j")
	d.Key("esc")
	back := common.ShowPageMsg{Page: "requests"}
	d.WaitFor("the way back to Solicitações", func(string) bool {
		for _, m := range d.Seen {
			if m == back {
				return true
			}
		}
		return false
	})
	if short, _ := helpKeys(p); strings.Contains(strings.Join(short, " "), "esc") {
		t.Errorf("back once done, esc is still listed: %v", short)
	}

	// A credential the list does not hold (and that cannot be asked for:
	// signed out here) is said so, the selection where it was.
	before := p.current().RequestID
	show(d, p, common.ShowPageMsg{Page: common.CredentialsPage, Back: "requests", Select: "SOL-2026-999999"})
	d.WaitFor("the toast", func(string) bool {
		for _, m := range d.Seen {
			if m, ok := m.(common.ToastMsg); ok && strings.Contains(m.Text, "SOL-2026-999999 não está na lista") {
				return true
			}
		}
		return false
	})
	if p.current().RequestID != before {
		t.Errorf("the selection moved to %s", p.current().RequestID)
	}
}

// TestShownBeforeTheListArrives: asked for a credential while the list
// is still being read, the page selects it when the list comes.
func TestShownBeforeTheListArrives(t *testing.T) {
	s, _ := openStore(t)
	if err := s.SaveCredentials(context.Background(), many(226), now); err != nil {
		t.Fatal(err)
	}
	p := New(newCommon(), s)
	d := drive.New(t, drive.NewHost(p.com, p), 120, 40) // the cache's answer not yet delivered
	show(d, p, common.ShowPageMsg{Page: common.CredentialsPage, Back: "requests", Select: "SOL-2026-000007"})
	d.WaitFor("the credential asked for", func(string) bool { c := p.current(); return c != nil && c.RequestID == "SOL-2026-000007" })
	d.WaitForText("Solicitação     SOL-2026-000007")
}
