package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/internal/drive"
)

var ctrlP = tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}

// catalogIn is the synced catalog, signed in as the requester, in lang.
func catalogIn(t *testing.T, lang api.Lang, w, h int) (*drive.Driver, *backend.Backend) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s, func(o *Options) { o.Lang = lang }), w, h)
	count := map[api.Lang]string{api.PtBR: "18 de 18 APIs", api.En: "18 of 18 APIs"}[lang]
	d.WaitFor("the synced catalog, signed in", func(v string) bool {
		return strings.Contains(v, count) && strings.Contains(v, "● online") && strings.Contains(v, "Ana Souza")
	})
	return d, b
}

func paletteOpen(v string) bool {
	return strings.Contains(v, "Comandos · ") || strings.Contains(v, "Commands · ")
}

// TestPaletteRunsTheCategoryFilter: ctrl+p on the catalog, a few letters
// of an action, enter: the palette closes and the action is done, as if
// its key had been pressed.
func TestPaletteRunsTheCategoryFilter(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				d, b := catalogIn(t, lang, size[0], size[1])
				text := map[api.Lang][3]string{
					api.PtBR: {"Comandos · Catálogo", "1 de ", "Categoria: Dados"},
					api.En:   {"Commands · Catalog", "1 of ", "Category: Data"},
				}[lang]
				d.Send(ctrlP)
				d.WaitForText(text[0])
				v := d.View()
				for _, want := range []string{"ctrl+r", "shift+tab"} {
					if size[1] == 40 && !strings.Contains(v, want) { // at 24 lines they are further down
						t.Errorf("the palette does not list the global key %s:\n%s", want, v)
					}
				}
				golden.RequireEqual(t, screen(d, b.URL)) // every action, the list scrolled at 24 lines
				d.Type("categ")
				d.WaitForText(text[1]) // one action left
				if v := d.View(); !strings.Contains(v, "› "+map[api.Lang]string{api.PtBR: "categoria", api.En: "category"}[lang]) {
					t.Fatalf("the category filter is not the chosen row:\n%s", v)
				}

				d.Key("enter")
				d.WaitFor("the category filter moved on", func(v string) bool {
					return !paletteOpen(v) && strings.Contains(strings.Join(strings.Fields(v), " "), text[2])
				})
				if m := d.Model().(*Model); m.stack.Len() != 0 {
					t.Errorf("%d overlays left open", m.stack.Len())
				}
			})
		}
	}
}

// TestPaletteRunsGlobalActions: a page jump and quit, chosen by name.
func TestPaletteRunsGlobalActions(t *testing.T) {
	d, _ := catalogIn(t, api.PtBR, 80, 24)
	d.Key(":")
	d.WaitForText("Comandos · Catálogo")
	if v := d.View(); strings.Contains(v, "entrar") || strings.Contains(v, "ir para Catálogo") {
		t.Errorf("signed in, on the catalog: sign-in and a jump to the catalog must not be offered:\n%s", v)
	}
	d.Type("para sol") // "solicita" would find the catalog's s, solicitar, first
	d.WaitForText("› ir para Solicitações")
	d.Key("enter")
	d.WaitFor("Solicitações on screen", func(string) bool { return d.Model().(*Model).page == 1 })

	d.Key(":")
	d.WaitForText("Comandos · Solicitações")
	d.Type("sair")
	d.Key("enter")
	d.WaitFor("quit", func(string) bool { return quit(d) })
}

// TestColonIsTextInAField: : opens the palette outside text fields and
// is typed into a search field; ctrl+p opens it there too, listing only
// the keys the field does not take as text, and esc closes it.
func TestColonIsTextInAField(t *testing.T) {
	d, _ := catalogIn(t, api.PtBR, 80, 24)
	d.Key(":")
	d.WaitForText("Comandos · Catálogo")
	d.Key("esc")
	d.WaitFor("the palette closed", func(v string) bool { return !paletteOpen(v) })

	d.Key("/")
	d.Type("pje:")
	d.WaitForText("Buscar: pje:")
	if v := d.View(); paletteOpen(v) {
		t.Fatalf(": in the search field must be text:\n%s", v)
	}
	d.Send(ctrlP)
	d.WaitForText("Comandos · Catálogo")
	v := d.View()
	if strings.Contains(v, "sair") || strings.Contains(v, "ctrl+r") || strings.Contains(v, "categoria") {
		t.Errorf("while the field has focus, keys it would take as text are offered:\n%s", v)
	}
	if !strings.Contains(v, "limpar a busca") {
		t.Errorf("esc (limpar a busca) works in the field and must be offered:\n%s", v)
	}
	d.Key("esc")
	d.WaitFor("the palette closed", func(v string) bool { return !paletteOpen(v) })
	if m := d.Model().(*Model); !m.active().Capturing() {
		t.Error("closing the palette left the search field")
	}
}
