package admin

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/overlay"
)

func TestAPIsGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := live(t, size[0], size[1], api.PtBR, secAPIs)
			golden.RequireEqual(t, d.View())
		})
	}
	t.Run("en", func(t *testing.T) {
		d, _, _ := live(t, 120, 40, api.En, secAPIs)
		golden.RequireEqual(t, d.View())
	})
}

// TestServerFieldsLandUnderTheirInputs: a 422 naming environments[1] and
// custom_fields[0] marks the production URL and the first custom field,
// whichever environments were left blank.
func TestServerFieldsLandUnderTheirInputs(t *testing.T) {
	com := newCommon(api.PtBR, admin())
	p := New(com)
	p.SetSize(120, 40)
	com.Overlays = &overlay.Stack{}
	a := api.API{ID: "x", Name: "Xis", Acronym: "XS", Description: "uma descrição longa", Category: api.CatData,
		SystemType: api.SysOther, Owner: "CNJ", AuthType: "api_key",
		Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://h.example"}, {Name: api.EnvPRD, BaseURL: "https://p.example"}},
		CustomFields: []api.CustomField{{Name: "orgao", Label: "Órgão", Type: "string"}}}
	f, _ := newForm(com, p.mb.ID(), apiForm(p.env, &a), 120, nil)
	refusal := &client.ProblemError{Problem: *api.NewProblem(422, api.CodeValidation, "API inválida; nada foi gravado").WithFields(
		api.FieldError{Field: "environments[1].base_url", Message: "URL recusada pelo servidor"},
		api.FieldError{Field: "custom_fields[0].pattern", Message: "padrão recusado"})}
	f.Update(formAnswer{err: refusal})
	// Each under its input, as the rule of that field.
	r := com.Text.Admin.Rule
	if f.errs["env.prd"] != r.EnvURL || f.errs["cf0.pattern"] != r.CFPattern {
		t.Fatalf("errors by field: %v", f.errs)
	}
	if v := f.View(120, 40); !strings.Contains(v, "https://p.example") || !strings.Contains(v, "Nada foi gravado") {
		t.Fatalf("the refusal must keep what was typed and say why:\n%s", v)
	}
}
