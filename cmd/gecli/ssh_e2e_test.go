package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// signedIn is a client of the server at base signed in as a demo user,
// through the device flow a person would use (the code approved in the
// "browser" by testbackend).
func signedIn(t *testing.T, base, username, password string) *client.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := client.New(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Discover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	da, err := p.Config().DeviceAuth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if status := (&testbackend.Backend{URL: base}).Approve(t, da.UserCode, username, password, "approve"); status != 200 {
		t.Fatalf("approve %s: %d", username, status)
	}
	tok, err := p.Config().DeviceAccessToken(ctx, da)
	if err != nil {
		t.Fatal(err)
	}
	return c.WithTokens(oauth2.StaticTokenSource(tok))
}

// linkRequester links the user username to the institution cnpj too, as
// an admin does in Administração.
func linkRequester(t *testing.T, admin *client.Client, username, cnpj string) {
	t.Helper()
	ctx := context.Background()
	users, err := admin.Users(ctx, username)
	if err != nil || len(users) != 1 {
		t.Fatalf("users %q: %v %v", username, users, err)
	}
	cnpjs := []string{cnpj}
	for _, in := range users[0].Institutions {
		if in.CNPJ != cnpj {
			cnpjs = append(cnpjs, in.CNPJ)
		}
	}
	if _, err := admin.UpdateUser(ctx, users[0].ID, api.UserPatch{Institutions: &cnpjs}); err != nil {
		t.Fatalf("link %s to %s: %v", username, cnpj, err)
	}
}

// oldestPending are the two requests the evaluator's queue starts with:
// pending, oldest first (ties by number, as the cache orders them).
func oldestPending(t *testing.T, c *client.Client) [2]api.Request {
	t.Helper()
	var pending []api.Request
	cursor := ""
	for {
		page, err := c.RequestPage(context.Background(), 0, cursor, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			if r.Status == api.StatusPending {
				pending = append(pending, r)
			}
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if len(pending) < 2 {
		t.Fatalf("%d pending requests in the demo", len(pending))
	}
	older := func(a, b api.Request) bool {
		return a.CreatedAt < b.CreatedAt || a.CreatedAt == b.CreatedAt && a.ID < b.ID
	}
	var two [2]api.Request
	two[0], two[1] = pending[0], pending[1]
	if older(two[1], two[0]) {
		two[0], two[1] = two[1], two[0]
	}
	for _, r := range pending[2:] {
		switch {
		case older(r, two[0]):
			two[0], two[1] = r, two[0]
		case older(r, two[1]):
			two[1] = r
		}
	}
	return two
}

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
// session (device flow); in the queue the oldest request's attachment is
// read in the viewer, and the two oldest are approved in one bulk
// decision; q ends the session and ssh returns; the next connection with
// the same key is signed in at once.
func TestAnEvaluatorWorksOverSSH(t *testing.T) {
	needTool(t, "ssh", "openssh-client")
	bin := buildBinary(t)
	dir := t.TempDir()
	_, base := startServe(t, bin, filepath.Join(dir, "server.db"), "", true)
	// A requester of the oldest pending request's institution (the demo's,
	// linked to it by the admin) attaches a project to it.
	oldest := oldestPending(t, signedIn(t, base, "avaliador", "demo-avaliador"))
	linkRequester(t, signedIn(t, base, "admin", "demo-admin"), "solicitante", oldest[0].Institution.CNPJ)
	project := pdftest.Text([]string{"Projeto técnico de integração", "", "A consulta roda de madrugada, fora do horário de pico."})
	if _, err := signedIn(t, base, "solicitante", "demo-solicitante").UploadAttachment(context.Background(), oldest[0].ID, "projeto-tecnico.pdf", project); err != nil {
		t.Fatalf("attach to %s: %v", oldest[0].ID, err)
	}
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
	s.waitText(strings.TrimPrefix(oldest[0].ID, "SOL-"))

	s.waitText("p ler PDF") // offered once the detail shows the attachment
	s.keys("p")
	scr = s.waitText("fora do horário de pico.")
	if !strings.Contains(scr, "projeto-tecnico.pdf") || !strings.Contains(scr, "página 1 de 1") {
		t.Errorf("the viewer's title and page:\n%s", scr)
	}
	s.keys("Escape")
	s.waitText("Finalidade")

	s.keys("Space", "Space")
	s.waitText("2 marcadas")
	s.keys("A")
	s.waitText("Aprovar 2 marcadas:")
	s.text("Aprovadas em lote pelo SSH.")
	s.keys("Enter")
	s.waitText("✓ 2 decididas agora")
	s.keys("Enter")
	evaluator := signedIn(t, base, "avaliador", "demo-avaliador")
	for _, r := range oldest {
		got, err := evaluator.Request(context.Background(), r.ID)
		if err != nil || got.Status != api.StatusApproved {
			t.Errorf("%s after the bulk approval: %s %v", r.ID, got.Status, err)
		}
	}
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
