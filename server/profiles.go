package server

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// profileRoutes: what each role may do (FAQ 3.7), edited by whoever has
// profiles:admin.
func (s *Server) profileRoutes() {
	s.handle("GET", "/api/v1/profiles", s.withPermission(s.listProfiles, api.PermProfilesAdmin))
	s.handle("PUT", "/api/v1/profiles/{role}", s.withPermission(s.putProfile, api.PermProfilesAdmin))
}

func (s *Server) listProfiles(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	profiles, err := s.db.Profiles(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := api.List[api.Profile]{Items: []api.Profile{}}
	for _, role := range []api.Role{api.RoleRequester, api.RoleEvaluator, api.RoleAdmin} {
		out.Items = append(out.Items, api.Profile{Role: role, Permissions: profiles[role]})
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) putProfile(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	role := api.Role(r.PathValue("role"))
	if !role.Valid() {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("perfil desconhecido: use requester, evaluator ou admin", "unknown profile: use requester, evaluator or admin")))
		return
	}
	var in api.ProfileWrite
	if !s.decodeJSON(w, r, &in) {
		return
	}
	var perms []api.Permission
	for _, perm := range api.Permissions { // known ones, each once, in order
		if slices.Contains(in.Permissions, perm) {
			perms = append(perms, perm)
		}
	}
	for _, perm := range in.Permissions {
		if !slices.Contains(api.Permissions, perm) {
			s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Sayf(msgUnknownPerm, perm)).
				WithFields(api.Refuse("permissions", api.Sayf(msgUnknownPerm, perm))))
			return
		}
	}
	if in.Permissions == nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("informe permissions (uma lista, vazia para nenhuma)", "send permissions (a list, empty for none)")).
			WithFields(api.Refuse("permissions", api.Say("obrigatório", "required"))))
		return
	}
	switch err := s.db.SetProfile(r.Context(), role, perms); {
	case errors.Is(err, db.ErrLastProfilesAdmin):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeLastProfilesAdmin, api.Say("a mudança deixaria nenhum usuário ativo com profiles:admin; ninguém poderia desfazê-la", "the change would leave no enabled user with profiles:admin; nobody could undo it")))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.forgetProfiles()
	s.log.Info("profile changed", "role", role, "permissions", perms, "by", p.Subject)
	if perms == nil {
		perms = []api.Permission{}
	}
	s.writeJSON(w, r, http.StatusOK, api.Profile{Role: role, Permissions: perms})
}
