package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/internal/drive"
)

// asAdmin is the TUI signed in as the demo administrator, on the
// Administração page's section n (0 APIs … 4 Auditoria), loaded.
func asAdmin(t *testing.T, w, h, section int) (*drive.Driver, *Model, *backend.Backend) {
	t.Helper()
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "admin")
	m := newModel(t, b.URL, s)
	d := drive.New(t, m, w, h)
	d.WaitFor("signed in, the catalog synced", func(v string) bool {
		return m.me != nil && strings.Contains(v, "18 de 18 APIs")
	})
	d.Key("6")
	for range section {
		d.Key("]")
	}
	d.WaitFor("the section", func(v string) bool { return !strings.Contains(v, "Carregando") })
	return d, m, b
}

// TestQuitWithUnsavedProfiles: with a tick not saved, q does not quit (nor
// does a page key leave): a toast says what to do; once undone, q quits.
func TestQuitWithUnsavedProfiles(t *testing.T) {
	d, m, _ := asAdmin(t, 120, 40, 1)
	d.WaitForText("Permissão")
	d.Key("space")
	d.WaitForText("Alterações não salvas em")
	d.Key("q")
	d.WaitForText("Os perfis têm alterações não salvas: s salva, u desfaz")
	d.Key("2")
	if quit(d) || m.page != 5 {
		t.Fatalf("q or 2 left the unsaved matrix (page %d)", m.page)
	}
	lines := strings.Split(d.View(), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "space") || strings.Contains(foot, "seção") || strings.Contains(foot, "ctrl+r") {
		t.Fatalf("while unsaved, the footer lists the matrix's keys only:\n%s", foot)
	}
	d.Key("u")
	d.Key("q")
	d.WaitFor("quit", func(string) bool { return quit(d) })
}

// TestRetireRefreshesTheCatalog: retiring an API in Administração takes it
// out of the Catálogo without ctrl+r.
func TestRetireRefreshesTheCatalog(t *testing.T) {
	d, _, _ := asAdmin(t, 120, 40, 0)
	d.WaitForText("publicada")
	d.Key("x")
	d.WaitForText("do catálogo?")
	d.Key("s")
	d.WaitForText("retirada do catálogo")
	d.Key("1")
	d.WaitForText("17 de 17 APIs")
}

// TestOwnProfileSaveRereadsMe: a permission added to the administrator's
// own profile reaches the UI without signing in again.
func TestOwnProfileSaveRereadsMe(t *testing.T) {
	d, m, _ := asAdmin(t, 120, 40, 1)
	d.WaitForText("Permissão")
	var missing api.Permission
	row := 0
	for i, p := range api.Permissions {
		if !m.me.Can(p) {
			missing, row = p, i
			break
		}
	}
	if missing == "" { // the shipped admin profile lacks requests:submit, among others
		t.Fatal("the demo administrator holds every permission: the fixture no longer tests anything")
	}
	for range row {
		d.Key("down")
	}
	for range slices.Index(api.Roles, api.RoleAdmin) {
		d.Key("right")
	}
	d.Key("space")
	d.Key("s")
	d.WaitFor("/me read again", func(string) bool { return m.me.Can(missing) })
}

// TestAccessChangedEndsTheSession: the server ends the administrator's
// session (their access changed); the next admin call opens the sign-in
// screen saying why, instead of a dead end.
func TestAccessChangedEndsTheSession(t *testing.T) {
	d, m, b := asAdmin(t, 120, 40, 2)
	d.WaitForText("Carla Dias")
	if err := b.DB.DisableUser(context.Background(), "admin"); err != nil {
		t.Fatal(err)
	}
	// The server checks a session through a one-second cache: wait until
	// it refuses this one, then search (the list asks the server).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := m.authed.Me(context.Background()); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server still takes the disabled administrator's session")
		}
	}
	d.Key("/")
	d.Type("ana")
	d.WaitForText("Sua sessão terminou porque o seu acesso mudou")
	d.WaitForText("Entrar no gecli")
}
