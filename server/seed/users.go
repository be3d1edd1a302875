package seed

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// Demo institutions: one with a numeric CNPJ, one with the alphanumeric
// form in force since July 2026.
var DemoInstitutions = []api.Institution{
	{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
	{CNPJ: "12ABC34501DE35", Name: "Defensoria Pública Exemplo"},
	{CNPJ: "00394494000136", Name: "Conselho Nacional de Justiça"},
	{CNPJ: "33683111000107", Name: "Procuradoria-Geral do Estado Exemplo"}, // no demo requester: shows isolation
}

// DemoUser is a demo account. The passwords are public (README): demo only.
type DemoUser struct {
	Username, Password, Name, CPF string
	Role                          api.Role
	Institutions                  []api.Institution
}

// DemoUsers has one user per role.
var DemoUsers = []DemoUser{
	{Username: "solicitante", Password: "demo-solicitante", Name: "Ana Souza", CPF: "52998224725",
		Role: api.RoleRequester, Institutions: DemoInstitutions[:2]},
	{Username: "avaliador", Password: "demo-avaliador", Name: "Bruno Lima", CPF: "11144477735",
		Role: api.RoleEvaluator, Institutions: DemoInstitutions[2:3]},
	{Username: "admin", Password: "demo-admin", Name: "Carla Dias", CPF: "93541134780",
		Role: api.RoleAdmin, Institutions: DemoInstitutions[2:3]},
}

// DemoUserFor returns the demo user of a role.
func DemoUserFor(role api.Role) (DemoUser, bool) {
	for _, u := range DemoUsers {
		if u.Role == role {
			return u, true
		}
	}
	return DemoUser{}, false
}

func seedUsers(ctx context.Context, d *db.DB) error {
	for _, in := range DemoInstitutions {
		if err := d.UpsertInstitution(ctx, in); err != nil {
			return err
		}
	}
	// The court calls from its own range and, in the demo, from this
	// machine; the Defensoria has none yet, so its production credentials
	// meet the 403 of Conecta's FAQ until it registers one.
	demoRanges := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128"),
		netip.MustParsePrefix("200.152.0.0/16")}
	if err := d.SetAllowlist(ctx, DemoInstitutions[0].CNPJ, demoRanges); err != nil {
		return err
	}
	for _, u := range DemoUsers {
		hash, err := identity.HashPassword(u.Password)
		if err != nil {
			return err
		}
		if err := d.CreateUser(ctx, db.User{ID: "u-" + u.Username, Username: u.Username, Name: u.Name, CPF: u.CPF,
			Role: u.Role, PasswordHash: hash, Institutions: u.Institutions}); err != nil {
			return fmt.Errorf("demo user %s: %w", u.Username, err)
		}
	}
	return nil
}
