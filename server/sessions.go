package server

import (
	"context"
	"sync"
	"time"

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
// and its session not ended. Only this server's own tokens are checked:
// an external issuer's users and sessions are that issuer's to end.
func (s *Server) live(ctx context.Context, p identity.Principal) (bool, error) {
	if !s.auth.Meta.Embedded {
		return true, nil
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
	live, err := s.db.SessionLive(ctx, p.Subject, p.Session)
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
