package admin

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// auditTrail is a backend whose audit trail holds n institution changes
// besides what the demo data wrote.
func auditTrail(t *testing.T, n int) (*backend.Backend, *client.Client) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	c, _ := client.New(b.URL, nil)
	c = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "admin")}))
	for i := range n {
		name := fmt.Sprintf("Tribunal de Justiça do Estado Exemplo (%d)", i)
		if _, err := c.UpdateInstitution(context.Background(), "11222333000181", api.InstitutionPatch{Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
	return b, c
}

// auditPage is the audit section with pages of limit events.
func auditPage(t *testing.T, b *backend.Backend, c *client.Client, w, h, limit int) (*drive.Driver, *Page, *audit) {
	t.Helper()
	com := newCommon(api.PtBR, admin())
	com.Authed = c
	p := New(com)
	s := p.sections[secAudit].(*audit)
	s.limit = limit
	p.current = secAudit
	d := drive.New(t, drive.NewHost(com, p), w, h)
	d.Send(common.RequestsSyncedMsg{})
	d.WaitFor("the first page", func(string) bool { return s.done && !p.mb.Pending("audit") })
	return d, p, s
}

func TestAuditGolden(t *testing.T) {
	b, c := auditTrail(t, 3)
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := auditPage(t, b, c, size[0], size[1], 50)
			// Times differ from run to run: the golden holds the layout,
			// the actions and the targets.
			golden.RequireEqual(t, stable(d.View()))
		})
	}
}

var (
	dateRE = regexp.MustCompile(`\d\d/\d\d(/\d{4})? \d\d:\d\d`)
	keyRE  = regexp.MustCompile(`key:[0-9a-f]{16}`)
)

// stable blanks what changes between runs (dates, the signing key's id)
// in a view.
func stable(v string) string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		l = keyRE.ReplaceAllString(l, "key:0000000000000000")
		out = append(out, dateRE.ReplaceAllStringFunc(l, func(d string) string {
			return regexp.MustCompile(`\d`).ReplaceAllString(d, "9")
		}))
	}
	return strings.Join(out, "\n")
}

// TestAuditReadsInEachLanguage: codes get names (kept in the detail), an
// institution is its formatted CNPJ, a person their username, and the
// short English date names its month (12-02 could be either order).
func TestAuditReadsInEachLanguage(t *testing.T) {
	pt, en := i18n.For(api.PtBR), i18n.For(api.En)
	for _, c := range []struct{ got, want string }{
		{actionLabel(pt, "institution.updated"), "instituição alterada"}, {actionLabel(en, "user.created"), "account created"},
		{actionLabel(pt, "request.approved"), "solicitação: aprovada"}, {actionLabel(en, "request.revoked"), "request: revoked"},
		{actionLabel(pt, "something.new"), "something.new"},
		{targetLabel("institution:11222333000181"), "11.222.333/0001-81"}, {targetLabel("user:ana"), "ana"},
		{targetLabel("api:datajud"), "api:datajud"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	e := offlinePage(api.En, 120, 40).env
	if got := shortWhen(e, "2026-12-02T06:33:00Z"); got != "Dec 02 06:33" {
		t.Errorf("English short date: %q", got)
	}
	e.com = newCommon(api.PtBR, admin())
	if got := shortWhen(e, "2026-12-02T06:33:00Z"); got != "02/12 06:33" {
		t.Errorf("pt-BR short date: %q", got)
	}
	box := newEventBox(e, api.AuditEvent{Seq: 3, Action: "user.updated", Target: "user:ana", Actor: "u1", ActorName: "Carla Dias"})
	if v := strings.Join(box.content(), "\n"); !strings.Contains(v, "cadastro alterado") || !strings.Contains(v, "(user.updated)") || !strings.Contains(v, "(user:ana)") {
		t.Errorf("the detail keeps the codes:\n%s", v)
	}
}

// TestAuditPagesAsYouScroll: the section holds a few pages at a time; as
// the selection goes down the next page is read by its cursor, the top
// pages are let go, and going back up reads them again.
func TestAuditPagesAsYouScroll(t *testing.T) {
	b, c := auditTrail(t, 30)
	d, p, s := auditPage(t, b, c, 120, 20, 3)
	if s.base != 0 || len(s.pages) > 2 {
		t.Fatalf("the first read must be a page or two: base %d, %d pages", s.base, len(s.pages))
	}
	newest := s.pages[0][0].Seq
	for range 20 {
		d.Key("down")
		d.WaitFor("the window", func(string) bool { return !p.mb.Pending("audit") })
		if held := len(s.pages); held > auditKeep {
			t.Fatalf("%d pages held", held)
		}
	}
	if s.sel != 20 || s.base == 0 || len(s.cursors) < 7 {
		t.Fatalf("scrolling did not page: sel %d base %d cursors %d", s.sel, s.base, len(s.cursors))
	}
	want := s.event(20)
	if want == nil || want.Seq != newest-20 || !strings.Contains(d.View(), "evento 21 ·") {
		t.Fatalf("row 21 is event %v, want seq %d:\n%s", want, newest-20, d.View())
	}
	for range 20 {
		d.Key("up")
		d.WaitFor("the window", func(string) bool { return !p.mb.Pending("audit") })
	}
	if s.sel != 0 || s.base != 0 || s.event(0).Seq != newest {
		t.Fatalf("back at the top: sel %d base %d", s.sel, s.base)
	}
}

// TestAuditFilterDetailAndVerify: a filter narrows the trail; enter shows
// an event with its before and after; v checks the chain.
func TestAuditFilterDetailAndVerify(t *testing.T) {
	b, c := auditTrail(t, 2)
	d, p, s := auditPage(t, b, c, 120, 40, 50)
	d.Key("f")
	d.WaitForText("Filtrar a auditoria")
	d.Key("tab")
	d.Type("institution.updated")
	d.Key("enter")
	d.WaitFor("the filtered page", func(string) bool { return s.done && !p.mb.Pending("audit") && s.filter.Action != "" })
	_, end := s.span()
	if end != 2 {
		t.Fatalf("%d events after filtering by action:\n%s", end, d.View())
	}
	d.Key("enter")
	d.WaitForText("Evento ")
	v := d.View()
	for _, want := range []string{"Antes", "Depois", "\"name\":", "(1)", "hash"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the detail lacks %q:\n%s", want, v)
		}
	}
	d.Key("esc")
	d.Key("v")
	d.WaitForText("✓ Cadeia íntegra")
}
