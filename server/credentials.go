package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

func (s *Server) credentialRoutes() {
	s.handle("GET", "/api/v1/credentials", s.signedIn(s.listCredentials))
	s.handle("POST", "/api/v1/requests/{id}/credential/secret", s.withPermission(s.idempotent(s.generateSecret, keepNoBody), api.PermCredentialsManage))
	s.handle("GET", "/api/v1/institutions/{cnpj}/ip-allowlist", s.withPermission(s.getAllowlist, api.PermCredentialsManage, api.PermUsersAdmin))
	s.handle("PUT", "/api/v1/institutions/{cnpj}/ip-allowlist", s.withPermission(s.putAllowlist, api.PermCredentialsManage, api.PermUsersAdmin))
	s.handle("GET", "/gateway/{env}/ping", s.gatewayPing)
}

// listCredentials answers the clients of the caller's own institutions:
// credentials belong to institutions, so not even evaluators see others'.
func (s *Server) listCredentials(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	linked, err := s.linkedInstitutions(r, p)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	items, err := s.db.Credentials(r.Context(), linked, s.now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for i := range items {
		s.credentialLinks(r, &items[i])
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	s.writeJSON(w, r, http.StatusOK, api.CredentialList{Items: items})
}

// credentialLinks says where an integrator uses a credential.
func (s *Server) credentialLinks(r *http.Request, c *api.Credential) {
	base := s.publicBase(r)
	c.TokenURL = base + "/oauth2/token"
	c.GatewayURL = base + "/gateway/" + string(c.Environment) + "/ping"
}

// generateSecret creates or replaces a credential's secret (FAQ 3.3, 3.16).
// The secret exists in clear only in this response; the database keeps its
// SHA-256 and the last four characters as a hint.
func (s *Server) generateSecret(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.ownRequest(w, r, p)
	if !ok {
		return
	}
	var body api.SecretRequest
	if r.ContentLength != 0 && !s.decodeJSON(w, r, &body) {
		return
	}
	if body.GraceSeconds < 0 || body.GraceSeconds > api.MaxGraceSeconds {
		prob := api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("período de carência inválido", "invalid grace period"))
		prob.Fields = []api.FieldError{api.Refuse("grace_seconds", api.Sayf(api.Say("entre 0 e %d segundos (24 h)", "from 0 to %d seconds (24 h)"), api.MaxGraceSeconds))}
		s.problem(w, r, prob)
		return
	}
	secret := api.NewSecret()
	until, err := s.db.SetSecret(r.Context(), req.ID, db.NewSecret{Hash: identity.HashSecret(secret), Hint: api.SecretHint(secret),
		Grace: time.Duration(body.GraceSeconds) * time.Second, By: db.Actor{ID: p.Subject, Name: p.Name}, At: s.now()})
	if errors.Is(err, db.ErrCredentialNotApproved) {
		detail := api.Say("a solicitação não está aprovada e ativa: aguarde a aprovação da equipe CNJ",
			"the request is not approved and active: wait for the CNJ team's approval")
		if req.CredentialState == api.CredentialBlocked {
			detail = api.Say("preencha o formulário de verificação técnica para liberar a credencial",
				"fill in the technical verification form to release the credential")
		}
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeCredentialNotApproved, detail))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	c, err := s.db.Credential(r.Context(), req.ID, s.now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.log.Info("client secret generated", "request", req.ID, "client_id", c.ClientID, "by", p.Subject, "grace_s", body.GraceSeconds)
	out := api.SecretResponse{ClientID: c.ClientID, ClientSecret: secret}
	if !until.IsZero() {
		out.PreviousValidUntil = until.UTC().Format(time.RFC3339)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusOK, out)
}

// AuthenticateClient checks a client-credentials secret: malformed and
// mistyped secrets are refused by their checksum before any look-up, then
// the hash is compared in constant time with the current secret and, during
// a grace period, the previous one.
func (s *Server) AuthenticateClient(ctx context.Context, clientID, secret string) (identity.Client, error) {
	if api.CheckSecret(secret) != nil {
		return identity.Client{}, identity.ErrClientAuth
	}
	if strings.HasPrefix(clientID, ServiceClientPrefix) {
		return s.authenticateService(ctx, clientID, secret)
	}
	c, err := s.db.ClientByID(ctx, clientID)
	if errors.Is(err, db.ErrNotFound) {
		return identity.Client{}, identity.ErrClientAuth
	}
	if err != nil {
		return identity.Client{}, err
	}
	h := []byte(identity.HashSecret(secret))
	current := c.SecretHash != "" && subtle.ConstantTimeCompare(h, []byte(c.SecretHash)) == 1
	previous := c.PreviousHash != "" && s.now().Before(c.PreviousValidUntil) &&
		subtle.ConstantTimeCompare(h, []byte(c.PreviousHash)) == 1
	if !current && !previous {
		return identity.Client{}, identity.ErrClientAuth
	}
	if c.Status != api.StatusApproved {
		return identity.Client{}, fmt.Errorf("%w: a solicitação %s está %s", identity.ErrClientUnauthorized, c.RequestID,
			strings.ToLower(c.Status.Label(api.PtBR)))
	}
	return identity.Client{ClientID: c.ClientID, Institution: c.InstitutionCNPJ, APIID: c.APIID,
		Environment: string(c.Environment)}, nil
}

// ClientActive says whether a client's tokens still speak for it: its
// request approved, or its service client enabled (introspection asks;
// the gateway and the vault check the same themselves).
func (s *Server) ClientActive(ctx context.Context, clientID string) (bool, error) {
	if strings.HasPrefix(clientID, ServiceClientPrefix) {
		c, err := s.db.ServiceClientByID(ctx, clientID)
		if errors.Is(err, db.ErrNotFound) {
			return false, nil
		}
		return err == nil && !c.Disabled, err
	}
	c, err := s.db.ClientByID(ctx, clientID)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return err == nil && c.Status == api.StatusApproved, err
}

// ServiceClientPrefix starts every service client's id, so the token
// endpoint knows which table to look in.
const ServiceClientPrefix = "svc-"

// authenticateService checks a service client (gecli service add).
func (s *Server) authenticateService(ctx context.Context, clientID, secret string) (identity.Client, error) {
	c, err := s.db.ServiceClientByID(ctx, clientID)
	if errors.Is(err, db.ErrNotFound) {
		return identity.Client{}, identity.ErrClientAuth
	}
	if err != nil {
		return identity.Client{}, err
	}
	if subtle.ConstantTimeCompare([]byte(identity.HashSecret(secret)), []byte(c.SecretHash)) != 1 {
		return identity.Client{}, identity.ErrClientAuth
	}
	if c.Disabled {
		return identity.Client{}, fmt.Errorf("%w: cliente de serviço desativado", identity.ErrClientUnauthorized)
	}
	return identity.Client{ClientID: c.ClientID, Institution: c.Institution, Scope: c.Scope}, nil
}
