package identity

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	_ "crypto/sha256" // registers SHA-256 for JWK thumbprints
)

const cryptoSHA256 = crypto.SHA256

// randomToken returns prefix + 256 random bits, base64url.
func randomToken(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand: Read panics on failure)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is how secrets are stored: only their SHA-256.
func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// userCodeAlphabet has no vowels (no words) and no look-alikes (0/O, 1/I/L,
// 5/S, 2/Z...): RFC 8628 6.1's advice for codes read aloud or retyped.
const userCodeAlphabet = "BCDFGHJKMNPQRTVWXY"

// newUserCode returns a code like "BDKM-QRTX" (8 of 18 letters: 33 bits,
// enough with a 10-minute life and rate-limited guessing).
func newUserCode() string {
	const limit = 256 - 256%len(userCodeAlphabet) // rejection sampling: no modulo bias
	out := make([]byte, 0, 9)
	b := make([]byte, 1)
	for len(out) < 9 {
		if len(out) == 4 {
			out = append(out, '-')
		}
		rand.Read(b)
		if int(b[0]) < limit {
			out = append(out, userCodeAlphabet[int(b[0])%len(userCodeAlphabet)])
		}
	}
	return string(out)
}

// NormalizeUserCode accepts what people type: lower case, spaces, no dash.
func NormalizeUserCode(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:]
}

// HashSecret is how the server stores client secrets: their SHA-256, hex.
func HashSecret(s string) string { return hashToken(s) }
