package admin

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
)

func TestProfilesGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := live(t, size[0], size[1], api.PtBR, secProfiles)
			golden.RequireEqual(t, d.View())
		})
	}
	t.Run("en", func(t *testing.T) {
		d, _, _ := live(t, 80, 24, api.En, secProfiles)
		golden.RequireEqual(t, d.View())
	})
}

// cellAt moves the matrix's focus to a permission and a role.
func cellAt(d interface{ Key(string) }, s *profiles, perm api.Permission, role api.Role) {
	for s.row != slices.Index(api.Permissions, perm) {
		d.Key("down")
		if s.row == len(api.Permissions)-1 && perm != api.Permissions[s.row] {
			d.Key("g")
		}
	}
	for api.Roles[s.col] != role {
		d.Key("right")
	}
}

// TestProfilesSaveAndLastAdminRefusal: a tick saved reaches the server;
// taking profiles:admin from the only profile that holds it is refused
// with the server's reason, and the matrix stays as edited.
func TestProfilesSaveAndLastAdminRefusal(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secProfiles)
	s := p.sections[secProfiles].(*profiles)
	cellAt(d, s, api.PermRequestsAnalyze, api.RoleAdmin)
	d.Key("space")
	d.WaitForText("Alterações não salvas em: Administrador")
	d.Key("s")
	d.WaitFor("the save", func(string) bool { return !p.mb.Pending("profiles.save") && len(s.dirty()) == 0 })
	got, err := p.com.Authed.Profiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range got {
		if pr.Role == api.RoleAdmin && !slices.Contains(pr.Permissions, api.PermRequestsAnalyze) {
			t.Fatalf("the server did not take the tick: %+v", pr)
		}
	}

	cellAt(d, s, api.PermProfilesAdmin, api.RoleAdmin)
	d.Key("space")
	d.Key("s")
	d.WaitForText("ninguém mais teria a permissão profiles:admin")
	if s.edited[api.RoleAdmin][api.PermProfilesAdmin] || !strings.Contains(d.View(), "[ ]*") {
		t.Fatalf("the refused edit must stay on screen:\n%s", d.View())
	}
	d.Key("u")
	if len(s.dirty()) != 0 || !s.edited[api.RoleAdmin][api.PermProfilesAdmin] {
		t.Fatal("undo must bring back the server's profiles")
	}
}
