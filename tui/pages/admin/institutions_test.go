package admin

import (
	"context"
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
)

func TestInstitutionsGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := live(t, size[0], size[1], api.PtBR, secInstitutions)
			d.WaitForText("Conselho Nacional de Justiça")
			golden.RequireEqual(t, d.View())
		})
	}
}

// TestRegisterInstitution: a CNPJ with wrong check digits is refused
// under its field, the name typed kept; the alphanumeric CNPJ is taken;
// the institution is listed, renamed, and deactivated after confirming.
func TestRegisterInstitution(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secInstitutions)
	d.Key("n")
	d.WaitForText("Nova instituição")
	d.Type("12.ABC.345/01DE-99")
	d.Key("tab")
	d.Type("Tribunal Regional Exemplo")
	d.Key("enter")
	d.WaitForText("✖")
	d.WaitForText("Tribunal Regional Exemplo")
	d.WaitForText("12.ABC.345/01DE-99")
	for range len("12.ABC.345/01DE-99") {
		d.Key("backspace")
	}
	d.Type("AB.CDE.FGH/0001-40") // not valid either: stays refused
	d.Key("enter")
	d.WaitForText("✖")
	for range len("AB.CDE.FGH/0001-40") {
		d.Key("backspace")
	}
	d.Type("12.ABC.345/01DE-35") // the Defensoria: already registered
	d.Key("enter")
	d.WaitForText("Esta instituição já está cadastrada.")
	for range len("12.ABC.345/01DE-35") {
		d.Key("backspace")
	}
	d.Type("11.444.777/0001-61")
	d.Key("enter")
	d.WaitFor("the form to close", func(string) bool { return !boxOpen[*form](p) })
	d.WaitForText("11.444.777/0001-61")
	// The new institution is the selected row (the list is by name, and
	// it is not the first): e acts on it.
	s := p.sections[secInstitutions].(*institutions)
	d.WaitFor("the new row selected", func(string) bool {
		return !p.mb.Pending("institutions") && s.selectedCNPJ() == "11444777000161"
	})
	if s.sel == 0 {
		t.Fatal("the new institution is on row 1: the test proves nothing")
	}

	// A search, then cleared: the selection stays on the same record.
	d.Key("/")
	d.Type("Regional")
	d.WaitFor("the search to answer", func(string) bool {
		return !p.mb.Pending("institutions") && len(s.items) == 1
	})
	d.Key("esc")
	d.WaitFor("the whole list again", func(string) bool { return !p.mb.Pending("institutions") && len(s.items) > 1 })
	if s.selectedCNPJ() != "11444777000161" {
		t.Fatalf("after clearing the search the selection moved to %s", s.selectedCNPJ())
	}
	d.Key("e")
	d.WaitForText("Renomear Tribunal Regional Exemplo")
	d.Type(" da 5ª Região")
	d.Key("enter")
	d.WaitFor("the form to close", func(string) bool { return !boxOpen[*form](p) })
	d.WaitForText("Tribunal Regional Exemplo da 5ª Região")

	d.Key("d")
	d.WaitForText("Desativar Tribunal Regional Exemplo da 5ª Região?")
	d.Key("s")
	d.WaitForText("desativada")
	list, err := p.com.Authed.Institutions(context.Background(), "11444777000161")
	if err != nil || len(list) != 1 || list[0].Active || list[0].Name != "Tribunal Regional Exemplo da 5ª Região" {
		t.Fatalf("on the server: %+v %v", list, err)
	}
}
