package identity

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
)

// Principal is who a verified access token speaks for.
type Principal struct {
	Subject, Username, Name string
	Roles                   []api.Role
	Institutions            []string // CNPJs, normalised
	ClientID                string
	Session                 string // the sign-in session (embedded issuer), "" if none
	Expiry                  time.Time
}

// HasRole reports whether the principal has role.
func (p Principal) HasRole(role api.Role) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// ClaimMapping turns token claims into roles and institutions. With an
// external issuer, role names are the issuer's (Keycloak realm roles), so
// they are mapped by configuration.
type ClaimMapping struct {
	Roles             map[string]api.Role // issuer role name -> gecli role
	InstitutionsClaim string              // claim holding CNPJs ("" : none)
}

// DefaultExternalMapping maps the pt-BR Keycloak realm roles of FAQ 3.7.
func DefaultExternalMapping() ClaimMapping {
	return ClaimMapping{
		Roles: map[string]api.Role{
			"Solicitante": api.RoleRequester, "Avaliador": api.RoleEvaluator, "Administrador": api.RoleAdmin,
			"requester": api.RoleRequester, "evaluator": api.RoleEvaluator, "admin": api.RoleAdmin,
		},
		InstitutionsClaim: "institutions",
	}
}

// ParseRoleMap reads "Solicitante=requester,Avaliador=evaluator".
func ParseRoleMap(s string) (map[string]api.Role, error) {
	out := map[string]api.Role{}
	for _, pair := range strings.Split(s, ",") {
		name, role, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok || name == "" || !api.Role(role).Valid() {
			return nil, errRoleMap(pair)
		}
		out[name] = api.Role(role)
	}
	return out, nil
}

type errRoleMap string

func (e errRoleMap) Error() string {
	return "mapa de papéis inválido em " + string(e) + ": use NomeNoEmissor=requester|evaluator|admin"
}

// tokenClaims are the claims gecli reads from an access token.
type tokenClaims struct {
	Subject           string   `json:"sub"`
	PreferredUsername string   `json:"preferred_username"`
	Name              string   `json:"name"`
	Roles             []string `json:"roles"`
	ClientID          string   `json:"client_id"`
	AuthorizedParty   string   `json:"azp"`
	Session           string   `json:"sid"`
	RealmAccess       struct {
		Roles []string `json:"roles"`
	} `json:"realm_access"`
}

// principal maps raw claims: top-level "roles" and Keycloak's
// realm_access.roles both count; unknown role names are ignored.
func (m ClaimMapping) principal(raw json.RawMessage, expiry time.Time) (Principal, error) {
	var c tokenClaims
	if err := json.Unmarshal(raw, &c); err != nil {
		return Principal{}, err
	}
	p := Principal{Subject: c.Subject, Username: c.PreferredUsername, Name: c.Name, Expiry: expiry, ClientID: c.ClientID,
		Session: c.Session}
	if p.ClientID == "" {
		p.ClientID = c.AuthorizedParty
	}
	seen := map[api.Role]bool{}
	for _, name := range append(c.Roles, c.RealmAccess.Roles...) {
		if r, ok := m.Roles[name]; ok && !seen[r] {
			seen[r] = true
			p.Roles = append(p.Roles, r)
		}
	}
	if m.InstitutionsClaim != "" {
		var all map[string]json.RawMessage
		if json.Unmarshal(raw, &all) == nil {
			var cnpjs []string
			if json.Unmarshal(all[m.InstitutionsClaim], &cnpjs) == nil {
				for _, cnpj := range cnpjs {
					if api.ValidateCNPJ(cnpj) == nil {
						p.Institutions = append(p.Institutions, api.NormalizeCNPJ(cnpj))
					}
				}
			}
		}
	}
	return p, nil
}
