package review

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/route"
)

// TestSEIBoxInThePaneGolden: on Avaliação the SEI box takes the detail's
// pane; at 80x24 (a pane 49 cells wide) the labels go above their values
// and SEI's refusal wraps whole. Esc gives the detail back.
func TestSEIBoxInThePaneGolden(t *testing.T) {
	d, p := newPageAs(t, 80, 24, analyst(), queue(t))
	id := p.detail.ID
	refused := "Tipo de documento [Anexo] não permitido no processo da unidade STI-GAB."
	d.Send(route.Envelope{To: p.mb.ID(), Msg: reqdetail.SEIMsg{ID: id, Status: api.SEIStatus{
		Process: api.SEIProcess{Number: "00001.004213/2026-51", State: "linked", Refreshed: true, OpenUnits: []string{"SEJUD"}},
		Items: []api.SEIItem{{Item: "process", Kind: "process", State: "sent", Attempts: 1, DoneAt: "2026-11-21T07:31:02Z"},
			{Item: "attachment:att-9", Kind: "document", State: "failed", Attempts: 5, Result: refused}},
		Log: []api.SEICall{{Item: "attachment:att-9", Operation: "incluirDocumento", At: "2026-11-21T09:00:01Z", Outcome: "fault", Attempt: 5, Detail: refused},
			{Item: "process", Operation: "gerarProcedimento", At: "2026-11-21T07:31:02Z", Outcome: "ok", Attempt: 1, Detail: "processo 00001.004213/2026-51 gerado"}}}}})
	if !hasKey(p.ShortHelp(), "S") {
		t.Fatal("S not offered to an evaluator with the SEI section read")
	}
	d.Key("S")
	v := d.View()
	golden.RequireEqual(t, v)
	if !strings.Contains(v, "• anexo att-9 — falhou") || !strings.Contains(v, "Aberto nas unidades") {
		t.Fatalf("the box is not in the pane:\n%s", v)
	}
	d.Key("esc")
	if strings.Contains(d.View(), "Chamadas ao SEI") {
		t.Fatalf("esc left the box:\n%s", d.View())
	}
}

func hasKey(keys []key.Binding, k string) bool {
	for _, b := range keys {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}
