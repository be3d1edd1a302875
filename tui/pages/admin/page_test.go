package admin

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
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

// admin is the demo administrator with the shipped admin profile.
func admin() *api.Me {
	return &api.Me{Name: "Carla Dias", Roles: []api.Role{api.RoleAdmin},
		Institutions: []api.Institution{{CNPJ: "00394494000136", Name: "Conselho Nacional de Justiça"}},
		Permissions:  api.DefaultPermissions[api.RoleAdmin]}
}

func newCommon(lang api.Lang, me *api.Me) *common.Common {
	t := i18n.For(lang)
	return &common.Common{Styles: themes.Get(themes.Mono), Text: t, Lang: t.Lang, Now: time.Now,
		Clip: &common.Clipboard{}, Me: me}
}

// live is the page against the real backend as the demo admin, on the
// section at index sec, once its first answer is on screen.
func live(t *testing.T, w, h int, lang api.Lang, sec int) (*drive.Driver, *Page, *backend.Backend) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	d, p := liveOn(t, b, w, h, lang, sec)
	return d, p, b
}

func liveOn(t *testing.T, b *backend.Backend, w, h int, lang api.Lang, sec int) (*drive.Driver, *Page) {
	t.Helper()
	tok := b.Token(t, "admin")
	c, _ := client.New(b.URL, nil)
	com := newCommon(lang, admin())
	com.Authed = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}))
	p := New(com)
	d := drive.New(t, drive.NewHost(com, p), w, h)
	p.current = sec
	d.Send(common.RequestsSyncedMsg{})
	d.WaitFor("the section's first answer", func(string) bool { return p.sections[sec].loaded() && !p.mb.Pending(question(sec)) })
	return d, p
}

// question is what each section's list is asked as.
func question(sec int) string {
	return []string{"apis", "profiles", "users", "institutions", "notices", "audit"}[sec]
}

const (
	secAPIs = iota
	secProfiles
	secUsers
	secInstitutions
	secNotices
	secAudit
)

func boxOpen[T overlay.Overlay](p *Page) bool {
	_, ok := overlay.Of[T](p.com.Overlays, p.mb.ID())
	return ok
}

// TestAllowedByPermission: the tab shows for any administration
// permission, and each section only for its own.
func TestAllowedByPermission(t *testing.T) {
	p := New(newCommon(api.PtBR, nil))
	if p.Allowed(nil) || p.Allowed(&api.Me{Roles: []api.Role{api.RoleAdmin}, Permissions: []api.Permission{}}) {
		t.Fatal("allowed without an administration permission")
	}
	auditor := &api.Me{Name: "Auditora", Permissions: []api.Permission{api.PermAuditRead, api.PermRequestsRead}}
	if !p.Allowed(auditor) {
		t.Fatal("audit:read alone must open the page")
	}
	p.com.Me = auditor
	p.com.Overlays = &overlay.Stack{}
	p.SetSize(100, 30)
	v := ansi.Strip(p.View())
	if !strings.Contains(v, "Auditoria") || strings.Contains(v, "APIs") || strings.Contains(v, "Perfis") || strings.Contains(v, "Usuários") {
		t.Fatalf("an auditor sees only the audit section:\n%s", v)
	}
}

// TestEveryPermissionHasWords: the matrix names each permission in both
// languages (a map, which the i18n test cannot walk).
func TestEveryPermissionHasWords(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, perm := range api.Permissions {
			if i18n.For(lang).Admin.Perms[perm] == "" {
				t.Errorf("%s: %s has no description", lang, perm)
			}
		}
	}
}
