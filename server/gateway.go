package server

import (
	"errors"
	"net/http"
	"net/netip"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// gatewayPing is the check an integrator runs before calling an API
// through the PDPJ gateway (FAQ 6.2): is this token good here, from here?
func (s *Server) gatewayPing(w http.ResponseWriter, r *http.Request) {
	env := api.Environment(r.PathValue("env"))
	if !env.Valid() {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("ambiente inexistente: use /gateway/hmg ou /gateway/prd", "no such environment: use /gateway/hmg or /gateway/prd")))
		return
	}
	unauthorized := func(code api.Code, detail api.Msg) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gateway", error="invalid_token"`)
		s.problem(w, r, api.Refusal(http.StatusUnauthorized, code, detail))
	}
	raw, ok := identity.BearerToken(r)
	if !ok || raw == "" {
		unauthorized(api.CodeInvalidToken, api.Say("envie um token obtido com client_credentials em /oauth2/token", "send a token obtained with client_credentials at /oauth2/token"))
		return
	}
	c, err := s.auth.Clients.Verify(r.Context(), raw)
	switch {
	case errors.Is(err, identity.ErrTokenExpired):
		unauthorized(api.CodeTokenExpired, api.Say("o token expirou (vale 5 minutos); peça outro com client_credentials", "the token expired (it lasts 5 minutes); get another with client_credentials"))
		return
	case err != nil || c.Environment == "":
		unauthorized(api.CodeInvalidToken, api.Say("token inválido para o gateway; peça um com client_credentials usando o client_id e o secret da credencial", "invalid token for the gateway; get one with client_credentials using the credential's client_id and secret"))
		return
	case api.Environment(c.Environment) != env:
		unauthorized(api.CodeWrongEnvironment, api.Say(
			"esta credencial é de "+api.Environment(c.Environment).Label(api.PtBR)+" e foi usada em "+env.Label(api.PtBR)+": use a credencial do ambiente chamado",
			"this credential is for "+api.Environment(c.Environment).Label(api.En)+" and was used in "+env.Label(api.En)+": use the credential of the environment called"))
		return
	}
	// Checked on every call, not only at the grant: revoking a request
	// stops its tokens at once instead of after their 5 minutes.
	client, err := s.db.ClientByID(r.Context(), c.ClientID)
	if errors.Is(err, db.ErrNotFound) || err == nil && client.Status != api.StatusApproved {
		unauthorized(api.CodeInvalidToken, api.Say("credencial revogada: a solicitação não está mais aprovada", "credential revoked: the request is no longer approved"))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ip := s.clientIP(r)
	if detail, ok := s.ipAllowed(w, r, client.InstitutionCNPJ, env, ip); !ok {
		if detail.PtBR == "" {
			return // internal error already answered
		}
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeIPNotAllowed, detail))
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.GatewayPong{ClientID: client.ClientID, API: api.APIRef{ID: client.APIID, Name: client.APIName},
		Environment: env, InstitutionCNPJ: client.InstitutionCNPJ, SourceIP: ip.String()})
}

// ipAllowed applies the institution's allowlist. With ranges, the caller
// must be inside one, in either environment. Without any, homologation is
// open and production is closed: a first production integration needs the
// institution's egress ranges registered first (Conecta FAQ 3 and 4).
func (s *Server) ipAllowed(w http.ResponseWriter, r *http.Request, cnpj string, env api.Environment, ip netip.Addr) (api.Msg, bool) {
	ranges, err := s.db.Allowlist(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return api.Msg{}, false
	}
	if len(ranges) == 0 {
		if env == api.EnvHMG {
			return api.Msg{}, true
		}
		return api.Sayf(api.Say("a instituição não cadastrou faixas de IP de saída; produção só aceita chamadas das faixas cadastradas (%s não está em nenhuma)",
			"the institution registered no outgoing IP ranges; production takes calls only from registered ranges (%s is in none)"), ip), false
	}
	for _, p := range ranges {
		if p.Contains(ip) {
			return api.Msg{}, true
		}
	}
	return api.Sayf(api.Say("o IP de saída %s não está na lista de IPs autorizados da instituição; cadastre a faixa em Credenciais",
		"the outgoing IP %s is not in the institution's list of allowed IPs; register its range in Credentials"), ip), false
}

// clientIP is the caller's address (behind a trusted proxy, the one it
// forwarded for).
func (s *Server) clientIP(r *http.Request) netip.Addr {
	return identity.ClientAddress(r, s.cfg.TrustedProxies)
}
