package admin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

// TestCreateAPIThenUploadTermsAndPublish is an administrator's first API:
// a bad field is refused under itself with everything typed kept; the
// draft appears in the list; publishing without terms is explained; the
// terms PDF goes up from a typed path (tab completes it) and shows in
// the versions; then the API is published.
func TestCreateAPIThenUploadTermsAndPublish(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secAPIs)
	d.Key("n")
	d.WaitForText("Nova API (rascunho)")
	d.Type("consulta-bnmp")
	d.Key("tab")
	d.Type("BN") // too short
	d.Key("tab")
	d.Type("BNMP")
	d.Key("tab")
	d.Type("Consulta de mandados de prisão do BNMP.")
	for range 3 { // category, system type, owner
		d.Key("tab")
	}
	d.Type("CNJ/DTI")
	d.Key("tab")
	d.Key("tab") // auth type
	d.Type("https://hmg.bnmp.example/api")
	d.Key("enter")
	d.WaitForText("✖ de 3 a")
	v := d.View()
	for _, kept := range []string{"consulta-bnmp", "BNMP", "CNJ/DTI", "https://hmg.bnmp.example/api"} {
		if !strings.Contains(v, kept) {
			t.Fatalf("%q was lost after the refusal:\n%s", kept, v)
		}
	}
	d.Type("MP Consulta") // the focus went to the refused name
	d.Key("enter")
	d.WaitFor("the form to close", func(string) bool { return !boxOpen[*form](p) })
	d.Key("/")
	d.Type("bnmp")
	d.Key("enter")
	d.WaitForText("consulta-bnmp")
	d.WaitForText("rascunho")

	d.Key("p")
	d.WaitForText("Publicar BNMP Consulta (consulta-bnmp) no catálogo?")
	d.Key("s")
	d.WaitForText("precisa de um termo de uso vigente")

	dir := t.TempDir()
	pdf := "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
	if err := os.WriteFile(filepath.Join(dir, "termo-bnmp-v1.pdf"), []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	d.Key("t")
	d.WaitForText("Nova versão do termo de uso de BNMP Consulta")
	d.Type("1.0")
	d.Key("tab")
	d.Type(filepath.Join(dir, "termo"))
	d.Key("tab")
	d.WaitForText("termo-bnmp-v1.pdf")
	d.Key("enter")
	d.WaitFor("the upload box to close", func(string) bool { return !boxOpen[*form](p) })
	d.Key("v")
	d.WaitForText("Termos de uso de BNMP Consulta (consulta-bnmp)")
	d.WaitForText("● vigente")
	d.Key("esc")

	d.Key("p")
	d.Key("s")
	d.WaitForText("publicada")
	a, err := p.com.Authed.GetAPI(context.Background(), "consulta-bnmp")
	if err != nil || a.Terms.Version != "1.0" {
		t.Fatalf("public catalog: %+v %v", a, err)
	}
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
	f, _ := newForm(com, p.mb.ID(), apiForm(p.env, &a), 120)
	refusal := &client.ProblemError{Problem: *api.NewProblem(422, api.CodeValidation, "API inválida; nada foi gravado").WithFields(
		api.FieldError{Field: "environments[1].base_url", Message: "URL recusada pelo servidor"},
		api.FieldError{Field: "custom_fields[0].pattern", Message: "padrão recusado"})}
	f.Update(formAnswer{err: refusal})
	if f.errs["env.prd"] != "URL recusada pelo servidor" || f.errs["cf0.pattern"] != "padrão recusado" {
		t.Fatalf("errors by field: %v", f.errs)
	}
	if v := f.View(120, 40); !strings.Contains(v, "https://p.example") || !strings.Contains(v, "API inválida") {
		t.Fatalf("the refusal must keep what was typed and say why:\n%s", v)
	}
}
