package identity

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// TestAccessTokensAreTypedAndComplete: RFC 9068: the header says at+jwt
// and the claims carry iss, exp, aud, sub, client_id, iat and jti; a
// token signed by the same key but typed plain JWT is refused, for a
// person's token and a client's.
func TestAccessTokensAreTypedAndComplete(t *testing.T) {
	ctx := context.Background()
	is, keys, _ := testIssuer(t)
	person, _ := is.AccessToken(db.User{ID: "u-1", Username: "ana", Name: "Ana", Role: api.RoleRequester}, "gecli-tui")
	client, _ := is.ClientToken(Client{ClientID: "hmg-x-1", Institution: "11222333000181", APIID: "x", Environment: "hmg"})
	for name, raw := range map[string]string{"person": person, "client": client.AccessToken} {
		parts := strings.Split(raw, ".")
		var head map[string]any
		var claims map[string]any
		h, _ := base64.RawURLEncoding.DecodeString(parts[0])
		c, _ := base64.RawURLEncoding.DecodeString(parts[1])
		json.Unmarshal(h, &head)
		json.Unmarshal(c, &claims)
		if head["typ"] != "at+jwt" {
			t.Errorf("%s: typ %v, want at+jwt", name, head["typ"])
		}
		for _, claim := range []string{"iss", "exp", "aud", "sub", "client_id", "iat", "jti"} {
			if claims[claim] == nil || claims[claim] == "" {
				t.Errorf("%s: no %s claim in %s", name, claim, c)
			}
		}
	}
	if _, err := NewEmbeddedVerifier("http://gecli.test", "gecli", keys).Verify(ctx, person); err != nil {
		t.Fatalf("our own person token: %v", err)
	}
	if _, err := NewClientVerifier("http://gecli.test", keys).Verify(ctx, client.AccessToken); err != nil {
		t.Fatalf("our own client token: %v", err)
	}

	// The same claims, the same key, typed JWT.
	retyped := func(raw string) string {
		key, _ := keys.signer()
		signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithType("JWT"))
		payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(raw, ".")[1])
		jws, _ := signer.Sign(payload)
		out, _ := jws.CompactSerialize()
		return out
	}
	// Refused as expired: one of ours from before the rule (a rolling
	// upgrade) is refreshed, not a reason to sign in again.
	if _, err := NewEmbeddedVerifier("http://gecli.test", "gecli", keys).Verify(ctx, retyped(person)); !errors.Is(err, ErrTokenExpired) {
		t.Errorf("a person token typed JWT: %v, want refused as expired", err)
	}
	if _, err := NewClientVerifier("http://gecli.test", keys).Verify(ctx, retyped(client.AccessToken)); !errors.Is(err, ErrTokenExpired) {
		t.Errorf("a client token typed JWT: %v, want refused as expired", err)
	}
}

// TestTheBearerSchemeIsCaseInsensitive: RFC 7235 §2.1.
func TestTheBearerSchemeIsCaseInsensitive(t *testing.T) {
	for header, want := range map[string]string{
		"Bearer abc": "abc", "bearer abc": "abc", "BEARER abc": "abc", "Bearer   abc": "abc",
		"Basic abc": "", "Bearer": "", "Bearer ": "", "Bearer a b": "", "": "", "Bearerabc": "",
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", header)
		got, ok := BearerToken(r)
		if got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", header, got, ok, want)
		}
	}
}
