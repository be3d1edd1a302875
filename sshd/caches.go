package sshd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sync"

	"github.com/gecli/gecli/store"
)

// caches are the TUI caches of gecli ssh, one per public key: a person's
// requests, drafts and sealed session stay theirs, and the next
// connection with the same key finds them. Two sessions of one key at
// once share one open cache.
type caches struct {
	dir        string
	sealingKey []byte

	mu   sync.Mutex
	open map[string]*openCache
}

type openCache struct {
	store *store.Store
	users int
}

func newCaches(dir string, sealingKey []byte) *caches {
	return &caches{dir: dir, sealingKey: sealingKey, open: map[string]*openCache{}}
}

// pathOf names a key's cache by a hash of its fingerprint (a fingerprint
// has characters no file name should).
func (c *caches) pathOf(fingerprint string) string {
	sum := sha256.Sum256([]byte(fingerprint))
	return filepath.Join(c.dir, "keys", hex.EncodeToString(sum[:16])+".db")
}

// acquire opens (or shares) the cache of fingerprint; release closes it
// when the last session of that key ends.
func (c *caches) acquire(ctx context.Context, fingerprint string) (*store.Store, func(), error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	oc, ok := c.open[fingerprint]
	if !ok {
		sl, err := newSealer(c.sealingKey, fingerprint)
		if err != nil {
			return nil, nil, err
		}
		s, err := store.Open(ctx, c.pathOf(fingerprint))
		if err != nil {
			return nil, nil, err
		}
		s.SealSessions(sl)
		oc = &openCache{store: s}
		c.open[fingerprint] = oc
	}
	oc.users++
	var once sync.Once
	return oc.store, func() { once.Do(func() { c.release(fingerprint) }) }, nil
}

func (c *caches) release(fingerprint string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	oc := c.open[fingerprint]
	if oc == nil {
		return
	}
	if oc.users--; oc.users == 0 {
		oc.store.Close()
		delete(c.open, fingerprint)
	}
}

// closeAll closes every cache still open (the server stops).
func (c *caches) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for fp, oc := range c.open {
		oc.store.Close()
		delete(c.open, fp)
	}
}
