package identity

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is a token bucket per client IP. It is per process: with several
// replicas each enforces its own share, which still bounds guessing of user
// codes and passwords. Idle buckets are dropped so memory stays bounded.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perMinute float64, burst int) *limiter {
	return &limiter{every: rate.Limit(perMinute / 60), burst: burst, buckets: map[string]*bucket{}}
}

// allow reports whether the caller may proceed, and if not, how long to
// wait; proceeding spends a token.
func (l *limiter) allow(r *http.Request) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.take(l.bucket(r), time.Now())
}

// blocked reports whether the caller has spent its tokens, without
// spending one: checked before work whose failures are what is limited.
func (l *limiter) blocked(r *http.Request) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, now := l.bucket(r), time.Now()
	if b.lim.TokensAt(now) >= 1 {
		return false, 0
	}
	return true, time.Duration((1 - b.lim.TokensAt(now)) / float64(l.every) * float64(time.Second))
}

// fail spends one of the caller's tokens (a failed attempt).
func (l *limiter) fail(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.take(l.bucket(r), time.Now())
}

func (l *limiter) take(b *bucket, now time.Time) (bool, time.Duration) {
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// bucket returns the caller's bucket; l.mu must be held.
func (l *limiter) bucket(r *http.Request) *bucket {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	now := time.Now()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[ip]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.every, l.burst)}
		l.buckets[ip] = b
	}
	b.seen = now
	return b
}

// limit wraps h; refused requests get 429 with Retry-After.
func (l *limiter) limit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := l.allow(r); !ok {
			tooMany(w, wait)
			return
		}
		h(w, r)
	}
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
	oauthError(w, http.StatusTooManyRequests, "slow_down", "muitas requisições; aguarde e tente de novo")
}
