package archtest

import (
	"strings"
	"testing"
)

// A rule says which packages of the module a group of packages must not
// import, directly or through another package of the module. Patterns are
// module-relative and read like the go command's: "x" is the package x, "x/..." is x
// and every package below it, "..." is every package, and a "*" element
// matches any one element; in except, "*" stands for the element it
// matched in from.
type rule struct {
	from    string   // the packages the rule applies to
	notFrom string   // packages under from that it does not apply to
	deny    []string // what they must not reach
	except  []string // allowed although deny covers it
	why     string
}

var rules = []rule{
	{from: "api/...", deny: []string{"..."}, except: []string{"api/..."},
		why: "api is the wire contract client and server share: it stands on the standard library so either can import it without pulling in the other"},
	{from: "themes/...", deny: []string{"..."}, except: []string{"themes/..."},
		why: "palettes and styles are ground floor: any UI (the TUI, the SSH mode) builds on them without their pages"},
	{from: "internal/sqlite/...", deny: []string{"..."}, except: []string{"internal/sqlite/..."},
		why: "the one way to open SQLite serves both the cache (store) and the server's database (server/db), so it knows neither"},
	{from: "internal/pdfwrite/...", deny: []string{"..."}, except: []string{"internal/pdfwrite/..."},
		why: "one PDF writer serves the demo's terms, the summary SEI receives and the tests' PDFs: it knows none of them"},
	{from: "tui/keymap/...", deny: []string{"..."}, except: []string{"tui/keymap/..."},
		why: "key names, their remapping and a press built from a name stand alone: the config file and every screen use them"},
	{from: "config/...", deny: []string{"..."}, except: []string{"config/...", "api/...", "themes/...", "tui/keymap/..."},
		why: "the config file is read by the command line for every program: it checks names (languages, themes, keys) and knows no screen, cache or server"},
	{from: "store/...", deny: []string{"server/...", "tui/...", "client/...", "session/..."},
		why: "the local cache is a floor below the client, the session and the UI, and never links the backend"},
	{from: "client/...", deny: []string{"server/...", "tui/...", "store/...", "session/..."},
		why: "the REST client knows the wire contract (api), not the server's insides, and keeps nothing on disk"},
	{from: "server/...", deny: []string{"tui/...", "client/...", "store/...", "session/..."},
		why: "the backend runs alone on many replicas (DESIGN.md §1): no terminal code, no local cache, no client of itself"},
	{from: "session/...", deny: []string{"server/...", "tui/..."},
		why: "the signed-in session stands on client and store and serves both the CLI and the TUI, so it depends on neither UI nor on the backend"},
	{from: "sshd/...", deny: []string{"server/...", "cmd/..."},
		why: "gecli ssh serves the TUI and talks to the server over HTTP like any client: it never links the backend"},
	{from: "tui/...", deny: []string{"server/..."},
		why: "the UI reaches the backend over HTTP only; gecli demo wires both together in cmd/gecli"},
	{from: "tui/components/...", deny: []string{"tui", "tui/pages/..."},
		why: "components are the bricks pages are built of; a component that knows a page or the root cannot be reused"},
	{from: "tui/common/...", deny: []string{"tui", "tui/pages/..."},
		why: "common is what pages and the root share; importing either would make a cycle or a back door"},
	{from: "tui/i18n/...", deny: []string{"tui", "tui/pages/..."},
		why: "the texts are a floor below every screen"},
	{from: "tui/route/...", deny: []string{"..."}, except: []string{"tui/route/..."},
		why: "the addresses of answers are the lowest floor of the TUI: pages, overlays, the router and the sync model all stand on them"},
	{from: "tui/overlay/...", deny: []string{"..."}, except: []string{"tui/overlay/...", "tui/route/..."},
		why: "the overlay stack holds any modal model; it knows addresses, not the boxes, the pages or the texts"},
	{from: "tui/router/...", deny: []string{"tui", "tui/pages/...", "tui/sync/...", "tui/signin/..."},
		why: "the router moves messages by address between pages and overlays; it knows no page, so the page harness and the root share it"},
	{from: "tui/sync/...", deny: []string{"tui", "tui/pages/...", "tui/router/...", "tui/signin/..."},
		why: "the sync model keeps the cache fresh for the root; it reports with messages and knows no screen"},
	{from: "tui/signin/...", deny: []string{"tui", "tui/pages/...", "tui/router/...", "tui/sync/..."},
		why: "the sign-in screen is one of the root's overlays; it answers with messages, like the others"},
	{from: "tui/pages/*/...", deny: []string{"tui", "tui/pages/..."}, except: []string{"tui/pages/*/..."},
		why: "pages reach each other only through messages the root routes, so each can change (or be served alone) without the others"},
	{from: "...", notFrom: "testkit/...", deny: []string{"testkit/..."},
		why: "testkit starts a whole backend with demo data for tests; only _test.go files may link it"},
}

// apart names two parts that only one package may link together.
var apart = []struct{ a, b, only, why string }{
	{"server/...", "tui/...", "cmd/gecli",
		"gecli demo is the one process where backend and UI run together; any other package reaching both means a layer leaked"},
}

func TestImportRules(t *testing.T) {
	root := moduleRoot(t)
	g := load(t, root)
	for _, p := range []string{"api", "server", "store", "tui", "cmd/gecli"} {
		if _, ok := g[p]; !ok {
			t.Fatalf("package %s not found under %s: the walk is broken, not the rules", p, root)
		}
	}
	for _, v := range check(g) {
		t.Error(v)
	}
}

// TestCheckReportsViolations proves the checker fails on a tree that breaks
// the rules: a direct import, an indirect one, a page importing another
// page, and a package linking server and tui through two others; and that
// it leaves out what only follows from another finding.
func TestCheckReportsViolations(t *testing.T) {
	g := graph{
		"api":             nil,
		"server":          {{"server/a.go", "api"}},
		"store":           {{"store/s.go", "server"}},
		"client":          {{"client/c.go", "helper"}},
		"helper":          {{"helper/h.go", "server"}},
		"tui":             {{"tui/app.go", "tui/pages/a"}},
		"tui/pages/a":     {{"tui/pages/a/p.go", "tui/pages/b"}, {"tui/pages/a/p.go", "tui/pages/a/sub"}},
		"tui/pages/a/sub": nil,
		"tui/pages/b":     nil,
		"tui/pages/c":     {{"tui/pages/c/c.go", "session"}},
		"tui/pages/d":     {{"tui/pages/d/d.go", "client"}},
		"session":         {{"session/s.go", "server"}},
		"both":            {{"both/x.go", "tui"}, {"both/y.go", "helper"}},
		"testkit/tk":      {{"testkit/tk/k.go", "testkit/other"}},
		"cmd/gecli":       {{"cmd/gecli/main.go", "tui"}, {"cmd/gecli/main.go", "server"}},
	}
	got := strings.Join(check(g), "\n")
	for _, want := range []string{
		`store/s.go: import "github.com/gecli/gecli/server"`,
		`client/c.go: import "github.com/gecli/gecli/helper" leads to server (helper → server)`,
		`tui/pages/a/p.go: import "github.com/gecli/gecli/tui/pages/b"`,
		`session/s.go: import "github.com/gecli/gecli/server"`,
		`both: links server and tui; only cmd/gecli may: both/y.go: import "github.com/gecli/gecli/helper" leads to server (helper → server); both/x.go: import "github.com/gecli/gecli/tui"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing violation %s\ngot:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"tui/pages/a/sub", "testkit/tk", "cmd/gecli:", "tui/pages/c", "tui/pages/d"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("reported %s, which breaks no rule of its own\ngot:\n%s", unwanted, got)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, path, elem string
		ok                  bool
	}{
		{"tui", "tui", "", true},
		{"tui", "tui/common", "", false},
		{"tui/...", "tui", "", true},
		{"tui/...", "tui/pages/a", "", true},
		{"tui/...", "tuix", "", false},
		{"...", "anything/at/all", "", true},
		{"tui/pages/*/...", "tui/pages/catalog", "catalog", true},
		{"tui/pages/*/...", "tui/pages/catalog/sub", "catalog", true},
		{"tui/pages/*/...", "tui/pages", "", false},
	} {
		elem, ok := match(c.pattern, c.path)
		if elem != c.elem || ok != c.ok {
			t.Errorf("match(%q, %q) = %q, %v; want %q, %v", c.pattern, c.path, elem, ok, c.elem, c.ok)
		}
	}
}
