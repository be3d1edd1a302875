package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestWizardSubmitsInTmux: a requester opens Solicitar on a catalog card,
// fills the form (one mistake included), submits, reads the outcome and
// finds the request at the top of Solicitações with its status.
func TestWizardSubmitsInTmux(t *testing.T) {
	bin := buildBinary(t)
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as requester --data %s; echo GECLI_EXIT=$?; sleep 60", bin, t.TempDir()))
	s.waitText("Ana Souza · Solicitante")
	s.waitText("18 de 18 APIs")
	s.keys("/")
	s.text("consulta cpf")
	s.waitText("1 de 18 APIs")
	s.keys("Enter", "s")
	s.waitText("Nova solicitação")
	s.waitText("▸ Consulta CPF")
	s.keys("Enter") // API and environment (HMG, the first offered)
	s.waitText("Defensoria Pública Exemplo")
	s.keys("Enter") // institution
	// The contact comes filled with the last request's: typed over here.
	s.waitText("E-mail")
	s.keys("C-u")
	s.text("Marcos Pereira")
	s.keys("Tab", "C-u")
	s.text("123.456.789-00") // wrong check digits
	s.keys("Tab", "C-u")
	s.text("marcos@tj.jus.br")
	s.keys("Tab", "C-u")
	s.text("(61) 3222-1100")
	s.keys("Enter")
	s.waitText("dígitos verificadores do CPF não conferem")
	s.keys("C-u") // the cursor is on the CPF, the first wrong field
	s.text("529.982.247-25")
	s.keys("Enter")
	s.waitText("Processo SEI")
	s.text("Validação cadastral de partes no momento da distribuição.")
	s.keys("Enter")
	s.waitText("Arquivo PDF")
	s.keys("Enter") // no attachment
	s.waitText("Li e aceito")
	s.keys("Space", "Enter")
	s.waitText("enter enviar")
	s.keys("Enter")
	scr := s.waitText("enviada.")
	if !strings.Contains(scr, "Aprovada — aprovação automática em homologação") {
		t.Fatalf("the outcome does not say why:\n%s", scr)
	}
	id := regexp.MustCompile(`SOL-\d{4}-\d{6}`).FindString(scr)
	s.keys("Enter")
	s.waitText("301 solicitações")
	s.waitFor("the new request at the top", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "Nº ") && i+1 < len(lines) { // the table's header
				return strings.Contains(lines[i+1], "Consulta CPF") && strings.Contains(lines[i+1], "HMG") &&
					strings.Contains(lines[i+1], "Aprovada")
			}
		}
		return false
	})
	s.keys("Enter")
	s.waitText(id)
	s.waitText("aprovação automática em homologação (regra: Demais APIs)")
	s.burst("Escape", "q") // back to the list, then quit, even when both arrive together
	s.waitText("GECLI_EXIT=0")
}
