package sshd

import (
	"net"
	"testing"
	"time"
)

// TestConnectionAttemptsAreLimitedPerAddress: a burst, then one per
// interval; another address (and another /64) has its own allowance,
// while the addresses of one /64 share theirs.
func TestConnectionAttemptsAreLimitedPerAddress(t *testing.T) {
	l := newAddressLimiter(3*time.Second, 3)
	now := time.Now()
	a := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 1}
	for i := range 3 {
		if !l.allow(a, now) {
			t.Fatalf("attempt %d of the burst refused", i+1)
		}
	}
	if l.allow(a, now) {
		t.Error("a fourth attempt at once was let in")
	}
	if !l.allow(&net.TCPAddr{IP: net.ParseIP("192.0.2.11"), Port: 1}, now) {
		t.Error("another address was refused")
	}
	if !l.allow(a, now.Add(3*time.Second)) {
		t.Error("the address was not let in again after the interval")
	}
	six := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 1} }
	for range 3 {
		l.allow(six("2001:db8:1:1::1"), now)
	}
	if l.allow(six("2001:db8:1:1::ffff"), now) {
		t.Error("a neighbour in the same /64 had a fresh allowance")
	}
	if !l.allow(six("2001:db8:1:2::1"), now) {
		t.Error("another /64 was refused")
	}
}
