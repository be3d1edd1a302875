// Package keymap is the person's key remaps (the [keys] table of the
// config file): a key that stands for another one ("ctrl+f" = "/"). The
// root translates a press before routing it, outside text fields only,
// and rewrites the keys that the footer, the help and the palette show,
// so what is on screen is what acts.
//
// The target keeps working (J = "pgdown" adds J, pgdown still pages), a
// remapped key loses its own meaning (it now stands for its target), and
// a remap is one step: "a" = "b" and "b" = "a" swap the two.
package keymap

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Known reports whether name is a key as key.Binding names it ("ctrl+f",
// "pgdown", "enter", "space", "J", "/"): a press can be built that
// key.Matches takes for that name.
func Known(name string) bool {
	_, ok := Press(name)
	return ok
}

// Fixed reports whether a key cannot be remapped, either way: ctrl+c
// always quits, whatever is on screen.
func Fixed(name string) bool { return name == "ctrl+c" }

// Map is a set of remaps; the zero Map remaps nothing.
type Map struct {
	to   map[string]string   // a key → the key it stands for
	from map[string][]string // a target → the keys that stand for it, sorted
}

// New builds a Map from key → target pairs. The config file checks each
// pair (with its line) first; this refuses what would slip through.
func New(pairs map[string]string) (Map, error) {
	m := Map{to: map[string]string{}, from: map[string][]string{}}
	for k, to := range pairs {
		switch {
		case !Known(k) || !Known(to):
			return Map{}, fmt.Errorf("remap %q = %q: unknown key name", k, to)
		case Fixed(k) || Fixed(to):
			return Map{}, fmt.Errorf("remap %q = %q: ctrl+c cannot be remapped", k, to)
		case k == to:
			return Map{}, fmt.Errorf("remap %q = %q: a key to itself", k, to)
		}
		m.to[k] = to
		m.from[to] = append(m.from[to], k)
	}
	for _, keys := range m.from {
		slices.Sort(keys)
	}
	return m, nil
}

// Empty reports whether m remaps nothing.
func (m Map) Empty() bool { return len(m.to) == 0 }

// Translate returns the press msg stands for: its target's, or msg itself.
func (m Map) Translate(msg tea.KeyPressMsg) tea.KeyPressMsg {
	if to, ok := m.to[msg.String()]; ok {
		if press, ok := Press(to); ok {
			return press
		}
	}
	return msg
}

// Binding is b as shown with the remaps: the keys that stand for one of
// its keys are added in front ("J/pgdn"); a key of b that now stands for
// another is left out. ok is false when no key acts as b any more (b is
// then not shown). A binding with no help text is returned as it is.
func (m Map) Binding(b key.Binding) (key.Binding, bool) {
	h := b.Help()
	if m.Empty() || h.Key == "" {
		return b, true
	}
	var added, live []string
	shadowed := false
	for _, k := range b.Keys() {
		added = append(added, m.from[k]...)
		if _, taken := m.to[k]; taken {
			shadowed = true
		} else {
			live = append(live, k)
		}
	}
	if !shadowed && len(added) == 0 {
		return b, true
	}
	if len(added)+len(live) == 0 {
		return b, false
	}
	shown := []string{h.Key}
	if shadowed { // the hand-written name may list a key that no longer acts
		shown = shown[:0]
		for _, k := range live {
			shown = append(shown, display(k))
		}
	}
	b.SetHelp(join(append(added, shown...)), h.Desc)
	return b, true
}

// Bindings is each of bs as shown with the remaps, without those no key
// acts as any more.
func (m Map) Bindings(bs []key.Binding) []key.Binding {
	if m.Empty() {
		return bs
	}
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b, ok := m.Binding(b); ok {
			out = append(out, b)
		}
	}
	return out
}

// Columns is Bindings for each column of a full help.
func (m Map) Columns(cols [][]key.Binding) [][]key.Binding {
	if m.Empty() {
		return cols
	}
	out := make([][]key.Binding, len(cols))
	for i, col := range cols {
		out[i] = m.Bindings(col)
	}
	return out
}

// KeyMap is km's help as shown with the remaps.
func (m Map) KeyMap(km help.KeyMap) help.KeyMap { return remapped{km, m} }

type remapped struct {
	km help.KeyMap
	m  Map
}

func (r remapped) ShortHelp() []key.Binding  { return r.m.Bindings(r.km.ShortHelp()) }
func (r remapped) FullHelp() [][]key.Binding { return r.m.Columns(r.km.FullHelp()) }

// display is how the help names a key (as the pages write it).
func display(k string) string {
	if d, ok := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn"}[k]; ok {
		return d
	}
	return k
}

// join writes keys as the help does, "J/pgdn"; next to the key / itself
// a comma keeps them apart ("ctrl+f,/", not "ctrl+f//").
func join(keys []string) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			if strings.HasSuffix(keys[i-1], "/") || strings.HasPrefix(k, "/") {
				b.WriteString(",")
			} else {
				b.WriteString("/")
			}
		}
		b.WriteString(k)
	}
	return b.String()
}
