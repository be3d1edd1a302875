// Package seed loads the demo dataset: a realistic catalog of judiciary
// APIs with environments, technical owners, terms-of-use PDFs and stored
// OpenAPI documents. It only ever fills an empty database.
package seed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// ErrNotEmpty means the database already has data; seeding refuses to mix.
var ErrNotEmpty = errors.New("the database already has a catalog and users; --seed demo only fills empty ones")

const (
	hmgHost  = "https://gateway.stg.pdpj.jus.br"
	prdHost  = "https://gateway.pdpj.jus.br"
	tokenURL = "https://sso.cloud.pje.jus.br/auth/realms/pje/protocol/openid-connect/token"
)

// Demo fills an empty catalog with the demo APIs and an empty user table
// with one demo user per role; what already has data is left alone.
func Demo(ctx context.Context, d *db.DB) error {
	apis, err := d.CountAPIs(ctx)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	users, err := d.CountUsers(ctx)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if apis > 0 && users > 0 {
		return ErrNotEmpty
	}
	if apis == 0 {
		if err := d.InsertAPIs(ctx, DemoAPIs()); err != nil {
			return err
		}
	}
	if users == 0 {
		if err := seedUsers(ctx, d); err != nil {
			return err
		}
		return seedRequests(ctx, d, time.Now())
	}
	return nil
}

// DemoAPIs builds the demo catalog entries.
func DemoAPIs() []db.NewAPI {
	out := make([]db.NewAPI, 0, len(demoAPIs))
	for _, d := range demoAPIs {
		out = append(out, d.build())
	}
	return out
}

func (d demoAPI) build() db.NewAPI {
	a := api.API{
		ID: d.id, Name: d.name, Acronym: d.acronym, Description: d.description,
		Category: d.category, SystemType: d.system, Owner: d.owner, AuthType: "oauth2_client_credentials",
		CustomFields: d.fields,
		Terms:        api.Terms{ID: "tu-" + d.id + "-" + strings.ReplaceAll(d.termsVersion, ".", "-"), Version: d.termsVersion},
	}
	var hmg, prd string
	if d.hmg {
		hmg = hmgHost + "/" + d.id
		a.Environments = append(a.Environments, api.APIEnvironment{Name: api.EnvHMG, BaseURL: hmg})
	}
	if d.prd {
		prd = prdHost + "/" + d.id
		a.Environments = append(a.Environments, api.APIEnvironment{Name: api.EnvPRD, BaseURL: prd})
	}
	return db.NewAPI{
		API:        a,
		OpenAPIDoc: openAPIDoc(d.name, d.termsVersion, d.description, hmg, prd, tokenURL, d.endpoints),
		TermsPDF:   termsPDF("Termo de Uso – "+d.name, termsText(d)),
		RuleOver:   d.rule,
	}
}

func termsText(d demoAPI) []string {
	return []string{
		"Versão " + d.termsVersion + " – Conselho Nacional de Justiça – Plataforma Digital do Poder Judiciário (PDPJ).",
		"1. Objeto. Este termo regula o acesso à API " + d.name + " (" + d.acronym + "), mantida por " + d.owner + ".",
		"2. Finalidade. O uso é restrito à finalidade declarada na solicitação de acesso e às atribuições institucionais da instituição solicitante.",
		"3. Credenciais. O Client ID e o Client Secret são pessoais da instituição, não podem ser compartilhados entre aplicações e devem ser guardados em cofre seguro. O Secret é exibido uma única vez.",
		"4. Limites. A instituição respeitará os limites de requisições publicados na documentação e o horário de manutenção programada.",
		"5. Dados pessoais. O tratamento observará a Lei nº 13.709/2018 (LGPD); é vedado o armazenamento além do necessário à finalidade.",
		"6. Auditoria. Todas as chamadas são registradas pelo Gateway PDPJ e podem ser auditadas pelo CNJ.",
		"7. Revogação. O descumprimento deste termo autoriza a revogação imediata das credenciais, sem prejuízo de outras medidas.",
	}
}
