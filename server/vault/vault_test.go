package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func mustKey(t *testing.T) *MasterKey {
	t.Helper()
	k, err := ParseKey(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenAndIdentityBinding(t *testing.T) {
	k := mustKey(t)
	id := Identity{Institution: "11222333000181", CustomerKey: "00000001", System: "PJE TJBA - 1º grau"}
	s, err := k.Seal(id, []byte("Senha123"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(s.Ciphertext, []byte("Senha123")) || bytes.Contains(s.WrappedKey, []byte("Senha123")) {
		t.Fatal("plaintext visible in the sealed entry")
	}
	got, err := k.Open(id, s)
	if err != nil || string(got) != "Senha123" {
		t.Fatalf("open: %q %v", got, err)
	}
	for name, other := range map[string]Identity{
		"another institution": {Institution: "12ABC34501DE35", CustomerKey: id.CustomerKey, System: id.System},
		"another customer":    {Institution: id.Institution, CustomerKey: "00000002", System: id.System},
		"another system":      {Institution: id.Institution, CustomerKey: id.CustomerKey, System: "*"},
	} {
		if _, err := k.Open(other, s); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: a moved row opened (%v)", name, err)
		}
	}
	// Swapping the data keys of two entries fails too.
	s2, _ := k.Seal(Identity{Institution: id.Institution, CustomerKey: "00000002", System: id.System}, []byte("Outra"))
	if _, err := k.Open(id, Sealed{KeyID: s.KeyID, WrappedKey: s2.WrappedKey, Ciphertext: s.Ciphertext}); !errors.Is(err, ErrOpen) {
		t.Errorf("swapped data key: %v", err)
	}
	if _, err := mustKey(t).Open(id, s); !errors.Is(err, ErrOpen) {
		t.Errorf("wrong master key: %v", err)
	}
}

func TestRewrapKeepsTheEntry(t *testing.T) {
	old, next := mustKey(t), mustKey(t)
	id := Identity{Institution: "1", CustomerKey: "a", System: "*"}
	s, _ := old.Seal(id, []byte("segredo"))
	r, err := old.Rewrap(id, s, next)
	if err != nil || r.KeyID != next.ID || !bytes.Equal(r.Ciphertext, s.Ciphertext) {
		t.Fatalf("rewrap: %+v %v", r, err)
	}
	if got, err := next.Open(id, r); err != nil || string(got) != "segredo" {
		t.Fatalf("open after rotation: %q %v", got, err)
	}
	if _, err := old.Open(id, r); err == nil {
		t.Fatal("the old key still opens a rewrapped entry")
	}
}

func TestKeyFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vault.key")
	if err := WriteKeyFile(path); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v", info.Mode().Perm())
	}
	if err := WriteKeyFile(path); err == nil {
		t.Fatal("an existing key was overwritten")
	}
	k, err := LoadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := LoadKeyFile(path)
	if k.ID != again.ID || k.Check() != again.Check() || k.Check() == mustKey(t).Check() {
		t.Fatal("id and check must identify the key")
	}
	os.Chmod(path, 0o644)
	if _, err := LoadKeyFile(path); err == nil {
		t.Fatal("a world-readable key file was accepted")
	}
	for _, bad := range []string{"", "abc", NewKey()[:20]} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}
