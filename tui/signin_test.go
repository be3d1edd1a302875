package tui

import (
	tea "charm.land/bubbletea/v2"

	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/tui/internal/drive"
)

var userCodeOnScreen = regexp.MustCompile(`[BCDFGHJKMNPQRTVWXY]{4}-[BCDFGHJKMNPQRTVWXY]{4}`)

// TestSignInScreen: without a session the TUI opens the sign-in screen;
// approving the code in the browser signs in and shows who we are.
func TestSignInScreen(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	d := drive.New(t, newModel(t, b.URL, openStore(t)), 80, 24)
	d.WaitFor("a user code, online", func(v string) bool {
		return userCodeOnScreen.MatchString(v) && strings.Contains(v, "● online")
	})
	code := userCodeOnScreen.FindString(d.View())
	screenNoCode := strings.ReplaceAll(screen(d, b.URL), code, "XXXX-XXXX")
	golden.RequireEqual(t, screenNoCode) // 24 rows: no room for the QR code

	if status := b.Approve(t, code, "solicitante", "demo-solicitante", "approve"); status != 200 {
		t.Fatalf("approval: %d", status)
	}
	d.WaitForText("Entrou como Ana Souza")
	d.WaitForText("18 de 18 APIs")
	// At 80 columns the tabs keep their names and the header the person's
	// name; wider, the role shows too.
	if v := d.View(); !strings.Contains(strings.Split(v, "\n")[0], "Ana Souza") {
		t.Errorf("the header does not show who signed in:\n%s", v)
	}
	d.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if v := d.View(); !strings.Contains(strings.Split(v, "\n")[0], "Ana Souza · Solicitante") {
		t.Errorf("the header does not show the role at 120 columns:\n%s", v)
	}
}

func TestSignInCanBeSkipped(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	d := drive.New(t, newModel(t, b.URL, openStore(t)), 120, 45)
	d.WaitForText("Ou leia o QR code") // tall enough for the QR code
	d.Key("esc")
	d.WaitForText("18 de 18 APIs")
	d.WaitForText("não identificado · L entrar")
	d.Key("L")
	d.WaitForText("Entrar no gecli")
}

// TestSessionEndsMidPage: the session is revoked while the user reads a
// documentation page; the next refresh opens the sign-in screen, and
// signing in again brings back the same page.
func TestSessionEndsMidPage(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), 100, 30)
	d.WaitForText("Ana Souza")
	d.Key("/")
	d.Type("tpu")
	d.WaitForText("1 de 18 APIs")
	d.Key("enter")
	d.Key("enter")
	d.WaitForText("Endpoints (5)")

	// Revoke the session server-side and let the access token lapse, so
	// the next call must refresh, and the refresh is refused.
	ctx := context.Background()
	se, _, _ := s.Session(ctx)
	if err := b.DB.DisableUser(ctx, "solicitante"); err != nil {
		t.Fatal(err)
	}
	se.Expiry = fixedNow().AddDate(-1, 0, 0)
	s.SaveSession(ctx, se)

	d.Key("ctrl+r")
	d.WaitForText("Sua sessão terminou")
	code := userCodeOnScreen.FindString(d.View())
	if code == "" {
		d.WaitFor("a user code", func(v string) bool { return userCodeOnScreen.MatchString(v) })
		code = userCodeOnScreen.FindString(d.View())
	}
	if status := b.Approve(t, code, "avaliador", "demo-avaliador", "approve"); status != 200 {
		t.Fatalf("approval: %d", status)
	}
	d.WaitForText("Entrou como Bruno Lima")
	if v := d.View(); !strings.Contains(v, "Endpoints (5)") || !strings.Contains(v, "Tabelas Processuais Unificadas") {
		t.Fatalf("the documentation page was lost:\n%s", v)
	}
}

// TestAnAnonymousStartAgainstADeadServerShowsTheCache: no session and no
// server: the cached catalog shows with the offline banner, not a failed
// sign-in screen; L (the person asking) opens the sign-in, which says why
// it cannot; once the server is back on its address, the ping brings the
// header online by itself.
func TestAnAnonymousStartAgainstADeadServerShowsTheCache(t *testing.T) {
	s := openStore(t)
	first := startBackend(t, "127.0.0.1:0")
	d := drive.New(t, newModel(t, first.URL, s), 100, 30)
	d.WaitForText("Entrar no gecli")
	d.Key("esc")
	d.WaitForText("18 de 18 APIs") // the catalog is cached, anonymously
	addr := strings.TrimPrefix(first.URL, "http://")
	first.Stop()

	d = drive.New(t, newModel(t, first.URL, s, func(o *Options) { o.BeatEvery = 50 * time.Millisecond }), 100, 30)
	d.WaitForText("OFFLINE")
	d.WaitForText("18 de 18 APIs")
	if v := d.View(); strings.Contains(v, "Entrar no gecli") || strings.Contains(v, "Não foi possível entrar") || strings.Contains(v, "dial tcp") {
		t.Fatalf("an anonymous start against a dead server shows a failed sign-in:\n%s", v)
	}
	d.Key("L")
	d.WaitForText("Não foi possível entrar: Sem conexão com o servidor")
	d.Key("esc")

	startBackend(t, addr)
	d.WaitFor("online again, by itself", func(v string) bool {
		return strings.Contains(v, "● online") && !strings.Contains(v, "OFFLINE")
	})
}
