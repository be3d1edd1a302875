package server

import (
	"net/http"
	"slices"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/identity"
)

// can says whether p holds perm through any of its roles' profiles.
// Profiles are the shipped defaults for now (api.DefaultPermissions);
// editing them (PUT /api/v1/profiles/{role}) comes with Administração.
func can(p identity.Principal, perm api.Permission) bool {
	for _, role := range p.Roles {
		if slices.Contains(api.DefaultPermissions[role], perm) {
			return true
		}
	}
	return false
}

// withPermission wraps a signed-in handler that needs perm.
func (s *Server) withPermission(h func(http.ResponseWriter, *http.Request, identity.Principal), perm api.Permission) http.HandlerFunc {
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, p identity.Principal) {
		if !can(p, perm) {
			s.problem(w, r, api.NewProblem(http.StatusForbidden, api.CodeForbiddenRole,
				"seu perfil não tem a permissão "+string(perm)+"; peça-a a quem administra os perfis"))
			return
		}
		h(w, r, p)
	})
}
