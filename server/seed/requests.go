package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// DemoRequestCount is how many requests the demo dataset has.
const DemoRequestCount = 600

var (
	purposes = []string{
		"Integração do sistema processual do tribunal para consulta automatizada durante o peticionamento.",
		"Validação cadastral de partes e advogados no momento da distribuição de processos.",
		"Painel de estatísticas da corregedoria com atualização diária dos indicadores.",
		"Envio automático de intimações aos órgãos de representação judicial.",
		"Conciliação de bens apreendidos entre o depósito judicial e as varas criminais.",
	}
	contacts = []api.TechnicalContact{
		{Name: "Marcos Pereira", CPF: "52998224725", Email: "marcos.pereira@tjexemplo.jus.br", Phone: "6132221100"},
		{Name: "Juliana Costa", CPF: "11144477735", Email: "juliana.costa@defensoria.example.br", Phone: "61998765432"},
		{Name: "Rafael Almeida", CPF: "93541134780", Email: "rafael.almeida@pge.example.br", Phone: "1133224455"},
	}
	rejections = []string{
		"Finalidade incompatível com o termo de uso da API.",
		"Documentação comprobatória insuficiente; reenvie com o ofício assinado.",
		"Instituição sem convênio vigente com o CNJ para este serviço.",
	}
)

// seedRequests creates the demo requests: every status, both
// environments, every demo institution (including one no demo user is
// linked to, to show isolation) and most APIs. Deterministic.
func seedRequests(ctx context.Context, d *db.DB, now time.Time) error {
	apis, err := d.ListAPIs(ctx, db.CatalogFilter{})
	if err != nil {
		return err
	}
	users := map[string]db.User{}
	for _, du := range DemoUsers {
		if users[du.Username], err = d.UserByUsername(ctx, du.Username); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	var all []db.NewRequest
	var plans [][]db.Transition
	evaluator := db.Actor{ID: users["avaliador"].ID, Name: users["avaliador"].Name}
	admin := db.Actor{ID: users["admin"].ID, Name: users["admin"].Name}
	requester := users["solicitante"]
	for i := 0; i < DemoRequestCount; i++ {
		a := apis[rng.IntN(len(apis))]
		env := a.Environments[rng.IntN(len(a.Environments))].Name
		in := DemoInstitutions[i%len(DemoInstitutions)]
		at := now.Add(-time.Duration(DemoRequestCount-i) * 16 * time.Hour).Add(-time.Duration(rng.IntN(3600)) * time.Second)
		fields := map[string]string{}
		for _, f := range a.CustomFields {
			if f.Name == "codigo_unidade" {
				fields[f.Name] = fmt.Sprintf("%05d", 10000+rng.IntN(80000))
			} else if f.Required {
				fields[f.Name] = "Depósito Judicial Central"
			}
		}
		c := api.RequestCreate{APIID: a.ID, Environment: env, InstitutionCNPJ: in.CNPJ,
			TechnicalContact: contacts[rng.IntN(len(contacts))], Purpose: purposes[rng.IntN(len(purposes))],
			CustomFields: fields, Terms: api.TermsAcceptance{ID: a.Terms.ID, Version: a.Terms.Version, Accepted: true}}
		if rng.IntN(3) == 0 {
			c.SEIProcess = fmt.Sprintf("%05d.%06d/%d-%02d", 8000+rng.IntN(2000), rng.IntN(999999), at.Year(), rng.IntN(100))
		}
		rule := a.Rule.For(env)
		n := db.NewRequest{Create: c, Requester: db.Actor{ID: requester.ID, Name: requester.Name}, CPF: requester.CPF,
			Rule: rule, Status: api.StatusPending, At: at}
		if rule == api.RuleAuto {
			n.Status, n.Reason = api.StatusApproved, api.AutoApprovalReason(a.SystemType, env)
		}
		all = append(all, n)
		plans = append(plans, plan(rng, n, at, evaluator, admin, i))
	}
	return d.SeedRequests(ctx, all, func(_ string, i int) []db.Transition { return plans[i] })
}

// plan decides what happened to a request after submission. The newest
// ones are still pending, so the evaluator has a queue.
func plan(rng *rand.Rand, n db.NewRequest, at time.Time, evaluator, admin db.Actor, i int) []db.Transition {
	later := at.Add(time.Duration(2+rng.IntN(72)) * time.Hour)
	recent := i > DemoRequestCount-60
	pending := []api.Status{api.StatusPending}
	approved := []api.Status{api.StatusApproved}
	if n.Status == api.StatusPending {
		if recent {
			return nil
		}
		switch x := rng.IntN(10); {
		case x < 5:
			t := []db.Transition{{From: pending, To: api.StatusApproved, Actor: evaluator, Action: "approved", At: later,
				Justification: "Documentação conferida."}}
			if rng.IntN(12) == 0 {
				t = append(t, db.Transition{From: approved, To: api.StatusRevoked, Actor: admin, Action: "revoked",
					At: later.Add(240 * time.Hour), Justification: "Uso em desacordo com o termo de uso."})
			}
			return t
		case x < 7:
			return []db.Transition{{From: pending, To: api.StatusRejected, Actor: evaluator, Action: "rejected", At: later,
				Justification: rejections[rng.IntN(len(rejections))]}}
		case x < 8:
			return []db.Transition{{From: pending, To: api.StatusCancelled, Actor: db.Actor{ID: n.Requester.ID, Name: n.Requester.Name},
				Action: "cancelled", At: later}}
		default:
			return nil // still under review
		}
	}
	if rng.IntN(25) == 0 {
		return []db.Transition{{From: approved, To: api.StatusRevoked, Actor: admin, Action: "revoked", At: later.Add(500 * time.Hour),
			Justification: "Credencial revogada a pedido da instituição."}}
	}
	return nil
}
