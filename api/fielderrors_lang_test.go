package api_test

import (
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestFieldErrorsSpeakTheUIsLanguage: the validators word each refusal
// in both languages (the wizard shows fe.In(lang) before anything is
// sent), and a custom field's format refusal says what it expects.
func TestFieldErrorsSpeakTheUIsLanguage(t *testing.T) {
	code := api.CustomField{Name: "codigo", Label: "Código da unidade", Type: "string", Required: true, Pattern: `^\d{5}$`}
	organ := api.CustomField{Name: "orgao", Label: "Órgão custodiante", Type: "string", Required: true}
	check := func(lang api.Lang, def *api.CustomField, value, field string, want string) {
		t.Helper()
		values := map[string]string{}
		defs := []api.CustomField{}
		if def != nil {
			values[def.Name], defs = value, []api.CustomField{*def}
		}
		var fe api.FieldError
		switch {
		case def != nil:
			fe = api.ValidateCustomFields(defs, values)[0]
		case field == "technical_contact.cpf":
			fe = api.TechnicalContact{CPF: value}.Validate()[1]
		default:
			fe = *api.ValidatePurpose(value)
		}
		if got := fe.In(lang); got != want {
			t.Errorf("%s %s %q: %q, want %q", lang, fe.Field, value, got, want)
		}
	}
	check(api.En, &organ, "", "", "Órgão custodiante: required")
	check(api.En, &code, "12", "", "Código da unidade: invalid format; expected: 5 digits")
	check(api.PtBR, &code, "12", "", "Código da unidade: formato inválido; esperado: 5 dígitos")
	check(api.En, nil, "123.456.789-00", "technical_contact.cpf", "the CPF's check digits do not match")
	check(api.PtBR, nil, "123.456.789-00", "technical_contact.cpf", api.ErrCPFCheckDigit.Error())
	check(api.En, nil, "curta", "purpose", "describe the purpose in 20 to 2,000 characters")
	stranger := api.VerificationForm{EntityName: "TJ", EntityCNPJ: "11222333000181", Project: "P", Justification: strings.Repeat("j", 30),
		Documents: []string{"att-9"}}.Missing(nil)
	if got := stranger[len(stranger)-1].In(api.En); got != "document att-9 is not an attachment of this request" {
		t.Errorf("a stranger document: %q", got)
	}
}
