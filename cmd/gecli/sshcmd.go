package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/sshd"
)

// runSSH is `gecli ssh`: the TUI served over SSH to evaluators on a jump
// host (public keys only; identity from the server's issuer).
func runSSH(ctx context.Context, args []string) error {
	fs := newFlags("gecli ssh")
	addr := fs.String("addr", "127.0.0.1:2222", "endereço onde ouvir conexões SSH")
	serverURL := fs.String("server", "http://127.0.0.1:8080", "endereço do servidor gecli")
	hostKey := fs.String("host-key", "", "chave do host (criada 0600 na primeira vez, nunca sobrescrita; padrão: ssh_host_ed25519_key em --data)")
	data := fs.String("data", "", "onde guardar um cache por chave pública, com a sessão cifrada (padrão: ssh/ no diretório de dados do usuário)")
	authorized := fs.String("authorized-keys", "", "arquivo authorized_keys: só essas chaves entram (padrão: qualquer chave, que depois entra pelo emissor)")
	maxSessions := fs.Int("max-sessions", 64, "máximo de sessões ao mesmo tempo")
	idle := fs.Duration("idle-timeout", 30*time.Minute, "encerra a sessão após esse tempo sem teclas")
	overdue := fs.Int("overdue-days", 5, "marca em Avaliação as solicitações pendentes há mais dias úteis que isso")
	logLevel := fs.String("log-level", "info", "nível dos logs: debug, info, warn, error")
	logFormat := fs.String("log-format", "text", "formato dos logs: text ou json")
	var ui uiFlags
	ui.register(fs)
	// One cache per key, always online: these two do not apply.
	fs.MarkHidden("cache")
	fs.MarkHidden("offline")
	fs.MarkHidden("download-dir") // over SSH a download is a link: nothing is saved on the host
	if err := parse(fs, args); err != nil {
		return err
	}
	lang, err := ui.validate()
	if err != nil {
		return err
	}
	switch {
	case ui.offline:
		return usagef("--offline não se aplica a gecli ssh")
	case ui.cache != "":
		return usagef("--cache não se aplica a gecli ssh: cada chave tem o seu cache em --data")
	case *maxSessions < 1 || *maxSessions > 10_000:
		return usagef("--max-sessions: entre 1 e 10000")
	case *idle < time.Minute || *idle > 24*time.Hour:
		return usagef("--idle-timeout: entre 1m e 24h")
	case *overdue < 1 || *overdue > 365:
		return usagef("--overdue-days: entre 1 e 365")
	}
	log, err := newLogger(os.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if *data == "" {
		d, err := dataDir()
		if err != nil {
			return err
		}
		*data = filepath.Join(d, "ssh")
	}
	if *hostKey == "" {
		*hostKey = filepath.Join(*data, "ssh_host_ed25519_key")
	}
	srv, err := sshd.New(sshd.Config{Addr: *addr, ServerURL: *serverURL, HostKey: *hostKey, DataDir: *data,
		AuthorizedKeys: *authorized, MaxSessions: *maxSessions, IdleTimeout: *idle, Lang: lang, Theme: ui.theme,
		ClipboardClear: ui.clipboardClear, Build: api.Build(), ReviewOverdueDays: *overdue, Logger: log})
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx)
}
