package server

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

func (ts *testServer) putJSON(path, token string, v any) response {
	b, _ := json.Marshal(v)
	return ts.call("PUT", path, token, "application/json", b)
}

func (ts *testServer) announcementTitles(token string) []string {
	ts.t.Helper()
	res := ts.call("GET", "/api/v1/announcements", token, "", nil)
	if res.status != 200 {
		ts.t.Fatalf("announcements: %d %s", res.status, res.body)
	}
	var titles []string
	for _, a := range decode[api.List[api.Announcement]](ts.t, res.body).Items {
		titles = append(titles, a.Title.PtBR)
	}
	return titles
}

// cancelableRequest is a pending request of the requester's institution.
func (ts *testServer) cancelableRequest() string {
	ts.t.Helper()
	all, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Limit: 1000})
	for _, r := range all {
		if r.Institution.CNPJ == tjCNPJ && r.Status == api.StatusPending {
			return r.ID
		}
	}
	ts.t.Fatal("the demo has no pending request of the TJ")
	return ""
}

func at(d time.Duration) string { return time.Now().Add(d).UTC().Format(time.RFC3339) }

// TestAnnouncementsReachTheirAudienceInTheirWindow: whoever holds
// notices:admin publishes, edits and deletes announcements (each change
// audited); the others are refused. The list shows each one to its
// audience only (everyone's to people signed out), and only within its
// window; ?all=true shows an admin every one.
func TestAnnouncementsReachTheirAudienceInTheirWindow(t *testing.T) {
	ts := newTestServer(t)
	admin, requester, evaluator := ts.tokenFor("admin"), ts.tokenFor("solicitante"), ts.tokenFor("avaliador")
	body := api.AnnouncementWrite{Title: api.Localized{PtBR: "Nova API: Consulta CNPJ", En: "New API: CNPJ lookup"},
		Text: api.Localized{PtBR: "Já disponível em HMG.", En: "Now in staging."}}
	for _, who := range []string{requester, evaluator} {
		wantProblem(t, "a non-admin publishes", ts.postJSON("/api/v1/announcements", who, body), 403, api.CodeForbiddenRole)
	}
	wantProblem(t, "signed out", ts.postJSON("/api/v1/announcements", "", body), 401, api.CodeInvalidToken)

	publish := func(w api.AnnouncementWrite) api.Announcement {
		t.Helper()
		res := ts.postJSON("/api/v1/announcements", admin, w)
		if res.status != 201 {
			t.Fatalf("publish %q: %d %s", w.Title.PtBR, res.status, res.body)
		}
		return decode[api.Announcement](t, res.body)
	}
	public := publish(body)
	if public.Severity != api.SeverityInfo || public.Audience != api.AudienceAll || public.ID == "" {
		t.Fatalf("defaults: %+v", public)
	}
	publish(api.AnnouncementWrite{Title: api.Localized{PtBR: "Fila de avaliação lenta"}, Severity: api.SeverityWarning, Audience: "evaluator"})
	publish(api.AnnouncementWrite{Title: api.Localized{PtBR: "Expirado"}, StartsAt: at(-2 * time.Hour), EndsAt: at(-time.Hour)})
	publish(api.AnnouncementWrite{Title: api.Localized{PtBR: "Amanhã"}, StartsAt: at(24 * time.Hour)})

	if got := ts.announcementTitles(""); strings.Join(got, "|") != "Nova API: Consulta CNPJ" {
		t.Errorf("signed out sees %q", got)
	}
	if got := ts.announcementTitles(requester); strings.Join(got, "|") != "Nova API: Consulta CNPJ" {
		t.Errorf("a requester sees %q", got)
	}
	if got := ts.announcementTitles(evaluator); strings.Join(got, "|") != "Fila de avaliação lenta|Nova API: Consulta CNPJ" {
		t.Errorf("an evaluator sees %q", got)
	}
	wantProblem(t, "a requester asks for all", ts.call("GET", "/api/v1/announcements?all=true", requester, "", nil), 403, api.CodeForbiddenRole)
	res := ts.call("GET", "/api/v1/announcements?all=true", admin, "", nil)
	if n := len(decode[api.List[api.Announcement]](t, res.body).Items); n != 4 {
		t.Errorf("all: %d announcements", n)
	}
	wantProblem(t, "a bad token is refused, not ignored", ts.call("GET", "/api/v1/announcements", "not-a-token", "", nil), 401, api.CodeInvalidToken)

	// Refusals name the field.
	for name, w := range map[string]api.AnnouncementWrite{
		"no title":        {Text: api.Localized{PtBR: "texto"}},
		"bad severity":    {Title: api.Localized{PtBR: "t"}, Severity: "urgent"},
		"bad audience":    {Title: api.Localized{PtBR: "t"}, Audience: "everyone"},
		"end before":      {Title: api.Localized{PtBR: "t"}, StartsAt: at(time.Hour), EndsAt: at(-time.Hour)},
		"not a date":      {Title: api.Localized{PtBR: "t"}, EndsAt: "amanhã"},
		"two-line title":  {Title: api.Localized{PtBR: "a\nb"}},
		"title too long":  {Title: api.Localized{PtBR: strings.Repeat("x", api.MaxNoticeTitleLen+1)}},
		"text too long":   {Title: api.Localized{PtBR: "t"}, Text: api.Localized{En: strings.Repeat("x", api.MaxNoticeTextLen+1)}},
		"blank title pt":  {Title: api.Localized{PtBR: "\u200b ", En: "English only"}},
		"audience unkown": {Title: api.Localized{PtBR: "t"}, Audience: "root"},
	} {
		res := ts.postJSON("/api/v1/announcements", admin, w)
		if p := decode[api.Problem](t, res.body); res.status != 422 || len(p.Fields) == 0 {
			t.Errorf("%s: %d %s", name, res.status, res.body)
		}
	}

	// Edit, then delete; each audited.
	edited := body
	edited.Title.PtBR, edited.Severity = "Nova API: Consulta CNPJ (PRD também)", api.SeverityWarning
	res = ts.putJSON("/api/v1/announcements/"+public.ID, admin, edited)
	if got := decode[api.Announcement](t, res.body); res.status != 200 || got.Title.PtBR != edited.Title.PtBR || got.Severity != api.SeverityWarning {
		t.Fatalf("edit: %d %s", res.status, res.body)
	}
	wantProblem(t, "edit an unknown one", ts.putJSON("/api/v1/announcements/anc-000000000000", admin, edited), 404, api.CodeAnnouncementNotFound)
	wantProblem(t, "a requester deletes", ts.call("DELETE", "/api/v1/announcements/"+public.ID, requester, "", nil), 403, api.CodeForbiddenRole)
	if res := ts.call("DELETE", "/api/v1/announcements/"+public.ID, admin, "", nil); res.status != 204 {
		t.Fatalf("delete: %d %s", res.status, res.body)
	}
	wantProblem(t, "delete again", ts.call("DELETE", "/api/v1/announcements/"+public.ID, admin, "", nil), 404, api.CodeAnnouncementNotFound)
	if got := ts.announcementTitles(""); len(got) != 0 {
		t.Errorf("after the delete, signed out sees %q", got)
	}
	audit := ts.call("GET", "/api/v1/audit?target=announcement:"+public.ID, admin, "", nil)
	for _, action := range []string{"announcement.created", "announcement.updated", "announcement.deleted"} {
		if !strings.Contains(string(audit.body), action) {
			t.Errorf("the audit lacks %s: %s", action, audit.body)
		}
	}
}

// TestMaintenanceHoldsWritesOnly: a window planned ahead is announced and
// holds nothing; once on, every write answers 503 maintenance with
// Retry-After until its end (in the caller's language), reads go on,
// signing in still works, /readyz says so, and ending it opens writes at
// once.
func TestMaintenanceHoldsWritesOnly(t *testing.T) {
	ts := newTestServer(t)
	admin, requester := ts.tokenFor("admin"), ts.tokenFor("solicitante")
	if res := ts.call("GET", "/api/v1/maintenance", "", "", nil); res.status != 204 {
		t.Fatalf("none planned: %d %s", res.status, res.body)
	}
	planned := api.MaintenanceWrite{StartsAt: at(2 * time.Hour), EndsAt: at(150 * time.Minute),
		Message: api.Localized{PtBR: "troca do banco de dados", En: "database upgrade"}}
	wantProblem(t, "a requester plans one", ts.putJSON("/api/v1/maintenance", requester, planned), 403, api.CodeForbiddenRole)
	res := ts.putJSON("/api/v1/maintenance", admin, planned)
	if m := decode[api.Maintenance](t, res.body); res.status != 200 || m.Active || m.Message.En != "database upgrade" {
		t.Fatalf("planned: %d %s", res.status, res.body)
	}
	if m := decode[api.Maintenance](t, ts.call("GET", "/api/v1/maintenance", "", "", nil).body); m.StartsAt != planned.StartsAt {
		t.Fatalf("anyone reads it: %+v", m)
	}
	draft := ts.cancelableRequest()
	for name, w := range map[string]api.MaintenanceWrite{
		"ended":     {StartsAt: at(-2 * time.Hour), EndsAt: at(-time.Hour)},
		"too long":  {StartsAt: at(time.Hour), EndsAt: at(9 * 24 * time.Hour)},
		"no end":    {StartsAt: at(time.Hour)},
		"backwards": {StartsAt: at(2 * time.Hour), EndsAt: at(time.Hour)},
	} {
		if res := ts.putJSON("/api/v1/maintenance", admin, w); res.status != 422 {
			t.Errorf("%s: %d %s", name, res.status, res.body)
		}
	}

	// Now: the window is on.
	if res := ts.putJSON("/api/v1/maintenance", admin, api.MaintenanceWrite{StartsAt: at(-time.Minute), EndsAt: at(30 * time.Minute),
		Message: api.Localized{PtBR: "troca do banco de dados", En: "database upgrade"}}); res.status != 200 {
		t.Fatalf("start now: %d %s", res.status, res.body)
	}
	res = ts.postJSON("/api/v1/requests/"+draft+"/cancel", requester, nil)
	wantProblem(t, "a write during maintenance", res, 503, api.CodeMaintenance)
	if s, _ := strconv.Atoi(res.header.Get("Retry-After")); s < 29*60 || s > 30*60 {
		t.Errorf("Retry-After %q", res.header.Get("Retry-After"))
	}
	if p := decode[api.Problem](t, res.body); !strings.Contains(p.Detail, "nada foi gravado") || !strings.Contains(p.Detail, "troca do banco de dados") {
		t.Errorf("the refusal says %q", p.Detail)
	}
	if st, p := ts.callIn("en", "POST", "/api/v1/requests/"+draft+"/cancel", requester, nil); st != 503 || !strings.Contains(p.Detail, "database upgrade") {
		t.Errorf("in English: %d %q", st, p.Detail)
	}
	if res := ts.call("GET", "/api/v1/requests/"+draft, requester, "", nil); res.status != 200 {
		t.Errorf("a read during maintenance: %d", res.status)
	}
	if access, _ := ts.signInAs("solicitante"); access == "" {
		t.Error("signing in during maintenance failed")
	}
	ready := ts.call("GET", "/readyz", "", "", nil)
	if ready.status != 200 || !strings.Contains(string(ready.body), `"maintenance"`) {
		t.Errorf("readyz: %d %s", ready.status, ready.body)
	}
	// Every held write answers so, not only a cancel; a read that is a
	// POST (the vault's resolve) is not held: a service client's 401/403
	// or 404 shows it reached its handler.
	if res := ts.call("POST", "/api/v1/institutions", admin, "application/json", []byte(`{"cnpj":"11444777000161","name":"Tribunal Regional"}`)); res.status != 503 {
		t.Errorf("an institution registered during maintenance: %d", res.status)
	}
	if res := ts.postJSON("/api/v1/vault/resolve", requester, map[string]string{"customer_key": "x", "system_name": "y"}); res.status == 503 {
		t.Errorf("the vault's resolve, a read, is held: %s", res.body)
	}
	// Announcing more about it still works.
	if res := ts.postJSON("/api/v1/announcements", admin, api.AnnouncementWrite{Title: api.Localized{PtBR: "Manutenção estendida"}}); res.status != 201 {
		t.Errorf("an announcement during maintenance: %d %s", res.status, res.body)
	}

	if res := ts.call("DELETE", "/api/v1/maintenance", admin, "", nil); res.status != 204 {
		t.Fatalf("end: %d %s", res.status, res.body)
	}
	if res := ts.postJSON("/api/v1/requests/"+draft+"/cancel", requester, nil); res.status != 200 {
		t.Fatalf("the write after the end: %d %s", res.status, res.body)
	}
	wantProblem(t, "end again", ts.call("DELETE", "/api/v1/maintenance", admin, "", nil), 404, api.CodeNotFound)
	if ready := ts.call("GET", "/readyz", "", "", nil); !strings.Contains(string(ready.body), `"ready"`) {
		t.Errorf("readyz after: %s", ready.body)
	}
	audit := string(ts.call("GET", "/api/v1/audit?target=maintenance:1", admin, "", nil).body)
	if !strings.Contains(audit, "maintenance.scheduled") || !strings.Contains(audit, "maintenance.ended") || strings.Contains(audit, "announcement.") {
		t.Errorf("audit of the window: %s", audit)
	}
}

// TestEveryWriteRouteIsHeldOrNamedOpen: the routes open during
// maintenance exist (a renamed one would be held in silence), and the
// writes of requests and of the administration are not among them.
func TestEveryWriteRouteIsHeldOrNamedOpen(t *testing.T) {
	ts := newTestServer(t)
	registered := map[string]bool{}
	for _, r := range ts.server.registered {
		registered[r] = true
	}
	for route := range openDuringMaintenance {
		if !registered[route] {
			t.Errorf("%s is named open during maintenance but is not a route", route)
		}
	}
	for _, held := range []string{"POST /api/v1/institutions", "POST /api/v1/requests", "POST /api/v1/requests/{id}/decision", "PUT /api/v1/profiles/{role}"} {
		if !registered[held] || openDuringMaintenance[held] {
			t.Errorf("%s must be a route held during maintenance", held)
		}
	}
}
