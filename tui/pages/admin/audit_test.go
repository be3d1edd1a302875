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

var dateRE = regexp.MustCompile(`\d\d/\d\d(/\d{4})? \d\d:\d\d`)

// stable blanks what changes between runs (dates) in a view.
func stable(v string) string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		out = append(out, dateRE.ReplaceAllStringFunc(l, func(d string) string {
			return regexp.MustCompile(`\d`).ReplaceAllString(d, "9")
		}))
	}
	return strings.Join(out, "\n")
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
