package main

import (
	"log/slog"
	"net/url"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/identity"
)

// authFlags configure the issuer of `gecli serve`.
type authFlags struct {
	issuer, audience, clientID, roleMap, institutionsClaim string
}

// defaultAuth is the embedded issuer with the defaults of every flag.
func defaultAuth() authFlags {
	return authFlags{issuer: "embedded", audience: "gecli", clientID: "gecli-tui",
		roleMap: "Solicitante=requester,Avaliador=evaluator,Administrador=admin", institutionsClaim: "institutions"}
}

func (a *authFlags) register(fs *pflag.FlagSet) {
	d := defaultAuth()
	fs.StringVar(&a.issuer, "issuer", d.issuer, `emissor dos tokens: "embedded" ou a URL de um provedor OIDC (ex.: realm do Keycloak)`)
	fs.StringVar(&a.audience, "audience", d.audience, "audiência (aud) exigida nos tokens de acesso")
	fs.StringVar(&a.clientID, "client-id", d.clientID, "client id público da TUI no emissor")
	fs.StringVar(&a.roleMap, "role-map", d.roleMap, "com emissor externo: papéis do emissor = papéis do gecli")
	fs.StringVar(&a.institutionsClaim, "institutions-claim", d.institutionsClaim,
		`com emissor externo: claim com os CNPJs vinculados ("" usa só a tabela do gecli)`)
}

func (a *authFlags) options(publicURL string, log *slog.Logger) (server.AuthOptions, error) {
	o := server.AuthOptions{Issuer: a.issuer, PublicURL: publicURL, Audience: a.audience, ClientID: a.clientID, Log: log}
	if a.issuer != "embedded" {
		u, err := url.Parse(a.issuer)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return o, usagef("--issuer: use embedded ou a URL do emissor (https://sso.exemplo.jus.br/realms/pje)")
		}
		roles, err := identity.ParseRoleMap(a.roleMap)
		if err != nil {
			return o, usagef("--role-map: %v", err)
		}
		o.Mapping = identity.ClaimMapping{Roles: roles, InstitutionsClaim: a.institutionsClaim}
	}
	return o, nil
}
