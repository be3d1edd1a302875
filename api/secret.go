package api

import (
	"crypto/rand"
	"errors"
	"hash/crc32"
	"strings"
)

// Client secrets look like "gecli_cs_" + 43 base62 characters (256 random
// bits) + 6 base62 characters of CRC-32 over the random part. The prefix
// lets secret scanners find a leaked secret and the checksum lets them, and
// the token endpoint, tell a real one from a typo without a database look-up
// (GitHub's token format works the same way).
const (
	SecretPrefix   = "gecli_cs_"
	secretBodyLen  = 43 // ceil(256 / log2(62))
	secretCheckLen = 6  // ceil(32 / log2(62))
	SecretLen      = len(SecretPrefix) + secretBodyLen + secretCheckLen
	base62         = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// ErrSecretFormat is a string that cannot be a gecli client secret.
var ErrSecretFormat = errors.New("client secret com formato inválido (esperado gecli_cs_…)")

// ErrSecretChecksum is a secret-shaped string whose checksum does not match:
// mistyped or truncated.
var ErrSecretChecksum = errors.New("client secret com dígito verificador inválido: foi copiado por inteiro?")

// NewSecret returns a fresh client secret.
func NewSecret() string {
	var b strings.Builder
	b.Grow(SecretLen)
	b.WriteString(SecretPrefix)
	// Rejection sampling over bytes keeps every character uniform:
	// 248 = 4*62 is the largest multiple of 62 below 256.
	buf := make([]byte, 64)
	for n := 0; n < secretBodyLen; {
		rand.Read(buf)
		for _, c := range buf {
			if c < 248 && n < secretBodyLen {
				b.WriteByte(base62[c%62])
				n++
			}
		}
	}
	body := b.String()[len(SecretPrefix):]
	b.WriteString(checksum(body))
	return b.String()
}

// CheckSecret tells a well-formed secret from garbage and typos cheaply,
// so no database work is spent on either.
func CheckSecret(s string) error {
	if len(s) != SecretLen || !strings.HasPrefix(s, SecretPrefix) {
		return ErrSecretFormat
	}
	rest := s[len(SecretPrefix):]
	for i := 0; i < len(rest); i++ {
		if strings.IndexByte(base62, rest[i]) < 0 {
			return ErrSecretFormat
		}
	}
	if checksum(rest[:secretBodyLen]) != rest[secretBodyLen:] {
		return ErrSecretChecksum
	}
	return nil
}

// SecretHint is what may be shown of a secret after it was generated: the
// prefix and its last four characters.
func SecretHint(s string) string {
	if len(s) < 4 {
		return ""
	}
	return SecretPrefix + "…" + s[len(s)-4:]
}

func checksum(body string) string {
	v := crc32.ChecksumIEEE([]byte(body))
	out := make([]byte, secretCheckLen)
	for i := secretCheckLen - 1; i >= 0; i-- {
		out[i] = base62[v%62]
		v /= 62
	}
	return string(out)
}
