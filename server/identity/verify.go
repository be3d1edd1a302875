package identity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/gecli/gecli/api"
)

// Verification failures, told apart because the client reacts differently:
// an expired token is refreshed, an invalid one means signing in again.
var (
	ErrTokenExpired = errors.New("token expired")
	ErrTokenInvalid = errors.New("token invalid")
)

// Verifier checks bearer access tokens.
type Verifier struct {
	oidc     *oidc.IDTokenVerifier
	mapping  ClaimMapping
	verified *verified[Principal]
	typed    bool // tokens must say they are access tokens (ours do)
}

// NewEmbeddedVerifier verifies tokens of this server's own issuer.
func NewEmbeddedVerifier(issuer, audience string, keys *Keys) *Verifier {
	v := oidc.NewVerifier(issuer, keys, &oidc.Config{ClientID: audience, SupportedSigningAlgs: []string{oidc.ES256}})
	return &Verifier{oidc: v, mapping: embeddedMapping, verified: newVerified[Principal](), typed: true}
}

// NewExternalVerifier verifies tokens of an external OpenID provider (a
// Keycloak realm, say) found by discovery; its JWKS is fetched and cached by
// go-oidc, which refetches when it meets an unknown kid.
func NewExternalVerifier(ctx context.Context, issuer, audience string, m ClaimMapping) (*Verifier, error) {
	p, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, fmt.Errorf("descoberta OIDC de %s: %w", issuer, err)
	}
	return &Verifier{oidc: p.Verifier(&oidc.Config{ClientID: audience}), mapping: m, verified: newVerified[Principal]()}, nil
}

// Verify checks signature, issuer, audience and expiry, then maps claims
// (a token seen before and not yet expired skips both: the answer is a
// copy, its slices the caller's own).
func (v *Verifier) Verify(ctx context.Context, raw string) (Principal, error) {
	p, key, ok := v.verified.lookup(raw)
	if !ok {
		var err error
		if p, err = v.verify(ctx, raw); err != nil {
			return Principal{}, err
		}
		v.verified.remember(key, p, p.Expiry)
	}
	p.Roles, p.Institutions = slices.Clone(p.Roles), slices.Clone(p.Institutions)
	return p, nil
}

func (v *Verifier) verify(ctx context.Context, raw string) (Principal, error) {
	tok, err := v.oidc.Verify(ctx, raw)
	if err != nil {
		var exp *oidc.TokenExpiredError
		if errors.As(err, &exp) {
			return Principal{}, fmt.Errorf("%w: %v", ErrTokenExpired, err)
		}
		return Principal{}, fmt.Errorf("%w: %v", ErrTokenInvalid, err)
	}
	// An external issuer's tokens are what it issues (many still type them
	// "JWT"); this server's own must be typed as access tokens. One of
	// ours typed otherwise was issued before that rule (a rolling
	// upgrade): "expired", so the client refreshes it instead of asking
	// its person to sign in again.
	if v.typed && !typed(raw) {
		return Principal{}, fmt.Errorf("%w: not typed %s (issued before this server required it)", ErrTokenExpired, AccessTokenType)
	}
	var claims json.RawMessage
	if err := tok.Claims(&claims); err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrTokenInvalid, err)
	}
	p, err := v.mapping.principal(claims, tok.Expiry)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrTokenInvalid, err)
	}
	return p, nil
}

// embeddedMapping reads tokens this server minted: gecli role names.
var embeddedMapping = ClaimMapping{
	Roles:             map[string]api.Role{"requester": api.RoleRequester, "evaluator": api.RoleEvaluator, "admin": api.RoleAdmin},
	InstitutionsClaim: "institutions",
}
