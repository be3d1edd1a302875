package identity

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

func TestPasswordHashing(t *testing.T) {
	h, err := HashPassword("correta horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") || strings.Contains(h, "correta") {
		t.Fatalf("hash %q", h)
	}
	if ok, _ := CheckPassword(h, "correta horse battery"); !ok {
		t.Error("right password refused")
	}
	if ok, _ := CheckPassword(h, "correta horse batterY"); ok {
		t.Error("wrong password accepted")
	}
	if h2, _ := HashPassword("correta horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if _, err := CheckPassword("$2a$10$bcrypt", "x"); err == nil {
		t.Error("unknown hash format accepted")
	}
}

func TestUserCodes(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		c := newUserCode()
		if !userCodePattern.MatchString(c) {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 195 {
		t.Errorf("only %d distinct codes in 200", len(seen))
	}
	if NormalizeUserCode(" bcdf ghjk") != "BCDF-GHJK" || NormalizeUserCode("bcdfghjk") != "BCDF-GHJK" {
		t.Error("typed codes are not normalised")
	}
}

// TestKeyRotation: after a rotation new tokens carry the new kid and
// tokens signed before still verify; the JWKS lists both keys.
func TestKeyRotation(t *testing.T) {
	ctx := context.Background()
	is, keys, d := testIssuer(t)
	v := NewEmbeddedVerifier("http://gecli.test", "gecli", keys)
	u := db.User{ID: "u-1", Username: "ana", Name: "Ana", Role: api.RoleRequester}
	before, _ := is.AccessToken(u, "gecli-tui")
	if err := keys.Rotate(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := is.AccessToken(u, "gecli-tui")
	if len(keys.JWKS().Keys) != 2 {
		t.Fatalf("JWKS has %d keys after rotation", len(keys.JWKS().Keys))
	}
	for name, tok := range map[string]string{"before": before, "after": after} {
		p, err := v.Verify(ctx, tok)
		if err != nil || p.Username != "ana" || !p.HasRole(api.RoleRequester) {
			t.Errorf("token signed %s rotation: %+v %v", name, p, err)
		}
	}
	// Another replica that loaded the keys earlier picks up the new kid.
	stale, _ := LoadKeys(ctx, d)
	stale.keys = stale.keys[1:] // as if loaded before the rotation
	if _, err := NewEmbeddedVerifier("http://gecli.test", "gecli", stale).Verify(ctx, after); err != nil {
		t.Errorf("a replica with stale keys refused a new token: %v", err)
	}
	for _, k := range keys.JWKS().Keys {
		if !k.IsPublic() || k.KeyID == "" {
			t.Errorf("JWKS leaks a private key or lacks kid: %+v", k)
		}
	}
}

func TestClaimMapping(t *testing.T) {
	roles, err := ParseRoleMap("Solicitante=requester, Chefe=admin")
	if err != nil || roles["Chefe"] != api.RoleAdmin || roles["Solicitante"] != api.RoleRequester {
		t.Fatalf("%v %v", roles, err)
	}
	if _, err := ParseRoleMap("Chefe=rei"); err == nil {
		t.Error("unknown gecli role accepted")
	}
}

// testIssuer is an embedded issuer for http://gecli.test over a fresh
// database, with its keys.
func testIssuer(t *testing.T) (*Issuer, *Keys, *db.DB) {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	keys, err := LoadKeys(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return NewIssuer("http://gecli.test", "gecli", keys, d), keys, d
}
