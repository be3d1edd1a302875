package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// Lifetimes (FAQ 4.1: tokens live 5 minutes; clients refresh silently).
const (
	AccessTokenTTL  = 5 * time.Minute
	RefreshTokenTTL = 30 * 24 * time.Hour
)

// Issuer mints the embedded issuer's tokens.
type Issuer struct {
	URL, Audience string
	keys          *Keys
	db            *db.DB
	now           func() time.Time
}

// NewIssuer builds the minting side of the embedded issuer.
func NewIssuer(url, audience string, keys *Keys, d *db.DB) *Issuer {
	return &Issuer{URL: url, Audience: audience, keys: keys, db: d, now: time.Now}
}

// SetClock replaces the issuer's clock (tests move time instead of
// sleeping through expiries and polling intervals).
func (is *Issuer) SetClock(now func() time.Time) { is.now = now }

// TokenResponse is the RFC 6749 5.1 token response.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
}

type accessClaims struct {
	jwt.Claims
	Name              string   `json:"name"`
	PreferredUsername string   `json:"preferred_username"`
	Roles             []string `json:"roles"`
	Institutions      []string `json:"institutions"`
	ClientID          string   `json:"client_id"`
	// Session is the sign-in the token belongs to (its refresh family):
	// ending it (logout, revocation) ends the token at once, not when it
	// expires.
	Session string `json:"sid,omitempty"`
}

// AccessToken signs a 5-minute JWT for a user outside any sign-in
// session (tools and tests); it still stops working once the user is
// disabled.
func (is *Issuer) AccessToken(u db.User, clientID string) (string, error) {
	return is.sessionToken(u, clientID, "")
}

// sessionToken signs a 5-minute JWT for a user's sign-in session sid.
func (is *Issuer) sessionToken(u db.User, clientID, sid string) (string, error) {
	key, err := is.keys.signer()
	if err != nil {
		return "", err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithType(AccessTokenType))
	if err != nil {
		return "", err
	}
	now := is.now()
	c := accessClaims{
		Claims: jwt.Claims{
			Issuer: is.URL, Subject: u.ID, Audience: jwt.Audience{is.Audience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now.Add(-30 * time.Second)),
			Expiry: jwt.NewNumericDate(now.Add(AccessTokenTTL)), ID: randomToken(""),
		},
		Name: u.Name, PreferredUsername: u.Username, Roles: []string{string(u.Role)}, ClientID: clientID,
		Institutions: []string{}, Session: sid,
	}
	for _, in := range u.Institutions {
		c.Institutions = append(c.Institutions, api.NormalizeCNPJ(in.CNPJ))
	}
	return jwt.Signed(signer).Claims(c).Serialize()
}

// StartSession issues an access token and the first refresh token of a new
// family (after a device approval, or for gecli demo --as).
func (is *Issuer) StartSession(ctx context.Context, u db.User, clientID string) (TokenResponse, error) {
	family := randomToken("")
	access, err := is.sessionToken(u, clientID, family)
	if err != nil {
		return TokenResponse{}, err
	}
	refresh := randomToken("gecli_rt_")
	if err := is.db.AddRefreshToken(ctx, db.RefreshToken{Hash: hashToken(refresh), FamilyID: family,
		UserID: u.ID, ClientID: clientID, ExpiresAt: is.now().Add(RefreshTokenTTL)}); err != nil {
		return TokenResponse{}, err
	}
	return TokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(AccessTokenTTL / time.Second), RefreshToken: refresh}, nil
}

// errGrant is an RFC 6749 5.2 error.
type errGrant struct{ code, description string }

func (e errGrant) Error() string { return e.code + ": " + e.description }

// Refresh rotates a refresh token. The user is read again, so a disabled
// user or changed roles take effect within one access-token lifetime.
func (is *Issuer) Refresh(ctx context.Context, token, clientID string) (TokenResponse, error) {
	next := randomToken("gecli_rt_")
	cur, err := is.db.RotateRefreshToken(ctx, hashToken(token),
		db.RefreshToken{Hash: hashToken(next), ExpiresAt: is.now().Add(RefreshTokenTTL)}, is.now())
	switch {
	case errors.Is(err, db.ErrTokenReplayed):
		return TokenResponse{}, errGrant{"invalid_grant", "refresh token reutilizado: a sessão foi revogada; entre novamente"}
	case errors.Is(err, db.ErrTokenInvalid):
		return TokenResponse{}, errGrant{"invalid_grant", "refresh token inválido, expirado ou revogado"}
	case err != nil:
		return TokenResponse{}, err
	}
	if cur.ClientID != clientID {
		return TokenResponse{}, errGrant{"invalid_grant", "refresh token de outro cliente"}
	}
	u, err := is.db.UserByID(ctx, cur.UserID)
	if err != nil {
		return TokenResponse{}, fmt.Errorf("refresh: %w", err)
	}
	if u.Disabled {
		return TokenResponse{}, errGrant{"invalid_grant", "usuário desativado"}
	}
	access, err := is.sessionToken(u, clientID, cur.FamilyID)
	if err != nil {
		return TokenResponse{}, err
	}
	return TokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(AccessTokenTTL / time.Second), RefreshToken: next}, nil
}
