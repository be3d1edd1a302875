package server

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// activate drives /device/activate as a browser would.
func (ts *testServer) activate(code, password, confirm string) (int, string) {
	ts.t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.Get(ts.srv.URL + "/device/activate")
	if err != nil {
		ts.t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		ts.t.Fatalf("no CSRF field on /device/activate:\n%s", page)
	}
	res, err = browser.PostForm(ts.srv.URL+"/device/activate", url.Values{"csrf": {string(m[1])}, "code": {code},
		"password": {password}, "confirm": {confirm}})
	if err != nil {
		ts.t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(body)
}

// TestUsersAreAddedAndActivatedByThemselves: an admin adds a person and
// gets a one-time code, never a password; the person sets theirs on
// /device/activate and signs in with it; the code works once; bad input
// is refused field by field.
func TestUsersAreAddedAndActivatedByThemselves(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	create := func(u api.UserCreate) response {
		return ts.call("POST", "/api/v1/users", admin, "application/json", mustJSON(u))
	}
	bad := create(api.UserCreate{Username: "A", Name: " ", CPF: "123", Role: "chefe", Institutions: []string{"11.222.333/0001-00"}})
	wantProblem(t, "a bad user", bad, 422, api.CodeValidation)
	fields := map[string]bool{}
	for _, f := range decode[api.Problem](t, bad.body).Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"username", "name", "cpf", "role", "institutions"} {
		if !fields[f] {
			t.Errorf("no message for %s: %s", f, bad.body)
		}
	}
	wantProblem(t, "an unregistered institution", create(api.UserCreate{Username: "joana", Name: "Joana", Role: api.RoleRequester,
		Institutions: []string{"11444777000161"}}), 422, api.CodeValidation)
	wantProblem(t, "a taken username", create(api.UserCreate{Username: "admin", Name: "Outra", Role: api.RoleRequester}), 409, api.CodeUserExists)

	res := create(api.UserCreate{Username: "joana.reis", Name: "Joana Reis", CPF: "529.982.247-25", Role: api.RoleRequester,
		Institutions: []string{tjCNPJ}})
	if res.status != 201 || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %s (Cache-Control %q)", res.status, res.body, res.header.Get("Cache-Control"))
	}
	made := decode[api.UserCreated](t, res.body)
	if made.ActivationCode == "" || made.User.Activated || made.User.Role != api.RoleRequester || len(made.User.Institutions) != 1 ||
		!strings.HasSuffix(made.ActivationURL, "/device/activate") {
		t.Fatalf("answer: %+v", made)
	}
	if strings.Contains(ts.logs.String(), made.ActivationCode) {
		t.Error("the activation code is in the logs")
	}
	// No password yet: the device page refuses any.
	if status, page := ts.approve(ts.deviceCode(1), "joana.reis", "x", "approve"); status != 401 {
		t.Errorf("an account not activated: %d %s", status, page)
	}
	if status, page := ts.activate(made.ActivationCode, "curta", "curta"); status != 400 || !strings.Contains(page, "12 caracteres") {
		t.Errorf("a short password: %d %s", status, page)
	}
	if status, page := ts.activate(made.ActivationCode, "uma senha bem longa", "outra senha longa"); status != 400 || !strings.Contains(page, "não conferem") {
		t.Errorf("a confirmation that differs: %d %s", status, page)
	}
	if status, page := ts.activate("BCDF-GHJK-MNPQ-RTVW", "uma senha bem longa", "uma senha bem longa"); status != 400 || !strings.Contains(page, "desconhecido") {
		t.Errorf("a wrong code: %d %s", status, page)
	}
	typed := strings.ToLower(strings.ReplaceAll(made.ActivationCode, "-", " ")) // however it is typed
	if status, page := ts.activate(typed, "uma senha bem longa", "uma senha bem longa"); status != 200 || !strings.Contains(page, "joana.reis") {
		t.Fatalf("activation: %d %s", status, page)
	}
	if status, _ := ts.activate(made.ActivationCode, "outra senha bem longa", "outra senha bem longa"); status != 400 {
		t.Errorf("the code worked twice: %d", status)
	}
	if status, page := ts.approve(ts.deviceCode(2), "joana.reis", "uma senha bem longa", "approve"); status != 200 {
		t.Errorf("sign-in with the chosen password: %d %s", status, page)
	}
	list := decode[api.List[api.UserEntry]](t, ts.call("GET", "/api/v1/users?q=JOANA", admin, "", nil).body)
	if len(list.Items) != 1 || !list.Items[0].Activated {
		t.Errorf("search: %+v", list.Items)
	}

	// A new code for a forgotten password: the old password works until
	// it is used.
	again := ts.call("POST", "/api/v1/users/"+made.User.ID+"/activation", admin, "", nil)
	if again.status != 200 || decode[api.UserCreated](t, again.body).ActivationCode == made.ActivationCode {
		t.Errorf("new code: %d %s", again.status, again.body)
	}
	wantProblem(t, "an unknown user's code", ts.call("POST", "/api/v1/users/u-nobody/activation", admin, "", nil), 404, api.CodeUserNotFound)
}

// TestDisablingStopsAtTheNextCall: a disabled person's token is refused
// at their next call, not when it expires; a role change and institution
// links apply; the last admin cannot be disabled or demoted.
func TestDisablingStopsAtTheNextCall(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	access, _ := ts.signInAs("avaliador")
	if res := ts.getMe(access); res.status != 200 {
		t.Fatalf("me: %d", res.status)
	}
	patch := func(id string, p api.UserPatch) response {
		return ts.call("PATCH", "/api/v1/users/"+id, admin, "application/json", mustJSON(p))
	}
	yes, no := true, false
	if res := patch("u-avaliador", api.UserPatch{Disabled: &yes}); res.status != 200 || !decode[api.UserEntry](t, res.body).Disabled {
		t.Fatalf("disable: %d %s", res.status, res.body)
	}
	wantProblem(t, "the disabled evaluator's next call", ts.getMe(access), 401, api.CodeInvalidToken)
	if res := patch("u-avaliador", api.UserPatch{Disabled: &no}); res.status != 200 {
		t.Fatalf("enable: %d %s", res.status, res.body)
	}

	role, links := api.RoleEvaluator, []string{tjCNPJ}
	res := patch("u-solicitante", api.UserPatch{Role: &role, Institutions: &links})
	got := decode[api.UserEntry](t, res.body)
	if res.status != 200 || got.Role != api.RoleEvaluator || len(got.Institutions) != 1 {
		t.Fatalf("role and links: %d %s", res.status, res.body)
	}
	wantProblem(t, "nothing to change", patch("u-solicitante", api.UserPatch{}), 422, api.CodeValidation)
	wantProblem(t, "an unknown user", patch("u-nobody", api.UserPatch{Disabled: &yes}), 404, api.CodeUserNotFound)

	requester := api.RoleRequester
	wantProblem(t, "disabling the last admin", patch("u-admin", api.UserPatch{Disabled: &yes}), 409, api.CodeLastProfilesAdmin)
	wantProblem(t, "demoting the last admin", patch("u-admin", api.UserPatch{Role: &requester}), 409, api.CodeLastProfilesAdmin)
	if res := ts.getMe(admin); res.status != 200 {
		t.Errorf("the refused change disabled the admin: %d", res.status)
	}
}
