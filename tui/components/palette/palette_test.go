package palette

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

func bind(help, desc string, keys ...string) key.Binding { return common.Bind(help, desc, keys...) }

// catalogActions look like the catalog's keys and the global ones.
func catalogActions() []key.Binding {
	disabled := bind("L", "entrar", "L")
	disabled.SetEnabled(false)
	return []key.Binding{
		bind("/", "buscar", "/"),
		bind("enter", "documentação", "enter"),
		bind("c", "categoria", "c"),
		bind("e", "ambiente", "e"),
		bind("G", "última", "G", "end"),
		bind("pgdn", "página", "pgdown"),
		bind("c", "categoria", "c"), // listed twice (footer and full help): shown once
		bind("tab", "próxima página", "tab"),
		bind("2", "ir para Solicitações", "2"),
		bind("ctrl+r", "atualizar", "ctrl+r"),
		disabled,
		bind("q", "sair", "q"),
	}
}

func newPalette(lang api.Lang, actions []key.Binding) *Model {
	com := &common.Common{Styles: themes.Get(themes.Dark), Text: i18n.For(lang), Lang: lang, Now: time.Now}
	m := New(com, route.Root, "Catálogo", actions)
	m.SetSize(80, 20)
	return m
}

func press(k string) tea.KeyPressMsg {
	p, ok := Press(k)
	if !ok {
		panic(k)
	}
	return p
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func descs(m *Model) []string {
	var out []string
	for _, r := range m.rows {
		out = append(out, r.action.binding.Help().Desc)
	}
	return out
}

func TestListsEnabledActionsOnceInOrder(t *testing.T) {
	m := newPalette(api.PtBR, catalogActions())
	want := "buscar documentação categoria ambiente última página próxima página ir para Solicitações atualizar sair"
	if got := strings.Join(descs(m), " "); got != want {
		t.Fatalf("rows %q\nwant %q", got, want)
	}
	v := ansi.Strip(m.View(80, 20))
	for _, s := range []string{"Comandos · Catálogo", "10 de 10", "› buscar", "ctrl+r"} {
		if !strings.Contains(v, s) {
			t.Errorf("view lacks %q:\n%s", s, v)
		}
	}
	if strings.Contains(v, "entrar") {
		t.Errorf("a disabled binding is listed:\n%s", v)
	}
}

func TestFuzzyMatchOrderAndHighlight(t *testing.T) {
	m := newPalette(api.PtBR, catalogActions())
	typeText(m, "pag")
	// Both have p-a-g; "página" starts with it, "próxima página" only has
	// it in its second word.
	if got := descs(m); len(got) != 2 || got[0] != "página" || got[1] != "próxima página" {
		t.Fatalf("rows for \"pag\": %q", got)
	}
	typeText(m, "ina")
	if got := descs(m); len(got) != 2 {
		t.Fatalf("rows for \"pagina\" (no accent typed): %q", got)
	}

	m = newPalette(api.PtBR, catalogActions())
	typeText(m, "categ")
	if got := descs(m); len(got) != 1 || got[0] != "categoria" {
		t.Fatalf("rows for \"categ\": %q", got)
	}
	st := themes.Get(themes.Dark)
	hl := st.Accent.Bold(true).Underline(true).Render("categ")
	if v := m.View(80, 20); !strings.Contains(v, hl) || !strings.Contains(ansi.Strip(v), "1 de 10") {
		t.Errorf("the matched letters are not highlighted:\n%q", v)
	}
}

func TestEnterReturnsTheChosenKeyAndEscCloses(t *testing.T) {
	m := newPalette(api.PtBR, catalogActions())
	typeText(m, "atual")
	a := m.Update(press("enter"))
	got, ok := a.(overlay.Close)
	if !ok || got.Result != (Chosen{Key: press("ctrl+r")}) {
		t.Fatalf("enter on \"atualizar\" gave %#v", a)
	}

	m = newPalette(api.PtBR, catalogActions())
	m.Update(press("down"))
	m.Update(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}) // ctrl+n moves too
	m.Update(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})
	m.Update(press("down"))
	if a, _ := m.Update(press("enter")).(overlay.Close); a.Result != (Chosen{Key: press("c")}) {
		t.Fatalf("the third row is \"categoria\" (c), got %#v", a.Result)
	}

	m = newPalette(api.PtBR, catalogActions())
	typeText(m, "sa")
	if a, ok := m.Update(press("esc")).(overlay.Close); !ok || a.Result != nil {
		t.Fatalf("esc must close with nothing run, got %#v", a)
	}
}

func TestNoMatchSaysSo(t *testing.T) {
	for lang, want := range map[api.Lang]string{api.PtBR: "Nenhuma ação corresponde a “xyz”.", api.En: "No action matches “xyz”."} {
		m := newPalette(lang, catalogActions())
		typeText(m, "xyz")
		if v := ansi.Strip(m.View(80, 20)); !strings.Contains(v, want) {
			t.Errorf("%s: the empty result does not say so:\n%s", lang, v)
		}
		if a := m.Update(press("enter")); a != nil {
			t.Errorf("%s: enter on no match did %#v", lang, a)
		}
		m.Update(press("backspace"))
		m.Update(press("backspace"))
		m.Update(press("backspace"))
		if len(m.rows) != 10 {
			t.Errorf("%s: clearing the query did not list every action again: %d", lang, len(m.rows))
		}
	}
}

// TestScrollsAndTruncates: in a short body the list scrolls with the
// cursor and says how many rows are out of view; a long description is
// cut with … and its key stays on screen.
func TestScrollsAndTruncates(t *testing.T) {
	actions := catalogActions()
	actions = append(actions, bind("x", strings.Repeat("descrição muito longa ", 8), "x"))
	m := newPalette(api.PtBR, actions)
	m.SetSize(60, 10) // 4 rows fit
	v := ansi.Strip(m.View(60, 10))
	if strings.Count(v, "\n")+1 > 10 || !strings.Contains(v, "↓ mais 7") {
		t.Fatalf("the list does not fit or hide rows honestly:\n%s", v)
	}
	for range 10 {
		m.Update(press("down"))
	}
	v = ansi.Strip(m.View(60, 10))
	if !strings.Contains(v, "› descrição muito longa") || !strings.Contains(v, "…") || !strings.Contains(v, "↑ mais 7") {
		t.Fatalf("the cursor's row is not in view, cut with …:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
		if strings.Contains(l, "longa") && !strings.HasSuffix(strings.TrimRight(l, " │"), "x") {
			t.Errorf("the long row lost its key: %q", l)
		}
	}
}

func TestPressRoundTrips(t *testing.T) {
	for _, k := range []string{"enter", "esc", "tab", "shift+tab", "ctrl+r", "ctrl+x", "space", "pgdown", "pgup",
		"home", "end", "up", "down", "G", "g", "/", "?", ":", "1", "L", "alt+enter", "f1"} {
		p, ok := Press(k)
		if !ok || p.String() != k || !key.Matches(p, key.NewBinding(key.WithKeys(k))) {
			t.Errorf("Press(%q) = %#v (%q), %v", k, p, p.String(), ok)
		}
	}
	if p := press("space"); p.Text != " " {
		t.Errorf("space types a space: %#v", p)
	}
	for _, k := range []string{"", "ctrl+", "nonsense"} {
		if _, ok := Press(k); ok {
			t.Errorf("Press(%q) built a key", k)
		}
	}
}

func TestPasteFiltersAndWheelMoves(t *testing.T) {
	m := newPalette(api.PtBR, catalogActions())
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.cursor != 1 {
		t.Errorf("the wheel left the cursor on row %d, want 1", m.cursor)
	}
	m.Update(tea.PasteMsg{Content: "ambi"})
	if got := descs(m); len(got) != 1 || got[0] != "ambiente" || m.cursor != 0 {
		t.Errorf("a pasted query gave %q (cursor %d)", got, m.cursor)
	}
}
