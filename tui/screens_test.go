// The walk and the screens drive hundreds of models against a live
// backend, which only pays off without the race detector: make test runs
// them in a second pass without -race (Makefile), the race pass covers the
// same code through the other tests.

//go:build !race

package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/internal/drive"
)

// Every page at 80x24 and 120x40, in pt-BR and in English (issue 18):
// a golden per screen, and an English screen must not show the
// interface's Portuguese (the demo's data, such as API descriptions and
// institution names, is Portuguese in both).

// screenState is one screen reached from the signed-in catalog. Its
// steps are keys, "=pt|en" waits for the text of the screen's language,
// "!pt|en" waits until it is gone, "+text" types.
type screenState struct {
	name, user string
	steps      []string
}

func (st screenState) reach(d *drive.Driver, lang api.Lang) {
	for _, s := range st.steps {
		switch {
		case strings.HasPrefix(s, "="):
			pt, en, _ := strings.Cut(s[1:], "|")
			if lang == api.En && en != "" {
				pt = en
			}
			d.WaitForText(pt)
			d.Settle(50 * time.Millisecond)
		case strings.HasPrefix(s, "!"):
			pt, en, _ := strings.Cut(s[1:], "|")
			if lang == api.En && en != "" {
				pt = en
			}
			d.WaitFor("no "+pt, func(v string) bool { return !strings.Contains(v, pt) })
			d.Settle(50 * time.Millisecond)
		case strings.HasPrefix(s, "+"):
			d.Type(s[1:])
		default:
			d.Key(s)
		}
	}
}

var screens = []screenState{
	{name: "catalog", user: "solicitante"},
	{name: "docs", user: "solicitante", steps: []string{"enter", "=Endpoints"}},
	{name: "help", user: "solicitante", steps: []string{"?", "=ajuda|help"}},
	{name: "review-help", user: "avaliador", steps: []string{"3", "=68 pendentes|68 pending", "!Carregando a solicitação|Loading the request", "?", "=ajuda|help"}},
	{name: "palette", user: "solicitante", steps: []string{"ctrl+p", "=Comandos · Catálogo|Commands · Catalog"}},
	{name: "requests", user: "solicitante", steps: []string{"2", "=300 solicitações|300 requests"}},
	{name: "request", user: "solicitante", steps: []string{"2", "=300 solicitações|300 requests", "enter", "=Histórico|History", "!Carregando a solicitação|Loading the request"}},
	{name: "wizard", user: "solicitante", steps: []string{"2", "=300 solicitações|300 requests", "n", "=Nova solicitação|New request"}},
	{name: "credentials", user: "solicitante", steps: []string{"4", "=Client ID", "!Lista do cache|List cached"}},
	{name: "vault", user: "solicitante", steps: []string{"5", "=cadastrad|stored"}},
	{name: "review", user: "avaliador", steps: []string{"3", "=68 pendentes|68 pending", "!Carregando a solicitação|Loading the request"}},
	{name: "admin", user: "admin", steps: []string{"6", "=Consulta CPF"}},
}

// busy bounds the models the walk and the screens drive at once: each
// waits on a live backend with deadlines, and the machine has two cores.
var busy = make(chan struct{}, 4)

func lane(t *testing.T) {
	t.Parallel()
	busy <- struct{}{}
	t.Cleanup(func() { <-busy })
}

func TestEveryScreenInBothSizesAndLanguages(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	stores := map[string]*store.Store{}
	for _, st := range screens {
		if stores[st.user] == nil {
			stores[st.user] = openStore(t)
			b.SignIn(t, stores[st.user], st.user)
		}
	}
	for _, st := range screens {
		for _, lang := range []api.Lang{api.PtBR, api.En} {
			for _, size := range [][2]int{{80, 24}, {120, 40}} {
				t.Run(fmt.Sprintf("%s/%s/%dx%d", st.name, lang, size[0], size[1]), func(t *testing.T) {
					lane(t)
					v, m := onScreen(t, b, stores[st.user], st, lang, size[0], size[1])
					if strings.HasSuffix(st.name, "help") {
						everyKeyShown(t, m, v)
					}
					switch {
					case lang == api.En:
						for _, line := range strings.Split(v, "\n") {
							if w := portuguese.FindString(line); w != "" {
								t.Errorf("the English %s screen shows Portuguese (%q) in:\n%s", st.name, w, line)
							}
						}
					case !portuguese.MatchString(v):
						// The check must be able to fail: its words are on the screen in pt-BR.
						t.Errorf("the pt-BR %s screen has none of the words the English check looks for:\n%s", st.name, v)
					}
					golden.RequireEqual(t, v)
				})
			}
		}
	}
}

// onScreen is st's screen, from a fresh model on the signed-in catalog.
func onScreen(t *testing.T, b *backend.Backend, s *store.Store, st screenState, lang api.Lang, w, h int) (string, *Model) {
	opts := []opt{}
	catalog := "18 de 18 APIs"
	if lang == api.En {
		opts, catalog = append(opts, english), "18 of 18 APIs"
	}
	m := newModel(t, b.URL, s, opts...)
	d := drive.New(t, m, w, h)
	d.WaitFor("the catalog, signed in", func(v string) bool {
		return strings.Contains(v, catalog) && strings.Contains(v, "● online") && strings.Contains(v, names[st.user])
	})
	st.reach(d, lang)
	d.Settle(100 * time.Millisecond)
	return masked(screen(d, b.URL)), m
}

// everyKeyShown: the help screen shows each key the page lists, with its
// description, whatever the width (columns that do not fit go below).
func everyKeyShown(t *testing.T, m *Model, v string) {
	t.Helper()
	flat := strings.Join(strings.Fields(v), " ")
	for _, g := range m.active().FullHelp() {
		for _, b := range g {
			if h := b.Help(); b.Enabled() && h.Key != "" && !strings.Contains(flat, h.Key+" "+h.Desc) {
				t.Errorf("the help lacks %q %q:\n%s", h.Key, h.Desc, v)
			}
		}
	}
}
