package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/server/seed"
)

// TestDemoLinksARequestToSEI: in the demo (which runs a simulated SEI
// beside its server), a requester submits a request with a PDF attached;
// its detail shows the SEI process number within seconds, and the
// simulated SEI holds the process with the request's summary and then the
// attachment, in that order.
func TestDemoLinksARequestToSEI(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	pdf := filepath.Join(t.TempDir(), "projeto-integracao.pdf")
	if err := os.WriteFile(pdf, seed.DemoAPIs()[0].TermsPDF, 0o600); err != nil {
		t.Fatal(err)
	}
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as requester --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))
	s.waitText("Ana Souza · Solicitante")
	s.waitText("18 de 18 APIs")
	s.keys("/")
	s.text("consulta cpf")
	s.waitText("1 de 18 APIs")
	s.keys("Enter", "s")
	s.waitText("▸ Consulta CPF")
	s.keys("Right", "Enter") // production: a pending request, decided by people
	s.waitText("Defensoria Pública Exemplo")
	s.keys("Enter")
	s.waitText("E-mail") // filled with the last request's contact: typed over
	s.keys("C-u")
	s.text("Marcos Pereira")
	s.keys("Tab", "C-u")
	s.text("529.982.247-25")
	s.keys("Tab", "C-u")
	s.text("marcos@tj.jus.br")
	s.keys("Tab", "C-u")
	s.text("(61) 3222-1100")
	s.keys("Enter")
	s.waitText("Processo SEI")
	s.text("Validação cadastral de partes no momento da distribuição.")
	s.keys("Enter")
	s.waitText("Arquivo PDF")
	s.text(pdf)
	s.keys("Enter")
	s.waitText("projeto-integracao.pdf")
	s.keys("Enter")
	s.waitText("Li e aceito")
	s.keys("Space", "Enter")
	s.waitText("enter enviar")
	s.keys("Enter")
	scr := s.waitText("enviada.")
	id := regexp.MustCompile(`SOL-\d{4}-\d{6}`).FindString(scr)
	if id == "" {
		t.Fatalf("no request id:\n%s", scr)
	}
	s.keys("Enter")
	s.waitFor("the new request at the top", func(scr string) bool { return strings.Contains(scr, "Consulta CPF") })

	// The detail, opened again until the sender has linked it (it sends
	// within a second or two of the submission).
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.keys("Enter")
		scr = s.waitText(id)
		if regexp.MustCompile(`99990\.\d{6}/\d{4}-\d{2}`).MatchString(scr) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the detail never showed the SEI process:\n%s", scr)
		}
		s.keys("Escape")
		time.Sleep(500 * time.Millisecond)
	}
	number := regexp.MustCompile(`99990\.\d{6}/\d{4}-\d{2}`).FindString(scr)
	s.burst("Escape", "q")
	s.waitText("GECLI_EXIT=0")

	// The simulated SEI's state, kept beside the demo's data.
	var st struct {
		Processes []struct {
			Protocol  string `json:"protocol"`
			Documents []struct {
				NomeArquivo string `json:"nome_arquivo"`
			} `json:"documents"`
		} `json:"processes"`
	}
	b, err := os.ReadFile(filepath.Join(data, "sei.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("sei.json: %v\n%.400s", err, b)
	}
	for _, p := range st.Processes {
		if p.Protocol != number {
			continue
		}
		if len(p.Documents) != 2 || !strings.Contains(strings.ToLower(p.Documents[0].NomeArquivo), strings.ToLower(id)) ||
			p.Documents[1].NomeArquivo != "projeto-integracao.pdf" {
			t.Fatalf("the process's documents: %+v", p.Documents)
		}
		return
	}
	t.Fatalf("no process %s in the simulated SEI:\n%.600s", number, b)
}
