package identity

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/gecli/gecli/server/db"
)

// limiter is a token bucket per client IP. With one process (SQLite) the
// buckets are in memory, idle ones dropped so memory stays bounded; when
// replicas share the database (PostgreSQL) they live there, so N replicas
// do not give an attacker N times the attempts.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time

	name   string // the bucket's name in the shared database
	shared *db.DB // nil: in memory
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perMinute float64, burst int) *limiter {
	return &limiter{every: rate.Limit(perMinute / 60), burst: burst, buckets: map[string]*bucket{}}
}

// sharedIn keeps the limiter's buckets in d, under name, when replicas
// share d.
func (l *limiter) sharedIn(d *db.DB, name string) *limiter {
	if d != nil && d.Shared() {
		l.shared, l.name = d, name
	}
	return l
}

// inDB spends (or only checks) a token in the shared database. A database
// that does not answer lets the request through: what it does next needs
// the database too, and says so.
func (l *limiter) inDB(r *http.Request, spend bool) (bool, time.Duration) {
	ok, wait, err := l.shared.TakeRate(r.Context(), l.name, clientIP(r), db.Rate{PerSecond: float64(l.every), Burst: l.burst}, spend, time.Now())
	if err != nil {
		return true, 0
	}
	return ok, wait
}

// allow reports whether the caller may proceed, and if not, how long to
// wait; proceeding spends a token.
func (l *limiter) allow(r *http.Request) (bool, time.Duration) {
	if l.shared != nil {
		return l.inDB(r, true)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.take(l.bucket(r), time.Now())
}

// blocked reports whether the caller has spent its tokens, without
// spending one: checked before work whose failures are what is limited.
func (l *limiter) blocked(r *http.Request) (bool, time.Duration) {
	if l.shared != nil {
		ok, wait := l.inDB(r, false)
		return !ok, wait
	}
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
	if l.shared != nil {
		l.inDB(r, true)
		return
	}
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

func clientIP(r *http.Request) string {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	return ip
}

// bucket returns the caller's bucket; l.mu must be held.
func (l *limiter) bucket(r *http.Request) *bucket {
	ip := clientIP(r)
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
