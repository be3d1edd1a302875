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

	"github.com/gecli/gecli/server/db"
)

// limiter is a token bucket per key (an address, a username, a client
// id). With one process (SQLite) the buckets are in memory, idle ones
// dropped so memory stays bounded; when replicas share the database
// (PostgreSQL) they live there, so N replicas do not give an attacker N
// times the attempts.
type limiter struct {
	mu      sync.Mutex
	every   float64 // tokens per second
	burst   int
	buckets map[string]*bucket
	swept   time.Time

	name   string           // the bucket's name in the shared database
	shared *db.DB           // nil: in memory
	now    func() time.Time // the issuer's clock (tests move it); time.Now when nil
}

func (l *limiter) clock() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

// bucket is a token bucket as the database keeps one: what it held at at.
type bucket struct {
	tokens float64
	at     time.Time
}

// now refills b to t and says what it holds.
func (l *limiter) refill(b *bucket, t time.Time) float64 {
	if d := t.Sub(b.at); d > 0 {
		b.tokens = min(float64(l.burst), b.tokens+d.Seconds()*l.every)
		b.at = t
	}
	return b.tokens
}

// waitFor is how long until a bucket holding n holds one token.
func (l *limiter) waitFor(n float64) time.Duration {
	if n >= 1 {
		return 0
	}
	return max(time.Nanosecond, time.Duration((1-n)/l.every*float64(time.Second)))
}

// newLimiter allows burst events at once, refilled at perMinute.
func newLimiter(perMinute float64, burst int) *limiter {
	return &limiter{every: perMinute / 60, burst: burst, buckets: map[string]*bucket{}}
}

// sharedIn keeps the limiter's buckets in d, under name, when replicas
// share d.
func (l *limiter) sharedIn(d *db.DB, name string) *limiter {
	if d != nil && d.Shared() {
		l.shared, l.name = d, name
	}
	return l
}

func (l *limiter) rate() db.Rate { return db.Rate{PerSecond: l.every, Burst: l.burst} }

// take spends a token of key's bucket if it has one; when not, it says
// how long until it will. A database that does not answer lets the
// request through: what it does next needs the database too, and says so.
func (l *limiter) take(ctx context.Context, key string) (bool, time.Duration) {
	ok, wait, _ := l.reserve(ctx, key)
	return ok, wait
}

// reserve is take, with undo to give the token back (an attempt counted
// before it was checked, that turned out to succeed).
func (l *limiter) reserve(ctx context.Context, key string) (ok bool, wait time.Duration, undo func()) {
	if l.shared != nil {
		ok, wait, err := l.shared.TakeRate(ctx, l.name, key, l.rate(), l.clock())
		if err != nil {
			return true, 0, func() {}
		}
		return ok, wait, func() { l.shared.GiveRate(context.WithoutCancel(ctx), l.name, key, l.rate()) }
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	b := l.bucket(key, now)
	if n := l.refill(b, now); n < 1 {
		return false, l.waitFor(n), nil
	}
	b.tokens--
	return true, 0, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.refill(b, l.clock())
		b.tokens = min(float64(l.burst), b.tokens+1)
	}
}

// tokens is what key's bucket holds now, without spending (burst for a
// bucket never used), and how long until it holds one.
func (l *limiter) tokens(ctx context.Context, key string) (float64, time.Duration) {
	if l.shared != nil {
		n, wait, err := l.shared.PeekRate(ctx, l.name, key, l.rate(), l.clock())
		if err != nil {
			return float64(l.burst), 0
		}
		return n, wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	n := l.refill(l.bucket(key, now), now)
	return n, l.waitFor(n)
}

// bucket returns key's bucket; l.mu must be held.
func (l *limiter) bucket(key string, now time.Time) *bucket {
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.at) > time.Hour { // full again by then
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(l.burst), at: now}
		l.buckets[key] = b
	}
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
//     password or secret from its owner goes through; for passwords a
//     last allowance per target (fresh) bounds how many such new
//     addresses are heard, so many addresses do not mean many guesses.
//
// An attempt is counted before its secret is checked and given back if
// it succeeds: a burst of parallel guesses cannot all pass the check
// before the first failure is recorded. Nothing is permanent: each bucket
// refills. IPv6 addresses count by their /64 (one host often holds one).
type failures struct {
	addr, pair, target *limiter
	fresh              *limiter // nil: no allowance (secrets cannot be guessed)
}

func newFailures(d *db.DB, name string, perAddr, perPair, perTarget [2]float64) *failures {
	return &failures{
		addr:   newLimiter(perAddr[0], int(perAddr[1])).sharedIn(d, name+"-addr"),
		pair:   newLimiter(perPair[0], int(perPair[1])).sharedIn(d, name+"-pair"),
		target: newLimiter(perTarget[0], int(perTarget[1])).sharedIn(d, name+"-target"),
	}
}

// withFresh adds the last allowance per target: perHour new addresses,
// burst at once, once the target's own bucket is empty.
func (f *failures) withFresh(d *db.DB, name string, perHour float64, burst int) *failures {
	f.fresh = newLimiter(perHour/60, burst).sharedIn(d, name+"-fresh")
	return f
}

// attempt counts an attempt at target from addr before its secret is
// checked. refused says it must wait (and how long); otherwise succeeded
// must be called if the secret held, which gives the counted tokens back.
func (f *failures) attempt(ctx context.Context, target, addr string) (refused bool, wait time.Duration, succeeded func()) {
	addr = addrKey(addr)
	pair := pairKey(target, addr)
	before, _ := f.pair.tokens(ctx, pair)
	var undo []func()
	giveBack := func() {
		for _, u := range undo {
			u()
		}
	}
	ok, wait, u := f.addr.reserve(ctx, addr)
	if !ok {
		return true, wait, nil
	}
	undo = append(undo, u)
	if ok, wait, u = f.pair.reserve(ctx, pair); !ok {
		giveBack()
		return true, wait, nil
	}
	undo = append(undo, u)
	ok, twait, u := f.target.reserve(ctx, target)
	if ok {
		return false, 0, func() { giveBack(); u() }
	}
	// The target is under attack: only an address that had not failed at
	// it is heard, and for passwords only so many of those.
	wait = max(twait, time.Second)
	if before < float64(f.pair.burst) {
		giveBack()
		return true, wait, nil
	}
	if f.fresh != nil {
		ok, fwait, u := f.fresh.reserve(ctx, target)
		if !ok {
			giveBack()
			return true, max(wait, fwait), nil
		}
		undo = append(undo, u)
	}
	return false, 0, giveBack
}

// look is attempt for secrets that cannot be guessed (256 bits): it only
// reads the buckets before the check, and failed must be called if the
// secret did not hold, which counts it. Every client-credentials grant
// passes here, so the right secret costs no write (on PostgreSQL, three
// write transactions a grant); a burst of parallel wrong guesses can pass
// the look together, which for such secrets gains nothing.
func (f *failures) look(ctx context.Context, target, addr string) (refused bool, wait time.Duration, failed func()) {
	addr = addrKey(addr)
	pair := pairKey(target, addr)
	if n, wait := f.addr.tokens(ctx, addr); n < 1 {
		return true, wait, nil
	}
	p, wait := f.pair.tokens(ctx, pair)
	if p < 1 {
		return true, wait, nil
	}
	if n, twait := f.target.tokens(ctx, target); n < 1 && p < float64(f.pair.burst) {
		return true, max(twait, time.Second), nil
	}
	return false, 0, func() {
		f.addr.take(ctx, addr)
		f.pair.take(ctx, pair)
		f.target.take(ctx, target)
	}
}

// addrKey is how an address counts: IPv4 as is, IPv6 by its /64.
func addrKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Is4() || ip.Is4In6() {
		return addr
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

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
