package server

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// guarded is an endpoint and the permissions that open it (any of them).
type guarded struct {
	method, path string
	perms        []api.Permission
	body         []byte
}

// setProfile replaces a role's permissions as PUT /api/v1/profiles does.
func (ts *testServer) setProfile(role api.Role, perms []api.Permission) {
	ts.t.Helper()
	if err := ts.db.SetProfile(context.Background(), role, perms); err != nil {
		ts.t.Fatal(err)
	}
	ts.server.forgetProfiles()
}

// TestEveryEndpointChecksItsPermission: the server checks permissions,
// not role names. For each endpoint, the demo requester's profile is given
// every permission but the endpoint's (403 forbidden_role), then only the
// endpoint's (not 403 forbidden_role: the call goes on to its own checks).
// Every route the server registers is either in this table or named as
// public or open to anyone signed in, so a new route must be classified.
func TestEveryEndpointChecksItsPermission(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	mine, _, _, _ := ts.db.ListRequests(ctx, db.RequestFilter{Institutions: []string{tjCNPJ}, Statuses: []api.Status{api.StatusPending}, Limit: 1})
	approved, _, _, _ := ts.db.ListRequests(ctx, db.RequestFilter{Institutions: []string{tjCNPJ}, Statuses: []api.Status{api.StatusApproved}, Limit: 1})
	req := "/api/v1/requests/" + mine[0].ID
	appr := "/api/v1/requests/" + approved[0].ID
	json := []byte(`{}`)
	table := []guarded{
		{"POST", "/api/v1/requests", []api.Permission{api.PermRequestsSubmit}, json},
		{"POST", req + "/cancel", []api.Permission{api.PermRequestsSubmit}, nil},
		{"POST", req + "/attachments?filename=a.pdf", []api.Permission{api.PermRequestsSubmit}, []byte("x")},
		{"PUT", req + "/verification-form", []api.Permission{api.PermRequestsSubmit}, json},
		{"POST", req + "/decision", []api.Permission{api.PermRequestsApprove}, json},
		{"POST", req + "/opinions", []api.Permission{api.PermRequestsAnalyze}, json},
		{"POST", appr + "/revoke", []api.Permission{api.PermRequestsRevoke}, json},
		{"POST", appr + "/sei/retry", []api.Permission{api.PermRequestsRevoke}, nil},
		{"POST", appr + "/credential/secret", []api.Permission{api.PermCredentialsManage}, json},
		{"GET", "/api/v1/institutions/" + tjCNPJ + "/ip-allowlist", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
		{"PUT", "/api/v1/institutions/" + tjCNPJ + "/ip-allowlist", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, json},
		{"POST", "/api/v1/vault/credentials?institution=" + tjCNPJ, []api.Permission{api.PermVaultWrite}, json},
		{"GET", "/api/v1/vault/credentials?institution=" + tjCNPJ, []api.Permission{api.PermVaultWrite}, nil},
		{"DELETE", "/api/v1/vault/credentials?institution=" + tjCNPJ, []api.Permission{api.PermVaultWrite}, json},
		{"GET", "/api/v1/apis?state=all", []api.Permission{api.PermCatalogAdmin}, nil},
		{"POST", "/api/v1/apis", []api.Permission{api.PermCatalogAdmin}, json},
		{"PUT", "/api/v1/apis/datajud", []api.Permission{api.PermCatalogAdmin}, json},
		{"POST", "/api/v1/apis/datajud/publish", []api.Permission{api.PermCatalogAdmin}, nil},
		{"POST", "/api/v1/apis/datajud/retire", []api.Permission{api.PermCatalogAdmin}, nil},
		{"POST", "/api/v1/apis/datajud/terms?version=9", []api.Permission{api.PermCatalogAdmin}, []byte("x")},
		{"PUT", "/api/v1/apis/datajud/openapi", []api.Permission{api.PermCatalogAdmin}, []byte("x")},
		{"GET", "/api/v1/profiles", []api.Permission{api.PermProfilesAdmin}, nil},
		{"PUT", "/api/v1/profiles/evaluator", []api.Permission{api.PermProfilesAdmin}, json},
		{"GET", "/api/v1/users", []api.Permission{api.PermUsersAdmin}, nil},
		{"POST", "/api/v1/users", []api.Permission{api.PermUsersAdmin}, json},
		{"PATCH", "/api/v1/users/u-admin", []api.Permission{api.PermUsersAdmin}, json},
		{"POST", "/api/v1/users/u-admin/activation", []api.Permission{api.PermUsersAdmin}, nil},
		{"GET", "/api/v1/institutions", []api.Permission{api.PermUsersAdmin}, nil},
		{"POST", "/api/v1/institutions", []api.Permission{api.PermUsersAdmin}, json},
		{"PATCH", "/api/v1/institutions/" + tjCNPJ, []api.Permission{api.PermUsersAdmin}, json},
		{"GET", "/api/v1/audit", []api.Permission{api.PermAuditRead}, nil},
		{"GET", "/api/v1/audit/verify", []api.Permission{api.PermAuditRead}, nil},
		{"GET", "/api/v1/audit/checkpoints", []api.Permission{api.PermAuditRead}, nil},
		{"POST", "/api/v1/audit/checkpoints", []api.Permission{api.PermAuditRead}, nil},
		{"POST", "/api/v1/announcements", []api.Permission{api.PermNoticesAdmin}, nil},
		{"PUT", "/api/v1/announcements/anc-000000000000", []api.Permission{api.PermNoticesAdmin}, nil},
		{"DELETE", "/api/v1/announcements/anc-000000000000", []api.Permission{api.PermNoticesAdmin}, nil},
		{"PUT", "/api/v1/maintenance", []api.Permission{api.PermNoticesAdmin}, nil},
		{"DELETE", "/api/v1/maintenance", []api.Permission{api.PermNoticesAdmin}, nil},
		{"GET", "/api/v1/institutions/" + tjCNPJ + "/webhooks", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
		{"POST", "/api/v1/institutions/" + tjCNPJ + "/webhooks", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
		{"DELETE", "/api/v1/institutions/" + tjCNPJ + "/webhooks/whk-000000000000", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
		{"POST", "/api/v1/institutions/" + tjCNPJ + "/webhooks/whk-000000000000/test", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
		{"GET", "/api/v1/institutions/" + tjCNPJ + "/webhooks/whk-000000000000/deliveries", []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}, nil},
	}
	// Open to anyone (the catalog, the issuer's endpoints) or to anyone
	// signed in, each call then scoped to what the person may see.
	open := []string{
		"GET /healthz", "GET /readyz", "GET /version", "GET /openapi.yaml", "GET /api/v1/meta",
		"GET /api/v1/apis", "GET /api/v1/apis/{id}", "GET /api/v1/apis/{id}/terms", "GET /api/v1/apis/{id}/openapi.json",
		"GET /api/v1/apis/{id}/terms/versions", "GET /api/v1/me", "GET /api/v1/requests", "GET /api/v1/requests/{id}",
		"GET /api/v1/requests/{id}/attachments/{aid}", "GET /api/v1/requests/{id}/verification-form", "GET /api/v1/requests/{id}/sei",
		"POST /api/v1/requests/{id}/attachments/{aid}/link", "POST /api/v1/me/ssh-sessions",
		"GET /api/v1/credentials", "GET /api/v1/vault/systems", "POST /api/v1/vault/resolve", "GET /gateway/{env}/ping",
		"GET /api/v1/announcements", "GET /api/v1/maintenance", // each audience its own (notices_test.go)
	}
	classified := map[string]bool{}
	for _, g := range table {
		path, _, _ := strings.Cut(g.path, "?")
		classified[g.method+" "+path] = true
	}
	for _, route := range ts.server.registered {
		method, path, _ := strings.Cut(route, " ")
		if slices.Contains(open, route) || !strings.HasPrefix(path, "/api/v1/") && !strings.HasPrefix(path, "/gateway/") {
			continue
		}
		matched := false
		for c := range classified {
			cm, cp, _ := strings.Cut(c, " ")
			matched = matched || cm == method && samePattern(path, cp)
		}
		if !matched {
			t.Errorf("%s is neither in the permission table nor named open: classify it", route)
		}
	}

	requester := ts.tokenFor("solicitante")
	for _, g := range table {
		var without []api.Permission
		for _, p := range api.Permissions {
			if !slices.Contains(g.perms, p) {
				without = append(without, p)
			}
		}
		ts.setProfile(api.RoleRequester, without)
		wantProblem(t, g.method+" "+g.path+" without "+string(g.perms[0]), ts.call(g.method, g.path, requester, "application/json", g.body),
			403, api.CodeForbiddenRole)
		for _, p := range g.perms {
			ts.setProfile(api.RoleRequester, []api.Permission{p})
			res := ts.call(g.method, g.path, requester, "application/json", g.body)
			if res.status == 403 && decode[api.Problem](t, res.body).Code == api.CodeForbiddenRole {
				t.Errorf("%s %s with only %s: still refused for the profile: %s", g.method, g.path, p, res.body)
			}
		}
	}
}

// samePattern says whether a concrete path matches a route pattern.
func samePattern(pattern, path string) bool {
	a, b := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !strings.HasPrefix(a[i], "{") {
			return false
		}
	}
	return true
}

// TestProfilesAreEditedAndGuarded: the defaults reproduce the roles'
// behaviour, a change applies at once, unknown permissions are refused,
// and no change may leave nobody able to edit the profiles.
func TestProfilesAreEditedAndGuarded(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	res := ts.call("GET", "/api/v1/profiles", admin, "", nil)
	list := decode[api.List[api.Profile]](t, res.body)
	if res.status != 200 || len(list.Items) != 3 {
		t.Fatalf("profiles: %d %s", res.status, res.body)
	}
	for _, p := range list.Items {
		if !slices.Equal(p.Permissions, api.DefaultPermissions[p.Role]) {
			t.Errorf("%s: %v, want the defaults %v", p.Role, p.Permissions, api.DefaultPermissions[p.Role])
		}
	}
	me := decode[api.Me](t, ts.getMe(ts.tokenFor("avaliador")).body)
	if !me.Can(api.PermRequestsApprove) || me.Can(api.PermCatalogAdmin) {
		t.Errorf("/me permissions of the evaluator: %v", me.Permissions)
	}

	// The evaluator's profile loses the decision: an evaluator can no
	// longer decide, at once (the token is the same).
	evaluator := ts.tokenFor("avaliador")
	put := func(role string, perms []api.Permission) response {
		return ts.call("PUT", "/api/v1/profiles/"+role, admin, "application/json", mustJSON(api.ProfileWrite{Permissions: perms}))
	}
	if res := put("evaluator", []api.Permission{api.PermRequestsRead, api.PermRequestsAnalyze}); res.status != 200 {
		t.Fatalf("put: %d %s", res.status, res.body)
	}
	pending, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	wantProblem(t, "an evaluator whose profile lost requests:approve", ts.postJSON("/api/v1/requests/"+pending[0].ID+"/decision", evaluator,
		api.Decision{Decision: "approve"}), 403, api.CodeForbiddenRole)

	wantProblem(t, "an unknown permission", put("evaluator", []api.Permission{"requests:everything"}), 422, api.CodeValidation)
	wantProblem(t, "an unknown profile", put("auditor", nil), 404, api.CodeNotFound)
	wantProblem(t, "the admin profile without profiles:admin", put("admin", []api.Permission{api.PermAuditRead}), 409, api.CodeLastProfilesAdmin)
	if res := ts.call("GET", "/api/v1/profiles", admin, "", nil); res.status != 200 {
		t.Errorf("the refused change took profiles:admin away: %d", res.status)
	}
	// Giving it to the evaluators first makes the same change possible:
	// an enabled evaluator keeps it.
	if res := put("evaluator", []api.Permission{api.PermProfilesAdmin}); res.status != 200 {
		t.Fatalf("put: %d %s", res.status, res.body)
	}
	if res := put("admin", []api.Permission{api.PermAuditRead}); res.status != 200 {
		t.Errorf("with an evaluator holding profiles:admin: %d %s", res.status, res.body)
	}
	wantProblem(t, "the admin no longer edits profiles", ts.call("GET", "/api/v1/profiles", admin, "", nil), 403, api.CodeForbiddenRole)
}
