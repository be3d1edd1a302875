package sshd

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// sealer seals one key's session tokens with AES-256-GCM under a key
// derived from the host key, the fingerprint as associated data: a cache
// file copied elsewhere, or moved under another fingerprint, opens
// nothing. A new host key signs everyone out, which is what it should do.
type sealer struct {
	aead        cipher.AEAD
	fingerprint string
}

const sealPrefix = "v1."

func sealingKey(hostKey []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, hostKey, nil, "gecli ssh: sessions kept per key", 32)
}

func newSealer(key []byte, fingerprint string) (*sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead, fingerprint: fingerprint}, nil
}

func (s *sealer) Seal(plain string) (string, error) {
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(s.fingerprint))
	return sealPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

var errNotSealed = errors.New("sshd: not a session sealed by this host for this key")

func (s *sealer) Open(sealed string) (string, error) {
	rest, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return "", errNotSealed
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errNotSealed
	}
	plain, err := s.aead.Open(nil, b[:s.aead.NonceSize()], b[s.aead.NonceSize():], []byte(s.fingerprint))
	if err != nil {
		return "", errNotSealed
	}
	return string(plain), nil
}
