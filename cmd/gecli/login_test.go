package main

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestLoginWhoamiLogout runs the real binary's device flow against a real
// server: login prints the code, a person approves it in the browser,
// whoami shows the profile, logout revokes and forgets the tokens.
func TestLoginWhoamiLogout(t *testing.T) {
	bin := buildBinary(t)
	b := testbackend.Start(t, "127.0.0.1:0", "")
	cache := filepath.Join(t.TempDir(), "cache.db")
	args := []string{"--server", b.URL, "--cache", cache}

	login := exec.Command(bin, append([]string{"login", "--no-qr"}, args...)...)
	out, err := login.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := login.Start(); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`^\s+([A-Z]{4}-[A-Z]{4})$`)
	scanner := bufio.NewScanner(out)
	var printed strings.Builder
	for scanner.Scan() {
		printed.WriteString(scanner.Text() + "\n")
		if m := code.FindStringSubmatch(scanner.Text()); m != nil {
			if status := b.Approve(t, m[1], "solicitante", "demo-solicitante", "approve"); status != 200 {
				t.Fatalf("approve: %d", status)
			}
			break
		}
	}
	done := make(chan error, 1)
	go func() {
		for scanner.Scan() {
			printed.WriteString(scanner.Text() + "\n")
		}
		done <- login.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("login: %v\n%s", err, printed.String())
		}
	case <-time.After(30 * time.Second):
		login.Process.Kill()
		t.Fatalf("login did not finish:\n%s", printed.String())
	}
	if !strings.Contains(printed.String(), b.URL+"/device") || !strings.Contains(printed.String(), "entrou como Ana Souza") {
		t.Errorf("login output:\n%s", printed.String())
	}

	who, err := exec.Command(bin, append([]string{"whoami"}, args...)...).CombinedOutput()
	if err != nil || !strings.Contains(string(who), "Solicitante") || !strings.Contains(string(who), "12.ABC.345/01DE-35") {
		t.Fatalf("whoami: %v\n%s", err, who)
	}
	if out, err := exec.Command(bin, append([]string{"logout"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("logout: %v\n%s", err, out)
	}
	who, err = exec.Command(bin, append([]string{"whoami"}, args...)...).CombinedOutput()
	if err == nil || !strings.Contains(string(who), "gecli login") {
		t.Fatalf("whoami after logout should ask to sign in: %v\n%s", err, who)
	}
}

func TestUserCommands(t *testing.T) {
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "s.db")
	add := func(stdin string, extra ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"user", "add", "--db", dbPath, "--password-stdin"}, extra...)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	ok := []string{"--username", "maria", "--name", "Maria Silva", "--cpf", "529.982.247-25", "--role", "requester",
		"--institution", "12.ABC.345/01DE-35=Defensoria Exemplo"}
	if out, err := add("senha-forte-123\n", ok...); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if out, err := add("senha-forte-123\n", ok...); err == nil || !strings.Contains(out, "already exists") && !strings.Contains(out, "maria") {
		t.Errorf("duplicate user accepted: %s", out)
	}
	bad := []string{"--username", "X", "--name", "", "--cpf", "111.111.111-11", "--role", "chefe"}
	out, err := add("x\n", bad...)
	if ee, isExit := err.(*exec.ExitError); !isExit || ee.ExitCode() != 2 {
		t.Errorf("bad user add: %v", err)
	}
	for _, want := range []string{"--username", "--name", "--cpf", "--role"} {
		if !strings.Contains(out, want) {
			t.Errorf("the error does not name %s: %s", want, out)
		}
	}
	if out, err := add("curta\n", "--username", "joao", "--name", "João", "--cpf", "52998224725", "--role", "admin"); err == nil {
		t.Errorf("short password accepted: %s", out)
	}
	list, _ := exec.Command(bin, "user", "list", "--db", dbPath).CombinedOutput()
	if !strings.Contains(string(list), "maria") || !strings.Contains(string(list), "12.ABC.345/01DE-35") {
		t.Errorf("user list:\n%s", list)
	}
	if out, err := exec.Command(bin, "user", "disable", "--db", dbPath, "--username", "maria").CombinedOutput(); err != nil {
		t.Fatalf("disable: %v %s", err, out)
	}
	list, _ = exec.Command(bin, "user", "list", "--db", dbPath).CombinedOutput()
	if !strings.Contains(string(list), "desativado") {
		t.Errorf("disabled user not shown as such:\n%s", list)
	}
}
