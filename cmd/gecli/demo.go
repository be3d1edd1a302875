package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/server/sei"
	"github.com/gecli/gecli/server/sei/seisim"
	"github.com/gecli/gecli/server/vault"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// runDemo starts the backend in-process on a random loopback port with
// the demo dataset and runs the TUI against it: the newcomer's first
// command (make run).
func runDemo(ctx context.Context, args []string) error {
	fs := newFlags("demo")
	data := fs.String("data", "", "diretório dos dados de demonstração (padrão: demo/ no diretório de dados do usuário)")
	as := fs.String("as", "", "entra já como o usuário de demonstração deste perfil: requester, evaluator ou admin")
	var ui uiFlags
	ui.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if _, err := ui.validate(); err != nil {
		return err
	}
	if *as != "" && !api.Role(*as).Valid() {
		return usagef("--as: use requester, evaluator ou admin")
	}
	dir := *data
	if dir == "" {
		base, err := dataDir()
		if err != nil {
			return err
		}
		dir = filepath.Join(base, "demo")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("diretório de dados %s: %w", dir, err)
	}
	// The TUI owns the terminal, so the server logs to a file beside its data.
	logFile, err := os.OpenFile(filepath.Join(dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("log do servidor: %w", err)
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("escutar em 127.0.0.1: %w", err)
	}
	url := "http://" + ln.Addr().String()
	auth := defaultAuth()
	opts, _ := auth.options(url, log) // embedded: nothing to validate
	// The demo's vault key lives beside its data (created once): fine for
	// a demo, never for production, where it belongs in a secret store.
	keyPath := filepath.Join(dir, "vault.key")
	if _, err := os.Stat(keyPath); os.IsNotExist(err) {
		if err := vault.WriteKeyFile(keyPath); err != nil {
			ln.Close()
			return err
		}
	}
	vaultKey, err := vault.LoadKeyFile(keyPath)
	if err != nil {
		ln.Close()
		return err
	}
	// A simulated SEI beside it (its processes kept beside the data), so
	// the demo's requests get real process numbers: the server's SEI
	// client talks to it over HTTP as to any SEI.
	srvCtx, stopServer := context.WithCancel(ctx)
	seiClient, stopSEI, err := demoSEI(srvCtx, dir, log)
	if err != nil {
		ln.Close()
		stopServer()
		return err
	}
	defer stopSEI()
	b, err := openBackend(ctx, filepath.Join(dir, "server.db"), true, opts, backendOptions{vaultKey: vaultKey, sei: seiClient, webhooks: server.WebhookPolicy{AllowLoopback: true}}, log)
	if err != nil {
		ln.Close()
		stopServer()
		return err
	}
	defer b.Close()

	defer b.StartSweeping(srvCtx, server.SweepEvery)()
	defer (&server.SEISender{DB: b.db, SEI: seiClient, Log: log}).Start(srvCtx)()
	// The demo's webhooks may go to a receiver on this computer.
	defer b.WebhookSender(server.WebhookPolicy{AllowLoopback: true}).Start(srvCtx)()
	served := make(chan error, 1)
	go func() { served <- server.Serve(srvCtx, ln, b.Handler(), log) }()

	// The port changes every run, so a session from an earlier demo points
	// at a dead issuer: start signed out, or signed in as --as says.
	signIn := func(ctx context.Context, s *store.Store) error {
		if *as == "" {
			return s.ClearSession(ctx)
		}
		return demoSignIn(ctx, b, url, api.Role(*as), s)
	}
	tuiErr := startTUI(ctx, url, ui, filepath.Join(dir, "cache.db"), signIn, demoHint)
	stopServer()
	if err := <-served; err != nil && tuiErr == nil {
		return err
	}
	return tuiErr
}

// demoSignIn mints a session for the demo user of role with the in-process
// issuer: real tokens, checked by the server like any other.
func demoSignIn(ctx context.Context, b *backend, url string, role api.Role, s *store.Store) error {
	du, _ := seed.DemoUserFor(role)
	u, err := b.db.UserByUsername(ctx, du.Username)
	if err != nil {
		return fmt.Errorf("usuário de demonstração %s: %w", du.Username, err)
	}
	p := client.Provider{Issuer: url, ClientID: b.auth.Meta.ClientID, TokenURL: url + "/oauth2/token", RevokeURL: url + "/oauth2/revoke"}
	res, err := b.auth.Issuer.StartSession(ctx, u, p.ClientID)
	if err != nil {
		return err
	}
	return session.Save(ctx, s, p, &oauth2.Token{AccessToken: res.AccessToken, RefreshToken: res.RefreshToken,
		TokenType: res.TokenType, Expiry: time.Now().Add(time.Duration(res.ExpiresIn) * time.Second)})
}

// demoHint tells a newcomer how to sign in to the demo (public, demo-only
// passwords, also in README).
const demoHint = "Demonstração: usuários solicitante, avaliador e admin, senha demo-<usuário> (ex.: demo-solicitante). " +
	"Ou rode gecli demo --as requester."

// demoSEI serves a simulated SEI on a loopback port and returns a client
// of it, configured as a real installation would be.
func demoSEI(ctx context.Context, dir string, log *slog.Logger) (*sei.Client, func(), error) {
	cfg := seisim.DemoConfig()
	cfg.StateFile = filepath.Join(dir, "sei.json")
	sim, err := seisim.Open(cfg)
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { server.Serve(ctx, ln, sim, log); close(done) }()
	c, err := sei.New(sei.Config{URL: "http://" + ln.Addr().String() + "/sei/ws/SeiWS.php", Sigla: cfg.Sigla, Key: cfg.Key,
		Unidade: "110000001", TipoProcedimento: "100000100", SerieDocumento: "13"})
	if err != nil {
		cancel()
		return nil, nil, err
	}
	log.Info("demo sei simulator", "url", "http://"+ln.Addr().String())
	return c, func() { cancel(); <-done }, nil
}
