package identity

import (
	"crypto/sha256"
	"sync"
	"time"
)

// verified remembers tokens whose signature checked out, until they
// expire: a client calls many times with one token, and neither its
// signature nor its claims can change. What can (a request revoked, a
// person's session ended) is checked by the caller on every call.
type verified[T any] struct {
	mu     sync.RWMutex
	tokens map[[32]byte]entry[T]
}

type entry[T any] struct {
	value  T
	expiry time.Time
}

// maxVerified bounds each cache; beyond it, expired tokens are swept, and
// if that is not enough the cache starts over.
const maxVerified = 100_000

func newVerified[T any]() *verified[T] {
	return &verified[T]{tokens: map[[32]byte]entry[T]{}}
}

// lookup returns what raw was verified as, if it was and has not expired.
func (v *verified[T]) lookup(raw string) (T, [32]byte, bool) {
	key := sha256.Sum256([]byte(raw))
	v.mu.RLock()
	e, ok := v.tokens[key]
	v.mu.RUnlock()
	if ok && time.Now().Before(e.expiry) {
		return e.value, key, true
	}
	var zero T
	return zero, key, false
}

func (v *verified[T]) remember(key [32]byte, value T, expiry time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.tokens) >= maxVerified {
		now := time.Now()
		for k, e := range v.tokens {
			if !now.Before(e.expiry) {
				delete(v.tokens, k)
			}
		}
		if len(v.tokens) >= maxVerified {
			clear(v.tokens)
		}
	}
	v.tokens[key] = entry[T]{value, expiry}
}
