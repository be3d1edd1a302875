package sei

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/server/sei/seisim"
)

// simulated is a client of a simulated SEI over HTTP.
func simulated(t *testing.T, change func(*Config)) (*Client, *seisim.Sim, string) {
	t.Helper()
	sim, err := seisim.Open(seisim.DemoConfig())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	cfg := Config{URL: srv.URL + "/sei/ws/SeiWS.php", Sigla: "GECLI", Key: seisim.DemoKey, Unidade: "110000001",
		TipoProcedimento: "100000100", SerieDocumento: "13", Timeout: time.Second}
	if change != nil {
		change(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, sim, srv.URL
}

type simProcess struct {
	Protocol  string `json:"protocol"`
	Documents []struct {
		NomeArquivo string `json:"nome_arquivo"`
		Size        int    `json:"size"`
	} `json:"documents"`
	Movements []struct {
		Descricao string `json:"descricao"`
	} `json:"movements"`
}

func inspect(t *testing.T, base, protocol string) simProcess {
	t.Helper()
	res, err := http.Get(base + "/_sim/processes/" + protocol)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p simProcess
	if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEveryOperationAgainstTheSimulator: over HTTP, a process is
// generated with its first document, another document is included, a
// movement recorded, and the process read back as SEI tells it.
func TestEveryOperationAgainstTheSimulator(t *testing.T) {
	c, _, base := simulated(t, nil)
	ctx := context.Background()
	pdf := SummaryPDF("Solicitação de acesso SOL-2026-000001", []Field{{Label: "API", Value: "DataJud"}})
	party := Interessado{Cnpj: "11222333000181", Nome: "Tribunal de Justiça do Estado Exemplo"}
	gen, err := c.GerarProcedimento(ctx, Procedimento{Especificacao: "Acesso à API DataJud (HMG) - SOL-2026-000001",
		Interessados: []Interessado{party}, NivelAcesso: AcessoPublico},
		[]Documento{{Descricao: "Solicitação", NomeArquivo: "sol-2026-000001.pdf", Remetente: &party, NivelAcesso: AcessoPublico, Conteudo: pdf}})
	if err != nil || gen.ProcedimentoFormatado == "" || len(gen.RetornoInclusaoDocumentos.Items) != 1 {
		t.Fatalf("gerarProcedimento: %+v %v", gen, err)
	}
	if _, err := c.IncluirDocumento(ctx, Documento{ProtocoloProcedimento: gen.ProcedimentoFormatado, Descricao: "Anexo",
		NomeArquivo: "projeto.pdf", NivelAcesso: AcessoPublico, Conteudo: []byte("%PDF-1.4 projeto %%EOF")}); err != nil {
		t.Fatalf("incluirDocumento: %v", err)
	}
	if _, err := c.LancarAndamento(ctx, gen.ProcedimentoFormatado, "Solicitação aprovada no gecli por Bruno Lima"); err != nil {
		t.Fatalf("lancarAndamento: %v", err)
	}
	got, err := c.ConsultarProcedimento(ctx, gen.ProcedimentoFormatado)
	if err != nil || got.IdProcedimento != gen.IdProcedimento || got.UltimoAndamento.Descricao != "Solicitação aprovada no gecli por Bruno Lima" ||
		len(got.UnidadesProcedimentoAberto.Items) == 0 || got.TipoProcedimento.Nome == "" {
		t.Fatalf("consultarProcedimento: %+v %v", got, err)
	}
	p := inspect(t, base, gen.IdProcedimento)
	if len(p.Documents) != 2 || p.Documents[0].Size != len(pdf) || p.Documents[1].NomeArquivo != "projeto.pdf" {
		t.Errorf("what the simulator kept: %+v", p)
	}
}

// TestRefusalsAndOutagesOfTheSimulator: SEI's refusals arrive as Faults
// with its message; a stalled or absent SEI is Unavailable after the
// timeout.
func TestRefusalsAndOutagesOfTheSimulator(t *testing.T) {
	ctx := context.Background()
	var f *Fault
	c, _, _ := simulated(t, func(cfg *Config) { cfg.Unidade = "110000999" })
	if _, err := c.GerarProcedimento(ctx, Procedimento{NivelAcesso: AcessoPublico}, nil); !errors.As(err, &f) ||
		!strings.Contains(f.Message, "110000999") {
		t.Errorf("an unknown unit: %#v", err)
	}
	c, _, _ = simulated(t, func(cfg *Config) { cfg.Key = "outra" })
	if _, err := c.ConsultarProcedimento(ctx, "99990.000001/2026-00"); !errors.As(err, &f) || strings.Contains(f.Message, "outra") {
		t.Errorf("a wrong key (and never echoed): %#v", err)
	}
	c, sim, _ := simulated(t, nil)
	if _, err := c.ConsultarProcedimento(ctx, "99990.999999/2026-00"); !errors.As(err, &f) || !strings.Contains(f.Message, "não encontrado") {
		t.Errorf("an unknown process: %#v", err)
	}
	if _, err := c.IncluirDocumento(ctx, Documento{ProtocoloProcedimento: "x", NomeArquivo: "a.pdf"}); !errors.As(err, &f) {
		t.Errorf("a received document with no content: %#v", err)
	}
	var u *Unavailable
	sim.Stall(3 * time.Second)
	start := time.Now()
	if _, err := c.ConsultarProcedimento(ctx, "99990.000001/2026-00"); !errors.As(err, &u) || time.Since(start) > 2*time.Second {
		t.Errorf("a stalled SEI: %#v after %v", err, time.Since(start))
	}
	sim.Stall(0)
	sim.Down(true)
	if _, err := c.ConsultarProcedimento(ctx, "99990.000001/2026-00"); !errors.As(err, &u) {
		t.Errorf("SEI down: %#v", err)
	}
	sim.Down(false)
	sim.FailStatus(1, 503)
	if _, err := c.ConsultarProcedimento(ctx, "99990.000001/2026-00"); !errors.As(err, &u) {
		t.Errorf("a 503: %#v", err)
	}
}
