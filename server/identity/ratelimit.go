package identity

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/gecli/gecli/server/db"
)

// limiter is a token bucket per key (an address, a username, a client
// id). With one process (SQLite) the buckets are in memory, idle ones
// dropped so memory stays bounded; when replicas share the database
// (PostgreSQL) they live there, so N replicas do not give an attacker N
// times the attempts.
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

// newLimiter allows burst events at once, refilled at perMinute.
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

func (l *limiter) rate() db.Rate { return db.Rate{PerSecond: float64(l.every), Burst: l.burst} }

// take spends a token of key's bucket if it has one; when not, it says
// how long until it will. A database that does not answer lets the
// request through: what it does next needs the database too, and says so.
func (l *limiter) take(ctx context.Context, key string) (bool, time.Duration) {
	if l.shared != nil {
		ok, wait, err := l.shared.TakeRate(ctx, l.name, key, l.rate(), time.Now())
		if err != nil {
			return true, 0
		}
		return ok, wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	res := l.bucket(key, now).lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// tokens is what key's bucket holds now, without spending (burst for a
// bucket never used), and how long until it holds one.
func (l *limiter) tokens(ctx context.Context, key string) (float64, time.Duration) {
	if l.shared != nil {
		n, wait, err := l.shared.PeekRate(ctx, l.name, key, l.rate(), time.Now())
		if err != nil {
			return float64(l.burst), 0
		}
		return n, wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	n := l.bucket(key, now).lim.TokensAt(now)
	if n >= 1 {
		return n, 0
	}
	return n, time.Duration((1 - n) / float64(l.every) * float64(time.Second))
}

// bucket returns key's bucket; l.mu must be held.
func (l *limiter) bucket(key string, now time.Time) *bucket {
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > time.Hour { // full again by then
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.every, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b
}

// limit wraps h with a bucket per caller address: refused requests get
// 429 with Retry-After.
func (l *limiter) limit(addr func(*http.Request) string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := l.take(r.Context(), addr(r)); !ok {
			tooMany(w, wait)
			return
		}
		h(w, r)
	}
}

// failures limits failed attempts at a target (a username, a client id)
// without letting a stranger's failures lock its owner out:
//
//   - per address: an address that fails often (at any target) waits;
//   - per target and address: an address that fails at one target waits
//     on that target;
//   - per target: when a target has failed too often from everywhere (an
//     attack spread over many addresses), addresses that have failed at
//     it wait, while one that has not is still heard, so the right
//     password or secret from its owner goes through.
//
// Nothing is permanent: each bucket refills.
type failures struct {
	addr, pair, target *limiter
}

func newFailures(d *db.DB, name string, perAddr, perPair, perTarget [2]float64) *failures {
	return &failures{
		addr:   newLimiter(perAddr[0], int(perAddr[1])).sharedIn(d, name+"-addr"),
		pair:   newLimiter(perPair[0], int(perPair[1])).sharedIn(d, name+"-pair"),
		target: newLimiter(perTarget[0], int(perTarget[1])).sharedIn(d, name+"-target"),
	}
}

// refused says whether an attempt at target from addr must wait, and how
// long, before its secret is even checked.
func (f *failures) refused(ctx context.Context, target, addr string) (bool, time.Duration) {
	if n, wait := f.addr.tokens(ctx, addr); n < 1 {
		return true, wait
	}
	pair, wait := f.pair.tokens(ctx, pairKey(target, addr))
	if pair < 1 {
		return true, wait
	}
	if n, twait := f.target.tokens(ctx, target); n < 1 && pair < float64(f.pair.burst) {
		return true, max(twait, time.Second)
	}
	return false, 0
}

// failed counts a failed attempt at target from addr.
func (f *failures) failed(ctx context.Context, target, addr string) {
	f.addr.take(ctx, addr)
	f.pair.take(ctx, pairKey(target, addr))
	f.target.take(ctx, target)
}

// pairKey names an (address, target) bucket: the address first, as it
// holds no "|" (PostgreSQL's text refuses NUL, the obvious separator).
func pairKey(target, addr string) string { return addr + "|" + target }

func tooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", retryAfter(wait))
	oauthError(w, http.StatusTooManyRequests, "slow_down", "muitas requisições; aguarde e tente de novo")
}

// retryAfter is wait in whole seconds, rounded up, at least 1.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(int((wait + time.Second - 1) / time.Second))
}

// ClientAddress is the caller's address. Behind a trusted reverse proxy it
// is the right-most X-Forwarded-For entry that is not itself a trusted
// proxy (entries to its left could be anything the client wrote).
func ClientAddress(r *http.Request, trusted []netip.Prefix) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, _ := netip.ParseAddr(host)
	ip = ip.Unmap()
	if !within(ip, trusted) {
		return ip
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		ip = hop.Unmap()
		if !within(ip, trusted) {
			break
		}
	}
	return ip
}

func within(ip netip.Addr, prefixes []netip.Prefix) bool {
	for _, p := range prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
