package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/store"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// The scripting commands run in this process, as main runs them: dispatch,
// then exitCode for the code and the line on stderr. Standard input,
// output and error are files for the time of the call.

type cliResult struct {
	out, err string
	code     int
}

func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	dir := t.TempDir()
	open := func(name, content string) *os.File {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	in, out, errw := open("stdin", stdin), open("stdout", ""), open("stderr", "")
	oldIn, oldOut, oldErr := os.Stdin, os.Stdout, os.Stderr
	os.Stdin, os.Stdout, os.Stderr = in, out, errw
	code := exitCode(os.Stderr, dispatch(context.Background(), args))
	os.Stdin, os.Stdout, os.Stderr = oldIn, oldOut, oldErr
	for _, f := range []*os.File{in, out, errw} {
		f.Close()
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return cliResult{out: read("stdout"), err: read("stderr"), code: code}
}

// wantCode checks the exit code and, for a failure, that stderr is one
// line starting with "gecli: " (DESIGN §3).
func (r cliResult) wantCode(t *testing.T, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", what, r.code, code, r.out, r.err)
	}
	if code != 0 {
		if lines := strings.Split(strings.TrimSpace(r.err), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "gecli: ") {
			t.Errorf("%s: stderr should be one clear line, got %q", what, r.err)
		}
	}
}

// signedCache is a cache with a session of the demo user username ("" : a
// cache nobody signed in on).
func signedCache(t *testing.T, b *testbackend.Backend, username string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if username != "" {
		b.SignIn(t, s, username)
	}
	s.Close()
	return []string{"--server", b.URL, "--cache", path}
}

func clientAs(t *testing.T, b *testbackend.Backend, username string) *client.Client {
	t.Helper()
	c, err := client.New(b.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, username)}))
}

func decodeJSON[T any](t *testing.T, what, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, s)
	}
	return v
}

// wantKeys checks that a JSON object has the documented field names.
func wantKeys(t *testing.T, what string, obj map[string]json.RawMessage, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			t.Errorf("%s: no %q field in %v", what, k, obj)
		}
	}
}

// columnsAligned checks that a table is a header and rows lines, and that
// every row has a cell starting at each column of the header (counted in
// characters, as a terminal shows them).
func columnsAligned(t *testing.T, what, out string, rows int) []string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != rows+1 {
		t.Fatalf("%s: %d lines, want a header and %d rows:\n%s", what, len(lines), rows, out)
	}
	header := []rune(lines[0])
	var starts []int
	for i := 2; i < len(header); i++ {
		if header[i] != ' ' && header[i-1] == ' ' && header[i-2] == ' ' {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		t.Fatalf("%s: a header without columns: %q", what, lines[0])
	}
	for _, l := range lines[1:] {
		row := []rune(l)
		for _, p := range starts {
			if p >= len(row) || row[p] == ' ' || row[p-1] != ' ' {
				t.Fatalf("%s: the row does not start a cell at column %d:\n%s", what, p, out)
			}
		}
	}
	return lines
}

func TestRequestsCommand(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	req := signedCache(t, b, "solicitante")
	run := func(args ...string) cliResult { return runCLI(t, "", append(args, req...)...) }

	r := run("requests", "list", "--json", "--limit", "0")
	r.wantCode(t, 0, "list all")
	raw := decodeJSON[[]map[string]json.RawMessage](t, "list", r.out)
	all := decodeJSON[[]api.Request](t, "list", r.out)
	if len(all) < 5 {
		t.Fatalf("the demo requester sees %d requests", len(all))
	}
	wantKeys(t, "a listed request", raw[0], "id", "api_id", "api_name", "environment", "institution", "requester", "status",
		"rule", "created_at", "decided_at", "sei_process", "credential_state")

	r = run("requests", "list", "--json", "--limit", "3")
	r.wantCode(t, 0, "list --limit 3")
	if three := decodeJSON[[]api.Request](t, "limit", r.out); len(three) != 3 || three[0].ID != all[0].ID {
		t.Errorf("--limit 3: %d requests", len(three))
	}

	// The filters are the server's: the same rows as filtering the whole list.
	var want []string
	for _, x := range all {
		if (x.Status == api.StatusApproved || x.Status == api.StatusRejected) && x.Environment == api.EnvHMG {
			want = append(want, x.ID)
		}
	}
	r = run("requests", "list", "--json", "--limit", "0", "--status", "approved,rejected", "--env", "hmg")
	r.wantCode(t, 0, "filtered")
	var got []string
	for _, x := range decodeJSON[[]api.Request](t, "filtered", r.out) {
		got = append(got, x.ID)
	}
	if len(want) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("--status approved,rejected --env hmg: %d requests, want %d", len(got), len(want))
	}
	apiID := all[0].APIID
	r = run("requests", "list", "--json", "--limit", "0", "--api", apiID)
	r.wantCode(t, 0, "--api")
	for _, x := range decodeJSON[[]api.Request](t, "--api", r.out) {
		if x.APIID != apiID {
			t.Errorf("--api %s answered a request of %s", apiID, x.APIID)
		}
	}
	r = run("requests", "list", "--json", "--q", "zzqxnada")
	r.wantCode(t, 0, "--q without a match")
	if strings.TrimSpace(r.out) != "[]" {
		t.Errorf("no match should print [], got %q", r.out)
	}

	// The table: a header, aligned columns, labels in pt-BR, and a note on
	// stderr that there is more.
	r = run("requests", "list", "--limit", "4")
	r.wantCode(t, 0, "table")
	lines := columnsAligned(t, "requests table", r.out, 4)
	for _, h := range []string{"ID", "SITUAÇÃO", "AMBIENTE", "CNPJ", "API"} {
		if !strings.Contains(lines[0], h) {
			t.Errorf("header lacks %s: %q", h, lines[0])
		}
	}
	if !strings.HasPrefix(lines[1], all[0].ID+" ") || !strings.Contains(lines[1], all[0].Status.Label(api.PtBR)) ||
		!strings.Contains(lines[1], api.FormatCNPJ(all[0].Institution.CNPJ)) {
		t.Errorf("first row %q does not show %s", lines[1], all[0].ID)
	}
	if !strings.Contains(r.err, "--limit") {
		t.Errorf("a cut list should say so on stderr: %q", r.err)
	}

	// The detail, with an attachment of our own on a pending request.
	var pending api.Request
	for _, x := range all {
		if x.Status == api.StatusPending {
			pending = x
			break
		}
	}
	if pending.ID == "" {
		t.Fatal("no pending request in the demo")
	}
	if _, err := clientAs(t, b, "solicitante").UploadAttachment(context.Background(), pending.ID, "oficio.pdf", seed.DemoAPIs()[0].TermsPDF); err != nil {
		t.Fatal(err)
	}
	r = run("requests", "show", pending.ID, "--json")
	r.wantCode(t, 0, "show --json")
	detail := decodeJSON[map[string]json.RawMessage](t, "show", r.out)
	wantKeys(t, "the detail", detail, "id", "status", "history", "attachments", "technical_contact", "purpose", "terms")
	d := decodeJSON[api.Request](t, "show", r.out)
	if d.ID != pending.ID || len(d.History) == 0 || len(d.Attachments) != 1 || d.Attachments[0].Filename != "oficio.pdf" {
		t.Errorf("show: %s, %d history events, attachments %+v", d.ID, len(d.History), d.Attachments)
	}
	wantKeys(t, "a history event", decodeJSON[[]map[string]json.RawMessage](t, "history", string(detail["history"]))[0],
		"at", "actor", "action", "from_status", "to_status", "justification")
	r = run("requests", "show", pending.ID)
	r.wantCode(t, 0, "show")
	for _, s := range []string{pending.ID, "Em análise", "Anexos (1)", "oficio.pdf", "Histórico (", api.ActionLabel(d.History[0].Action, api.PtBR), "Finalidade:"} {
		if !strings.Contains(r.out, s) {
			t.Errorf("the detail lacks %q:\n%s", s, r.out)
		}
	}

	// Usage errors exit 2, before anything is asked of the server.
	for _, args := range [][]string{{"requests"}, {"requests", "frob"}, {"requests", "show"}, {"requests", "list", "--status", "aprovada"},
		{"requests", "list", "--env", "dev"}, {"requests", "list", "--limit", "-1"}, {"requests", "list", "--api", "Não É Id"},
		{"requests", "list", "extra"}} {
		runCLI(t, "", append(args, signedCache(t, b, "")...)...).wantCode(t, 2, strings.Join(args, " "))
	}
	// Refusals exit 1: an unknown id, a request of another institution,
	// nobody signed in.
	r = run("requests", "show", "SOL-2099-999999")
	r.wantCode(t, 1, "an unknown request")
	if !strings.Contains(r.err, "404") {
		t.Errorf("an unknown request: %q", r.err)
	}
	visible := map[string]bool{}
	for _, x := range all {
		visible[x.ID] = true
	}
	others, err := clientAs(t, b, "admin").Requests(context.Background(), client.RequestQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	foreign := ""
	for _, x := range others.Items {
		if !visible[x.ID] {
			foreign = x.ID
			break
		}
	}
	if foreign == "" {
		t.Fatal("every demo request belongs to the requester's institutions")
	}
	run("requests", "show", foreign).wantCode(t, 1, "another institution's request")
	r = runCLI(t, "", append([]string{"requests", "list"}, signedCache(t, b, "")...)...)
	r.wantCode(t, 1, "signed out")
	if !strings.Contains(r.err, "login") {
		t.Errorf("signed out should point at gecli login: %q", r.err)
	}
}

func TestCredentialsCommand(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	req := signedCache(t, b, "solicitante")
	run := func(args ...string) cliResult { return runCLI(t, "", append(args, req...)...) }

	r := run("credentials", "list", "--json")
	r.wantCode(t, 0, "list")
	creds := decodeJSON[[]api.Credential](t, "list", r.out)
	raw := decodeJSON[[]map[string]json.RawMessage](t, "list", r.out)
	if len(creds) == 0 {
		t.Fatal("the demo requester has no credentials")
	}
	wantKeys(t, "a credential", raw[0], "request_id", "client_id", "api_id", "api_name", "environment", "institution", "state",
		"secret_hint", "secret_created_at", "previous_valid_until", "token_url", "gateway_url")
	var cred api.Credential
	for _, c := range creds {
		if c.State == api.CredentialAvailable {
			cred = c
			break
		}
	}
	if cred.ClientID == "" {
		t.Fatal("no credential to generate a secret for")
	}
	sec, err := clientAs(t, b, "solicitante").GenerateSecret(context.Background(), cred.RequestID, 0)
	if err != nil {
		t.Fatal(err)
	}
	r = run("credentials", "list", "--json")
	r.wantCode(t, 0, "list after a secret")
	if strings.Contains(r.out, sec.ClientSecret) || strings.Contains(r.out, "client_secret") {
		t.Fatal("the list shows a secret")
	}
	for _, c := range decodeJSON[[]api.Credential](t, "list", r.out) {
		if c.ClientID == cred.ClientID && !strings.HasSuffix(c.SecretHint, sec.ClientSecret[len(sec.ClientSecret)-4:]) {
			t.Errorf("the hint %q is not the new secret's", c.SecretHint)
		}
	}

	r = run("credentials", "list", "--json", "--env", "prd")
	r.wantCode(t, 0, "--env prd")
	for _, c := range decodeJSON[[]api.Credential](t, "--env", r.out) {
		if c.Environment != api.EnvPRD {
			t.Errorf("--env prd listed %s", c.Environment)
		}
	}
	r = run("credentials", "list", "--api", cred.APIID, "--env", string(cred.Environment))
	r.wantCode(t, 0, "table")
	lines := columnsAligned(t, "credentials table", r.out, strings.Count(r.out, "\n")-1)
	if !strings.Contains(lines[0], "CLIENT ID") || !strings.Contains(r.out, cred.ClientID) || strings.Contains(r.out, sec.ClientSecret) {
		t.Errorf("the table:\n%s", r.out)
	}

	for _, args := range [][]string{{"credentials"}, {"credentials", "show"}, {"credentials", "list", "--env", "x"}} {
		runCLI(t, "", append(args, req...)...).wantCode(t, 2, strings.Join(args, " "))
	}
	runCLI(t, "", append([]string{"credentials", "list"}, signedCache(t, b, "")...)...).wantCode(t, 1, "signed out")
}

func TestAPIsListAndShow(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	ctx := context.Background()
	anon, admin, req := signedCache(t, b, ""), signedCache(t, b, "admin"), signedCache(t, b, "solicitante")
	run := func(session []string, args ...string) cliResult { return runCLI(t, "", append(args, session...)...) }

	pub, err := clientAs(t, b, "solicitante").ListAPIs(ctx, client.CatalogQuery{}, "")
	if err != nil || len(pub.Items) < 5 {
		t.Fatalf("catalog: %d, %v", len(pub.Items), err)
	}
	// A draft the public does not see and an administrator does.
	var draft api.APIWrite
	if err := json.Unmarshal([]byte(`{"id": "consulta-processos", "name": "Consulta de Processos", "acronym": "CPROC",
		"description": "Consulta a dados públicos de processos judiciais.", "category": "data", "system_type": "other",
		"owner": "CNJ/DTI", "auth_type": "oauth2_client_credentials",
		"environments": [{"name": "hmg", "base_url": "https://hmg.api.exemplo.jus.br/processos"}], "custom_fields": []}`), &draft); err != nil {
		t.Fatal(err)
	}
	if _, err := clientAs(t, b, "admin").CreateAPI(ctx, draft); err != nil {
		t.Fatal(err)
	}

	for name, session := range map[string][]string{"anonymous": anon, "requester": req} {
		r := run(session, "apis", "list", "--json")
		r.wantCode(t, 0, name+" list")
		items := decodeJSON[[]api.API](t, name, r.out)
		if len(items) != len(pub.Items) {
			t.Errorf("%s: %d APIs, the public catalog has %d", name, len(items), len(pub.Items))
		}
		for _, a := range items {
			if a.ID == draft.ID {
				t.Errorf("%s sees the draft", name)
			}
		}
	}
	r := run(anon, "apis", "list", "--json")
	wantKeys(t, "an API", decodeJSON[[]map[string]json.RawMessage](t, "list", r.out)[0], "id", "name", "acronym", "description",
		"category", "system_type", "owner", "environments", "openapi_url", "terms", "custom_fields", "rule")

	// The administrator's list is every state, as it always was.
	r = run(admin, "apis", "list", "--json")
	r.wantCode(t, 0, "admin list")
	seen := false
	for _, a := range decodeJSON[[]api.API](t, "admin", r.out) {
		seen = seen || a.ID == draft.ID && a.State == api.APIDraft
	}
	if !seen {
		t.Errorf("the administrator's list lacks the draft:\n%s", r.out)
	}
	r = run(admin, "apis", "list", "--state", "draft")
	r.wantCode(t, 0, "admin --state draft")
	columnsAligned(t, "drafts table", r.out, 1)
	if !strings.Contains(r.out, "consulta-processos") || !strings.Contains(r.out, "rascunho") {
		t.Errorf("--state draft:\n%s", r.out)
	}
	r = run(req, "apis", "list", "--state", "all")
	r.wantCode(t, 1, "a requester asking for every state")
	if !strings.Contains(r.err, "catalog:admin") {
		t.Errorf("the refusal should name the permission: %q", r.err)
	}

	// Public filters, for anyone (an administrator too).
	r = run(admin, "apis", "list", "--json", "--category", "data", "--env", "prd")
	r.wantCode(t, 0, "filters")
	filtered := decodeJSON[[]api.API](t, "filters", r.out)
	if len(filtered) == 0 {
		t.Fatal("no data API offered in PRD")
	}
	for _, a := range filtered {
		if a.Category != api.CatData || !a.Offers(api.EnvPRD) || a.ID == draft.ID {
			t.Errorf("--category data --env prd answered %s (%s)", a.ID, a.Category)
		}
	}
	r = run(anon, "apis", "list", "--category", "data")
	r.wantCode(t, 0, "table")
	lines := columnsAligned(t, "catalog table", r.out, strings.Count(r.out, "\n")-1)
	if !strings.Contains(lines[0], "SIGLA") || !strings.Contains(r.out, "Dados") || !strings.Contains(r.out, "publicada") {
		t.Errorf("the catalog table:\n%s", r.out)
	}

	one := pub.Items[0]
	r = run(anon, "apis", "show", one.ID, "--json")
	r.wantCode(t, 0, "show --json")
	if got := decodeJSON[api.API](t, "show", r.out); got.ID != one.ID || len(got.Environments) == 0 || got.Terms.Version == "" {
		t.Errorf("show: %+v", got)
	}
	r = run(anon, "apis", "show", one.ID)
	r.wantCode(t, 0, "show")
	for _, s := range []string{one.Name, "Ambiente " + one.Environments[0].Name.Badge() + ":", one.Environments[0].BaseURL, "Termo de uso:"} {
		if !strings.Contains(r.out, s) {
			t.Errorf("the detail lacks %q:\n%s", s, r.out)
		}
	}
	run(admin, "apis", "show", draft.ID).wantCode(t, 0, "an administrator sees the draft")
	r = run(anon, "apis", "show", draft.ID)
	r.wantCode(t, 1, "the draft is not public")
	if !strings.Contains(r.err, "404") {
		t.Errorf("the draft: %q", r.err)
	}

	for _, args := range [][]string{{"apis", "show"}, {"apis", "show", "Not An Id!"}, {"apis", "list", "--env", "dev"},
		{"apis", "list", "--category", "dados"}, {"apis", "list", "--state", "all", "--env", "hmg"}, {"apis", "list", "x"}} {
		run(anon, args...).wantCode(t, 2, strings.Join(args, " "))
	}
}

func TestTokenCommand(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	ctx := context.Background()
	c := clientAs(t, b, "solicitante")
	creds, err := c.Credentials(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var cred api.Credential
	for _, cr := range creds {
		if cr.State == api.CredentialAvailable && cr.Environment == api.EnvHMG {
			cred = cr
			break
		}
	}
	if cred.ClientID == "" {
		t.Fatal("the demo has no HMG credential to generate")
	}
	sec, err := c.GenerateSecret(ctx, cred.RequestID, 0)
	if err != nil {
		t.Fatal(err)
	}
	token := func(stdin string, args ...string) cliResult {
		return runCLI(t, stdin, append([]string{"token", "--server", b.URL}, args...)...)
	}

	r := token(sec.ClientSecret+"\n", "--client-id", cred.ClientID, "--json")
	r.wantCode(t, 0, "token --json")
	wantKeys(t, "the token", decodeJSON[map[string]json.RawMessage](t, "token", r.out), "access_token", "token_type", "expires_in", "expires_at", "token_url")
	tok := decodeJSON[tokenOut](t, "token", r.out)
	at, err := time.Parse(time.RFC3339, tok.ExpiresAt)
	if tok.AccessToken == "" || !strings.EqualFold(tok.TokenType, "bearer") || tok.ExpiresIn <= 0 || tok.ExpiresIn > 300 ||
		err != nil || !at.After(time.Now()) || tok.TokenURL != b.URL+"/oauth2/token" {
		t.Errorf("token: %+v (%v)", tok, err)
	}
	// The token is a real one: the gateway check takes it.
	ping, _ := http.NewRequest(http.MethodGet, cred.GatewayURL, nil)
	ping.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	res, err := http.DefaultClient.Do(ping)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the gateway refused the token: %v %v", res, err)
	}
	res.Body.Close()

	// Plain: the token alone on one line, for TOKEN=$(gecli token ...);
	// a Windows line ending is trimmed too.
	r = token(sec.ClientSecret+"\r\n", "--client-id", cred.ClientID)
	r.wantCode(t, 0, "token")
	if lines := strings.Split(strings.TrimSpace(r.out), "\n"); len(lines) != 1 || strings.Count(lines[0], ".") != 2 {
		t.Errorf("plain output should be the token alone: %q", r.out)
	}
	if strings.Contains(r.out+r.err, sec.ClientSecret) {
		t.Error("the secret was printed")
	}

	r = token(api.NewSecret()+"\n", "--client-id", cred.ClientID)
	r.wantCode(t, 1, "a wrong secret")
	if !strings.Contains(r.err, "invalid_client") {
		t.Errorf("a wrong secret: %q", r.err)
	}
	for what, stdin := range map[string]string{"no input": "", "an empty line": "\n", "blanks": "  \n"} {
		token(stdin, "--client-id", cred.ClientID).wantCode(t, 2, what)
	}
	r = token(sec.ClientSecret, "--client-id", cred.ClientID, "--client-secret", sec.ClientSecret)
	r.wantCode(t, 2, "a secret in a flag")
	if !strings.Contains(r.err, "entrada padrão") || strings.Contains(r.err, sec.ClientSecret) {
		t.Errorf("a secret in a flag: %q", r.err)
	}
	token(sec.ClientSecret, "--client-id", cred.ClientID, sec.ClientSecret).wantCode(t, 2, "a secret as an argument")
	token(sec.ClientSecret).wantCode(t, 2, "no --client-id")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	runCLI(t, sec.ClientSecret, "token", "--server", dead, "--client-id", cred.ClientID).wantCode(t, 1, "a server out of reach")
}
