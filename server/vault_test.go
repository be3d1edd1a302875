package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/vault"
)

const (
	lawyerCPF = "529.982.247-25"
	totpSeed  = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
)

func (ts *testServer) vault(method, query, token string, body any) response {
	ts.t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	return ts.call(method, "/api/v1/vault/credentials"+query, token, "application/json", b)
}

func (ts *testServer) vaultRaw(method, query, token, body string) response {
	ts.t.Helper()
	return ts.call(method, "/api/v1/vault/credentials"+query, token, "application/json", []byte(body))
}

func statuses(t *testing.T, res response) map[string]string {
	t.Helper()
	if res.status != 200 {
		t.Fatalf("list: %d %s", res.status, res.body)
	}
	out := map[string]string{}
	for _, s := range decode[api.VaultSystems](t, res.body).Systems {
		out[s.Name+"|"+s.CustomerKey] = s.CredentialStatus
	}
	return out
}

// TestVaultJUDITPayloads posts the JUDIT document's own payloads (its
// usernames, "999.999.999-99", are placeholders that fail the CPF check
// digits, so a valid CPF stands in) and checks the documented answers.
func TestVaultJUDITPayloads(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	doc := strings.ReplaceAll(`{
"credentials": [
{ "system_name": "PJE TJBA - 1º grau", "customer_key": "00000001", "username": "999.999.999-99", "password": "Senha123" },
{ "system_name": "ESAJ - TJAC - 1º grau", "customer_key": "00000002", "username": "999.999.999-99", "password": "Senha123" }
]
}`, "999.999.999-99", lawyerCPF)
	res := ts.vaultRaw("POST", "", tok, doc)
	var got []api.VaultResult
	if res.status != 200 || json.Unmarshal(res.body, &got) != nil || len(got) != 2 ||
		got[0] != (api.VaultResult{SystemName: "PJE TJBA - 1º grau", Message: "CREDENTIAL_CREATED"}) ||
		got[1] != (api.VaultResult{SystemName: "ESAJ - TJAC - 1º grau", Message: "CREDENTIAL_CREATED"}) {
		t.Fatalf("write: %d %s", res.status, res.body)
	}
	twoFactor := strings.ReplaceAll(`{
"credentials": [
{ "system_name": "PJE TJBA - 1º grau", "customer_key": "00000001", "username": "999.999.999-99", "password": "Senha123",
  "custom_data": { "secret": "<TOKEN>" } }
]
}`, "999.999.999-99", lawyerCPF)
	res = ts.vaultRaw("POST", "", tok, strings.Replace(twoFactor, "<TOKEN>", totpSeed, 1))
	if !strings.Contains(string(res.body), `"message":"CREDENTIAL_UPDATED"`) {
		t.Fatalf("overwrite: %s", res.body)
	}

	all := statuses(t, ts.vault("GET", "", tok, nil))
	if all["PJE TJBA - 1º grau|00000001"] != "active" || all["ESAJ - TJAC - 1º grau|00000002"] != "active" ||
		all["*|"] != "not exists" || all["ESAJ - TJSP - 2º grau|"] != "not exists" {
		t.Fatalf("list: %v", all)
	}
	systems := decode[api.List[api.VaultSystem]](t, ts.do("GET", "/api/v1/vault/systems", map[string]string{"Authorization": "Bearer " + tok}).body).Items
	if len(all) != len(systems) {
		t.Errorf("every known system is listed once: %d rows for %d systems", len(all), len(systems))
	}
	one := statuses(t, ts.vault("GET", "?customer_key=00000001", tok, nil))
	if one["PJE TJBA - 1º grau|00000001"] != "active" || one["ESAJ - TJAC - 1º grau|"] != "not exists" {
		t.Fatalf("filtered list: %v", one)
	}
	if res := ts.vaultRaw("DELETE", "", tok, `{"system_name": "PJE TJBA - 1º grau"}`); res.status != 200 || strings.TrimSpace(string(res.body)) != "{}" {
		t.Fatalf("delete: %d %s", res.status, res.body)
	}
	if after := statuses(t, ts.vault("GET", "", tok, nil)); after["PJE TJBA - 1º grau|"] != "not exists" || after["ESAJ - TJAC - 1º grau|00000002"] != "active" {
		t.Fatalf("after delete: %v", after)
	}
}

func TestVaultItemErrors(t *testing.T) {
	ts := newTestServer(t)
	item := func(system, key, user, pass, seed string) api.VaultEntry {
		e := api.VaultEntry{SystemName: system, CustomerKey: key, Username: user, Password: pass}
		if seed != "" {
			e.CustomData = &api.VaultCustomData{Secret: seed}
		}
		return e
	}
	body := api.VaultWrite{Credentials: []api.VaultEntry{
		item("PJE TJXX - 9º grau", "1", lawyerCPF, "x", ""),
		item("PJE TJBA - 1º grau", "com espaço", lawyerCPF, "x", ""),
		item("PJE TJBA - 1º grau", "1", "999.999.999-99", "x", ""),
		item("PJE TJBA - 1º grau", "1", lawyerCPF, "", ""),
		item("PJE TJBA - 1º grau", "1", lawyerCPF, "x", "não-é-base32!"),
		item("ESAJ - TJSP - 1º grau", "1", lawyerCPF, "x", ""),
		item("ESAJ - TJSP - 1º grau", "1", "OAB/SP 123.456", "x", "jbsw y3dp ehpk 3pxp"),
	}}
	res := ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor("solicitante"), body)
	var got []api.VaultResult
	json.Unmarshal(res.body, &got)
	want := []string{api.VaultErrSystem, api.VaultErrCustomerKey, api.VaultErrUsername, api.VaultErrPassword, api.VaultErrTOTP,
		api.VaultErrTOTPMissing, api.VaultCreated}
	if res.status != 200 || len(got) != len(want) {
		t.Fatalf("%d %s", res.status, res.body)
	}
	for i, w := range want {
		if got[i].Message != w || got[i].SystemName != body.Credentials[i].SystemName {
			t.Errorf("item %d: %+v, want %s", i, got[i], w)
		}
	}
	wantProblem(t, "empty list", ts.vaultRaw("POST", "", ts.tokenFor("solicitante"), `{"credentials": []}`), 400, api.CodeValidation)
	wantProblem(t, "not JSON", ts.vaultRaw("POST", "", ts.tokenFor("solicitante"), `credentials`), 400, api.CodeValidation)
	wantProblem(t, "delete an unknown system", ts.vaultRaw("DELETE", "", ts.tokenFor("solicitante"), `{"system_name": "nada"}`), 422, api.CodeValidation)
}

func TestVaultRolesAndInstitutions(t *testing.T) {
	ts := newTestServer(t)
	write := api.VaultWrite{Credentials: []api.VaultEntry{{SystemName: "*", CustomerKey: "c1", Username: lawyerCPF, Password: "Senha-do-TJ"}}}
	for _, user := range []string{"avaliador", "admin"} {
		wantProblem(t, user+" writes", ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor(user), write), 403, api.CodeForbiddenRole)
		wantProblem(t, user+" lists", ts.vault("GET", "", ts.tokenFor(user), nil), 403, api.CodeForbiddenRole)
	}
	wantProblem(t, "anonymous", ts.vault("GET", "", "", nil), 401, api.CodeInvalidToken)
	tok := ts.tokenFor("solicitante")
	ts.vault("POST", "?institution="+tjCNPJ, tok, write)
	if st := statuses(t, ts.vault("GET", "?institution="+defensoriaCNPJ, tok, nil)); st["*|"] != "not exists" {
		t.Errorf("another institution of the same person sees the court's entry: %v", st)
	}
	if st := statuses(t, ts.vault("GET", "?institution="+tjCNPJ, tok, nil)); st["*|c1"] != "active" {
		t.Errorf("the court's entry: %v", st)
	}
	wantProblem(t, "an institution not linked", ts.vault("GET", "?institution="+pgeCNPJ, tok, nil), 403, api.CodeInstitutionNotLinked)
}

// serviceToken creates a service client and signs it in.
func (ts *testServer) serviceToken(institution, scope string) string {
	ts.t.Helper()
	c, err := CreateServiceClient(context.Background(), ts.db, "Robô de consulta", institution, scope, time.Now())
	if err != nil {
		ts.t.Fatal(err)
	}
	if !strings.HasPrefix(c.ClientID, "svc-robo-de-consulta-") {
		ts.t.Errorf("client id %q", c.ClientID)
	}
	res := ts.grant(c.ClientID, c.ClientSecret, false, url.Values{"scope": {scope}})
	if res.status != 200 {
		ts.t.Fatalf("service grant: %d %s", res.status, res.body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		Scope       string `json:"scope"`
	}
	json.Unmarshal(res.body, &tok)
	if tok.Scope != scope {
		ts.t.Errorf("granted scope %q", tok.Scope)
	}
	return tok.AccessToken
}

func (ts *testServer) resolve(token, key, system string) response {
	ts.t.Helper()
	b, _ := json.Marshal(api.VaultResolveRequest{CustomerKey: key, SystemName: system})
	return ts.call("POST", "/api/v1/vault/resolve", token, "application/json", b)
}

func TestVaultResolveWithWildcard(t *testing.T) {
	ts := newTestServer(t)
	clock := time.Date(2026, 11, 22, 12, 0, 7, 0, time.UTC)
	ts.server.cfg.Now = func() time.Time { return clock }
	ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor("solicitante"), api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "EPROC - TRF4 - 2º grau", CustomerKey: "00000001", Username: lawyerCPF, Password: "Senha-TRF4",
			CustomData: &api.VaultCustomData{Secret: totpSeed}},
		{SystemName: "*", CustomerKey: "00000001", Username: "SP123456", Password: "Senha-coringa"},
	}})
	svc := ts.serviceToken(tjCNPJ, ScopeVaultResolve)

	res := ts.resolve(svc, "00000001", "EPROC - TRF4 - 2º grau")
	got := decode[api.VaultResolved](t, res.body)
	code, _ := totp.GenerateCode(totpSeed, clock)
	if res.status != 200 || got.Password != "Senha-TRF4" || got.Username != "52998224725" || got.MatchedSystem != "EPROC - TRF4 - 2º grau" ||
		got.TOTP != code || got.TOTPExpiresIn != 23 || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("exact: %d %s", res.status, res.body)
	}
	res = ts.resolve(svc, "00000001", "PJE TJAP - 1º grau")
	if got := decode[api.VaultResolved](t, res.body); got.Password != "Senha-coringa" || got.MatchedSystem != "*" || got.TOTP != "" {
		t.Fatalf("wildcard: %s", res.body)
	}
	wantProblem(t, "no entry, no wildcard", ts.resolve(svc, "00000009", "PJE TJAP - 1º grau"), 404, api.CodeVaultNotFound)
	wantProblem(t, "another institution's service", ts.resolve(ts.serviceToken(defensoriaCNPJ, ScopeVaultResolve), "00000001", "*"), 404, api.CodeVaultNotFound)

	for _, user := range []string{"solicitante", "avaliador", "admin"} {
		wantProblem(t, user+" resolves", ts.resolve(ts.tokenFor(user), "00000001", "*"), 403, api.CodeForbiddenRole)
	}
	req := ts.approvedRequest(tjCNPJ)
	sec := ts.newSecret(req.ID, 0)
	wantProblem(t, "a gateway credential resolves", ts.resolve(ts.tokenOf(sec.ClientID, sec.ClientSecret), "00000001", "*"), 403, api.CodeVaultScope)
	wantProblem(t, "no token", ts.resolve("", "00000001", "*"), 401, api.CodeInvalidToken)

	log, err := ts.db.VaultAuditLog(context.Background(), tjCNPJ)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range log {
		lines = append(lines, a.Action+" "+a.Key.CustomerKey+" "+a.Key.System+" "+a.Outcome)
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{"write 00000001 * CREDENTIAL_CREATED", "resolve 00000001 EPROC - TRF4 - 2º grau resolved",
		"resolve 00000001 * resolved", "resolve 00000009 PJE TJAP - 1º grau not_found"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit lacks %q:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "Senha") {
		t.Fatal("a value reached the audit")
	}
}

// TestVaultLeavesNoPlaintext: passwords and seeds are in neither the
// database file, its WAL, nor the logs.
func TestVaultLeavesNoPlaintext(t *testing.T) {
	ts := newTestServer(t)
	secrets := []string{"Tr1bunal-Pa55word", "OutraSenhaMuitoSecreta"}
	ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor("solicitante"), api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "EPROC - TRF4 - 1º grau", CustomerKey: "k1", Username: lawyerCPF, Password: secrets[0], CustomData: &api.VaultCustomData{Secret: totpSeed}},
		{SystemName: "PJE TJBA - 2º grau", CustomerKey: "k2", Username: "BA12345", Password: secrets[1]},
	}})
	ts.resolve(ts.serviceToken(tjCNPJ, ScopeVaultResolve), "k1", "EPROC - TRF4 - 1º grau")
	stored := ts.storedBytes()
	for _, s := range append(secrets, totpSeed) {
		if strings.Contains(stored, s) || strings.Contains(ts.logs.String(), s) {
			t.Errorf("%q is stored or logged in clear", s)
		}
	}
}

// TestVaultRowMovedElsewhereDoesNotOpen: a row copied to another
// customer_key (or institution) fails to decrypt instead of leaking.
func TestVaultRowMovedElsewhereDoesNotOpen(t *testing.T) {
	ts := newTestServer(t)
	ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor("solicitante"), api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "*", CustomerKey: "victim", Username: lawyerCPF, Password: "Senha-da-vitima"}}})
	if _, err := ts.raw().Exec(`INSERT INTO vault_entries (institution_cnpj, customer_key, system_name, key_id, wrapped_key, ciphertext, updated_at, updated_by)
		SELECT institution_cnpj, 'attacker', system_name, key_id, wrapped_key, ciphertext, updated_at, updated_by FROM vault_entries WHERE customer_key = 'victim'`); err != nil {
		t.Fatal(err)
	}
	res := ts.resolve(ts.serviceToken(tjCNPJ, ScopeVaultResolve), "attacker", "*")
	if res.status != 500 || strings.Contains(string(res.body), "Senha-da-vitima") {
		t.Fatalf("a moved row: %d %s", res.status, res.body)
	}
}

// TestVaultLockedAndKeyRotation: without a key, or with the wrong one,
// the vault answers 503 and changes nothing while the rest of the server
// works; rotation re-wraps every entry under a new key.
func TestVaultLockedAndKeyRotation(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	ts.vault("POST", "?institution="+tjCNPJ, tok, api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "*", CustomerKey: "a", Username: lawyerCPF, Password: "Senha-A"},
		{SystemName: "PJE TJBA - 1º grau", CustomerKey: "b", Username: lawyerCPF, Password: "Senha-B"},
	}})
	svc := ts.serviceToken(tjCNPJ, ScopeVaultResolve)
	restart := func(key *vault.MasterKey) {
		ts.server = New(ts.db, Config{Build: api.Build(), Auth: ts.auth, Logger: ts.server.log, VaultKey: key})
		ts.srv.Config.Handler = ts.server.Handler()
	}
	wrong, _ := vault.ParseKey(vault.NewKey())
	for name, key := range map[string]*vault.MasterKey{"no key": nil, "wrong key": wrong} {
		restart(key)
		wantProblem(t, name+": list", ts.vault("GET", "?institution="+tjCNPJ, tok, nil), 503, api.CodeVaultLocked)
		wantProblem(t, name+": write", ts.vault("POST", "?institution="+tjCNPJ, tok, api.VaultWrite{Credentials: []api.VaultEntry{
			{SystemName: "*", CustomerKey: "a", Username: lawyerCPF, Password: "Sobrescrita"}}}), 503, api.CodeVaultLocked)
		wantProblem(t, name+": resolve", ts.resolve(svc, "a", "*"), 503, api.CodeVaultLocked)
		if res := ts.do("GET", "/api/v1/apis", nil); res.status != 200 {
			t.Errorf("%s: the catalog must keep working: %d", name, res.status)
		}
	}
	if check, _ := ts.db.VaultKeyCheck(context.Background()); check != ts.vaultKey.Check() {
		t.Fatal("a wrong key replaced the key check")
	}

	next, _ := vault.ParseKey(vault.NewKey())
	if _, err := ts.db.RotateVaultKey(context.Background(), wrong, next); err == nil {
		t.Fatal("rotation from a wrong key was accepted")
	}
	n, err := ts.db.RotateVaultKey(context.Background(), ts.vaultKey, next)
	if err != nil || n != 2 {
		t.Fatalf("rotation: %d %v", n, err)
	}
	restart(next)
	for key, want := range map[string]string{"a": "Senha-A", "b": "Senha-B"} {
		system := "*"
		if key == "b" {
			system = "PJE TJBA - 1º grau"
		}
		if got := decode[api.VaultResolved](t, ts.resolve(svc, key, system).body); got.Password != want {
			t.Errorf("%s after rotation: %+v", key, got)
		}
	}
	restart(ts.vaultKey) // the old key no longer fits
	wantProblem(t, "old key after rotation", ts.vault("GET", "?institution="+tjCNPJ, tok, nil), 503, api.CodeVaultLocked)
	_ = db.ErrVaultKey
}

// TestVaultKeyRotatedUnderARunningServer: a replica still running on the
// old key after `gecli vault rotate-key` stores nothing the new key could
// not open, and resolves nothing: 503 vault_locked until it restarts.
func TestVaultKeyRotatedUnderARunningServer(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	if res := ts.vault("POST", "?institution="+tjCNPJ, tok, api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "*", CustomerKey: "a", Username: lawyerCPF, Password: "Senha-A"}}}); res.status != 200 {
		t.Fatalf("write: %d %s", res.status, res.body)
	}
	svc := ts.serviceToken(tjCNPJ, ScopeVaultResolve)
	next, _ := vault.ParseKey(vault.NewKey())
	if _, err := ts.db.RotateVaultKey(context.Background(), ts.vaultKey, next); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, "write on the old key", ts.vault("POST", "?institution="+tjCNPJ, tok, api.VaultWrite{Credentials: []api.VaultEntry{
		{SystemName: "*", CustomerKey: "a", Username: lawyerCPF, Password: "Sobrescrita"},
		{SystemName: "*", CustomerKey: "new", Username: lawyerCPF, Password: "Nova"}}}), 503, api.CodeVaultLocked)
	wantProblem(t, "resolve on the old key", ts.resolve(svc, "a", "*"), 503, api.CodeVaultLocked)
	if !strings.Contains(ts.logs.String(), "restart it with the new key") {
		t.Error("the operator is not told to restart the server")
	}

	ts.server = New(ts.db, Config{Build: api.Build(), Auth: ts.auth, Logger: ts.server.log, VaultKey: next})
	ts.srv.Config.Handler = ts.server.Handler()
	if got := decode[api.VaultResolved](t, ts.resolve(svc, "a", "*").body); got.Password != "Senha-A" {
		t.Fatalf("after the restart: %+v, want the entry as it was before the refused write", got)
	}
	if all := statuses(t, ts.vault("GET", "?institution="+tjCNPJ, tok, nil)); all["*|new"] != "" {
		t.Fatalf("the refused write stored an entry: %v", all)
	}
}
