package common

import (
	"errors"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/i18n"
)

func TestExplainFollowsTheFAQ(t *testing.T) {
	problem := func(status int, code api.Code) error {
		return &client.ProblemError{Problem: *api.NewProblem(status, code, "detalhe")}
	}
	pt := i18n.For(api.PtBR)
	tests := []struct {
		err  error
		want string
	}{
		{problem(401, api.CodeTokenExpired), "401"},
		{problem(401, api.CodeInvalidToken), "entre"},
		{problem(403, api.CodeForbiddenRole), "Solicitante, Avaliador ou Administrador"},
		{problem(404, api.CodeAPINotFound), "Homologação ou Produção"},
		{problem(500, api.CodeInternal), "data e hora"},
		{problem(502, "http_502"), "500"},
		{problem(422, api.CodeInstitutionNotLinked), "CNPJ"},
		{&client.NetworkError{Err: errors.New("refused")}, "ctrl+r"},
		{errors.New("outra coisa"), "outra coisa"},
	}
	for _, tt := range tests {
		if got := Explain(pt, tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("%v: %q lacks %q", tt.err, got, tt.want)
		}
	}
	if got := Explain(i18n.For(api.En), problem(403, api.CodeForbiddenRole)); !strings.Contains(got, "Requester") {
		t.Errorf("English 403: %q", got)
	}
}
