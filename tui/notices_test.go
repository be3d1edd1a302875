package tui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/internal/drive"
)

// announce publishes, as the demo admin, an announcement for everyone, a
// warning for requesters, and a maintenance window two hours from now.
func announce(t *testing.T, b *backend.Backend) {
	t.Helper()
	c, err := client.New(b.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	admin := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "admin")}))
	ctx := context.Background()
	for _, w := range []api.AnnouncementWrite{
		{Title: api.Localized{PtBR: "Nova API: Consulta CNPJ", En: "New API: CNPJ lookup"},
			Text: api.Localized{PtBR: "Já disponível em homologação; produção em janeiro.", En: "Now in staging; production in January."}},
		{Title: api.Localized{PtBR: "Fila de avaliação lenta", En: "Slow review queue"}, Severity: api.SeverityWarning, Audience: "requester",
			Text: api.Localized{PtBR: "Pedidos de produção levam até 5 dias úteis nesta semana.", En: "Production requests take up to 5 working days this week."}},
	} {
		if _, err := admin.CreateAnnouncement(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now().Add(2 * time.Hour).Truncate(time.Minute)
	if _, err := admin.SetMaintenance(ctx, api.MaintenanceWrite{StartsAt: start.Format(time.RFC3339),
		EndsAt: start.Add(30 * time.Minute).Format(time.RFC3339), Message: api.Localized{PtBR: "troca do banco de dados", En: "database upgrade"}}); err != nil {
		t.Fatal(err)
	}
}

// soon is a countdown's "how soon", which the clock moves.
var soon = regexp.MustCompile(`\((em|in) [0-9][^)]*\)`)

func noticeScreen(d *drive.Driver, url string) string {
	return soon.ReplaceAllString(masked(screen(d, url)), "(${1} 0 h)")
}

// clock is a time the test moves (the notices read it).
type clock struct {
	mu sync.Mutex
	at time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.at }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.at = t
	c.mu.Unlock()
}

func realTime(o *Options) { o.Now = time.Now }

// TestNoticesUnderTheHeader: signed in as a requester, the maintenance
// countdown and the newest warning show under the header on every page,
// with how many more there are; ! lists them whole. At 80x24 and 120x40,
// in both languages (the English screens without Portuguese).
func TestNoticesUnderTheHeader(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	announce(t, b)
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				s := openStore(t) // its own: a cache from the run before would show before the sign-in
				b.SignIn(t, s, "solicitante")
				opts, warning, reason := []opt{realTime}, "Fila de avaliação lenta", "troca do banco de dados"
				if lang == api.En {
					opts, warning, reason = append(opts, english), "Slow review queue", "database upgrade"
				}
				m := newModel(t, b.URL, s, opts...)
				d := drive.New(t, m, size[0], size[1])
				d.WaitFor("the notices, signed in and online", func(v string) bool {
					return strings.Contains(v, warning) && strings.Contains(v, "⚠") && strings.Contains(v, "● online") && strings.Contains(v, "Ana Souza")
				})
				d.Key("2") // on another page too
				d.WaitForText("CNPJ/CPF")
				// The chrome (the page's own goldens hold the rest): the
				// header, the notices, and the footer.
				lines := strings.Split(noticeScreen(d, b.URL), "\n")
				page := strings.Join(append(lines[:4], lines[len(lines)-1]), "\n")
				d.Key("!")
				d.WaitForText(reason) // the window whole, with its reason
				list := noticeScreen(d, b.URL)
				if !strings.Contains(list, warning) {
					t.Logf("notices held: %+v; me: %+v", m.notices.Announcements, m.com.Me)
				}
				if lang == api.En {
					for _, v := range []string{page, list} {
						for _, line := range strings.Split(v, "\n") {
							if w := portuguese.FindString(line); w != "" {
								t.Errorf("the English notices show Portuguese (%q) in:\n%s", w, line)
							}
						}
					}
				}
				t.Run("page", func(t *testing.T) { golden.RequireEqual(t, page) })
				t.Run("list", func(t *testing.T) { golden.RequireEqual(t, list) })
			})
		}
	}
}

// TestDismissedNoticesStayDismissedAndShowOffline: d in the ! list
// dismisses the warning; the line then shows the next one, and a new
// start shows it dismissed (the list still has it, marked); against a
// server that is gone the cached notices show, those for everyone.
func TestDismissedNoticesStayDismissedAndShowOffline(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	announce(t, b)
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	m := newModel(t, b.URL, s, realTime)
	d := drive.New(t, m, 120, 40)
	d.WaitFor("the signed-in notices", func(v string) bool {
		return strings.Contains(v, "! Fila de avaliação lenta") && len(m.notices.Announcements) == 2
	})
	d.Key("!")
	d.WaitForText("▸ atenção  Fila de avaliação lenta")
	d.Key("d")
	d.WaitForText("(dispensado)")
	d.WaitForText("Aviso dispensado")
	d.Key("esc")
	d.WaitFor("the next one on the line", func(v string) bool {
		return strings.Contains(v, "ℹ Nova API: Consulta CNPJ") && !strings.Contains(v, "! Fila de avaliação lenta")
	})

	// A new start: the dismissal was remembered.
	m2 := newModel(t, b.URL, s, realTime)
	again := drive.New(t, m2, 120, 40)
	again.WaitFor("the next start, signed in", func(v string) bool {
		return strings.Contains(v, "Ana Souza") && strings.Contains(v, "ℹ Nova API: Consulta CNPJ") &&
			!strings.Contains(v, "! Fila de avaliação lenta") && len(m2.notices.Announcements) == 2
	})
	again.Key("!")
	again.WaitForText("Fila de avaliação lenta  (dispensado)")

	// Against a server that is gone, the cached notices show; the
	// requesters' one is not for a person signed out.
	gone := "http://127.0.0.1:1" // nothing listens there
	offline := drive.New(t, newModel(t, gone, s, realTime), 120, 40)
	offline.WaitFor("the cached notices, offline", func(v string) bool {
		return strings.Contains(v, "○ offline") && strings.Contains(v, "ℹ Nova API: Consulta CNPJ") && strings.Contains(v, "Manutenção às")
	})
	offline.Key("!")
	offline.WaitForText("Nova API: Consulta CNPJ")
	if strings.Contains(offline.View(), "Fila de avaliação lenta") {
		t.Fatalf("signed out, a requesters' announcement shows:\n%s", offline.View())
	}
}

// TestCountdownBecomesTheWindow: before the window the line counts down
// to it; when the clock passes its start, the line says until when
// writes wait, without a new read of the server; after its end, it goes
// and the page gets the line back.
func TestCountdownBecomesTheWindow(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	announce(t, b)
	s := openStore(t)
	b.SignIn(t, s, "avaliador") // no announcement for evaluators but the public one
	c := &clock{at: time.Now()}
	m := newModel(t, b.URL, s, func(o *Options) { o.Now = c.now })
	d := drive.New(t, m, 80, 24)
	d.WaitForText("⚠ Manutenção às")
	if strings.Contains(d.View(), "Fila de avaliação") {
		t.Fatal("an evaluator sees the requesters' announcement")
	}
	rows := m.bodyHeight()
	window, _ := m.notices.Maintenance.Window()
	c.set(window.Add(time.Minute))
	d.Send(noticeClockMsg{})
	d.WaitForText("⚠ Em manutenção até")
	_, end := m.notices.Maintenance.Window()
	c.set(end.Add(time.Second))
	d.Send(noticeClockMsg{})
	d.WaitFor("the window gone", func(v string) bool {
		return !strings.Contains(v, "⚠") && !strings.Contains(strings.ToLower(v), "manutenção")
	})
	if m.bodyHeight() != rows+1 {
		t.Errorf("the page did not get the line back: %d rows, %d before", m.bodyHeight(), rows)
	}
}

// TestAnUnannouncedWindowShowsWithinAPing: an administrator starts a
// window with no notice; the next ping (readyz says maintenance) reads
// the notices again, and the line says until when, long before the
// minute's read; ending it takes the line away as soon.
func TestAnUnannouncedWindowShowsWithinAPing(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s, realTime, func(o *Options) { o.BeatEvery = 200 * time.Millisecond }), 120, 40)
	d.WaitForText("Ana Souza")
	c, _ := client.New(b.URL, nil)
	admin := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "admin")}))
	if _, err := admin.SetMaintenance(context.Background(), api.MaintenanceWrite{EndsAt: time.Now().Add(20 * time.Minute).Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	d.WaitForText("⚠ Em manutenção até")
	if err := admin.EndMaintenance(context.Background()); err != nil {
		t.Fatal(err)
	}
	d.WaitFor("the line gone", func(v string) bool { return !strings.Contains(v, "⚠") })
}
