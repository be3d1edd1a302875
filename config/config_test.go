package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const good = `# gecli
theme = "light"
lang = "en"
server = "https://gecli.example.gov.br"

[keys]
"ctrl+f" = "/"
J = "pgdown"
'alt+j' = "down"
`

func TestParseReadsEveryKey(t *testing.T) {
	f, err := Parse("config.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := File{Path: "config.toml", Theme: "light", Lang: "en", Server: "https://gecli.example.gov.br",
		Keys: map[string]string{"ctrl+f": "/", "J": "pgdown", "alt+j": "down"}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Parse = %+v, want %+v", f, want)
	}
	inline, err := Parse("c.toml", []byte("theme = \"dark\"\nkeys = { \"ctrl+f\" = \"/\", K = \"up\" }\n"))
	if err != nil || inline.Keys["K"] != "up" || inline.Keys["ctrl+f"] != "/" {
		t.Errorf("an inline [keys] table gave %+v, %v", inline, err)
	}
	dotted, err := Parse("c.toml", []byte("keys.J = \"pgdown\"\n"))
	if err != nil || dotted.Keys["J"] != "pgdown" {
		t.Errorf("keys.J = ... gave %+v, %v", dotted, err)
	}
	if f, err := Parse("c.toml", []byte("# nothing yet\n")); err != nil || !reflect.DeepEqual(f, File{Path: "c.toml"}) {
		t.Errorf("a file of comments gave %+v, %v", f, err)
	}
}

// TestParseRefusesWithTheLine: each kind of bad entry is refused naming
// the file and the line it is on, in one line.
func TestParseRefusesWithTheLine(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		line      int
		says      string
	}{
		{"unknown key", "theme = \"dark\"\n\ntema = \"dark\"\n", 3, `chave desconhecida "tema"`},
		{"unknown dotted key", "lang = \"en\"\nui.theme = \"dark\"\n", 2, `chave desconhecida "ui.theme"`},
		{"unknown table", "theme = \"dark\"\n[colors]\nx = 1\n", 2, "tabela desconhecida [colors]"},
		{"array table", "[[keys]]\n", 1, "[[keys]] não é aceito"},
		{"theme not a string", "# c\ntheme = 3\n", 2, "theme deve ser um texto entre aspas"},
		{"lang not a string", "lang = true\n", 1, "veio um booleano"},
		{"unknown theme", "lang = \"en\"\ntheme = \"neon\"\n", 2, `tema desconhecido "neon"`},
		{"unknown language", "\n\nlang = \"fr\"\n", 3, `idioma desconhecido "fr"`},
		{"empty language", "lang = \"\"\n", 1, `idioma desconhecido ""`},
		{"bad server", "server = \"127.0.0.1:8080\"\n", 1, "server: endereço inválido"},
		{"keys not a table", "keys = \"x\"\n", 1, "keys deve ser uma tabela"},
		{"remap not a string", "[keys]\nJ = 1\n", 2, `[keys] "J" deve ser um texto`},
		{"remap to an unknown key", "[keys]\n\"ctrl+f\" = \"/\"\nJ = \"pgdn\"\n", 3, `tecla desconhecida "pgdn" (quis dizer "pgdown"?)`},
		{"remap of an unknown key", "[keys]\n\"Ctrl+F\" = \"/\"\n", 2, `tecla desconhecida "Ctrl+F" (quis dizer "ctrl+f"?)`},
		{"remap of nonsense", "[keys]\nfoo = \"/\"\n", 2, `tecla desconhecida "foo" (nomes como`},
		{"remap of ctrl+c", "[keys]\nJ = \"down\"\n\"ctrl+c\" = \"q\"\n", 3, "ctrl+c sempre encerra o gecli"},
		{"remap to ctrl+c", "[keys]\nx = \"ctrl+c\"\n", 2, "ctrl+c sempre encerra o gecli"},
		{"remap to itself", "[keys]\nx = \"x\"\n", 2, "para ela mesma"},
		{"remap in an inline table", "keys = { J = \"pgdown\",\n  K = \"nope\" }\n", 2, `tecla desconhecida "nope"`},
		{"dotted remap", "[keys]\nctrl.f = \"/\"\n", 2, `"ctrl.f" não é uma tecla`},
		{"TOML syntax", "theme = \"dark\"\nlang = \n", 2, "TOML inválido"},
		{"key twice", "theme = \"dark\"\ntheme = \"light\"\n", 2, "TOML inválido"},
		{"remap twice", "[keys]\nJ = \"down\"\n\"J\" = \"up\"\n", 3, "TOML inválido"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("/home/ana/.config/gecli/config.toml", []byte(c.doc))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v, want a refused line", c.doc, err)
			}
			msg := err.Error()
			if e.Line != c.line || !strings.Contains(msg, c.says) || strings.Contains(msg, "\n") ||
				!strings.HasPrefix(msg, "configuração /home/ana/.config/gecli/config.toml, linha ") {
				t.Errorf("Parse(%q):\n got %q (line %d)\nwant line %d saying %q", c.doc, msg, e.Line, c.line, c.says)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.toml")
	if f, err := Load(missing, false); err != nil || f.Path != missing || f.Theme != "" {
		t.Errorf("an absent default file gave %+v, %v; want an empty File", f, err)
	}
	if _, err := Load(missing, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("an absent file named on the command line gave %v, want ErrNotFound", err)
	}
	if _, err := Load(dir, false); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("a directory gave %v, want a read error", err)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	if f, err := Load(path, false); err != nil || f.Theme != "light" {
		t.Errorf("Load = %+v, %v", f, err)
	}
}

func TestDefaultPathHonoursXDG(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/xdg")
	if p, _ := DefaultPath(); p != "/xdg/gecli/config.toml" {
		t.Errorf("DefaultPath = %q", p)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "/home/ana")
	if p, _ := DefaultPath(); p != "/home/ana/.config/gecli/config.toml" {
		t.Errorf("DefaultPath = %q", p)
	}
}
