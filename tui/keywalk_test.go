// The walk and the screens drive hundreds of models against a live
// backend, which only pays off without the race detector: make test runs
// them in a second pass without -race (Makefile), the race pass covers the
// same code through the other tests.

//go:build !race

package tui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/components/palette"
	"github.com/gecli/gecli/tui/internal/drive"
)

// The keys-versus-help walk (issue 18): on every page, in each of its
// views, and on every step of the wizard, each key the help or the footer
// lists must do something, and each key that does something must be
// listed. "Does something" is what a person would see or start: the
// screen changes, a box opens or closes, or a Cmd (a copy, a fetch, a
// quit) is returned. The walk never runs those Cmds: a probe must not
// change the server.

// walkState is one view of a page, reached from the signed-in catalog.
type walkState struct {
	name, user string
	// reach brings the view on screen from a fresh model on the catalog.
	reach func(d *drive.Driver)
	// text: a text field has focus, so printable and editing keys are
	// text there and need no listing.
	text bool
	// area: the text field is a text area (the opinion), whose keys
	// (enter breaks the line, ↑/↓ move between lines) are text too.
	area bool
	// in is the keys (space-separated) that each move one step into the
	// view: a listed move key that does nothing where the view opens (g
	// on the first row, pgup at the detail's top) must act after one.
	in string
	// alone: reach writes to the cache (the wizard saves a draft), so
	// every fresh model gets a store of its own, signed in anew: drafts
	// do not pile up, nor reach the other views of the same person.
	alone bool
	// english80 walks the view in English at 80x24, where more overflows
	// (a detail scrolls that fits at 120x40) and the bindings' English
	// help is the one listed.
	english80 bool
}

// size is the terminal the view is walked in.
func (st walkState) size() (int, int) {
	if st.english80 {
		return 80, 24
	}
	return 120, 40
}

// universe is every key a person might try: letters, digits,
// punctuation, the named keys and ctrl with a letter. ctrl+c always
// quits (README), so it is not probed.
func universe() []string {
	var out []string
	for r := 'a'; r <= 'z'; r++ {
		out = append(out, string(r), strings.ToUpper(string(r)), "ctrl+"+string(r))
	}
	for _, r := range "0123456789/?:;,.-_=+[]{}!@#$%&*()<>'\"\\|~^`" {
		out = append(out, string(r))
	}
	out = append(out, "enter", "esc", "tab", "shift+tab", "backspace", "delete", "space",
		"up", "down", "left", "right", "pgup", "pgdown", "home", "end", "insert")
	return slices.DeleteFunc(out, func(k string) bool { return k == "ctrl+c" })
}

// press builds the message of a key named as key.Binding names it.
func press(t *testing.T, k string) tea.KeyPressMsg {
	t.Helper()
	msg, ok := palette.Press(k)
	if !ok {
		t.Fatalf("cannot build a press of %q", k)
	}
	return msg
}

// listed is what the footer and ? show now: the bindings of the box on
// top, else the page's and (outside a text field) the global ones. A
// disabled binding is not shown, so it is not listed.
func listed(m *Model) []key.Binding {
	var groups [][]key.Binding
	if top := m.stack.TopFor(m.onScreen()); top != nil {
		groups = append(top.FullHelp(), top.ShortHelp())
	} else {
		page := m.active()
		groups = append(append(page.FullHelp(), page.ShortHelp()), m.globalHelp()...)
	}
	var out []key.Binding
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() && b.Help().Key != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

// textKeys are what a focused text field does with keys: type, move the
// cursor, delete.
func textKeys() []key.Binding {
	km := textinput.DefaultKeyMap()
	return []key.Binding{km.CharacterForward, km.CharacterBackward, km.WordForward, km.WordBackward,
		km.DeleteWordBackward, km.DeleteWordForward, km.DeleteAfterCursor, km.DeleteBeforeCursor,
		km.DeleteCharacterBackward, km.DeleteCharacterForward, km.LineStart, km.LineEnd, km.Paste}
}

// areaKeys are what a focused text area does with keys besides typing.
func areaKeys() []key.Binding {
	km := textarea.DefaultKeyMap()
	return []key.Binding{km.CharacterForward, km.CharacterBackward, km.WordForward, km.WordBackward,
		km.DeleteWordBackward, km.DeleteWordForward, km.DeleteAfterCursor, km.DeleteBeforeCursor,
		km.DeleteCharacterBackward, km.DeleteCharacterForward, km.LineStart, km.LineEnd, km.Paste,
		km.InsertNewline, km.LineNext, km.LinePrevious, km.InputBegin, km.InputEnd,
		km.PageUp, km.PageDown, km.UppercaseWordForward, km.LowercaseWordForward,
		km.CapitalizeWordForward, km.TransposeCharacterBackward}
}

// probe presses k on m and reports whether a person would notice.
func probe(t *testing.T, m *Model, k string) bool {
	t.Helper()
	before, depth := ansiFree(m), m.stack.Len()
	_, cmd := m.Update(press(t, k))
	return cmd != nil || m.stack.Len() != depth || ansiFree(m) != before
}

func ansiFree(m *Model) string { return m.View().Content }

var names = map[string]string{"solicitante": "Ana Souza", "avaliador": "Bruno Lima", "admin": "Carla Dias"}

// walker builds fresh models for one backend, one signed-in store per
// person.
type walker struct {
	top    *testing.T // owns the stores: they outlive each view's subtest
	b      *backend.Backend
	mu     sync.Mutex
	stores map[string]*store.Store
}

func (w *walker) fresh(t *testing.T, st walkState, width, height int) (*drive.Driver, *Model) {
	t.Helper()
	w.mu.Lock()
	s, ok := w.stores[st.user]
	if !ok || st.alone {
		s = openStore(w.top)
		w.b.SignIn(w.top, s, st.user)
	}
	if !ok && !st.alone {
		w.stores[st.user] = s
	}
	w.mu.Unlock()
	var opts []opt
	catalog := "18 de 18 APIs"
	if st.english80 {
		opts, catalog = append(opts, english), "18 of 18 APIs"
	}
	m := newModel(t, w.b.URL, s, opts...)
	d := drive.New(t, m, width, height)
	d.WaitFor("the catalog, signed in", func(v string) bool {
		return strings.Contains(v, catalog) && strings.Contains(v, "● online") && strings.Contains(v, names[st.user])
	})
	st.reach(d)
	d.Settle(100 * time.Millisecond)
	return d, m
}

func (w *walker) walk(t *testing.T, st walkState) {
	width, height := st.size()
	d, m := w.fresh(t, st, width, height)
	shown := listed(m)
	if len(shown) == 0 {
		t.Fatalf("%s lists no key at all:\n%s", st.name, d.View())
	}
	isListed := func(k string) bool {
		for _, b := range shown {
			if slices.Contains(b.Keys(), k) {
				return true
			}
		}
		return false
	}
	isText := func(k string) bool {
		if !st.text {
			return false
		}
		if msg := press(t, k); msg.Text != "" {
			return true
		}
		fieldKeys := textKeys()
		if st.area {
			fieldKeys = areaKeys()
		}
		for _, b := range fieldKeys {
			if slices.Contains(b.Keys(), k) {
				return true
			}
		}
		return false
	}
	screen := d.View()
	for _, k := range universe() {
		if isListed(k) || isText(k) {
			continue
		}
		if probe(t, m, k) {
			t.Errorf("%s: %s acts but neither the footer nor ? lists it; before:\n%s\nafter:\n%s", st.name, k, screen, d.View())
			d, m = w.fresh(t, st, width, height)
		}
	}
	for _, b := range shown {
		for _, k := range b.Keys() {
			d, m = w.fresh(t, st, width, height)
			acted := probe(t, m, k)
			for _, in := range strings.Fields(st.in) {
				if acted {
					break
				}
				d, m = w.fresh(t, st, width, height)
				m.Update(press(t, in))
				acted = probe(t, m, k)
			}
			if acted {
				continue
			}
			t.Errorf("%s: the help lists %s (%s) but %s does nothing:\n%s", st.name, b.Help().Key, b.Help().Desc, k, d.View())
		}
	}
}

// keys presses each key; an item "=text" waits for text on screen,
// "!text" until it is gone, and "+text" types text.
func keys(ks ...string) func(d *drive.Driver) {
	return func(d *drive.Driver) {
		for _, k := range ks {
			switch {
			case strings.HasPrefix(k, "="):
				d.WaitForText(k[1:])
				d.Settle(50 * time.Millisecond)
			case strings.HasPrefix(k, "!"):
				d.WaitFor("no "+k[1:], func(v string) bool { return !strings.Contains(v, k[1:]) })
				d.Settle(50 * time.Millisecond)
			case strings.HasPrefix(k, "+"):
				d.Type(k[1:])
			default:
				d.Key(k)
			}
		}
	}
}

func TestEveryListedKeyActsAndEveryActingKeyIsListed(t *testing.T) {
	w := &walker{top: t, b: startBackend(t, "127.0.0.1:0"), stores: map[string]*store.Store{}}
	states := []walkState{
		{name: "Catálogo", user: "solicitante", reach: keys(), in: "l"},
		{name: "Catálogo, busca", user: "solicitante", reach: keys("/"), text: true},
		{name: "Catálogo, busca com texto", user: "solicitante", reach: keys("/", "+dados", "enter"), in: "l"},
		{name: "Documentação", user: "solicitante", reach: keys("enter", "=Endpoints"), in: "j"},
		{name: "Documentação, endpoint", user: "solicitante", reach: keys("enter", "=Endpoints", "enter", "=Parâmetros"), in: "j"},
		{name: "Solicitações", user: "solicitante", reach: keys("2", "=300 solicitações"), in: "j"},
		{name: "Solicitações, situações", user: "solicitante", reach: keys("2", "=300 solicitações", "l"), in: "j"},
		{name: "Solicitações, busca", user: "solicitante", reach: keys("2", "=300 solicitações", "/"), text: true},
		// A draft left by the wizard (step 2, then closed), listed by r.
		{name: "Solicitações, rascunhos", user: "solicitante", reach: keys("2", "=300 solicitações", "n", "=Nova solicitação", "enter", "=2 Instituição",
			"esc", "esc", "=r Rascunhos", "r", "=Rascunhos ("), in: "j", alone: true},
		{name: "Solicitação", user: "solicitante", reach: keys("2", "=300 solicitações", "enter", "=Histórico"), in: "j"},
		{name: "Credenciais", user: "solicitante", reach: keys("4", "=Client ID"), in: "j"},
		{name: "Credenciais, busca", user: "solicitante", reach: keys("4", "=Client ID", "/"), text: true},
		// The boxes of Credenciais. Generating a secret writes to the
		// server, so those views sign in alone. The generation's box is
		// walked on the second credential, which no other view
		// generates: it is always still to generate.
		{name: "Credenciais, gerar", user: "solicitante", reach: keys("4", "=Client ID", "j", "n", "=Gerar o secret de")},
		{name: "Credenciais, regenerar", user: "solicitante", reach: keys("4", "=Client ID", "j", "j", "n", "=erar o secret de", "enter",
			"=Novo secret", "esc", "!Novo secret", "=mascarado", "n", "=Regenerar o secret de"), alone: true},
		{name: "Credenciais, revelação", user: "solicitante", reach: keys("4", "=Client ID", "n", "=erar o secret de", "enter",
			"=Novo secret"), alone: true},
		{name: "Credenciais, teste da revelação", user: "solicitante", reach: keys("4", "=Client ID", "n", "=erar o secret de", "enter",
			"=Novo secret", "t", "=Testar credencial", "!Pedindo um token"), alone: true},
		{name: "Credenciais, teste", user: "solicitante", reach: keys("4", "=Client ID", "n", "=erar o secret de", "enter",
			"=Novo secret", "esc", "!Novo secret", "=mascarado", "t", "=Cole o secret"), text: true, alone: true},
		{name: "Credenciais, IPs autorizados", user: "solicitante", reach: keys("4", "=Client ID", "i", "=IPs autorizados ·", "!Carregando a lista"), text: true},
		{name: "Cofre", user: "solicitante", reach: keys("5", "=cadastrad"), in: "j"},
		{name: "Assistente, API", user: "solicitante", reach: keys("2", "=300 solicitações", "n", "=Nova solicitação"), text: true, alone: true},
		{name: "Assistente, instituição", user: "solicitante", reach: keys("2", "=300 solicitações", "n", "=Nova solicitação", "enter", "=2 Instituição"), alone: true},
		{name: "Assistente, responsável", user: "solicitante", reach: keys("2", "=300 solicitações", "n", "=Nova solicitação", "enter", "=2 Instituição", "enter", "=3 Responsável"), text: true, alone: true},
		{name: "Avaliação", user: "avaliador", reach: keys("3", "=68 pendentes", "!Carregando a solicitação"), in: "j"},
		{name: "Avaliação, filtros", user: "avaliador", reach: keys("3", "=68 pendentes", "/"), text: true},
		{name: "Avaliação, aprovar", user: "avaliador", reach: keys("3", "=68 pendentes", "!Carregando a solicitação", "a", "=Justificativa (opcional)"), text: true},
		{name: "Avaliação, reprovar", user: "avaliador", reach: keys("3", "=68 pendentes", "!Carregando a solicitação", "r", "=Justificativa (obrigatória)"), text: true},
		{name: "Avaliação, parecer", user: "avaliador", reach: keys("3", "=68 pendentes", "!Carregando a solicitação", "o", "=Parecer técnico sobre"), text: true, area: true},
		{name: "Avaliação, parecer no PDF", user: "avaliador", reach: keys("3", "=68 pendentes", "!Carregando a solicitação", "o", "=Parecer técnico sobre", "tab"), text: true},
		{name: "Catálogo (avaliador)", user: "avaliador", reach: keys(), in: "l"},
		{name: "Administração", user: "admin", reach: keys("6", "=Consulta CPF"), in: "j"},
		{name: "Administração, termos", user: "admin", reach: keys("6", "=Consulta CPF", "v", "=Termos de uso de", "!Carregando")},
		// An event of the seed, found by its action: the trail's newest
		// rows are the walk's own sign-ins.
		{name: "Administração, evento", user: "admin", reach: keys("6", "=Consulta CPF", "[", "=Todos os eventos", "f", "=Filtrar a auditoria",
			"tab", "+institution.allowlist_set", "enter", "=esc limpa", "=IPs liberados definidos", "enter", "=allowlist_set)")},
		{name: "Administração, avisos", user: "admin", reach: keys("6", "=Consulta CPF", "[", "=Todos os eventos", "[", "=Manutenção: nenhuma")},
		{name: "Administração, novo aviso", user: "admin", reach: keys("6", "=Consulta CPF", "[", "=Todos os eventos", "[", "=Manutenção: nenhuma",
			"n", "=Novo aviso"), text: true},
		{name: "Solicitações, revogar", user: "admin", reach: keys("2", "=600 solicitações", "v", "=Revogar SOL-"), text: true},
		{name: "Solicitações, revogar, confirmação", user: "admin", reach: keys("2", "=600 solicitações", "v", "=Revogar SOL-",
			"+Convênio encerrado em 30/11/2026.", "enter", "=Confirmar a revogação")},
		// In English at 80x24: details overflow there, so their moves are listed.
		{name: "Catalog (en, 80x24)", user: "solicitante", reach: keys(), in: "l", english80: true},
		{name: "Documentation, endpoint (en, 80x24)", user: "solicitante", reach: keys("enter", "=Endpoints", "j", "enter", "=Parameters"), in: "j", english80: true},
		{name: "Request (en, 80x24)", user: "solicitante", reach: keys("2", "=300 requests", "enter", "=Request SOL", "!Loading the request"), in: "j", english80: true},
		{name: "Review (en, 80x24)", user: "avaliador", reach: keys("3", "=68 pending", "!Loading the request"), in: "j pgdown", english80: true},
		{name: "Credentials (en, 80x24)", user: "solicitante", reach: keys("4", "=Client ID", "!List cached"), in: "j", english80: true},
	}
	for _, st := range states {
		t.Run(fmt.Sprintf("%s/%s", st.user, st.name), func(t *testing.T) {
			lane(t)
			w.walk(t, st)
		})
	}
}
