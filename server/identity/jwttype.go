package identity

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
)

// AccessTokenType is the JOSE "typ" of this server's access tokens
// (RFC 9068 §2.1): strict clients and resource servers (panva's
// oauth4webapi, for one) refuse an access token typed plain "JWT", and it
// keeps an access token from passing for another kind of JWT.
const AccessTokenType = "at+jwt"

// typed says whether raw's JOSE header names it an access token (RFC 9068
// §4: "at+jwt" or "application/at+jwt", case-insensitively).
func typed(raw string) bool {
	head, _, ok := strings.Cut(raw, ".")
	if !ok {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		return false
	}
	var h struct {
		Typ string `json:"typ"`
	}
	if json.Unmarshal(b, &h) != nil {
		return false
	}
	typ := strings.ToLower(h.Typ)
	return typ == AccessTokenType || typ == "application/"+AccessTokenType
}

// BearerToken is the token of an "Authorization: Bearer …" header. The
// scheme is case-insensitive (RFC 7235 §2.1: "bearer" and "BEARER" too).
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimLeft(token, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || strings.ContainsAny(token, " \t") {
		return "", false
	}
	return token, true
}
