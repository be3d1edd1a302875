package identity

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
)

// Sign signs payload with the current signing key (ES256: the SHA-256 of
// payload, r‖s, base64url) and names the key. The audit's checkpoints use
// it; anyone with the JWKS can check them.
func (k *Keys) Sign(payload []byte) (kid, sig string, err error) {
	key, err := k.signer()
	if err != nil {
		return "", "", err
	}
	priv, ok := key.Key.(*ecdsa.PrivateKey)
	if !ok {
		return "", "", errors.New("signing key is not ECDSA")
	}
	sum := sha256.Sum256(payload)
	r, s, err := ecdsa.Sign(rand.Reader, priv, sum[:])
	if err != nil {
		return "", "", err
	}
	out := make([]byte, 64)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return key.KeyID, base64.RawURLEncoding.EncodeToString(out), nil
}

// Verify checks a signature made by Sign with key kid.
func (k *Keys) Verify(ctx context.Context, kid string, payload []byte, sig string) error {
	key, ok := k.public(kid)
	if !ok {
		if err := k.reload(ctx); err != nil {
			return err
		}
		if key, ok = k.public(kid); !ok {
			return fmt.Errorf("unknown signing key %q", kid)
		}
	}
	pub, ok := key.Key.(*ecdsa.PublicKey)
	if !ok {
		return errors.New("signing key is not ECDSA")
	}
	raw, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || len(raw) != 64 {
		return errors.New("malformed signature")
	}
	sum := sha256.Sum256(payload)
	if !ecdsa.Verify(pub, sum[:], new(big.Int).SetBytes(raw[:32]), new(big.Int).SetBytes(raw[32:])) {
		return errors.New("signature does not match")
	}
	return nil
}
