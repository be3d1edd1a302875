package identity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// ClientAudience is the audience of every client-credentials token. It
// differs from the user tokens' audience, so a machine token is never
// accepted where a person's is expected, nor the other way round.
const ClientAudience = "gecli-clients"

// Client is what a client-credentials token says about its holder.
type Client struct {
	ClientID    string `json:"client_id"`
	Institution string `json:"institution"`
	// Request credentials (the gateway): the API and environment the
	// credential was granted for.
	APIID       string `json:"api,omitempty"`
	Environment string `json:"env,omitempty"`
	// Service clients: what they may do ("vault:resolve").
	Scope  string    `json:"scope,omitempty"`
	Expiry time.Time `json:"-"`
}

// ErrClientAuth is a client that failed authentication: unknown id, wrong
// or malformed secret. The token endpoint answers invalid_client to all of
// them alike.
var ErrClientAuth = errors.New("client authentication failed")

// ErrClientUnauthorized is a client whose secret is right but which may not
// get tokens now (its request was revoked).
var ErrClientUnauthorized = errors.New("cliente não autorizado")

// ClientAuthenticator checks a client's secret and says what its tokens
// carry. The server implements it over its database.
type ClientAuthenticator interface {
	AuthenticateClient(ctx context.Context, clientID, secret string) (Client, error)
	// ClientActive says whether a client's tokens still speak for it
	// (its credential not revoked, its service client not disabled).
	ClientActive(ctx context.Context, clientID string) (bool, error)
}

type clientClaims struct {
	jwt.Claims
	Client
	GrantType string `json:"gty"`
}

// ClientToken signs a 5-minute token for an authenticated client.
func (is *Issuer) ClientToken(c Client) (TokenResponse, error) {
	key, err := is.keys.signer()
	if err != nil {
		return TokenResponse{}, err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithType(AccessTokenType))
	if err != nil {
		return TokenResponse{}, err
	}
	now := is.now()
	claims := clientClaims{
		Claims: jwt.Claims{
			Issuer: is.URL, Subject: c.ClientID, Audience: jwt.Audience{ClientAudience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now.Add(-30 * time.Second)),
			Expiry: jwt.NewNumericDate(now.Add(AccessTokenTTL)), ID: randomToken(""),
		},
		Client: c, GrantType: "client_credentials",
	}
	// The claims are signed as marshalled: go-jose's builder would turn
	// them into a map and back first, a fifth of a grant's time.
	payload, err := json.Marshal(claims)
	if err != nil {
		return TokenResponse{}, err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return TokenResponse{}, err
	}
	raw, err := jws.CompactSerialize()
	if err != nil {
		return TokenResponse{}, err
	}
	return TokenResponse{AccessToken: raw, TokenType: "Bearer", ExpiresIn: int(AccessTokenTTL / time.Second), Scope: c.Scope}, nil
}

// ClientVerifier checks client-credentials tokens. They are always this
// server's own, even when people sign in through an external issuer: gecli
// is the authority for the credentials it hands out.
type ClientVerifier struct {
	oidc     *oidc.IDTokenVerifier
	verified *verified[Client]
}

// NewClientVerifier verifies tokens minted by ClientToken.
func NewClientVerifier(issuer string, keys *Keys) *ClientVerifier {
	return &ClientVerifier{oidc: oidc.NewVerifier(issuer, keys,
		&oidc.Config{ClientID: ClientAudience, SupportedSigningAlgs: []string{oidc.ES256}}),
		verified: newVerified[Client]()}
}

// Verify checks signature, issuer, audience and expiry (a token seen
// before and not yet expired skips the signature check).
func (v *ClientVerifier) Verify(ctx context.Context, raw string) (Client, error) {
	c, key, ok := v.verified.lookup(raw)
	if ok {
		return c, nil
	}
	c, err := v.verify(ctx, raw)
	if err == nil {
		v.verified.remember(key, c, c.Expiry)
	}
	return c, err
}

func (v *ClientVerifier) verify(ctx context.Context, raw string) (Client, error) {
	tok, err := v.oidc.Verify(ctx, raw)
	if err != nil {
		var exp *oidc.TokenExpiredError
		if errors.As(err, &exp) {
			return Client{}, fmt.Errorf("%w: %v", ErrTokenExpired, err)
		}
		return Client{}, fmt.Errorf("%w: %v", ErrTokenInvalid, err)
	}
	if !typed(raw) { // ours, from before at+jwt: ask for a new one (see Verifier.verify)
		return Client{}, fmt.Errorf("%w: not typed %s (issued before this server required it)", ErrTokenExpired, AccessTokenType)
	}
	var c clientClaims
	if err := tok.Claims(&c); err != nil || c.GrantType != "client_credentials" || c.ClientID == "" {
		return Client{}, fmt.Errorf("%w: not a client-credentials token", ErrTokenInvalid)
	}
	c.Client.Expiry = tok.Expiry
	return c.Client, nil
}
