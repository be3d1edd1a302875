package main

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	testbackend "github.com/gecli/gecli/testkit/backend"
)

// startSSH runs `gecli ssh` in front of base and waits for its port.
func startSSH(t *testing.T, bin, base, data string) string {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "ssh", "--addr", addr, "--server", base, "--data", data)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("gecli ssh on %s did not start", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestAnEvaluatorWorksOverSSH is an evaluator on a jump host with the real
// OpenSSH client in tmux: the first connection signs in inside the
// session (device flow), the queue is there, q ends the session and ssh
// returns; the next connection with the same key is signed in at once.
func TestAnEvaluatorWorksOverSSH(t *testing.T) {
	needTool(t, "ssh", "openssh-client")
	bin := buildBinary(t)
	dir := t.TempDir()
	_, base := startServe(t, bin, filepath.Join(dir, "server.db"), "", true)
	addr := startSSH(t, bin, base, filepath.Join(dir, "ssh"))
	host, port, _ := net.SplitHostPort(addr)
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	sshCmd := fmt.Sprintf("ssh -p %s -i %s -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=%s "+
		"-o PreferredAuthentications=publickey -o BatchMode=yes avaliador@%s; echo SSH_EXIT=$?; sleep 60",
		port, key, filepath.Join(dir, "known_hosts"), host)

	s := newTmux(t, 120, 40, "TERM=xterm-256color LANG=pt_BR.UTF-8 "+sshCmd)
	scr := s.waitText("Aguardando a aprovação")
	code := regexp.MustCompile(`[A-Z]{4}-[A-Z]{4}`).FindString(scr)
	if code == "" {
		t.Fatalf("no code on the sign-in screen:\n%s", scr)
	}
	if status := (&testbackend.Backend{URL: base}).Approve(t, code, "avaliador", "demo-avaliador", "approve"); status != 200 {
		t.Fatalf("approve: %d", status)
	}
	s.waitText("Bruno Lima")
	s.keys("3")
	s.waitText("a aprovar") // the queue, with the keys of whoever decides
	s.keys("q")
	scr = s.waitText("SSH_EXIT=0")
	if strings.Contains(scr, "\x1b[") {
		t.Errorf("the terminal was left with escape codes on it:\n%s", scr)
	}

	again := newTmux(t, 80, 24, "TERM=xterm-256color LANG=pt_BR.UTF-8 "+sshCmd)
	scr = again.waitText("Bruno Lima")
	if strings.Contains(scr, "Entrar no gecli") {
		t.Errorf("the same key had to sign in again:\n%s", scr)
	}
	again.keys("q")
	again.waitText("SSH_EXIT=0")
}
