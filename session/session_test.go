package session_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
)

// These tests run the real backend (embedded issuer, demo users) and a real
// cache, as gecli does on a person's machine.

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newClient(t *testing.T, url string) *client.Client {
	t.Helper()
	c, err := client.New(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func stored(t *testing.T, s *store.Store) store.Session {
	t.Helper()
	se, ok, err := s.Session(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("no session in the cache")
	}
	return se
}

// expire makes the stored access token look expired, as it is after the
// machine slept past its lifetime: the next call has to refresh.
func expire(t *testing.T, s *store.Store) store.Session {
	t.Helper()
	se := stored(t, s)
	se.Expiry = time.Now().Add(-time.Minute)
	if err := s.SaveSession(context.Background(), se); err != nil {
		t.Fatal(err)
	}
	return se
}

// signedIn starts the backend and a cache holding a session of the demo
// requester.
func signedIn(t *testing.T) (*backend.Backend, *store.Store) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	return b, s
}

// me resumes the stored session with a fresh client, as a new gecli
// process would, and asks who is signed in.
func me(t *testing.T, s *store.Store, url string) error {
	t.Helper()
	ctx := context.Background()
	c, err := session.Resume(ctx, s, newClient(t, url))
	if err != nil {
		t.Fatalf("Resume: %v", err)
	}
	m, err := c.Me(ctx)
	if err == nil && m.Username != "solicitante" {
		t.Fatalf("signed in as %q, want solicitante", m.Username)
	}
	return err
}

func TestExpiredAccessTokenIsRefreshedAndSaved(t *testing.T) {
	b, s := signedIn(t)
	old := expire(t, s)

	if err := me(t, s, b.URL); err != nil {
		t.Fatalf("the session did not survive an expired access token: %v", err)
	}
	fresh := stored(t, s)
	if fresh.AccessToken == old.AccessToken || !fresh.Expiry.After(time.Now()) {
		t.Fatalf("the refreshed access token was not saved: expiry %v", fresh.Expiry)
	}
	if fresh.RefreshToken == old.RefreshToken || fresh.RefreshToken == "" {
		t.Fatal("the rotated refresh token was not saved: the next refresh would be a replay and end the session")
	}
	if fresh.TokenURL != old.TokenURL || fresh.RevokeURL != old.RevokeURL || fresh.ClientID != old.ClientID {
		t.Fatalf("the issuer's endpoints changed in the cache: %+v", fresh)
	}

	// The next start uses the saved tokens as they are.
	if err := me(t, s, b.URL); err != nil {
		t.Fatalf("the saved session does not work: %v", err)
	}
	if again := stored(t, s); again != fresh {
		t.Fatal("a second start refreshed again instead of using the saved tokens")
	}

	// And when those expire in turn, the rotated refresh token renews them.
	expire(t, s)
	if err := me(t, s, b.URL); err != nil {
		t.Fatalf("the second refresh failed: %v", err)
	}
}

func TestRefreshRefusedMeansSignedOut(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		refuse func(t *testing.T, b *backend.Backend, se store.Session)
	}{
		{"refresh token revoked", func(t *testing.T, b *backend.Backend, se store.Session) {
			p := client.Provider{ClientID: se.ClientID, RevokeURL: se.RevokeURL}
			if err := newClient(t, b.URL).Revoke(ctx, p, se.RefreshToken); err != nil {
				t.Fatal(err)
			}
		}},
		{"refresh token replayed", func(t *testing.T, b *backend.Backend, se store.Session) {
			// Someone else (a copy of this cache, a thief) refreshed first:
			// the issuer sees the old token again and ends the whole family.
			cfg := &oauth2.Config{ClientID: se.ClientID, Endpoint: oauth2.Endpoint{TokenURL: se.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}
			if _, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: se.RefreshToken, Expiry: se.Expiry}).Token(); err != nil {
				t.Fatal(err)
			}
		}},
		{"user disabled", func(t *testing.T, b *backend.Backend, se store.Session) {
			if err := b.DB.DisableUser(ctx, "solicitante"); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, s := signedIn(t)
			c.refuse(t, b, expire(t, s))

			err := me(t, s, b.URL)
			if !errors.Is(err, client.ErrSignedOut) {
				t.Fatalf("got %v, want an error that means signed out (client.ErrSignedOut)", err)
			}
			if client.IsOffline(err) {
				t.Fatalf("a refused refresh reads as offline: %v", err)
			}
		})
	}
}

func TestNoStoredSession(t *testing.T) {
	_, err := session.Resume(context.Background(), openStore(t), newClient(t, "http://127.0.0.1:1"))
	if !errors.Is(err, session.ErrNoSession) {
		t.Fatalf("got %v, want ErrNoSession", err)
	}
}

// An unreachable server is offline, not signed out: the session stays, so
// the person is back in once the server answers.
func TestUnreachableServerIsOffline(t *testing.T) {
	for _, c := range []struct {
		name    string
		expired bool
	}{
		{"valid access token", false},
		{"expired access token (the refresh cannot reach the issuer)", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, s := signedIn(t)
			if c.expired {
				expire(t, s)
			}
			before := stored(t, s)
			b.Stop()

			err := me(t, s, b.URL)
			if !client.IsOffline(err) {
				t.Fatalf("got %v, want an error client.IsOffline recognises", err)
			}
			if errors.Is(err, client.ErrSignedOut) {
				t.Fatalf("an unreachable server reads as signed out: %v", err)
			}
			if after := stored(t, s); after != before {
				t.Fatal("the stored session changed while offline")
			}
		})
	}
}

func TestLogoutRemovesTheTokens(t *testing.T) {
	ctx := context.Background()
	b, s := signedIn(t)
	se := stored(t, s)

	if err := session.Logout(ctx, s, newClient(t, b.URL)); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Session(ctx); err != nil || ok {
		t.Fatalf("the tokens are still in the cache (ok=%v, err=%v)", ok, err)
	}
	if _, err := session.Resume(ctx, s, newClient(t, b.URL)); !errors.Is(err, session.ErrNoSession) {
		t.Fatalf("after logout Resume gave %v, want ErrNoSession", err)
	}

	// The issuer revoked the refresh token too: a copy of it is worthless.
	se.Expiry = time.Now().Add(-time.Minute)
	if err := s.SaveSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if err := me(t, s, b.URL); !errors.Is(err, client.ErrSignedOut) {
		t.Fatalf("the refresh token still works after logout: %v", err)
	}
}

// Offline, logout still forgets the tokens here and says the issuer did
// not confirm the revocation.
func TestLogoutOfflineStillForgets(t *testing.T) {
	ctx := context.Background()
	b, s := signedIn(t)
	b.Stop()

	if err := session.Logout(ctx, s, newClient(t, b.URL)); err == nil || !client.IsOffline(err) {
		t.Fatalf("got %v, want the unconfirmed revocation reported as offline", err)
	}
	if _, ok, err := s.Session(ctx); err != nil || ok {
		t.Fatalf("the tokens are still in the cache (ok=%v, err=%v)", ok, err)
	}
}
