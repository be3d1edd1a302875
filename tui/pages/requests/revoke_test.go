package requests

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
)

// TestRevokeNeedsAJustification is an administrator ending an approved
// request from its detail: enter with no justification is refused in the
// box, a justification then a second yes revokes it on the server.
func TestRevokeNeedsAJustification(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	c, _ := client.New(b.URL, nil)
	c = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "admin")}))
	ctx := context.Background()
	var approved api.Request
	for cursor := ""; approved.ID == ""; {
		page, err := c.RequestPage(ctx, 0, cursor, 200)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			if r.Status == api.StatusApproved && approved.ID == "" {
				approved = r
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if approved.ID == "" {
		t.Fatal("the demo data has no approved request")
	}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ApplyRequests(ctx, []api.Request{approved}, approved.Seq); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now,
		Authed: c, Me: &api.Me{Name: "Carla Dias", Roles: []api.Role{api.RoleAdmin}, Permissions: api.DefaultPermissions[api.RoleAdmin]}}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), 120, 40)
	d.WaitFor("the row", func(string) bool { return len(p.win.Rows()) == 1 })
	d.Key("enter")
	d.WaitForText(approved.ID)
	d.Key("v")
	d.WaitForText("Revogar " + approved.ID)
	d.Key("enter")
	d.WaitForText("Informe a justificativa da revogação")
	d.Type("  ")
	d.Key("enter")
	d.WaitForText("Informe a justificativa da revogação")
	d.Type("Convênio encerrado em 30/11/2026.")
	// esc closes the box; the justification comes back with it.
	d.Key("esc")
	d.WaitFor("the box to close", func(v string) bool { return !strings.Contains(v, "Revogar "+approved.ID) })
	d.Key("v")
	d.WaitForText("Revogar " + approved.ID)
	d.WaitForText("Convênio encerrado em 30/11/2026.")
	d.Key("enter")
	d.WaitForText("Confirmar a revogação de " + approved.ID)
	d.Key("s")
	d.WaitFor("the revocation", func(string) bool { return p.detail != nil && p.detail.msg.Req.Status == api.StatusRevoked })
	got, err := c.Request(ctx, approved.ID)
	if err != nil || got.Status != api.StatusRevoked {
		t.Fatalf("on the server: %s %v", got.Status, err)
	}
	found := false
	for _, h := range got.History {
		found = found || strings.Contains(h.Justification, "Convênio encerrado")
	}
	if !found {
		t.Fatalf("the justification is not in the history: %+v", got.History)
	}
}

// TestFooterFollowsPermissions: v is offered on an approved request to
// whoever may revoke (never on a pending one), and n only to whoever may
// submit.
func TestFooterFollowsPermissions(t *testing.T) {
	keys := func(me *api.Me, open *api.Request) string {
		com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now, Me: me, Overlays: &overlay.Stack{}}
		p := New(com, nil)
		if open != nil {
			p.detail = &detailView{msg: reqdetail.Msg{ID: open.ID, Req: *open}}
		}
		var out []string
		for _, k := range p.ShortHelp() {
			out = append(out, k.Help().Key)
		}
		return " " + strings.Join(out, " ") + " "
	}
	admin := &api.Me{Permissions: api.DefaultPermissions[api.RoleAdmin]}
	approved := &api.Request{ID: "SOL-1", Status: api.StatusApproved}
	if k := keys(admin, approved); !strings.Contains(k, " v ") {
		t.Fatalf("whoever may revoke sees v on an approved request: %s", k)
	}
	if k := keys(admin, &api.Request{ID: "SOL-2", Status: api.StatusPending}); strings.Contains(k, " v ") {
		t.Fatalf("v is offered on a pending request: %s", k)
	}
	if k := keys(&api.Me{Permissions: []api.Permission{api.PermRequestsRead}}, approved); strings.Contains(k, " v ") {
		t.Fatalf("without requests:revoke, no v: %s", k)
	}
	if k := keys(&api.Me{Permissions: []api.Permission{api.PermRequestsRead}}, nil); strings.Contains(k, " n ") {
		t.Fatalf("without requests:submit, no n: %s", k)
	}
	if k := keys(&api.Me{Permissions: []api.Permission{api.PermRequestsSubmit}}, nil); !strings.HasPrefix(k, " n ") {
		t.Fatalf("a requester sees n first: %s", k)
	}
}
