package sshd

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/testkit/backend"
)

// served is a gecli ssh in the test binary in front of a real backend.
type served struct {
	t    testing.TB
	b    *backend.Backend
	srv  *Server
	addr string
	data string
}

func serve(t testing.TB, configure func(*Config)) *served {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	data := t.TempDir()
	cfg := Config{ServerURL: b.URL, HostKey: filepath.Join(data, "host_key"), DataDir: data, Lang: api.PtBR}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return &served{t: t, b: b, srv: srv, addr: l.Addr().String(), data: data}
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// terminal is an SSH session with a pty, as a person's terminal opens it.
type terminal struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
}

type lockedWriter struct{ term *terminal }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.term.mu.Lock()
	defer w.term.mu.Unlock()
	return w.term.out.Write(p)
}

func (s *served) connect(key gossh.Signer, term string, env map[string]string, w, h int) *terminal {
	s.t.Helper()
	client, err := gossh.Dial("tcp", s.addr, &gossh.ClientConfig{User: "qualquer", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		s.t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range env {
		sess.Setenv(k, v)
	}
	tm := &terminal{t: s.t, client: client, sess: sess, done: make(chan struct{})}
	sess.Stdout = lockedWriter{tm}
	sess.Stderr = lockedWriter{tm}
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		s.t.Fatal(err)
	}
	if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
		s.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		s.t.Fatal(err)
	}
	go func() { sess.Wait(); close(tm.done) }()
	s.t.Cleanup(tm.close)
	return tm
}

func (tm *terminal) close() {
	tm.sess.Close()
	tm.client.Close()
}

// raw is everything the session wrote; text is it without escape codes.
func (tm *terminal) raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

func (tm *terminal) text() string { return ansi.Strip(tm.raw()) }

func (tm *terminal) waitFor(what string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if s := tm.text(); strings.Contains(s, what) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("%q never appeared; the session showed:\n%s", what, tm.text())
	return ""
}

func (tm *terminal) keys(s string) { tm.stdin.Write([]byte(s)) }

var userCode = regexp.MustCompile(`[A-Z]{4}-[A-Z]{4}`)

// signIn approves the device code shown in the session as username.
func (s *served) signIn(tm *terminal, username, password string) {
	s.t.Helper()
	screen := tm.waitFor("Entrar no gecli")
	tm.waitFor("Aguardando")
	code := userCode.FindString(tm.text())
	if code == "" {
		s.t.Fatalf("no user code on the sign-in screen:\n%s", screen)
	}
	if status := s.b.Approve(s.t, code, username, password, "approve"); status != 200 {
		s.t.Fatalf("approve: %d", status)
	}
}

// TestSSHSignsInOnceAndResumesByKey: public keys only; the first
// connection of a key signs in with the device flow inside the session,
// the next one with the same key is signed in at once, another key signs
// in again, a disabled person is sent back to the sign-in screen; the
// session's tokens are kept sealed; each session is in the audit trail.
func TestSSHSignsInOnceAndResumesByKey(t *testing.T) {
	s := serve(t, nil)

	// Passwords and keyboard-interactive are refused before any TUI.
	for _, auth := range []gossh.AuthMethod{gossh.Password("demo-avaliador"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return []string{"demo-avaliador"}, nil })} {
		if _, err := gossh.Dial("tcp", s.addr, &gossh.ClientConfig{User: "avaliador", Auth: []gossh.AuthMethod{auth},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}); err == nil ||
			!strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("a non-key method got in: %v", err)
		}
	}

	keyA := newKey(t)
	first := s.connect(keyA, "xterm-256color", nil, 120, 40)
	s.signIn(first, "avaliador", "demo-avaliador")
	first.waitFor("Bruno Lima")
	first.waitFor("Avaliação")
	first.close()

	// The tokens rest sealed in the key's cache, never in the clear.
	fp := gossh.FingerprintSHA256(keyA.PublicKey())
	b, err := os.ReadFile(s.srv.caches.pathOf(fp))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("eyJ")) {
		t.Error("a JWT lies in the clear in the key's cache")
	}

	again := s.connect(keyA, "xterm-256color", nil, 120, 40)
	again.waitFor("Bruno Lima")
	if strings.Contains(again.text(), "Entrar no gecli") {
		t.Error("the same key had to sign in again")
	}
	again.close()

	other := s.connect(newKey(t), "xterm-256color", nil, 120, 40)
	other.waitFor("Entrar no gecli")
	other.close()

	if err := s.b.DB.DisableUser(context.Background(), "avaliador"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // the server's one-second cache of live sessions
	disabled := s.connect(keyA, "xterm-256color", nil, 120, 40)
	disabled.waitFor("Entrar no gecli")
	disabled.close()

	// Every signed-in session is in the audit trail, start and end.
	ctx := context.Background()
	deadline := time.Now().Add(5 * time.Second)
	for {
		page, err := s.b.DB.ListAudit(ctx, db.AuditFilter{Action: "ssh.", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		started, ended := 0, 0
		for _, e := range page {
			switch e.Action {
			case "ssh.session_started":
				started++
			case "ssh.session_ended":
				ended++
			}
			if e.Actor != "u-avaliador" || !strings.Contains(string(e.After), fp) {
				t.Errorf("audit event: %+v", e)
			}
		}
		if started >= 2 && ended >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("audit: %d started, %d ended: %+v", started, ended, page)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestSSHHonoursTheClientsTerminal: the client's TERM and COLORTERM pick
// the colours, its LANG the language; a command or a missing pty is
// refused with a sentence.
func TestSSHHonoursTheClientsTerminal(t *testing.T) {
	s := serve(t, nil)
	key := newKey(t)
	color := s.connect(key, "xterm-256color", map[string]string{"COLORTERM": "truecolor", "LANG": "en_US.UTF-8"}, 100, 30)
	color.waitFor("Sign in to gecli")
	if !strings.Contains(color.raw(), "38;2;") {
		t.Error("a truecolor terminal got no 24-bit colour")
	}
	color.close()
	mono := s.connect(key, "dumb", nil, 80, 24)
	mono.waitFor("Entrar no gecli")
	if strings.Contains(mono.raw(), "38;2;") || strings.Contains(mono.raw(), "38;5;") {
		t.Error("a dumb terminal got colours")
	}
	mono.close()
}

// TestSSHEndsAnIdleSessionAndSaysWhy: keys keep a session alive; without
// them it ends after the idle timeout, the TUI restores the terminal and
// the person is told why. A command is refused with a sentence.
func TestSSHEndsAnIdleSessionAndSaysWhy(t *testing.T) {
	s := serve(t, func(c *Config) { c.IdleTimeout = 1500 * time.Millisecond })
	key := newKey(t)
	tm := s.connect(key, "xterm-256color", nil, 80, 24)
	tm.waitFor("Entrar no gecli")
	for range 4 {
		time.Sleep(500 * time.Millisecond)
		tm.keys("?") // the help opens and closes: a person at work
	}
	select {
	case <-tm.done:
		t.Fatal("a session in use was ended as idle")
	default:
	}
	tm.waitFor("Sessão encerrada após 1.5s sem uso")
	select {
	case <-tm.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the idle session is still open")
	}

	client, err := gossh.Dial("tcp", s.addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "só a interface interativa") || strings.Contains(string(out), "root:") {
		t.Errorf("a command: %v %q", err, out)
	}
}
