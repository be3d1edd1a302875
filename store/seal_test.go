package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xorSealer stands in for gecli ssh's AES-GCM: a key byte and a tag, so
// a value sealed under another key does not open.
type xorSealer byte

func (k xorSealer) Seal(p string) (string, error) {
	b := []byte(p)
	for i := range b {
		b[i] ^= byte(k)
	}
	return "sealed:" + string(rune('a'+k)) + ":" + string(b), nil
}

func (k xorSealer) Open(s string) (string, error) {
	rest, ok := strings.CutPrefix(s, "sealed:"+string(rune('a'+k))+":")
	if !ok {
		return "", errors.New("not sealed with this key")
	}
	b := []byte(rest)
	for i := range b {
		b[i] ^= byte(k)
	}
	return string(b), nil
}

// TestSealedSessionsAreNotReadableAtRest: with a sealer the file holds no
// token in the clear, the same sealer reads the session back, and a
// cache opened without it or with another key reads as signed out.
func TestSealedSessionsAreNotReadableAtRest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.SealSessions(xorSealer(3))
	want := Session{AccessToken: "access-token-value", RefreshToken: "refresh-token-value", Expiry: time.Now().Add(time.Hour).UTC(),
		Issuer: "http://issuer", ClientID: "gecli-tui", TokenURL: "http://issuer/token"}
	if err := s.SaveSession(ctx, want); err != nil {
		t.Fatal(err)
	}
	var raw string
	if err := s.db.QueryRow("SELECT access_token || refresh_token FROM session").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw, "token-value") {
		t.Fatalf("tokens in the clear at rest: %q", raw)
	}
	got, ok, err := s.Session(ctx)
	if err != nil || !ok || got.AccessToken != want.AccessToken || got.RefreshToken != want.RefreshToken || got.Issuer != want.Issuer {
		t.Fatalf("read back: %+v %v %v", got, ok, err)
	}
	s.SealSessions(xorSealer(4))
	if _, ok, err := s.Session(ctx); ok || err != nil {
		t.Errorf("another key opened the session: %v %v", ok, err)
	}
	s.Close()
}
