// Package server is the gecli backend: HTTP handlers over the database in
// server/db. It keeps no state between requests, so several replicas can
// serve the same database.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/sei"
	"github.com/gecli/gecli/server/vault"
)

// Config is what a server needs besides its database.
type Config struct {
	// PublicURL is how clients reach this server (links in responses). When
	// empty, links are built from each request's Host.
	PublicURL string
	Logger    *slog.Logger
	Build     api.BuildInfo
	// Auth verifies bearer tokens and, in embedded mode, serves the
	// issuer's endpoints. Required.
	Auth *Auth
	// TrustedProxies are reverse proxies whose X-Forwarded-For is believed
	// when the gateway check applies an IP allowlist.
	TrustedProxies []netip.Prefix
	// Now is the clock (tests move it through grace periods); time.Now
	// when nil.
	Now func() time.Time
	// VaultKey is the vault's master key; without it (or with the wrong
	// one) the vault answers 503 vault_locked and the rest works.
	VaultKey *vault.MasterKey
	// SEI is the client of SEI's web service; nil: the integration is off
	// and a request's SEI number is only what its requester typed.
	SEI *sei.Client
	// Webhooks is where deliveries may go (https to public addresses
	// unless it allows loopback or private ranges).
	Webhooks WebhookPolicy
}

// Server routes the REST API to its handlers.
type Server struct {
	db    *db.DB
	auth  *Auth
	cfg   Config
	log   *slog.Logger
	mux   *http.ServeMux
	paths map[string]bool

	vaultKey     *vault.MasterKey // nil: locked, for vaultLocked's reason
	vaultLocked  api.Msg
	vaultSystems []api.VaultSystem
	twoFactor    map[string]bool // system name -> needs a TOTP seed

	idemMu  sync.Mutex
	idemKey []byte // the HMAC key of idempotent requests, read once

	sessions     sessions     // whether people's sign-ins are still live
	registered   []string     // "METHOD /path", as registered (a test classifies each)
	profileCache profileCache // each role's permissions, read from the database
}

// New builds a server over an opened database.
func New(d *db.DB, cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{db: d, auth: cfg.Auth, cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(), paths: map[string]bool{}}
	s.sessions.ttl = liveFor
	s.openVault(cfg.VaultKey)
	s.routes()
	return s
}

func (s *Server) routes() {
	s.handle("GET", "/healthz", s.healthz)
	s.handle("GET", "/readyz", s.readyz)
	s.handle("GET", "/version", s.version)
	s.handle("GET", "/openapi.yaml", s.openAPISpec)
	s.handle("GET", "/api/v1/meta", s.meta)
	s.handle("GET", "/api/v1/apis", s.listAPIs)
	s.handle("GET", "/api/v1/apis/{id}", s.getAPI)
	s.handle("GET", "/api/v1/apis/{id}/terms", s.getTerms)
	s.handle("GET", "/api/v1/apis/{id}/openapi.json", s.getAPIDoc)
	s.handle("GET", "/api/v1/me", s.signedIn(s.me))
	s.requestRoutes()
	s.triageRoutes()
	s.credentialRoutes()
	s.vaultRoutes()
	s.institutionRoutes()
	s.catalogAdminRoutes()
	s.profileRoutes()
	s.userRoutes()
	s.auditRoutes()
	s.opinionRoutes()
	s.seiRoutes()
	s.linkRoutes()
	s.sshSessionRoutes()
	s.noticeRoutes()
	s.webhookRoutes()
	s.auth.Endpoints.Clients = s
	s.auth.Endpoints.TrustedProxies = s.cfg.TrustedProxies
	s.auth.Endpoints.Register(identity.Route(s.handle))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("rota inexistente: confira o endereço e a versão da API (/api/v1)", "no such route: check the address and the API version (/api/v1)")))
	})
}

// handle registers method+path and, once per path, a fallback that answers
// other methods with a 405 problem instead of the mux's plain text.
func (s *Server) handle(method, path string, h http.HandlerFunc) {
	s.mux.HandleFunc(method+" "+path, h)
	s.registered = append(s.registered, method+" "+path)
	if !s.paths[path] {
		s.paths[path] = true
		s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			s.problem(w, r, api.Refusal(http.StatusMethodNotAllowed, api.CodeMethodNotAllowed,
				api.Sayf(api.Say("método %s não é aceito em %s", "method %s is not accepted at %s"), r.Method, path)))
		})
	}
}

// Handler is the server with its middleware: panic recovery, security
// headers, strict query strings, writes held during maintenance and one
// structured log line per request.
func (s *Server) Handler() http.Handler {
	return s.logRequests(s.recoverPanics(securityHeaders(s.strictQuery(s.duringMaintenance(s.mux)))))
}

// Serve answers on ln until ctx ends, then shuts down gracefully, letting
// requests in flight finish (up to 10 s).
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "addr", ln.Addr().String())
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) now() time.Time { return s.cfg.Now() }

// publicBase is the base URL for links in responses.
func (s *Server) publicBase(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
