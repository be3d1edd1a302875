package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/identity"
)

// profilesFor is how long the profiles read from the database are reused:
// an edit on this replica applies at once (the cache is dropped), on
// another replica within it.
const profilesFor = time.Second

// profileCache holds the profiles (role → permissions) of the database.
type profileCache struct {
	mu    sync.Mutex
	perms map[api.Role][]api.Permission
	at    time.Time
}

func (s *Server) profiles(ctx context.Context) (map[api.Role][]api.Permission, error) {
	c := &s.profileCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.perms != nil && time.Since(c.at) < profilesFor {
		return c.perms, nil
	}
	perms, err := s.db.Profiles(ctx)
	if err != nil {
		return nil, err
	}
	c.perms, c.at = perms, time.Now()
	return perms, nil
}

// forgetProfiles drops the cache after an edit.
func (s *Server) forgetProfiles() {
	s.profileCache.mu.Lock()
	s.profileCache.perms = nil
	s.profileCache.mu.Unlock()
}

// permissionsOf is what p may do through any of its roles' profiles, in
// api.Permissions order.
func (s *Server) permissionsOf(ctx context.Context, p identity.Principal) ([]api.Permission, error) {
	profiles, err := s.profiles(ctx)
	if err != nil {
		return nil, err
	}
	out := []api.Permission{}
	for _, perm := range api.Permissions {
		for _, role := range p.Roles {
			if slices.Contains(profiles[role], perm) {
				out = append(out, perm)
				break
			}
		}
	}
	return out, nil
}

type permsKey struct{}

// can says whether the signed-in caller of r holds perm (signedIn put
// their permissions in the context).
func can(r *http.Request, perm api.Permission) bool {
	perms, _ := r.Context().Value(permsKey{}).([]api.Permission)
	return slices.Contains(perms, perm)
}

// withPermission wraps a signed-in handler that needs one of perms.
func (s *Server) withPermission(h func(http.ResponseWriter, *http.Request, identity.Principal), perms ...api.Permission) http.HandlerFunc {
	names := make([]string, len(perms))
	for i, p := range perms {
		names[i] = string(p)
	}
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, p identity.Principal) {
		for _, perm := range perms {
			if can(r, perm) {
				h(w, r, p)
				return
			}
		}
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeForbiddenRole, api.Say(
			"seu perfil não tem a permissão "+strings.Join(names, " ou ")+"; peça-a a quem administra os perfis",
			"your profile lacks the permission "+strings.Join(names, " or ")+"; ask whoever administers the profiles for it")))
	})
}
