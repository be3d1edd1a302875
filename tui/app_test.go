package tui

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/internal/drive"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // golden files show times
	os.Exit(m.Run())
}

var fixedNow = func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

// startBackend runs the real server (demo data, embedded issuer) with
// links under http://gecli.test so golden files do not see the port.
func startBackend(t *testing.T, addr string) *backend.Backend {
	return backend.Start(t, addr, "http://gecli.test")
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type opt func(*Options)

func newModel(t *testing.T, serverURL string, s *store.Store, opts ...opt) *Model {
	t.Helper()
	c, err := client.New(serverURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{ServerURL: serverURL, Client: c, Store: s, Lang: api.PtBR, Theme: themes.Dark,
		Build: api.BuildInfo{Version: "1.2.3"}, Now: fixedNow, RetryEvery: time.Hour}
	for _, f := range opts {
		f(&o)
	}
	return New(o)
}

func offline(o *Options) { o.Client = nil }
func english(o *Options) { o.Lang = api.En }

// screen normalises what varies between runs (the server's port).
func screen(d *drive.Driver, serverURL string) string {
	return strings.ReplaceAll(d.View(), serverURL, "http://gecli.test")
}

func onlineCatalog(t *testing.T, w, h int) (*drive.Driver, *backend.Backend) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s), w, h)
	d.WaitFor("the synced catalog, signed in", func(v string) bool {
		return strings.Contains(v, "18 de 18 APIs") && strings.Contains(v, "● online") && strings.Contains(v, "Ana Souza")
	})
	return d, b
}

func TestCatalogGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, b := onlineCatalog(t, size[0], size[1])
			v := screen(d, b.URL)
			if got := strings.Count(strings.Split(v, "\n")[4], "╭"); got != size[0]/40 {
				t.Errorf("%d cards per row at width %d, want %d", got, size[0], size[0]/40)
			}
			golden.RequireEqual(t, v)
		})
	}
}

func TestSearchFiltersAsYouType(t *testing.T) {
	d, b := onlineCatalog(t, 80, 24)
	d.Key("/")
	d.Type("diario")
	d.WaitForText("2 de 18 APIs")
	if v := d.View(); !strings.Contains(v, "Diário de Justiça") || strings.Contains(v, "Consulta CPF") {
		t.Fatalf("search did not narrow the cards:\n%s", v)
	}
	d.Key("q") // q is text while searching, not quit
	d.WaitForText("0 de 18 APIs")
	d.Key("backspace")
	d.WaitForText("2 de 18 APIs")
	golden.RequireEqual(t, screen(d, b.URL))
	d.Key("esc") // clears the search and leaves the field
	d.WaitForText("18 de 18 APIs")
	if strings.Contains(d.View(), "diario") {
		t.Error("esc did not clear the search text")
	}
}

func TestCategoryAndEnvironmentFilters(t *testing.T) {
	d, _ := onlineCatalog(t, 120, 40)
	d.Key("c")
	d.Key("c") // Dados -> Notificação
	d.WaitForText("Categoria:  Notificação")
	d.WaitForText("4 de 18 APIs")
	d.Key("e")
	d.Key("e") // HMG -> PRD
	d.WaitForText("Ambiente:  PRD")
	d.WaitForText("3 de 18 APIs") // the notification service is HMG only
	if strings.Contains(d.View(), "Serviço de Notificações") {
		t.Error("an HMG-only API is shown under the PRD filter")
	}
}

func TestDocumentationViewAndCopy(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, b := onlineCatalog(t, size[0], size[1])
			d.Send(tea.EnvMsg{"TMUX=/tmp/tmux-0/default,1,0"})
			d.Key("/")
			d.Type("pje gw")
			d.WaitForText("1 de 18 APIs")
			d.Key("enter") // leave the search field
			d.Key("enter") // open the documentation
			d.WaitForText("Endpoints (5)")
			golden.RequireEqual(t, screen(d, b.URL))

			d.Key("c")
			d.WaitForText("Enviado à área de transferência: URL do documento")
			wantURL := "http://gecli.test/api/v1/apis/pje-gateway/openapi.json"
			d.WaitFor("OSC 52 and its tmux passthrough", func(string) bool {
				osc52, tmux := d.Copied(wantURL)
				return osc52 && tmux
			})
			d.Key("esc")
			d.WaitForText("1 de 18 APIs")
		})
	}
}

func TestOfflineFallsBackToCacheAndRecovers(t *testing.T) {
	s := openStore(t)
	first := startBackend(t, "127.0.0.1:0")
	first.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, first.URL, s), 100, 30)
	d.WaitForText("18 de 18 APIs")
	d.WaitFor("every OpenAPI document prefetched", func(string) bool { return docsCached(t, s) == 18 })
	addr := strings.TrimPrefix(first.URL, "http://")
	first.Stop()

	// The server is gone: the next start shows the cache and says so.
	d = drive.New(t, newModel(t, first.URL, s), 100, 30)
	d.WaitForText("OFFLINE")
	d.WaitForText("18 de 18 APIs")
	d.WaitForText("cache de 22/11/2026 09:30") // the banner says how old the cache is
	golden.RequireEqual(t, screen(d, first.URL))
	d.Key("enter") // documentation works offline from the prefetched copy
	d.WaitForText("Endpoints (")
	d.WaitForText("cópia em cache de 22/11/2026 09:30")
	d.Key("esc")

	// The server comes back on the same address: ctrl+r brings us online.
	startBackend(t, addr)
	d.Key("ctrl+r")
	d.WaitFor("online again", func(v string) bool {
		return strings.Contains(v, "● online") && !strings.Contains(v, "OFFLINE")
	})
}

func TestForcedOfflineNeverCallsTheServer(t *testing.T) {
	d := drive.New(t, newModel(t, "http://127.0.0.1:1", openStore(t), offline), 80, 24)
	d.WaitForText("offline (--offline)")
	d.WaitForText("servidor está inacessível")
	d.Key("ctrl+r")
	d.WaitForText("Modo offline (--offline)")
}

func TestHelpAndQuit(t *testing.T) {
	d, b := onlineCatalog(t, 80, 24)
	d.Key("?")
	d.WaitForText("Ajuda — atalhos")
	golden.RequireEqual(t, screen(d, b.URL))
	d.Key("esc")
	d.WaitFor("help closed", func(v string) bool { return !strings.Contains(v, "Ajuda — atalhos") })
	d.Key("q")
	d.WaitFor("quit", func(string) bool {
		for _, m := range d.Seen {
			if _, ok := m.(tea.QuitMsg); ok {
				return true
			}
		}
		return false
	})
}

func TestEnglish(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "avaliador")
	d := drive.New(t, newModel(t, b.URL, s, english), 120, 40)
	d.WaitForText("18 of 18 APIs")
	d.WaitForText("Evaluator")
	for _, want := range []string{"1 Catalog", "/ Search", "Category: All", "Version 1.2.3", "Owner:", "Bruno Lima"} {
		if !strings.Contains(d.View(), want) {
			t.Errorf("English screen lacks %q", want)
		}
	}
}

func TestThemeFollowsTerminalBackground(t *testing.T) {
	m := newModel(t, "http://127.0.0.1:1", openStore(t), func(o *Options) { o.Theme = themes.Auto })
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if m.com.Styles.Name != themes.Light {
		t.Errorf("white background gave theme %q", m.com.Styles.Name)
	}
	m.Update(tea.BackgroundColorMsg{Color: color.Black})
	if m.com.Styles.Name != themes.Dark {
		t.Errorf("black background gave theme %q", m.com.Styles.Name)
	}
	fixed := newModel(t, "http://127.0.0.1:1", openStore(t), func(o *Options) { o.Theme = themes.HighContrast })
	fixed.Update(tea.BackgroundColorMsg{Color: color.White})
	if fixed.com.Styles.Name != themes.HighContrast {
		t.Errorf("an explicit --theme was overridden by the background: %q", fixed.com.Styles.Name)
	}
}
