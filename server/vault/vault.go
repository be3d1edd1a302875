// Package vault is the credential vault's envelope encryption: every entry
// is sealed with its own AES-256-GCM data key, and that data key is sealed
// (wrapped) with the master key. Both seals bind the entry's identity
// (institution, customer_key, system) as associated data, so a row copied
// to another identity fails to open instead of leaking.
package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// KeySize is the master key's length: 32 random bytes (AES-256).
const KeySize = 32

// ErrOpen is a sealed entry that does not open: wrong master key, or the
// row was moved to another identity, or it was tampered with.
var ErrOpen = errors.New("vault: entry does not open with this key and identity")

// MasterKey wraps data keys. ID names it without revealing it, so rows say
// which key wrapped them.
type MasterKey struct {
	aead cipher.AEAD
	mac  []byte
	ID   string
}

// NewKey returns a fresh master key in its text form (base64).
func NewKey() string {
	b := make([]byte, KeySize)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// ParseKey reads a master key in its text form.
func ParseKey(text string) (*MasterKey, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(raw) != KeySize {
		return nil, fmt.Errorf("chave mestra inválida: esperados %d bytes aleatórios em base64 (gecli vault keygen gera uma)", KeySize)
	}
	aead, err := newAEAD(raw)
	if err != nil {
		return nil, err
	}
	// The ID and the check value come from an HMAC of the key, never from
	// the key itself.
	mac := hmac.New(sha256.New, raw)
	mac.Write([]byte("gecli vault key id"))
	id := hex.EncodeToString(mac.Sum(nil))[:16]
	return &MasterKey{aead: aead, mac: raw, ID: id}, nil
}

// LoadKeyFile reads a master key from a file that only its owner can read.
func LoadKeyFile(path string) (*MasterKey, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("chave mestra: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("chave mestra %s: permissões %v abertas demais; use chmod 600", path, info.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chave mestra: %w", err)
	}
	return ParseKey(string(b))
}

// WriteKeyFile writes a fresh master key to path (mode 0600), refusing to
// overwrite an existing file: losing a key loses every entry it wraps.
func WriteKeyFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("gravar a chave mestra: %w", err)
	}
	if _, err := f.WriteString(NewKey() + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Check is a value stored beside the entries: a key that does not produce
// it is the wrong key, and the vault stays locked instead of writing rows
// no one could open.
func (k *MasterKey) Check() string {
	mac := hmac.New(sha256.New, k.mac)
	mac.Write([]byte("gecli vault key check v1"))
	return hex.EncodeToString(mac.Sum(nil))
}

// Identity is what an entry is bound to.
type Identity struct{ Institution, CustomerKey, System string }

// aad encodes the identity without ambiguity (length-prefixed fields).
func (id Identity) aad() []byte {
	var out []byte
	for _, f := range []string{"gecli-vault-v1", id.Institution, id.CustomerKey, id.System} {
		out = binary.BigEndian.AppendUint32(out, uint32(len(f)))
		out = append(out, f...)
	}
	return out
}

// Sealed is an entry at rest.
type Sealed struct {
	KeyID      string
	WrappedKey []byte // nonce || AES-GCM(master, data key)
	Ciphertext []byte // nonce || AES-GCM(data key, plaintext)
}

// Seal encrypts plaintext under a fresh data key and wraps that key.
func (k *MasterKey) Seal(id Identity, plaintext []byte) (Sealed, error) {
	dek := make([]byte, KeySize)
	rand.Read(dek)
	defer clear(dek)
	data, err := newAEAD(dek)
	if err != nil {
		return Sealed{}, err
	}
	aad := id.aad()
	return Sealed{KeyID: k.ID, WrappedKey: seal(k.aead, dek, aad), Ciphertext: seal(data, plaintext, aad)}, nil
}

// Open decrypts an entry sealed for id.
func (k *MasterKey) Open(id Identity, s Sealed) ([]byte, error) {
	aad := id.aad()
	dek, err := open(k.aead, s.WrappedKey, aad)
	if err != nil {
		return nil, ErrOpen
	}
	defer clear(dek)
	data, err := newAEAD(dek)
	if err != nil {
		return nil, err
	}
	plain, err := open(data, s.Ciphertext, aad)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

// Rewrap moves an entry's data key from k to next; the ciphertext is
// untouched, so rotation never handles plaintext.
func (k *MasterKey) Rewrap(id Identity, s Sealed, next *MasterKey) (Sealed, error) {
	aad := id.aad()
	dek, err := open(k.aead, s.WrappedKey, aad)
	if err != nil {
		return Sealed{}, ErrOpen
	}
	defer clear(dek)
	return Sealed{KeyID: next.ID, WrappedKey: seal(next.aead, dek, aad), Ciphertext: s.Ciphertext}, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func seal(a cipher.AEAD, plain, aad []byte) []byte {
	nonce := make([]byte, a.NonceSize())
	rand.Read(nonce)
	return a.Seal(nonce, nonce, plain, aad)
}

func open(a cipher.AEAD, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < a.NonceSize() {
		return nil, ErrOpen
	}
	return a.Open(nil, sealed[:a.NonceSize()], sealed[a.NonceSize():], aad)
}
