package seed

import (
	"context"
	"fmt"

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
