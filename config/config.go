// Package config reads gecli's config file (config.toml: theme,
// language, server and key remaps) and checks every line of it, so a
// mistake is refused naming the file and the line, before anything runs.
// It only reads: which value wins over a flag or GECLI_* is cmd/gecli's.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/keymap"
)

// File is what a config file sets; "" is a value the file leaves unset.
type File struct {
	Path   string
	Theme  string
	Lang   string
	Server string
	// Keys maps a key to the key it now stands for ([keys]).
	Keys map[string]string
}

// Error is a line of the file refused: one line for the person, in
// pt-BR like the rest of the command line.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("configuração %s, linha %d: %s", e.Path, e.Line, e.Msg)
}

// DefaultPath is $XDG_CONFIG_HOME/gecli/config.toml, else
// ~/.config/gecli/config.toml (also on macOS, as DESIGN.md names it).
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "gecli", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("diretório do usuário: %w", err)
	}
	return filepath.Join(home, ".config", "gecli", "config.toml"), nil
}

// ErrNotFound: the file named does not exist. Load returns it only for a
// file the person named (--config, GECLI_CONFIG); the default one may be
// absent.
var ErrNotFound = errors.New("arquivo de configuração não encontrado")

// Load reads and checks the file at path. An absent file is an empty File
// unless named (then ErrNotFound); one that cannot be read is an error.
func Load(path string, named bool) (File, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !named:
		return File{Path: path}, nil
	case errors.Is(err, fs.ErrNotExist):
		return File{}, fmt.Errorf("%w: %s", ErrNotFound, path)
	case err != nil:
		return File{}, fmt.Errorf("ler a configuração %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse checks data, the contents of the file at path. TOML itself
// (syntax, a key given twice) is go-toml's to judge; then each line is
// walked with its number: keys known, values of the right type and
// meaning.
func Parse(path string, data []byte) (File, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return File{}, &Error{path, line, "TOML inválido: " + strings.TrimPrefix(de.Error(), "toml: ")}
		}
		return File{}, fmt.Errorf("configuração %s: %w", path, err)
	}
	w := walker{file: File{Path: path}}
	w.p.Reset(data)
	var table []string
	for w.p.NextExpression() {
		e := w.p.Expression()
		line := w.line(e)
		var err error
		switch e.Kind {
		case unstable.Table:
			table = keyOf(e)
			if len(table) != 1 || table[0] != "keys" {
				err = w.refuse(line, "tabela desconhecida [%s] (a única é [keys])", strings.Join(table, "."))
			}
		case unstable.ArrayTable:
			err = w.refuse(line, "[[%s]] não é aceito (a única tabela é [keys])", strings.Join(keyOf(e), "."))
		case unstable.KeyValue:
			err = w.entry(append(append([]string{}, table...), keyOf(e)...), e.Value(), line)
		}
		if err != nil {
			return File{}, err
		}
	}
	if err := w.p.Error(); err != nil { // go-toml's Unmarshal read it already
		return File{}, fmt.Errorf("configuração %s: %w", path, err)
	}
	return w.file, nil
}

type walker struct {
	p    unstable.Parser
	file File
}

func (w *walker) refuse(line int, format string, a ...any) error {
	return &Error{w.file.Path, line, fmt.Sprintf(format, a...)}
}

// line is the line of an expression's key.
func (w *walker) line(n *unstable.Node) int {
	it := n.Key()
	if !it.Next() {
		return 0
	}
	return w.p.Shape(it.Node().Raw).Start.Line
}

func keyOf(n *unstable.Node) []string {
	var parts []string
	for it := n.Key(); it.Next(); {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// entry checks one key = value, its key the whole dotted path from the
// top of the file.
func (w *walker) entry(path []string, v *unstable.Node, line int) error {
	name := strings.Join(path, ".")
	switch {
	case len(path) == 1 && path[0] == "keys":
		if v.Kind != unstable.InlineTable {
			return w.refuse(line, "keys deve ser uma tabela: [keys] e, abaixo, \"ctrl+f\" = \"/\"")
		}
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			if err := w.entry(append([]string{"keys"}, keyOf(kv)...), kv.Value(), w.line(kv)); err != nil {
				return err
			}
		}
		return nil
	case len(path) >= 2 && path[0] == "keys":
		if len(path) > 2 {
			return w.refuse(line, "[keys]: %q não é uma tecla (nomes com ponto vão entre aspas)", strings.Join(path[1:], "."))
		}
		to, err := w.text(v, line, fmt.Sprintf("[keys] %q", path[1]), `"ctrl+f" = "/"`)
		if err != nil {
			return err
		}
		return w.remap(path[1], to, line)
	case len(path) != 1 || (name != "theme" && name != "lang" && name != "server"):
		return w.refuse(line, "chave desconhecida %q (use theme, lang, server ou a tabela [keys])", name)
	}
	value, err := w.text(v, line, name, map[string]string{
		"theme": `theme = "dark"`, "lang": `lang = "en"`, "server": `server = "https://gecli.exemplo.gov.br"`}[name])
	if err != nil {
		return err
	}
	switch name {
	case "theme":
		if err := themes.Validate(value); err != nil {
			return w.refuse(line, "theme: %v", err)
		}
		w.file.Theme = value
	case "lang":
		if _, err := api.ParseLang(value); err != nil || value == "" {
			return w.refuse(line, "lang: idioma desconhecido %q (use pt-BR ou en)", value)
		}
		w.file.Lang = value
	case "server":
		u, err := url.Parse(value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return w.refuse(line, "server: endereço inválido %q (use http://… ou https://…)", value)
		}
		w.file.Server = value
	}
	return nil
}

// text is a value that must be a string.
func (w *walker) text(v *unstable.Node, line int, name, example string) (string, error) {
	if v.Kind != unstable.String {
		return "", w.refuse(line, "%s deve ser um texto entre aspas, como %s (veio %s)", name, example, kindPT(v.Kind))
	}
	return string(v.Data), nil
}

// remap checks one [keys] line: both keys named as gecli names them, none
// of them ctrl+c, not a key to itself.
func (w *walker) remap(from, to string, line int) error {
	for _, k := range []string{from, to} {
		if keymap.Fixed(k) {
			return w.refuse(line, "[keys] %q = %q: ctrl+c sempre encerra o gecli e não pode ser remapeada", from, to)
		}
		if !keymap.Known(k) {
			return w.refuse(line, "[keys] %q = %q: tecla desconhecida %q%s", from, to, k, suggest(k))
		}
	}
	if from == to {
		return w.refuse(line, "[keys] %q = %q: uma tecla remapeada para ela mesma", from, to)
	}
	if w.file.Keys == nil {
		w.file.Keys = map[string]string{}
	}
	w.file.Keys[from] = to
	return nil
}

// suggest names the key a person probably meant.
func suggest(k string) string {
	alias := map[string]string{"pgdn": "pgdown", "pagedown": "pgdown", "pageup": "pgup", "escape": "esc",
		"return": "enter", "del": "delete", "ins": "insert", " ": "space", "spacebar": "space"}
	if a, ok := alias[strings.ToLower(k)]; ok {
		return fmt.Sprintf(" (quis dizer %q?)", a)
	}
	if l := strings.ToLower(k); l != k && keymap.Known(l) && len([]rune(k)) > 1 {
		return fmt.Sprintf(" (quis dizer %q?)", l)
	}
	return " (nomes como ctrl+f, alt+x, pgdown, enter, space, J, /)"
}

func kindPT(k unstable.Kind) string {
	switch k {
	case unstable.Integer, unstable.Float:
		return "um número"
	case unstable.Bool:
		return "um booleano"
	case unstable.Array:
		return "uma lista"
	case unstable.InlineTable:
		return "uma tabela"
	case unstable.LocalDate, unstable.LocalDateTime, unstable.LocalTime, unstable.DateTime:
		return "uma data"
	}
	return k.String()
}
