package main

import (
	"errors"
	"os"
	"slices"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/config"
	"github.com/gecli/gecli/tui/keymap"
)

// The config file (config.toml, package config) holds theme, language,
// server and key remaps. It gives defaults: a flag wins over GECLI_*,
// which wins over the file, which wins over the built-in default.

// configured are the flags the file gives a default to, on every command
// that has them (gecli, demo, ssh, login, token...).
var configured = []string{"theme", "lang", "server"}

// configFlag is --config (GECLI_CONFIG): the file named ("" the default
// one) and, once parse has run, what it holds.
type configFlag struct {
	path string
	file config.File
}

func (c *configFlag) String() string     { return c.path }
func (c *configFlag) Set(s string) error { c.path = s; return nil }
func (c *configFlag) Type() string       { return "string" }

// applyConfig reads the config file and sets each flag it names that
// neither the command line nor GECLI_* set (parse marks those Changed).
// A command without --config reads the one GECLI_CONFIG names, else the
// default; a command with none of these flags reads nothing. A refused
// line, or a named file that is absent, is a usage error (exit 2).
func applyConfig(fs *pflag.FlagSet) error {
	var cf *configFlag
	if f := fs.Lookup("config"); f != nil {
		cf, _ = f.Value.(*configFlag)
	}
	if cf == nil && !slices.ContainsFunc(configured, func(n string) bool { return fs.Lookup(n) != nil }) {
		return nil
	}
	path := os.Getenv("GECLI_CONFIG")
	if cf != nil {
		path = cf.path // GECLI_CONFIG, or --config over it
	}
	named := path != ""
	if !named {
		var err error
		if path, err = config.DefaultPath(); err != nil {
			return nil // no home directory: no default file either
		}
	}
	file, err := config.Load(path, named)
	var refused *config.Error
	switch {
	case errors.As(err, &refused), errors.Is(err, config.ErrNotFound):
		return usageError{err.Error()}
	case err != nil:
		return err
	}
	set := map[string]string{"theme": file.Theme, "lang": file.Lang, "server": file.Server}
	for _, name := range configured {
		if f := fs.Lookup(name); f != nil && !f.Changed && set[name] != "" {
			if err := fs.Set(name, set[name]); err != nil {
				return usagef("configuração %s: %s: %v", path, name, err)
			}
		}
	}
	if cf != nil {
		cf.file = file
	}
	return nil
}

// keys are the remaps of the config file ([keys]), for the TUI run here.
// gecli ssh never passes them on: the file is the host's, and each
// session is another person at another keyboard.
func (u *uiFlags) keys() (keymap.Map, error) {
	return keymap.New(u.config.file.Keys)
}
