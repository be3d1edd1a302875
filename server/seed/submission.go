package seed

import "github.com/gecli/gecli/api"

// Submission is a valid request for API a in env by institution cnpj:
// a demo contact, every custom field filled as its type and pattern
// want, the current terms accepted. Tests and the load tool submit it.
func Submission(a api.API, env api.Environment, cnpj, purpose string) api.RequestCreate {
	fields := map[string]string{}
	for _, f := range a.CustomFields {
		switch {
		case f.Pattern != "":
			fields[f.Name] = "12345"
		case f.Type == "integer":
			fields[f.Name] = "10"
		default:
			fields[f.Name] = "Depósito Central"
		}
	}
	return api.RequestCreate{APIID: a.ID, Environment: env, InstitutionCNPJ: cnpj,
		TechnicalContact: api.TechnicalContact{Name: "Marcos Pereira", CPF: "529.982.247-25", Email: "marcos@tj.jus.br", Phone: "(61) 3222-1100"},
		Purpose:          purpose, CustomFields: fields,
		Terms: api.TermsAcceptance{ID: a.Terms.ID, Version: a.Terms.Version, Accepted: true}}
}
