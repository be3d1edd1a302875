package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
)

// Provider is what a client needs of an OAuth issuer, read from its
// OpenID discovery document (the embedded issuer and Keycloak alike).
type Provider struct {
	Issuer, ClientID, Audience string
	DeviceAuthURL, TokenURL    string
	RevokeURL                  string // "" when the issuer has none
}

// Config is the x/oauth2 configuration of the TUI's public client.
func (p Provider) Config() *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, Scopes: []string{"openid"}, Endpoint: oauth2.Endpoint{
		DeviceAuthURL: p.DeviceAuthURL, TokenURL: p.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}
}

// Discover reads the server's sign-in settings (/api/v1/meta) and the
// issuer's discovery document, so the TUI signs in against whatever issuer
// the server trusts.
func (c *Client) Discover(ctx context.Context) (Provider, error) {
	meta, err := c.Meta(ctx)
	if err != nil {
		return Provider{}, err
	}
	a := meta.Auth
	if a.Issuer == "" {
		return Provider{}, &Error{Kind: KindNoIssuer}
	}
	var doc struct {
		DeviceAuth string `json:"device_authorization_endpoint"`
		Token      string `json:"token_endpoint"`
		Revocation string `json:"revocation_endpoint"`
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(a.Issuer, "/")+"/.well-known/openid-configuration", nil)
	res, err := c.http.Do(req)
	if err != nil {
		return Provider{}, &NetworkError{Err: err}
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return Provider{}, &Error{Kind: KindDiscoveryFailed, URL: a.Issuer, Status: res.StatusCode}
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		return Provider{}, &Error{Kind: KindDiscoveryFailed, URL: a.Issuer, Err: err}
	}
	if doc.DeviceAuth == "" || doc.Token == "" {
		return Provider{}, &Error{Kind: KindNoDeviceFlow, URL: a.Issuer}
	}
	return Provider{Issuer: a.Issuer, ClientID: a.ClientID, Audience: a.Audience,
		DeviceAuthURL: doc.DeviceAuth, TokenURL: doc.Token, RevokeURL: doc.Revocation}, nil
}

// Revoke ends a refresh token's session at the issuer (RFC 7009).
func (c *Client) Revoke(ctx context.Context, p Provider, refreshToken string) error {
	if p.RevokeURL == "" || refreshToken == "" {
		return nil
	}
	form := url.Values{"token": {refreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {p.ClientID}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, p.RevokeURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.http.Do(req)
	if err != nil {
		return &NetworkError{Err: err}
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return &Error{Kind: KindRevocationRefused, Status: res.StatusCode}
	}
	return nil
}

// SavingSource wraps a token source and calls save whenever it hands out
// a new token, so a silent refresh is persisted at once (the refresh token
// rotates: losing the new one would end the session).
type SavingSource struct {
	src  oauth2.TokenSource
	save func(*oauth2.Token) error
	mu   sync.Mutex
	last string
}

// NewSavingSource refreshes tok through cfg and persists every new token.
func NewSavingSource(ctx context.Context, cfg *oauth2.Config, tok *oauth2.Token, save func(*oauth2.Token) error) *SavingSource {
	return &SavingSource{src: cfg.TokenSource(ctx, tok), save: save, last: tok.AccessToken}
}

// Token returns a valid token, refreshing (and saving) when needed.
func (s *SavingSource) Token() (*oauth2.Token, error) {
	t, err := s.src.Token()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.AccessToken != s.last {
		if err := s.save(t); err != nil {
			return nil, &Error{Kind: KindSaveToken, Err: err}
		}
		s.last = t.AccessToken
	}
	return t, nil
}

// WithTokens returns a copy of the client that authenticates with ts.
func (c *Client) WithTokens(ts oauth2.TokenSource) *Client {
	cp := *c
	cp.tokens = ts
	return &cp
}

// Me returns the signed-in user's profile.
func (c *Client) Me(ctx context.Context) (api.Me, error) {
	var me api.Me
	return me, c.getJSON(ctx, "/api/v1/me", &me)
}

// authorize adds the bearer token. A refresh refused by the issuer means
// the session is over (ErrSignedOut); an unreachable issuer is offline.
func (c *Client) authorize(req *http.Request) error {
	if c.tokens == nil {
		return nil
	}
	t, err := c.tokens.Token()
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return &Error{Kind: KindSignedOut, Code: re.ErrorCode, Err: err}
		}
		return &NetworkError{Err: err}
	}
	t.SetAuthHeader(req)
	return nil
}
