package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/keymap"
)

// remappedCatalog is the synced catalog, signed in, with the remaps of a
// config file's [keys].
func remappedCatalog(t *testing.T, pairs map[string]string) *drive.Driver {
	keys, err := keymap.New(pairs)
	if err != nil {
		t.Fatal(err)
	}
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	d := drive.New(t, newModel(t, b.URL, s, func(o *Options) { o.Keys = keys }), 120, 30)
	d.WaitFor("the synced catalog, signed in", func(v string) bool {
		return strings.Contains(v, "18 de 18 APIs") && strings.Contains(v, "● online") && strings.Contains(v, "Ana Souza")
	})
	return d
}

func footerLine(v string) string {
	lines := strings.Split(v, "\n")
	return lines[len(lines)-1]
}

func flat(v string) string { return strings.Join(strings.Fields(v), " ") }

// TestRemapActsOutsideTextFields: with ctrl+f = "/" and K = "c", the
// footer and the help name the new keys, ctrl+f opens the search and K
// filters by category; in the search box K is only a letter typed.
func TestRemapActsOutsideTextFields(t *testing.T) {
	d := remappedCatalog(t, map[string]string{"ctrl+f": "/", "K": "c"})
	for _, want := range []string{"ctrl+f,/ buscar", "K/c categoria", "q sair"} {
		if f := footerLine(d.View()); !strings.Contains(f, want) {
			t.Errorf("the footer does not show %q:\n%s", want, f)
		}
	}

	d.Send(tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl})
	d.WaitForText("manter a busca") // the search box has focus
	d.Type("Ka")
	d.WaitForText("Buscar: Ka")
	if v := flat(d.View()); !strings.Contains(v, "Categoria: Todas") {
		t.Errorf("K typed in the search box changed the category:\n%s", d.View())
	}
	if f := footerLine(d.View()); strings.Contains(f, "ctrl+f") || strings.Contains(f, "K/c") {
		t.Errorf("in the search box the footer still shows remapped keys:\n%s", f)
	}

	d.Key("esc") // leaves the box
	d.Key("esc") // clears the search
	d.WaitFor("the search cleared", func(v string) bool { return !strings.Contains(v, "Buscar: Ka") })
	d.Key("K")
	d.WaitFor("K standing for c", func(v string) bool { return strings.Contains(flat(v), "Categoria: Dados") })

	d.Key("?")
	d.WaitForText("Nesta página")
	v := d.View()
	for _, want := range []string{"ctrl+f,/ buscar", "K/c      categoria", "ctrl+p/: comandos"} {
		if !strings.Contains(v, want) {
			t.Errorf("the help does not show %q:\n%s", want, v)
		}
	}
}

// TestRemapSwapAndPalette: with c and e swapped, each shows and acts as
// the other, and the palette, which names the action's own key, still
// runs the action chosen (not the one its key now stands for).
func TestRemapSwapAndPalette(t *testing.T) {
	d := remappedCatalog(t, map[string]string{"c": "e", "e": "c", "q": "esc"})
	f := footerLine(d.View())
	for _, want := range []string{"e categoria", "c ambiente"} {
		if !strings.Contains(f, want) {
			t.Errorf("the footer does not show %q:\n%s", want, f)
		}
	}
	if strings.Contains(f, "q sair") {
		t.Errorf("q stands for esc, yet the footer offers it to quit:\n%s", f)
	}
	d.Key("e")
	d.WaitFor("e standing for c", func(v string) bool { return strings.Contains(flat(v), "Categoria: Dados") })
	if v := flat(d.View()); !strings.Contains(v, "Ambiente: Todos") {
		t.Errorf("e changed the environment too:\n%s", d.View())
	}
	d.Key("q") // esc now: clears nothing, and does not quit
	for _, msg := range d.Seen {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Fatal("q quit, though it stands for esc")
		}
	}

	d.Send(ctrlP)
	d.WaitForText("Comandos · Catálogo")
	d.Type("ambie")
	d.WaitFor("one action left", func(v string) bool { return strings.Contains(v, "1 de ") })
	if v := d.View(); !strings.Contains(v, "› ambiente") || !strings.Contains(v, " c ") {
		t.Errorf("the palette does not show the environment under its key c:\n%s", v)
	}
	d.Key("enter")
	d.WaitFor("the environment filter moved on", func(v string) bool {
		return !paletteOpen(v) && strings.Contains(flat(v), "Ambiente: HMG")
	})
	if v := flat(d.View()); !strings.Contains(v, "Categoria: Dados") {
		t.Errorf("the palette's environment action moved the category:\n%s", d.View())
	}
}
