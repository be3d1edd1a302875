// Package sshd is gecli ssh: the TUI served over SSH, one Bubble Tea
// program per session (charm.land/wish/v2), for evaluators who triage
// from a jump host. SSH says only which key connects; who the person is
// comes from the OIDC issuer: the first connection with a key signs in
// inside the session with the device flow, and the session's tokens are
// then kept, sealed, in that key's own cache, so the next connection with
// the same key resumes signed in. Nothing is written on the host on a
// person's behalf but that cache: downloads become single-use links
// copied with OSC 52, and no file of the host is read for them.
package sshd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

// Config is what gecli ssh is started with.
type Config struct {
	// Addr is where to listen (host:port).
	Addr string
	// ServerURL is the gecli server the TUI talks to.
	ServerURL string
	// HostKey is the host key's file, created (0600) when missing.
	HostKey string
	// DataDir keeps one cache per public key (keys/).
	DataDir string
	// AuthorizedKeys, when set, is the only keys let in (OpenSSH's
	// authorized_keys format); else any key may connect and sign in.
	AuthorizedKeys string
	// MaxSessions bounds the sessions served at once (default 64).
	MaxSessions int
	// IdleTimeout ends a session this long without a key pressed
	// (default 30 minutes).
	IdleTimeout time.Duration
	// ConnectEvery and ConnectBurst limit connection attempts per address
	// (defaults: a burst of 10, then one every 3 s).
	ConnectEvery time.Duration
	ConnectBurst int

	// What every session's TUI starts with; the client's LANG or LC_ALL
	// overrides Lang when it names pt or en.
	Lang           api.Lang
	Theme          string
	ClipboardClear time.Duration
	Build          api.BuildInfo
	// SignInHint is shown on the sign-in screen (demo passwords; never
	// for a real server).
	SignInHint string
	// ReviewOverdueDays marks pending requests older than this many
	// working days in Avaliação (0: the TUI's default).
	ReviewOverdueDays int

	Logger *slog.Logger
	Now    func() time.Time
}

// Server is a running gecli ssh.
type Server struct {
	cfg    Config
	ssh    *ssh.Server
	client *client.Client
	caches *caches
	limit  *addressLimiter
	slots  slots
	log    *slog.Logger
}

// New checks cfg, loads (or creates) the host key and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 64
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.ConnectEvery <= 0 {
		cfg.ConnectEvery = 3 * time.Second
	}
	if cfg.ConnectBurst <= 0 {
		cfg.ConnectBurst = 10
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Lang == "" {
		cfg.Lang = api.PtBR
	}
	if cfg.AuthorizedKeys != "" {
		if _, err := authorizedKeys(cfg.AuthorizedKeys); err != nil {
			return nil, fmt.Errorf("--authorized-keys: %w", err)
		}
	}
	c, err := client.New(cfg.ServerURL, nil)
	if err != nil {
		return nil, err
	}
	signer, hostKey, err := loadHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	key, err := sealingKey(hostKey)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, client: c, caches: newCaches(cfg.DataDir, key),
		limit: newAddressLimiter(cfg.ConnectEvery, cfg.ConnectBurst), slots: slots{max: cfg.MaxSessions}, log: cfg.Logger}
	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithVersion("gecli"),
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		// Public keys only: no PasswordHandler and no
		// KeyboardInteractiveHandler, so both methods are refused.
		wish.WithPublicKeyAuth(s.allowKey),
		func(srv *ssh.Server) error { srv.ConnCallback = s.admit; return nil },
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.program), s.guard),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Serve accepts connections on l until Close.
func (s *Server) Serve(l net.Listener) error {
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on Config.Addr and serves until ctx ends, then
// closes every session (each TUI restores its terminal first).
func (s *Server) ListenAndServe(ctx context.Context) error {
	l, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	s.log.Info("gecli ssh listening", "addr", l.Addr().String(), "server", s.cfg.ServerURL)
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s.Serve(l)
}

// Close stops the server and every session.
func (s *Server) Close() error {
	err := s.ssh.Close()
	s.caches.closeAll()
	return err
}

// allowKey: any key may connect and then sign in (identity comes from the
// issuer), unless an authorized_keys file says which.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.cfg.AuthorizedKeys == "" {
		return true
	}
	keys, err := authorizedKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.log.Error("authorized keys unreadable: refusing every key", "err", err)
		return false
	}
	return keys[string(key.Marshal())]
}

// admit limits connection attempts per address, before the handshake.
func (s *Server) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	if !s.limit.allow(conn.RemoteAddr(), s.cfg.Now()) {
		s.log.Warn("ssh connection refused: too many attempts", "remote", conn.RemoteAddr().String())
		conn.Close()
		return nil
	}
	return conn
}
