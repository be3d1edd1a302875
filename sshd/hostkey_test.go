package sshd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTheHostKeyIsMadeOnceAndKeptPrivate: created 0600 on the first
// start, the same key on the next (clients pinned it), and a key others
// may read is refused.
func TestTheHostKeyIsMadeOnceAndKeptPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "host_key")
	first, _, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode: %v %v", st.Mode(), err)
	}
	again, _, err := loadHostKey(path)
	if err != nil || string(again.PublicKey().Marshal()) != string(first.PublicKey().Marshal()) {
		t.Fatalf("the host key changed on the second start: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a readable host key: %v", err)
	}
}
