// Package session keeps the signed-in session of this machine in the local
// cache: it runs the device flow, turns the stored tokens into an
// authenticated client that refreshes (and saves) them silently, and signs
// out. The CLI (gecli login, whoami, logout) and the TUI share it.
package session

import (
	"context"
	"errors"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

// ErrNoSession means nobody is signed in on this cache.
var ErrNoSession error = &Error{Kind: KindNoSession}

func provider(se store.Session) client.Provider {
	return client.Provider{Issuer: se.Issuer, ClientID: se.ClientID, TokenURL: se.TokenURL, RevokeURL: se.RevokeURL}
}

func token(se store.Session) *oauth2.Token {
	return &oauth2.Token{AccessToken: se.AccessToken, RefreshToken: se.RefreshToken, Expiry: se.Expiry, TokenType: "Bearer"}
}

// Save stores tokens issued by p.
func Save(ctx context.Context, s *store.Store, p client.Provider, t *oauth2.Token) error {
	return s.SaveSession(ctx, store.Session{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, Expiry: t.Expiry,
		Issuer: p.Issuer, ClientID: p.ClientID, TokenURL: p.TokenURL, RevokeURL: p.RevokeURL})
}

// Resume returns c authenticated with the stored session, refreshing
// tokens silently and saving each refresh. ErrNoSession when signed out.
func Resume(ctx context.Context, s *store.Store, c *client.Client) (*client.Client, error) {
	se, ok, err := s.Session(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNoSession
	}
	p := provider(se)
	src := client.NewSavingSource(context.WithoutCancel(ctx), p.Config(), token(se), func(t *oauth2.Token) error {
		if t.RefreshToken == "" {
			t.RefreshToken = se.RefreshToken // issuers may omit it when it did not rotate
		}
		return Save(context.Background(), s, p, t)
	})
	return c.WithTokens(src), nil
}

// Start begins a device-flow sign-in: it asks the server which issuer to
// use and the issuer for a user code.
func Start(ctx context.Context, c *client.Client) (client.Provider, *oauth2.DeviceAuthResponse, error) {
	p, err := c.Discover(ctx)
	if err != nil {
		return p, nil, err
	}
	da, err := p.Config().DeviceAuth(ctx)
	if err != nil {
		return p, nil, &Error{Kind: KindStartFailed, Err: err}
	}
	return p, da, nil
}

// Finish waits for the person to approve the code, then stores the tokens.
func Finish(ctx context.Context, s *store.Store, p client.Provider, da *oauth2.DeviceAuthResponse) error {
	t, err := p.Config().DeviceAccessToken(ctx, da)
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			switch re.ErrorCode {
			case "access_denied":
				return &Error{Kind: KindDenied, Err: err}
			case "expired_token":
				return &Error{Kind: KindCodeExpired, Err: err}
			}
		}
		return &Error{Kind: KindFinishFailed, Err: err}
	}
	return Save(ctx, s, p, t)
}

// Logout revokes the refresh token at the issuer (best effort when the
// issuer is unreachable) and forgets the session.
func Logout(ctx context.Context, s *store.Store, c *client.Client) error {
	se, ok, err := s.Session(ctx)
	if err != nil || !ok {
		return errors.Join(err, s.ClearSession(ctx))
	}
	revokeErr := c.Revoke(ctx, provider(se), se.RefreshToken)
	if err := s.ClearSession(ctx); err != nil {
		return err
	}
	if revokeErr != nil {
		return &Error{Kind: KindRevokeUnconfirmed, Err: revokeErr}
	}
	return nil
}
