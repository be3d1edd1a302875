// Package backend starts the real gecli backend (demo data, embedded
// issuer, SQLite in a temporary directory) on a loopback port, for tests of
// the client and the TUI.
package backend

import (
	"context"
	"net"
	"net/http/httptest"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed/seedtest"
	"github.com/gecli/gecli/server/vault"
)

// ClientID and Audience are the defaults of gecli serve.
const (
	ClientID = "gecli-tui"
	Audience = "gecli"
)

// Backend is a running server.
type Backend struct {
	URL  string
	DB   *db.DB
	Auth *server.Auth
	stop func()
}

// Start runs the backend on addr ("127.0.0.1:0" for any port). publicURL
// overrides the URL used in links ("" : the server's own).
func Start(t testing.TB, addr, publicURL string) *Backend {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, seedtest.DemoDB(t))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	auth, err := server.NewAuth(ctx, d, server.AuthOptions{PublicURL: url, Audience: Audience, ClientID: ClientID})
	if err != nil {
		t.Fatal(err)
	}
	if publicURL == "" {
		publicURL = url
	}
	key, err := vault.ParseKey(vault.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(server.New(d, server.Config{PublicURL: publicURL, Auth: auth, Build: api.Build(), VaultKey: key}).Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	b := &Backend{URL: url, DB: d, Auth: auth}
	b.stop = func() { srv.Close(); d.Close() }
	t.Cleanup(b.Stop)
	return b
}

// Stop shuts the server down (idempotent).
func (b *Backend) Stop() {
	if b.stop != nil {
		b.stop()
		b.stop = nil
	}
}
