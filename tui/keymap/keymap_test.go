package keymap

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func mustNew(t *testing.T, pairs map[string]string) Map {
	t.Helper()
	m, err := New(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTranslate(t *testing.T) {
	m := mustNew(t, map[string]string{"ctrl+f": "/", "J": "pgdown", "a": "b", "b": "a"})
	for _, c := range []struct{ in, want string }{
		{"ctrl+f", "/"}, {"J", "pgdown"}, {"a", "b"}, {"b", "a"}, // a swap is one step each way
		{"/", "/"}, {"pgdown", "pgdown"}, {"x", "x"}, // targets and other keys stay themselves
	} {
		in, _ := Press(c.in)
		got := m.Translate(in)
		if got.String() != c.want {
			t.Errorf("%s stands for %q, want %q", c.in, got.String(), c.want)
		}
	}
	if got := m.Translate(tea.KeyPressMsg{Code: 'J', Text: "J"}); got.Code != tea.KeyPgDown || got.Text != "" {
		t.Errorf("J gave %#v, want a bare pgdown", got)
	}
	if got := m.Translate(tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}); got.Text != "/" {
		t.Errorf("ctrl+f gave %#v, want / with its text", got)
	}
}

func TestNewRefuses(t *testing.T) {
	for _, pairs := range []map[string]string{
		{"ctrl+c": "q"}, {"x": "ctrl+c"}, {"x": "x"}, {"pgdn": "down"}, {"x": "nonsense"}, {"": "x"},
	} {
		if _, err := New(pairs); err == nil {
			t.Errorf("New(%v) accepted", pairs)
		}
	}
}

func TestBindingShowsWhatActs(t *testing.T) {
	m := mustNew(t, map[string]string{"ctrl+f": "/", "J": "pgdown", "k": "x", "c": "e", "e": "c", "q": "esc"})
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, "d"))
	}
	for _, c := range []struct {
		in   key.Binding
		want string // "" : not shown
	}{
		{b("/", "/"), "ctrl+f,/"},
		{b("pgdn", "pgdown"), "J/pgdn"},
		{b("↑/k", "up", "k"), "↑"}, // k now stands for x
		{b("c", "c"), "e"},         // swapped
		{b("e", "e"), "c"},
		{b("q", "q"), ""}, // q is esc now, and nothing stands for quit
		{b("enter", "enter"), "enter"},
	} {
		got, ok := m.Binding(c.in)
		switch {
		case c.want == "" && ok:
			t.Errorf("%q is still shown as %q: no key acts as it", c.in.Help().Key, got.Help().Key)
		case c.want != "" && (!ok || got.Help().Key != c.want):
			t.Errorf("%q is shown as %q (%v), want %q", c.in.Help().Key, got.Help().Key, ok, c.want)
		case ok && got.Help().Desc != "d":
			t.Errorf("%q lost its description", c.in.Help().Key)
		}
		if ok && len(got.Keys()) != len(c.in.Keys()) {
			t.Errorf("%q: the binding's own keys changed: %v", c.in.Help().Key, got.Keys())
		}
	}
	if got := m.Bindings([]key.Binding{b("q", "q"), b("/", "/")}); len(got) != 1 || got[0].Help().Key != "ctrl+f,/" {
		t.Errorf("Bindings = %v", got)
	}
}
