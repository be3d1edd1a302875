package server

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/identity"
)

// liveFor is how long an answer of SessionLive is reused: revocation takes
// effect within it, and a client's burst of calls costs one look-up.
const liveFor = time.Second

// maxLive bounds the cache; beyond it, stale answers are dropped.
const maxLive = 50_000

// sessions caches whether a person's sign-in is still live.
type sessions struct {
	ttl  time.Duration // liveFor; tests shorten it
	mu   sync.Mutex
	seen map[string]liveAnswer
}

type liveAnswer struct {
	live bool
	at   time.Time
}

// live says whether p's token still speaks for someone: its user enabled
// and, for this server's own tokens, its session not ended.
func (s *Server) live(ctx context.Context, p identity.Principal) (bool, error) {
	if p.ClientID != "" && p.Subject == p.ClientID {
		return true, nil // a client credentials token speaks for no person
	}
	key := p.Subject + "\x00" + p.Session
	now := time.Now()
	c := &s.sessions
	c.mu.Lock()
	a, ok := c.seen[key]
	c.mu.Unlock()
	if ok && now.Sub(a.at) < c.ttl {
		return a.live, nil
	}
	var live bool
	var err error
	if s.auth.Meta.Embedded {
		live, err = s.db.SessionLive(ctx, p.Subject, p.Session)
	} else {
		// An external issuer's sessions are its own to end, but its people
		// are recorded here at their first call, and may be disabled here.
		live, err = s.db.SeeExternalUser(ctx, p.Subject, p.Username, p.Name, firstRole(p.Roles))
	}
	if err != nil {
		return false, err
	}
	c.mu.Lock()
	if c.seen == nil || len(c.seen) >= maxLive {
		for k, old := range c.seen {
			if now.Sub(old.at) >= c.ttl {
				delete(c.seen, k)
			}
		}
		if c.seen == nil || len(c.seen) >= maxLive {
			c.seen = map[string]liveAnswer{}
		}
	}
	c.seen[key] = liveAnswer{live, now}
	c.mu.Unlock()
	return live, nil
}

// firstRole is the role an external person is recorded with (the
// last-profiles-admin guard counts it); their permissions still come from
// every role their token carries.
func firstRole(roles []api.Role) api.Role {
	for _, r := range []api.Role{api.RoleAdmin, api.RoleEvaluator, api.RoleRequester} {
		if slices.Contains(roles, r) {
			return r
		}
	}
	return api.RoleRequester
}

// forget drops what this replica knows of a person's sessions, so the
// next call asks the database (a person just disabled here).
func (c *sessions) forget(userID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.seen {
		if len(k) > len(userID) && k[:len(userID)] == userID && k[len(userID)] == 0 {
			delete(c.seen, k)
		}
	}
}
