package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/server/sei"
	"github.com/gecli/gecli/server/vault"
)

func runServe(ctx context.Context, args []string) error {
	fs := newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "endereço onde escutar")
	dbPath := fs.String("db", os.Getenv("GECLI_DB"), "arquivo SQLite ou URL postgres:// (ou GECLI_DB; padrão: gecli.db no diretório de dados do usuário)")
	publicURL := fs.String("public-url", "", "URL pública do servidor, usada nos links das respostas")
	seedName := fs.String("seed", "", `carrega um conjunto de dados num banco vazio ("demo")`)
	vaultKeyFile := fs.String("vault-key-file", "", "chave mestra do cofre (gecli vault keygen); ou a chave em GECLI_VAULT_KEY; sem ela o cofre responde 503")
	webhookPrivate := fs.Bool("webhook-allow-private", false, "entrega webhooks também a endereços de redes internas (10/8, 192.168/16, …); sem isso, só https a endereços públicos")
	proxies := fs.StringSlice("trusted-proxy", nil, "proxy reverso (CIDR) cujo X-Forwarded-For vale para a lista de IPs do gateway; repetível")
	var auth authFlags
	auth.register(fs)
	var seiF seiFlags
	seiF.register(fs)
	logFormat := fs.String("log-format", "text", "formato dos logs: text ou json")
	logLevel := fs.String("log-level", "info", "nível dos logs: debug, info, warn, error")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *seedName != "" && *seedName != "demo" {
		return usagef(`--seed: conjunto desconhecido %q (o único é "demo")`, *seedName)
	}
	trusted, errs := api.ParseRanges(*proxies)
	if len(errs) > 0 {
		return usagef("--trusted-proxy: %s", errs[0].Message)
	}
	vaultKey, err := loadVaultKey(*vaultKeyFile)
	if err != nil {
		return err
	}
	seiClient, err := seiF.client()
	if err != nil {
		return err
	}
	log, err := newLogger(os.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if vaultKey == nil {
		log.Warn("no vault master key: the vault answers 503 vault_locked (--vault-key-file or GECLI_VAULT_KEY)")
	}
	if *dbPath == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		*dbPath = filepath.Join(dir, "gecli.db")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("escutar em %s: %w", *addr, err)
	}
	if *publicURL == "" {
		host, _, _ := net.SplitHostPort(*addr)
		if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
			ln.Close()
			return usagef("--public-url é obrigatório ao escutar em todas as interfaces (%s): os tokens levam esse endereço como emissor", *addr)
		}
		*publicURL = "http://" + ln.Addr().String()
	}
	opts, err := auth.options(*publicURL, log)
	if err != nil {
		ln.Close()
		return err
	}
	b, err := openBackend(ctx, *dbPath, *seedName == "demo", opts, backendOptions{trusted: trusted, vaultKey: vaultKey, sei: seiClient,
		webhooks: server.WebhookPolicy{AllowPrivate: *webhookPrivate}}, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer b.Close()
	defer b.StartSweeping(ctx, server.SweepEvery)()
	defer b.WebhookSender(server.WebhookPolicy{AllowPrivate: *webhookPrivate}).Start(ctx)()
	if seiClient != nil {
		defer (&server.SEISender{DB: b.db, SEI: seiClient, Log: log}).Start(ctx)()
		log.Info("sei integration on", "url", seiF.url, "unit", seiF.unidade)
	}
	log.Info("gecli serve", "url", "http://"+ln.Addr().String(), "db", dbName(*dbPath), "version", api.Build().Version)
	return server.Serve(ctx, ln, b.Handler(), log)
}

// backend is an opened database with the server over it.
type backend struct {
	*server.Server
	db   *db.DB
	auth *server.Auth
}

func (b *backend) Close() error { return b.db.Close() }

// openBackend opens (and optionally seeds) the database and builds the
// server. Seeding a database that already has data is skipped, so the same
// command line can restart a server.
// backendOptions are the server settings besides identity.
type backendOptions struct {
	trusted  []netip.Prefix
	vaultKey *vault.MasterKey
	sei      *sei.Client
	webhooks server.WebhookPolicy
}

func openBackend(ctx context.Context, dbPath string, seedDemo bool, auth server.AuthOptions, o backendOptions, log *slog.Logger) (*backend, error) {
	d, err := db.Open(ctx, dbPath)
	if err != nil {
		return nil, fmt.Errorf("banco de dados: %w", err)
	}
	if seedDemo {
		switch err := seed.Demo(ctx, d); {
		case errors.Is(err, seed.ErrNotEmpty):
			log.Info("seed skipped: the database already has data", "db", dbName(dbPath))
		case err != nil:
			d.Close()
			return nil, fmt.Errorf("carregar dados de demonstração: %w", err)
		default:
			log.Info("demo dataset loaded", "db", dbName(dbPath))
		}
	}
	a, err := server.NewAuth(ctx, d, auth)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("identidade: %w", err)
	}
	srv := server.New(d, server.Config{PublicURL: auth.PublicURL, Logger: log, Build: api.Build(), Auth: a,
		TrustedProxies: o.trusted, VaultKey: o.vaultKey, SEI: o.sei, Webhooks: o.webhooks})
	return &backend{Server: srv, db: d, auth: a}, nil
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("--log-level: nível desconhecido %q", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("--log-format: formato desconhecido %q (text ou json)", format)
}

// dbName is --db as it may be logged: a PostgreSQL URL without its
// password.
func dbName(dsn string) string {
	if pg.IsURL(dsn) {
		return pg.Redact(dsn)
	}
	return dsn
}
