package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// AuthOptions choose and configure the token issuer.
type AuthOptions struct {
	// Issuer is "embedded" (this server issues tokens) or the URL of an
	// external OpenID provider such as a Keycloak realm.
	Issuer    string
	PublicURL string // this server's URL: the embedded issuer's identifier
	Audience  string // aud every access token must carry
	ClientID  string // the TUI's public OAuth client
	Mapping   identity.ClaimMapping
	Log       *slog.Logger
}

// Auth is the server's view of identity: how to verify bearer tokens and,
// in embedded mode, the issuer's own endpoints.
type Auth struct {
	Verifier *identity.Verifier
	// Issuer mints this server's tokens: people's in embedded mode, and
	// always the client-credentials tokens of the credentials it issues.
	Issuer    *identity.Issuer
	Endpoints *identity.Endpoints
	Clients   *identity.ClientVerifier
	// Keys are the issuer's signing keys (tokens, audit checkpoints).
	Keys *identity.Keys
	Meta api.Auth
}

// NewAuth builds the embedded issuer or connects to the external one.
// Either way this server signs client-credentials tokens with its own keys:
// it is the authority for the credentials it hands out.
func NewAuth(ctx context.Context, d *db.DB, o AuthOptions) (*Auth, error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	keys, err := identity.LoadKeys(ctx, d)
	if err != nil {
		return nil, err
	}
	self := strings.TrimRight(o.PublicURL, "/")
	issuer := identity.NewIssuer(self, o.Audience, keys, d)
	a := &Auth{Issuer: issuer, Clients: identity.NewClientVerifier(self, keys), Keys: keys,
		Endpoints: &identity.Endpoints{Issuer: issuer, Keys: keys, DB: d, ClientID: o.ClientID, Log: o.Log}}
	a.Endpoints.ClientTokens = a.Clients
	if o.Issuer == "" || o.Issuer == "embedded" {
		a.Verifier = identity.NewEmbeddedVerifier(self, o.Audience, keys)
		a.Endpoints.Verifier = a.Verifier
		a.Meta = api.Auth{Issuer: self, ClientID: o.ClientID, Audience: o.Audience, Embedded: true}
		return a, nil
	}
	if a.Verifier, err = identity.NewExternalVerifier(ctx, o.Issuer, o.Audience, o.Mapping); err != nil {
		return nil, err
	}
	a.Endpoints.ClientsOnly = true
	a.Meta = api.Auth{Issuer: o.Issuer, ClientID: o.ClientID, Audience: o.Audience}
	return a, nil
}

type principalKey struct{}

// signedIn wraps a handler that needs a verified bearer token. Failures
// are 401 token_expired (refresh and retry) or invalid_token (sign in).
func (s *Server) signedIn(h func(http.ResponseWriter, *http.Request, identity.Principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, ok := identity.BearerToken(r)
		if !ok || raw == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gecli"`)
			s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeInvalidToken, api.Say("entre com gecli login: esta operação exige um token de acesso", "sign in with gecli login: this operation needs an access token")))
			return
		}
		p, err := s.auth.Verifier.Verify(r.Context(), raw)
		switch {
		case errors.Is(err, identity.ErrTokenExpired):
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="expired"`)
			s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeTokenExpired, api.Say("o token expirou (vale 5 minutos); renove-o ou entre novamente", "the token expired (it lasts 5 minutes); refresh it or sign in again")))
			return
		case err != nil:
			s.log.Info("token refused", "path", r.URL.Path, "err", err)
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeInvalidToken, api.Say("token inválido; entre novamente", "invalid token; sign in again")))
			return
		}
		switch live, err := s.live(r.Context(), p); {
		case err != nil:
			s.internal(w, r, err)
			return
		case !live:
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="session ended"`)
			s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeInvalidToken, api.Say("a sessão foi encerrada (saída, revogação ou usuário desativado); entre novamente", "the session ended (signed out, revoked or user disabled); sign in again")))
			return
		}
		perms, err := s.permissionsOf(r.Context(), p)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), principalKey{}, p)
		ctx = context.WithValue(ctx, permsKey{}, perms)
		// Whatever this call writes, the audit names who did it.
		ctx = db.WithActor(ctx, db.Actor{ID: p.Subject, Name: p.Name})
		h(w, r.WithContext(ctx), p)
	}
}

// me answers who the token belongs to. Institutions come from the token
// when it carries them, otherwise from gecli's own table (external
// issuers that do not know about institutions).
func (s *Server) me(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	var ins []api.Institution
	var err error
	if len(p.Institutions) > 0 {
		ins, err = s.db.Institutions(r.Context(), p.Institutions)
	} else if p.Username != "" {
		ins, err = s.db.InstitutionsOf(r.Context(), p.Username)
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if ins == nil {
		ins = []api.Institution{}
	}
	roles := p.Roles
	if roles == nil {
		roles = []api.Role{}
	}
	perms, _ := r.Context().Value(permsKey{}).([]api.Permission)
	s.writeJSON(w, r, http.StatusOK, api.Me{Subject: p.Subject, Username: p.Username, Name: p.Name, Roles: roles,
		Institutions: ins, Permissions: perms})
}
