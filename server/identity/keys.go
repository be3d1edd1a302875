package identity

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gecli/gecli/server/db"
)

// Keys holds the embedded issuer's ES256 keys. They live in the database
// (so every replica signs and verifies with the same ones); this struct
// only caches them and reloads when it meets a kid it does not know, which
// is how a key added by another replica or by rotation is picked up.
type Keys struct {
	db   *db.DB
	mu   sync.RWMutex
	keys []jose.JSONWebKey // newest first; [0] signs
}

// LoadKeys loads the signing keys, creating the first one if none exists.
func LoadKeys(ctx context.Context, d *db.DB) (*Keys, error) {
	k := &Keys{db: d}
	if err := k.reload(ctx); err != nil {
		return nil, err
	}
	if len(k.keys) == 0 {
		if err := k.Rotate(ctx); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// Rotate adds a new signing key; older keys keep verifying.
func (k *Keys) Rotate(ctx context.Context) error {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	jwk := jose.JSONWebKey{Key: &priv.PublicKey, Algorithm: string(jose.ES256), Use: "sig"}
	thumb, err := jwk.Thumbprint(cryptoSHA256)
	if err != nil {
		return err
	}
	kid := fmt.Sprintf("%x", thumb[:8])
	if err := k.db.AddSigningKey(ctx, db.SigningKey{KID: kid, Alg: string(jose.ES256), PrivateDER: der, CreatedAt: time.Now()}); err != nil {
		return fmt.Errorf("store signing key: %w", err)
	}
	return k.reload(ctx)
}

func (k *Keys) reload(ctx context.Context) error {
	stored, err := k.db.SigningKeys(ctx)
	if err != nil {
		return fmt.Errorf("load signing keys: %w", err)
	}
	keys := make([]jose.JSONWebKey, 0, len(stored))
	for _, s := range stored {
		priv, err := x509.ParsePKCS8PrivateKey(s.PrivateDER)
		if err != nil {
			return fmt.Errorf("signing key %s: %w", s.KID, err)
		}
		keys = append(keys, jose.JSONWebKey{Key: priv, KeyID: s.KID, Algorithm: s.Alg, Use: "sig"})
	}
	k.mu.Lock()
	k.keys = keys
	k.mu.Unlock()
	return nil
}

// signer returns the current signing key.
func (k *Keys) signer() (jose.JSONWebKey, error) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if len(k.keys) == 0 {
		return jose.JSONWebKey{}, errors.New("no signing key")
	}
	return k.keys[0], nil
}

// JWKS is the public key set served at /oauth2/jwks.
func (k *Keys) JWKS() jose.JSONWebKeySet {
	k.mu.RLock()
	defer k.mu.RUnlock()
	set := jose.JSONWebKeySet{Keys: make([]jose.JSONWebKey, 0, len(k.keys))}
	for _, key := range k.keys {
		set.Keys = append(set.Keys, key.Public())
	}
	return set
}

// VerifySignature implements go-oidc's KeySet over our keys: it checks the
// JWS signature with the key named by its kid, reloading once from the
// database when the kid is unknown.
func (k *Keys) VerifySignature(ctx context.Context, raw string) ([]byte, error) {
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.ES256}) // a JWT is always compact (RFC 7519 §1)
	if err != nil {
		return nil, fmt.Errorf("malformed token: %w", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("token must have exactly one signature")
	}
	kid := jws.Signatures[0].Header.KeyID
	for attempt := 0; attempt < 2; attempt++ {
		if key, ok := k.public(kid); ok {
			return jws.Verify(key)
		}
		if attempt == 0 {
			if err := k.reload(ctx); err != nil {
				return nil, err
			}
		}
	}
	return nil, fmt.Errorf("unknown signing key %q", kid)
}

func (k *Keys) public(kid string) (jose.JSONWebKey, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, key := range k.keys {
		if key.KeyID == kid {
			return key.Public(), true
		}
	}
	return jose.JSONWebKey{}, false
}
