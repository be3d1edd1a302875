package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// unsetenv clears name for the test (t.Setenv restores it after).
func unsetenv(t *testing.T, name string) {
	t.Setenv(name, "")
	os.Unsetenv(name)
}

// configHome writes config.toml where XDG_CONFIG_HOME says and clears the
// GECLI_* variables the tests set.
func configHome(t *testing.T, doc string) string {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	for _, v := range []string{"GECLI_CONFIG", "GECLI_THEME", "GECLI_LANG", "GECLI_SERVER"} {
		unsetenv(t, v)
	}
	path := filepath.Join(dir, "gecli", "config.toml")
	if doc != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// tuiFlags parses args as plain gecli does.
func tuiFlags(args ...string) (server string, ui uiFlags, err error) {
	fs := newFlags("gecli")
	s := fs.String("server", "http://127.0.0.1:8080", "")
	ui.register(fs)
	err = parse(fs, args)
	return *s, ui, err
}

const fileDoc = `theme = "light"
lang = "en"
server = "https://gecli.example.gov.br"

[keys]
"ctrl+f" = "/"
`

// TestConfigPrecedence: a flag wins over GECLI_*, which wins over the
// file, which wins over the built-in default.
func TestConfigPrecedence(t *testing.T) {
	configHome(t, fileDoc)
	server, ui, err := tuiFlags()
	if err != nil {
		t.Fatal(err)
	}
	if server != "https://gecli.example.gov.br" || ui.theme != "light" || ui.lang != "en" {
		t.Errorf("the file's values were not the defaults: server %q, theme %q, lang %q", server, ui.theme, ui.lang)
	}
	keys, err := ui.keys()
	if err != nil {
		t.Fatal(err)
	}
	if got := keys.Translate(tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}); got.String() != "/" {
		t.Errorf("the file's ctrl+f = \"/\" gave %q", got.String())
	}

	t.Setenv("GECLI_THEME", "mono")
	t.Setenv("GECLI_SERVER", "http://env.example:1")
	server, ui, err = tuiFlags("--theme", "dark")
	if err != nil {
		t.Fatal(err)
	}
	if ui.theme != "dark" || server != "http://env.example:1" || ui.lang != "en" {
		t.Errorf("flag > env > file: theme %q (want dark), server %q (want the env's), lang %q (want the file's)", ui.theme, server, ui.lang)
	}
	unsetenv(t, "GECLI_SERVER")
	if _, ui, _ = tuiFlags(); ui.theme != "mono" {
		t.Errorf("env > file: theme %q, want mono", ui.theme)
	}
}

// TestConfigNamedFile: --config wins over GECLI_CONFIG, which wins over
// the default path; a command without --config (gecli login) reads the
// server from GECLI_CONFIG's file too.
func TestConfigNamedFile(t *testing.T) {
	configHome(t, fileDoc)
	dir := t.TempDir()
	env, flag := filepath.Join(dir, "env.toml"), filepath.Join(dir, "flag.toml")
	os.WriteFile(env, []byte("theme = \"high-contrast\"\nserver = \"http://env-file:1\"\n"), 0o600)
	os.WriteFile(flag, []byte("theme = \"mono\"\n"), 0o600)
	t.Setenv("GECLI_CONFIG", env)
	if _, ui, _ := tuiFlags(); ui.theme != "high-contrast" || ui.lang != "pt-BR" {
		t.Errorf("GECLI_CONFIG's file: theme %q, lang %q (the default file must not be read too)", ui.theme, ui.lang)
	}
	if _, ui, _ := tuiFlags("--config", flag); ui.theme != "mono" {
		t.Errorf("--config's file: theme %q", ui.theme)
	}
	fs := newFlags("login")
	server := fs.String("server", "http://127.0.0.1:8080", "")
	if err := parse(fs, nil); err != nil || *server != "http://env-file:1" {
		t.Errorf("login's --server = %q, %v; want the config file's", *server, err)
	}
}

// TestConfigRefusals: a bad line stops the command with exit code 2 and
// one line naming the file and the line; an absent default file is
// fine, an absent named one is not, an unreadable one is an error (1).
func TestConfigRefusals(t *testing.T) {
	path := configHome(t, "theme = \"dark\"\n\n[keys]\nJ = \"pgdn\"\n")
	_, _, err := tuiFlags()
	var out bytes.Buffer
	if code := exitCode(&out, err); code != 2 {
		t.Errorf("a bad remap: exit code %d, want 2 (%v)", code, err)
	}
	want := "configuração " + path + ", linha 4: "
	if msg := out.String(); !strings.Contains(msg, want) || !strings.Contains(msg, `"pgdn"`) || strings.Count(msg, "\n") != 1 {
		t.Errorf("stderr = %q, want one line with %q", msg, want)
	}
	if _, _, err := tuiFlags("--theme", "dark"); err == nil {
		t.Error("a flag does not excuse a bad file: the whole file is checked")
	}

	configHome(t, "")
	if _, ui, err := tuiFlags(); err != nil || ui.theme != "auto" {
		t.Errorf("no config file: %v, theme %q", err, ui.theme)
	}
	_, _, err = tuiFlags("--config", filepath.Join(t.TempDir(), "nope.toml"))
	if code := exitCode(&out, err); code != 2 {
		t.Errorf("an absent --config file: exit code %d, want 2 (%v)", code, err)
	}
	_, _, err = tuiFlags("--config", t.TempDir())
	if code := exitCode(&out, err); code != 1 {
		t.Errorf("a --config that cannot be read: exit code %d, want 1 (%v)", code, err)
	}
}
