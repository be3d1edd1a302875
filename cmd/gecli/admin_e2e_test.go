package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/seed"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// loginAs runs `gecli login` and approves its code on /device as username.
func loginAs(t *testing.T, bin, base, cache, username, password string) {
	t.Helper()
	login := exec.Command(bin, "login", "--no-qr", "--server", base, "--cache", cache)
	out, err := login.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	login.Stderr = login.Stdout
	if err := login.Start(); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`^\s+([A-Z]{4}-[A-Z]{4})$`)
	scanner := bufio.NewScanner(out)
	var printed strings.Builder
	for scanner.Scan() {
		printed.WriteString(scanner.Text() + "\n")
		if m := code.FindStringSubmatch(scanner.Text()); m != nil {
			if status := (&testbackend.Backend{URL: base}).Approve(t, m[1], username, password, "approve"); status != 200 {
				t.Fatalf("approve %s: %d", username, status)
			}
			break
		}
	}
	go io.Copy(io.Discard, out)
	done := make(chan error, 1)
	go func() { done <- login.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("login %s: %v\n%s", username, err, printed.String())
		}
	case <-time.After(30 * time.Second):
		login.Process.Kill()
		t.Fatalf("login %s did not finish:\n%s", username, printed.String())
	}
}

// activateAccount sets a password with an activation code, as the person
// does on /device/activate in a browser.
func activateAccount(t *testing.T, base, code, password string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.Get(base + "/device/activate")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF field on /device/activate:\n%s", page)
	}
	res, err = browser.PostForm(base+"/device/activate", url.Values{"csrf": {string(m[1])}, "code": {code},
		"password": {password}, "confirm": {password}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("activation: %d %s", res.StatusCode, body)
	}
}

// TestAnEmptyServerIsFilledAndUsed: the whole first day of a real
// installation. An empty server; its first admin made with `gecli user
// add --db`; signed in, the admin registers an institution, creates an
// API, uploads its terms and OpenAPI document and publishes it from the
// command line, then adds a requester in the TUI (Administração,
// Usuários), which shows the activation code once. The requester sets a
// password on /device/activate, signs in, finds the API in the TUI and
// submits a request for it; the audit trail holds every step and
// verifies, over the API and on the database against a kept checkpoint.
func TestAnEmptyServerIsFilledAndUsed(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "server.db")
	gecli := func(stdin string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := gecli("senha-da-chefia-1\n", "user", "add", "--db", dbPath, "--username", "chefia", "--name", "Helena Castro",
		"--cpf", "529.982.247-25", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("the first admin: %d %s", code, out)
	}
	_, base := startServe(t, bin, dbPath, "", false)
	res, err := http.Get(base + "/api/v1/apis")
	if err != nil {
		t.Fatal(err)
	}
	var empty api.List[api.API]
	json.NewDecoder(res.Body).Decode(&empty)
	res.Body.Close()
	if len(empty.Items) != 0 {
		t.Fatalf("the new server's catalog is not empty: %+v", empty)
	}

	adminCache := filepath.Join(dir, "admin.db")
	loginAs(t, bin, base, adminCache, "chefia", "senha-da-chefia-1")
	as := func(cache string, args ...string) []string { return append(args, "--server", base, "--cache", cache) }
	must := func(what string, args ...string) string {
		t.Helper()
		out, code := gecli("", args...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", what, code, out)
		}
		return out
	}
	must("institution", as(adminCache, "institutions", "create", "--cnpj", "11.444.777/0001-61", "--name", "Tribunal Regional Exemplo")...)

	apiJSON := filepath.Join(dir, "api.json")
	writeFile(t, apiJSON, `{"id": "consulta-processos", "name": "Consulta de Processos", "acronym": "CPROC",
		"description": "Consulta a dados públicos de processos judiciais por número CNJ.", "category": "data",
		"system_type": "other", "owner": "CNJ/DTI", "auth_type": "oauth2_client_credentials",
		"environments": [{"name": "hmg", "base_url": "https://hmg.api.exemplo.jus.br/processos"}], "custom_fields": []}`)
	must("create the API", as(adminCache, "apis", "create", "--file", apiJSON)...)
	out, code := gecli("", as(adminCache, "apis", "publish", "consulta-processos")...)
	if code == 0 || !strings.Contains(out, "api_not_ready") {
		t.Fatalf("publishing without terms must be refused, naming why: %d %s", code, out)
	}
	terms := filepath.Join(dir, "termo.pdf")
	if err := os.WriteFile(terms, seed.DemoAPIs()[0].TermsPDF, 0o600); err != nil {
		t.Fatal(err)
	}
	must("terms", as(adminCache, "apis", "upload-terms", "consulta-processos", terms, "--version", "1.0")...)
	doc := filepath.Join(dir, "openapi.yaml")
	writeFile(t, doc, "openapi: 3.0.3\ninfo: {title: Consulta de Processos, version: '1'}\npaths:\n  /processos/{numero}:\n"+
		"    get:\n      parameters: [{name: numero, in: path, required: true, schema: {type: string}}]\n"+
		"      responses: {'200': {description: o processo}}\n")
	must("openapi", as(adminCache, "apis", "upload-openapi", "consulta-processos", doc)...)
	must("publish", as(adminCache, "apis", "publish", "consulta-processos")...)

	var scr string
	// The requester is added in the admin's TUI: Administração, Usuários.
	a := newTmux(t, 120, 40, fmt.Sprintf("%s --server %s --cache %s; echo GECLI_EXIT=$?; sleep 60", bin, base, adminCache))
	a.waitText("Helena Castro · Administrador")
	a.keys("6")
	a.waitText("Consulta de Processos") // the APIs section lists it, published
	a.keys("]", "]")
	a.waitText("1 pessoa") // the admin alone
	a.keys("n")
	a.waitText("A pessoa define a própria senha")
	a.text("rita.alves")
	a.keys("Tab")
	a.text("Rita Alves")
	a.keys("Tab", "Tab", "Tab")
	a.text("11.444.777/0001-61")
	a.keys("Enter")
	scr = a.waitText("Código de ativação")
	activation := regexp.MustCompile(`[A-Z]{4}-[A-Z]{4}-[A-Z]{4}-[A-Z]{4}`).FindString(scr)
	if activation == "" || !strings.Contains(scr, "não será mostrado de novo") {
		t.Fatalf("the activation code, shown once:\n%s", scr)
	}
	a.keys("Escape")
	a.waitFor("the code gone", func(scr string) bool { return !strings.Contains(scr, activation) })
	a.keys("q")
	a.waitText("GECLI_EXIT=0")
	activateAccount(t, base, activation, "a senha da rita, longa")
	ritaCache := filepath.Join(dir, "rita.db")
	loginAs(t, bin, base, ritaCache, "rita.alves", "a senha da rita, longa")

	s := newTmux(t, 120, 40, fmt.Sprintf("%s --server %s --cache %s; echo GECLI_EXIT=$?; sleep 60", bin, base, ritaCache))
	s.waitText("Rita Alves · Solicitante")
	s.waitText("Consulta de Processos")
	s.keys("Enter", "s")
	s.waitText("Nova solicitação")
	s.waitText("Consulta de Processos")
	s.keys("Enter") // API and environment: HMG, the only one
	s.waitText("Tribunal Regional Exemplo")
	s.keys("Enter") // institution
	s.text("Rita Alves")
	s.keys("Tab")
	s.text("529.982.247-25")
	s.keys("Tab")
	s.text("rita@trf.jus.br")
	s.keys("Tab")
	s.text("(61) 3222-1100")
	s.keys("Enter")
	s.waitText("Processo SEI")
	s.text("Consulta de processos na distribuição do tribunal regional.")
	s.keys("Enter")
	s.waitText("Arquivo PDF")
	s.keys("Enter")
	s.waitText("Li e aceito")
	s.keys("Space", "Enter")
	s.waitText("enter enviar")
	s.keys("Enter")
	scr = s.waitText("enviada.")
	id := regexp.MustCompile(`SOL-\d{4}-\d{6}`).FindString(scr)
	if id == "" {
		t.Fatalf("no request id on the outcome:\n%s", scr)
	}
	s.keys("Enter")
	s.burst("Escape", "q")
	s.waitText("GECLI_EXIT=0")

	out = must("audit", as(adminCache, "audit", "list", "--limit", "200")...)
	for _, want := range []string{"institution.created", "api.created", "api.terms_published", "api.openapi_stored", "api.published",
		"user.created", "user.activated", "session.signed_in", "request.submitted", "request:" + id} {
		if !strings.Contains(out, want) {
			t.Errorf("the audit trail lacks %s:\n%s", want, out)
		}
	}
	must("verify over the API", as(adminCache, "audit", "verify")...)
	cp := must("checkpoint", as(adminCache, "audit", "checkpoint", "--json")...)
	kept := filepath.Join(dir, "checkpoint.json")
	writeFile(t, kept, cp)
	if out := must("verify on the database", "audit", "verify", "--db", dbPath, "--checkpoint", kept); !strings.Contains(out, "íntegra") {
		t.Errorf("verify --db: %s", out)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
