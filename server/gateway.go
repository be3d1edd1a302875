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
		s.problem(w, r, api.NewProblem(http.StatusNotFound, api.CodeNotFound, "ambiente inexistente: use /gateway/hmg ou /gateway/prd"))
		return
	}
	unauthorized := func(code api.Code, detail string) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gateway", error="invalid_token"`)
		s.problem(w, r, api.NewProblem(http.StatusUnauthorized, code, detail))
	}
	raw, ok := identity.BearerToken(r)
	if !ok || raw == "" {
		unauthorized(api.CodeInvalidToken, "envie um token obtido com client_credentials em /oauth2/token")
		return
	}
	c, err := s.auth.Clients.Verify(r.Context(), raw)
	switch {
	case errors.Is(err, identity.ErrTokenExpired):
		unauthorized(api.CodeTokenExpired, "o token expirou (vale 5 minutos); peça outro com client_credentials")
		return
	case err != nil || c.Environment == "":
		unauthorized(api.CodeInvalidToken, "token inválido para o gateway; peça um com client_credentials usando o client_id e o secret da credencial")
		return
	case api.Environment(c.Environment) != env:
		unauthorized(api.CodeWrongEnvironment, "esta credencial é de "+api.Environment(c.Environment).Label(api.PtBR)+
			" e foi usada em "+env.Label(api.PtBR)+": use a credencial do ambiente chamado")
		return
	}
	// Checked on every call, not only at the grant: revoking a request
	// stops its tokens at once instead of after their 5 minutes.
	client, err := s.db.ClientByID(r.Context(), c.ClientID)
	if errors.Is(err, db.ErrNotFound) || err == nil && client.Status != api.StatusApproved {
		unauthorized(api.CodeInvalidToken, "credencial revogada: a solicitação não está mais aprovada")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ip := s.clientIP(r)
	if detail, ok := s.ipAllowed(w, r, client.InstitutionCNPJ, env, ip); !ok {
		if detail == "" {
			return // internal error already answered
		}
		s.problem(w, r, api.NewProblem(http.StatusForbidden, api.CodeIPNotAllowed, detail))
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.GatewayPong{ClientID: client.ClientID, API: api.APIRef{ID: client.APIID, Name: client.APIName},
		Environment: env, InstitutionCNPJ: client.InstitutionCNPJ, SourceIP: ip.String()})
}

// ipAllowed applies the institution's allowlist. With ranges, the caller
// must be inside one, in either environment. Without any, homologation is
// open and production is closed: a first production integration needs the
// institution's egress ranges registered first (Conecta FAQ 3 and 4).
func (s *Server) ipAllowed(w http.ResponseWriter, r *http.Request, cnpj string, env api.Environment, ip netip.Addr) (string, bool) {
	ranges, err := s.db.Allowlist(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return "", false
	}
	if len(ranges) == 0 {
		if env == api.EnvHMG {
			return "", true
		}
		return "a instituição não cadastrou faixas de IP de saída; produção só aceita chamadas das faixas cadastradas (" + ip.String() + " não está em nenhuma)", false
	}
	for _, p := range ranges {
		if p.Contains(ip) {
			return "", true
		}
	}
	return "o IP de saída " + ip.String() + " não está na lista de IPs autorizados da instituição; cadastre a faixa em Credenciais", false
}

// clientIP is the caller's address (behind a trusted proxy, the one it
// forwarded for).
func (s *Server) clientIP(r *http.Request) netip.Addr {
	return identity.ClientAddress(r, s.cfg.TrustedProxies)
}
