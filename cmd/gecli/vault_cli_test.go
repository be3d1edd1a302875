package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/server/vault"
)

// TestVaultAndServiceCommands: keygen writes a 0600 key and never
// overwrites one; service add prints the credentials as JSON; rotate-key
// refuses a wrong current key and moves every entry under the new one.
func TestVaultAndServiceCommands(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	run := func(env []string, args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		}
		return string(out), 0
	}
	k1, k2, k3 := filepath.Join(dir, "k1"), filepath.Join(dir, "k2"), filepath.Join(dir, "k3")
	for _, k := range []string{k1, k2, k3} {
		if out, code := run(nil, "vault", "keygen", "--out", k); code != 0 {
			t.Fatalf("keygen: %d %s", code, out)
		}
	}
	if _, code := run(nil, "vault", "keygen", "--out", k1); code == 0 {
		t.Fatal("keygen overwrote a key")
	}

	dbPath := filepath.Join(dir, "s.db")
	ctx := context.Background()
	d, err := db.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Demo(ctx, d); err != nil {
		t.Fatal(err)
	}
	key1, _ := vault.LoadKeyFile(k1)
	d.SetVaultKeyCheck(ctx, key1.Check())
	id := db.VaultKey{Institution: "11222333000181", CustomerKey: "c", System: "*"}
	sealed, _ := key1.Seal(id.Identity(), []byte("segredo"))
	d.PutVaultEntry(ctx, id, sealed, key1.Check(), db.Actor{ID: "t", Name: "t"}, time.Now())
	d.Close()

	out, code := run(nil, "service", "add", "--db", dbPath, "--name", "Robô", "--institution", "11.222.333/0001-81", "--scope", "vault:resolve")
	var created server.ServiceClientCreated
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || !strings.HasPrefix(created.ClientID, "svc-robo-") || api.CheckSecret(created.ClientSecret) != nil {
		t.Fatalf("service add: %d %q", code, out)
	}
	if _, code := run(nil, "service", "add", "--db", dbPath, "--name", "x", "--institution", "11222333000181", "--scope", "admin"); code != 2 {
		t.Errorf("an unknown scope: exit %d", code)
	}

	if out, code := run(nil, "vault", "rotate-key", "--db", dbPath, "--key-file", k2, "--new-key-file", k3); code == 0 {
		t.Fatalf("rotation from the wrong key succeeded: %s", out)
	}
	raw, _ := os.ReadFile(k1)
	if out, code := run([]string{"GECLI_VAULT_KEY=" + strings.TrimSpace(string(raw))}, "vault", "rotate-key", "--db", dbPath, "--new-key-file", k2); code != 0 || !strings.Contains(out, "1 credenciais") {
		t.Fatalf("rotation: %d %s", code, out)
	}
	d, _ = db.Open(ctx, dbPath)
	defer d.Close()
	key2, _ := vault.LoadKeyFile(k2)
	got, _ := d.VaultEntry(ctx, id)
	if plain, err := key2.Open(id.Identity(), got); err != nil || string(plain) != "segredo" {
		t.Fatalf("after rotation: %q %v", plain, err)
	}
}
