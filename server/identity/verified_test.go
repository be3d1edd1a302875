package identity

import (
	"testing"
	"time"
)

// TestTheVerifiedCacheStaysBounded: past its size the cache sweeps what
// expired and, if still full, starts over; it never grows without bound.
func TestTheVerifiedCacheStaysBounded(t *testing.T) {
	v := newVerified[Client]()
	live := time.Now().Add(time.Minute)
	for i := range maxVerified {
		var k [32]byte
		k[0], k[1], k[2] = byte(i), byte(i>>8), byte(i>>16)
		exp := live
		if i%2 == 0 {
			exp = time.Now().Add(-time.Second) // expired
		}
		v.tokens[k] = entry[Client]{Client{}, exp}
	}
	v.remember([32]byte{0xff, 0xff, 0xff, 0xff}, Client{}, live)
	if n := len(v.tokens); n > maxVerified/2+1 {
		t.Fatalf("expired tokens were not swept: %d kept", n)
	}
	for len(v.tokens) < maxVerified {
		var k [32]byte
		k[3], k[4], k[5] = byte(len(v.tokens)), byte(len(v.tokens)>>8), byte(len(v.tokens)>>16)
		k[6] = 1
		v.tokens[k] = entry[Client]{Client{}, live}
	}
	v.remember([32]byte{0xee}, Client{}, live)
	if n := len(v.tokens); n != 1 {
		t.Fatalf("a cache full of live tokens must start over: %d kept", n)
	}
}
