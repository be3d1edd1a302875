package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestAnIntegratorAt80x24InEnglish is issue 18's walk, in a real terminal
// at 80x24 with --lang en: started with no session against a server that
// is down, gecli shows the catalog it cached, never a failed sign-in or
// Go's dial error; when the server comes back it goes online by itself;
// the person signs in, finds a credential by searching, copies its
// client_id (tmux keeps the OSC 52 copy as a buffer) and runs an action
// from the command palette.
func TestAnIntegratorAt80x24InEnglish(t *testing.T) {
	bin := buildBinary(t)
	cache := filepath.Join(t.TempDir(), "cache.db")
	first := testbackend.Start(t, "127.0.0.1:0", "")
	addr := strings.TrimPrefix(first.URL, "http://")
	gecli := fmt.Sprintf("%s --server %s --cache %s --lang en", bin, first.URL, cache)

	// A first run, anonymous, caches the public catalog.
	s := newTmux(t, 80, 24, gecli+"; echo GECLI_EXIT=$?; sleep 60")
	s.waitText("Sign in to gecli")
	s.keys("Escape")
	s.waitText("18 of 18 APIs")
	s.keys("q")
	s.waitText("GECLI_EXIT=0")
	first.Stop()

	s = newTmux(t, 80, 24, gecli+"; echo GECLI_EXIT=$?; sleep 60")
	s.run("set-option", "-g", "set-clipboard", "on") // OSC 52 from gecli becomes a tmux buffer
	scr := s.waitFor("the cached catalog, offline", func(scr string) bool {
		return strings.Contains(scr, "18 of 18 APIs") && strings.Contains(scr, "OFFLINE")
	})
	for _, bad := range []string{"Sign in to gecli", "Could not sign in", "dial tcp", "connection refused"} {
		if strings.Contains(scr, bad) {
			t.Fatalf("an anonymous start against a dead server shows %q:\n%s", bad, scr)
		}
	}

	testbackend.Start(t, addr, "") // the server is back, on the same address
	s.waitFor("online again, by itself", func(scr string) bool {
		return strings.Contains(scr, "● online") && !strings.Contains(scr, "OFFLINE")
	})
	s.keys("L")
	scr = s.waitText("Waiting for approval in the browser")
	code := regexp.MustCompile(`[A-Z]{4}-[A-Z]{4}`).FindString(scr)
	if code == "" {
		t.Fatalf("no code on the sign-in screen:\n%s", scr)
	}
	if status := (&testbackend.Backend{URL: "http://" + addr}).Approve(t, code, "solicitante", "demo-solicitante", "approve"); status != 200 {
		t.Fatalf("approve: %d", status)
	}
	s.waitText("Ana Souza")

	s.keys("4")
	s.waitText("Credentials (")
	s.keys("/")
	s.text("consulta cpf")
	s.keys("Enter")
	shown := regexp.MustCompile(`Client ID +((?:hmg|prd)-consulta-cpf-[0-9a-f]{12})`)
	scr = s.waitFor("a Consulta CPF credential found and shown", func(scr string) bool { return shown.MatchString(scr) })
	clientID := shown.FindStringSubmatch(scr)[1]
	if strings.Contains(scr, "Notific") || strings.Contains(scr, "PJe Gateway") {
		t.Errorf("the search left other credentials in the list:\n%s", scr)
	}
	s.keys("c")
	s.waitText("Sent to the clipboard: Client ID")
	if buf := strings.TrimSpace(s.run("show-buffer")); buf != clientID {
		t.Errorf("the clipboard holds %q, want the client id %q", buf, clientID)
	}

	s.keys("C-p")
	s.waitText("Commands · Credentials")
	s.text("new secret")
	s.keys("Enter")
	scr = s.waitText("Generate the secret of")
	if !strings.Contains(scr, "Consulta CPF") {
		t.Errorf("the palette's action did not act on the selected credential:\n%s", scr)
	}
	s.keys("Escape")
	s.waitFor("the question closed", func(scr string) bool { return !strings.Contains(scr, "Generate the secret of") })
	s.keys("q")
	s.waitText("GECLI_EXIT=0")
}
