package sshd

import (
	"net"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// addressLimiter limits connection attempts per address (IPv6 by /64,
// as the server does), before any authentication: a burst for a person
// reconnecting, then a steady trickle. The table is bounded: when full,
// buckets that have refilled (their address went quiet) are dropped.
type addressLimiter struct {
	every time.Duration
	burst int

	mu      sync.Mutex
	buckets map[netip.Prefix]*rate.Limiter
}

const maxTrackedAddresses = 10_000

func newAddressLimiter(every time.Duration, burst int) *addressLimiter {
	return &addressLimiter{every: every, burst: burst, buckets: map[netip.Prefix]*rate.Limiter{}}
}

func (l *addressLimiter) allow(addr net.Addr, now time.Time) bool {
	key, ok := addressKey(addr)
	if !ok {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxTrackedAddresses {
			for k, old := range l.buckets {
				if old.TokensAt(now) >= float64(l.burst) {
					delete(l.buckets, k)
				}
			}
			if len(l.buckets) >= maxTrackedAddresses {
				return false // a flood from many addresses: nobody new until it ebbs
			}
		}
		b = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.buckets[key] = b
	}
	return b.AllowN(now, 1)
}

func addressKey(addr net.Addr) (netip.Prefix, bool) {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return netip.Prefix{}, false
	}
	ip := ap.Addr().Unmap()
	bits := 32
	if ip.Is6() {
		bits = 64
	}
	p, err := ip.Prefix(bits)
	return p, err == nil
}

// slots bounds the sessions served at once.
type slots struct {
	mu        sync.Mutex
	used, max int
}

func (s *slots) take() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used >= s.max {
		return false
	}
	s.used++
	return true
}

func (s *slots) give() {
	s.mu.Lock()
	s.used--
	s.mu.Unlock()
}
