package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestInstitutionsCommand: an administrator's session registers, lists
// and deactivates institutions from the command line, in JSON for
// scripts; a requester is told the permission it lacks; bad input exits 2.
func TestInstitutionsCommand(t *testing.T) {
	bin := buildBinary(t)
	b := testbackend.Start(t, "127.0.0.1:0", "")
	session := func(username string) []string {
		cache := filepath.Join(t.TempDir(), "cache.db")
		s, err := store.Open(context.Background(), cache)
		if err != nil {
			t.Fatal(err)
		}
		b.SignIn(t, s, username)
		s.Close()
		return []string{"--server", b.URL, "--cache", cache}
	}
	admin := session("admin")
	gecli := func(args ...string) (string, int) {
		out, err := exec.Command(bin, args...).CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return string(out), code
	}

	out, code := gecli(append([]string{"institutions", "create", "--cnpj", "11.444.777/0001-61", "--name", "Tribunal Regional", "--json"}, admin...)...)
	var created api.InstitutionEntry
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || created.CNPJ != "11444777000161" || !created.Active {
		t.Fatalf("create: %d %s", code, out)
	}
	out, code = gecli(append([]string{"institutions", "update", "11444777000161", "--active=false"}, admin...)...)
	if code != 0 || !strings.Contains(out, "inativa") {
		t.Fatalf("deactivate: %d %s", code, out)
	}
	out, code = gecli(append([]string{"institutions", "update", "11444777000161", "--name", "TRF Exemplo", "--json"}, admin...)...)
	var renamed api.InstitutionEntry
	if code != 0 || json.Unmarshal([]byte(out), &renamed) != nil || renamed.Name != "TRF Exemplo" || renamed.Active {
		t.Fatalf("rename keeps the state: %d %s", code, out)
	}
	out, code = gecli(append([]string{"institutions", "list", "--q", "trf"}, admin...)...)
	if code != 0 || !strings.Contains(out, "11.444.777/0001-61") || !strings.Contains(out, "inativa") {
		t.Fatalf("list: %d %s", code, out)
	}
	if out, code = gecli(append([]string{"institutions", "list"}, session("solicitante")...)...); code == 0 || !strings.Contains(out, "users:admin") {
		t.Errorf("a requester: %d %s", code, out)
	}
	if out, code = gecli(append([]string{"institutions", "create", "--cnpj", "11444777000100", "--name", "X"}, admin...)...); code == 0 || !strings.Contains(out, "CNPJ") {
		t.Errorf("a wrong check digit: %d %s", code, out)
	}
	for _, args := range [][]string{{"institutions"}, {"institutions", "drop"}, {"institutions", "update"}} {
		if _, code := gecli(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
