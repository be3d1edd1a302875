package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
)

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SortFlags = false
	if flagProbe != nil {
		fs.SetOutput(io.Discard)
		flagProbe(fs)
	}
	return fs
}

// flagProbe, while `gecli completion` runs each command with --help,
// receives the flag sets the command builds: the scripts complete the
// flags the commands really take (completion.go).
var flagProbe func(*pflag.FlagSet)

// parse applies GECLI_* environment variables as defaults (GECLI_DATA for
// --data, GECLI_LOG_LEVEL for --log-level), then the command line, so a
// flag always wins over the environment; the config file fills what
// neither set (--theme, --lang, --server).
func parse(fs *pflag.FlagSet, args []string) error {
	var envErr error
	fs.VisitAll(func(f *pflag.Flag) {
		name := "GECLI_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(name); ok && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = usagef("%s=%q: %v", name, v, err)
			}
		}
	})
	if envErr != nil {
		return envErr
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return err
		}
		return usagef("%s", flagErrorPT(err))
	}
	if fs.NArg() > 0 {
		return usagef("argumento inesperado %q", fs.Arg(0))
	}
	return applyConfig(fs) // below both: the config file (config.go)
}

// uiFlags are the flags every TUI command shares.
type uiFlags struct {
	cache, theme, lang string
	downloadDir        string
	offline            bool
	clipboardClear     time.Duration
	syncEvery          time.Duration
	config             configFlag
}

func (u *uiFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&u.cache, "cache", "", "arquivo do cache local (padrão: um por servidor no diretório de cache do usuário)")
	fs.StringVar(&u.theme, "theme", themes.Auto, "tema: "+strings.Join(themes.Names(), ", "))
	fs.StringVar(&u.lang, "lang", "pt-BR", "idioma: pt-BR ou en")
	fs.BoolVar(&u.offline, "offline", false, "não contata o servidor; navega só pelo cache")
	fs.DurationVar(&u.clipboardClear, "clipboard-clear", 45*time.Second, "limpa a área de transferência esse tempo depois de copiar um secret (0: nunca)")
	fs.DurationVar(&u.syncEvery, "sync-every", 20*time.Second, "com sessão, de quanto em quanto tempo as solicitações sincronizam (decisões de outros aparecem nesse prazo; 2s a 10m)")
	fs.StringVar(&u.downloadDir, "download-dir", "", "pasta dos anexos baixados (padrão: ~/Downloads, criada se faltar)")
	fs.Var(&u.config, "config", "arquivo de configuração: tema, idioma, servidor, teclas (padrão: ~/.config/gecli/config.toml)")
}

func (u *uiFlags) validate() (api.Lang, error) {
	if err := themes.Validate(u.theme); err != nil {
		return "", usagef("--theme: %v", err)
	}
	lang, err := api.ParseLang(u.lang)
	if err != nil {
		return "", usagef("--lang: %v", err)
	}
	if u.syncEvery < 2*time.Second || u.syncEvery > 10*time.Minute {
		return "", usagef("--sync-every: entre 2s e 10m")
	}
	if u.clipboardClear < 0 || u.clipboardClear > time.Hour {
		return "", usagef("--clipboard-clear: entre 0 (nunca) e 1h")
	}
	return lang, nil
}

// dataDir is the per-user data directory ($XDG_DATA_HOME or ~/.local/share).
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "gecli"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("diretório do usuário: %w", err)
	}
	return filepath.Join(home, ".local", "share", "gecli"), nil
}

// pflag words its refusals in English; the command line speaks pt-BR, in
// one language from start to end ("opção desconhecida: --bogus (veja
// gecli help)", not "unknown flag: --bogus (veja gecli help)").
var (
	unknownFlag   = regexp.MustCompile(`^unknown flag: (.+)$`)
	unknownShort  = regexp.MustCompile(`^unknown shorthand flag: '(.)' in (.+)$`)
	needsArgument = regexp.MustCompile(`^flag needs an argument: (?:'(.)' in )?(.+)$`)
	invalidValue  = regexp.MustCompile(`^invalid argument "(.*)" for "(.+)" flag: `)
	badFlagSyntax = regexp.MustCompile(`^bad flag syntax: (.+)$`)
)

func flagErrorPT(err error) string {
	msg := err.Error()
	switch {
	case unknownFlag.MatchString(msg):
		return "opção desconhecida: " + unknownFlag.FindStringSubmatch(msg)[1]
	case unknownShort.MatchString(msg):
		m := unknownShort.FindStringSubmatch(msg)
		if m[2] == "-"+m[1] {
			return "opção curta desconhecida: " + m[2]
		}
		return fmt.Sprintf("opção curta desconhecida: -%s (em %s)", m[1], m[2])
	case needsArgument.MatchString(msg):
		return "a opção precisa de um valor: " + needsArgument.FindStringSubmatch(msg)[2]
	case invalidValue.MatchString(msg):
		m := invalidValue.FindStringSubmatch(msg)
		name := m[2]
		if _, long, ok := strings.Cut(name, ", "); ok { // "-n, --name": the long one
			name = long
		}
		return fmt.Sprintf("valor inválido %q para %s", m[1], name)
	case badFlagSyntax.MatchString(msg):
		return "opção mal escrita: " + badFlagSyntax.FindStringSubmatch(msg)[1]
	}
	return msg
}
