package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession runs a command in a detached tmux session on a private
// socket, so tests never touch the user's own tmux.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T, width, height int, command string) *tmuxSession {
	t.Helper()
	needTool(t, "tmux", "tmux")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("gecli-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// A config file of the developer's own (~/.config/gecli) must not
	// change what the tests see.
	s.run("new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"-e", "XDG_CONFIG_HOME="+t.TempDir(), "-e", "GECLI_CONFIG=", command)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// needTool stops a test that cannot run on this machine because a
// program it drives is missing: a failure under CI (.ci/run installs it),
// a skip naming the package on a developer's machine.
func needTool(t *testing.T, program, debianPackage string) {
	t.Helper()
	if _, err := exec.LookPath(program); err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run must install %s", program, debianPackage)
	}
	t.Skipf("%s is not installed (apt-get install %s); this test drives it", program, debianPackage)
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "e2e") }

// keys sends tmux key names (Enter, Escape, q) one call each, so an Escape
// is never merged with the next key into alt+key.
func (s *tmuxSession) keys(keys ...string) {
	for _, k := range keys {
		s.run("send-keys", "-t", "e2e", k)
		time.Sleep(50 * time.Millisecond) // keys typed by a person, not a paste
	}
}

// burst sends keys in one write, as a fast typist or a coalescing SSH
// link delivers them: Esc then q arrives as the two bytes of alt+q.
func (s *tmuxSession) burst(keys ...string) {
	s.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

func (s *tmuxSession) text(text string) { s.run("send-keys", "-t", "e2e", "-l", text) }

func (s *tmuxSession) waitFor(what string, cond func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		if cond(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *tmuxSession) waitText(text string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q", text), func(scr string) bool { return strings.Contains(scr, text) })
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gecli")
	// go test puts its own GOROOT/bin first in PATH, so "go" is the
	// toolchain running the tests.
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestDemoInTmux is a person at a keyboard: gecli demo shows cards, / and
// text narrow them, enter opens the documentation, q quits and the
// terminal comes back; then --offline browses what the demo cached.
func TestDemoInTmux(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as requester --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))

	s.waitFor("the demo catalog, signed in", func(scr string) bool {
		return strings.Contains(scr, "18 de 18 APIs") && strings.Contains(scr, "● online") &&
			strings.Contains(scr, "╭") && strings.Contains(scr, "Ana Souza · Solicitante")
	})
	s.keys("/")
	s.text("diario")
	scr := s.waitText("2 de 18 APIs")
	if strings.Contains(scr, "Consulta CPF") || !strings.Contains(scr, "Diário de Justiça") {
		t.Fatalf("search did not narrow the cards:\n%s", scr)
	}
	s.keys("Enter", "Enter")
	scr = s.waitText("Endpoints (3)")
	for _, want := range []string{"/v1/comunicacoes", "https://gateway.stg.pdpj.jus.br/djen-consulta", "/openapi.json"} {
		if !strings.Contains(scr, want) {
			t.Errorf("documentation lacks %q:\n%s", want, scr)
		}
	}
	s.keys("Escape")
	s.waitText("2 de 18 APIs")
	s.keys("q")
	scr = s.waitText("GECLI_EXIT=0")
	if strings.Contains(scr, "╭") || strings.TrimSpace(s.run("display", "-p", "-t", "e2e", "#{alternate_on}")) != "0" {
		t.Fatalf("the terminal was not restored after q:\n%s", scr)
	}

	// Without --as the demo starts at the sign-in screen; esc browses the
	// public catalog.
	plain := newTmux(t, 100, 30, fmt.Sprintf("%s demo --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))
	plain.waitText("Entrar no gecli")
	plain.waitText("/device")
	plain.keys("Escape")
	plain.waitText("18 de 18 APIs")
	plain.keys("q")
	plain.waitText("GECLI_EXIT=0")

	// The demo's cache browses offline, and says so.
	off := newTmux(t, 100, 30, fmt.Sprintf("%s --offline --cache %s/cache.db; echo GECLI_EXIT=$?; sleep 60", bin, data))
	off.waitText("offline (--offline)")
	off.waitText("18 de 18 APIs")
	off.keys("q")
	off.waitText("GECLI_EXIT=0")
}

func TestUsageErrorsExitTwo(t *testing.T) {
	bin := buildBinary(t)
	for _, args := range [][]string{{"nao-existe"}, {"--lang", "fr"}, {"--theme", "neon"}, {"serve", "--seed", "x"}, {"demo", "extra"},
		{"apis", "bogus"}, {"apis", "publish"}, {"apis", "upload-terms", "x"}, {"users", "update"}, {"users", "nope"}, {"audit", "nope"}, {"audit", "verify", "--db", "/nonexistent/dir/x.db", "--bogus"}, {"sei", "nope"}, {"sei", "log"}} {
		cmd := exec.Command(bin, args...)
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 {
			t.Errorf("gecli %v: %v, want exit 2", args, err)
		}
		if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "gecli: ") {
			t.Errorf("gecli %v should print one clear line, got %q", args, out)
		}
	}
}

// filesHolding lists the files under dir whose bytes contain needle (a
// secret that must not have been written anywhere).
func filesHolding(t *testing.T, dir string, needles ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		for _, n := range needles {
			if err == nil && strings.Contains(string(b), n) {
				out = append(out, path)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
