package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestAnnouncementsAndMaintenanceFromTheCommandLine: an admin publishes an
// announcement that anyone lists (signed out too) and deletes it; starts
// an unplanned maintenance window, during which a requester's write is
// refused with the reason while the window shows to anyone, then ends it.
// A requester may do neither.
func TestAnnouncementsAndMaintenanceFromTheCommandLine(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	admin, requester, anyone := signedCache(t, b, "admin"), signedCache(t, b, "solicitante"), signedCache(t, b, "")
	cli := func(cache []string, args ...string) cliResult { return runCLI(t, "", append(args, cache...)...) }

	add := cli(admin, "announcements", "add", "--title", "Nova API: Consulta CNPJ", "--title-en", "New API: CNPJ lookup",
		"--severity", "warning", "--until", time.Now().Add(48*time.Hour).Format("2006-01-02 15:04"), "--json")
	add.wantCode(t, 0, "add")
	a := decodeJSON[api.Announcement](t, "add", add.out)
	if a.Severity != api.SeverityWarning || a.EndsAt == "" || a.Title.En != "New API: CNPJ lookup" {
		t.Fatalf("published as %+v", a)
	}
	list := cli(anyone, "announcements", "list")
	list.wantCode(t, 0, "list signed out")
	if !strings.Contains(list.out, a.ID) || !strings.Contains(list.out, "Nova API: Consulta CNPJ") {
		t.Errorf("signed out, the list lacks it:\n%s", list.out)
	}
	cli(requester, "announcements", "add", "--title", "x").wantCode(t, 1, "a requester publishes")
	cli(admin, "announcements", "add", "--title", "x", "--from", "amanhã").wantCode(t, 2, "a time nobody can read")
	if r := cli(admin, "announcements", "add", "--text", "sem título"); r.code != 1 || !strings.Contains(r.err, "title.pt-BR: um título") {
		t.Errorf("no title: exit %d, %q (the refused field named)", r.code, r.err)
	}
	cli(admin, "announcements", "rm", a.ID).wantCode(t, 0, "rm")
	if out := cli(anyone, "announcements", "list", "--json").out; strings.Contains(out, a.ID) {
		t.Errorf("deleted, yet listed: %s", out)
	}

	cli(requester, "maintenance", "start", "--for", "30m").wantCode(t, 1, "a requester starts maintenance")
	cli(admin, "maintenance", "start").wantCode(t, 2, "no --for")
	start := cli(admin, "maintenance", "start", "--for", "30m", "--message", "troca do banco")
	start.wantCode(t, 0, "start")
	if !strings.Contains(start.out, "em curso") {
		t.Errorf("start says %q", start.out)
	}
	show := cli(anyone, "maintenance", "show", "--json")
	show.wantCode(t, 0, "show")
	if m := decodeJSON[api.Maintenance](t, "show", show.out); !m.Active || m.Message.PtBR != "troca do banco" {
		t.Errorf("shown as %+v", m)
	}
	c := clientAs(t, b, "solicitante")
	rows, err := c.Requests(context.Background(), client.RequestQuery{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	if err != nil || len(rows.Items) == 0 {
		t.Fatalf("a pending request: %v", err)
	}
	if _, err := c.CancelRequest(context.Background(), rows.Items[0].ID); err == nil || !strings.Contains(err.Error(), "maintenance") {
		t.Errorf("a cancel during maintenance: %v", err)
	}
	cli(admin, "maintenance", "end").wantCode(t, 0, "end")
	cli(admin, "maintenance", "end").wantCode(t, 1, "end again")
	if out := cli(anyone, "maintenance", "show").out; !strings.Contains(out, "nenhuma manutenção") {
		t.Errorf("after the end: %q", out)
	}
}
