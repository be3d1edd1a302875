package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/i18n"
)

const longPurpose = "Integração do sistema processual do tribunal para consulta automatizada de CPF das partes " +
	"no momento da distribuição, evitando cadastros duplicados e homônimos; o volume previsto é de 40 mil consultas " +
	"por dia útil, concentradas entre 8h e 18h, com cache local de 24 horas.\nContato alternativo: plantão da STI."

// withLongTexts gives the first request the texts an evaluator decides
// on, each longer than a line of the detail: the purpose (with a line
// break), the contact, custom fields, and a justification in the history.
func withLongTexts(r *api.Request) {
	r.Purpose = longPurpose
	r.TechnicalContact = api.TechnicalContact{Name: "Maria das Graças Albuquerque de Vasconcelos",
		Email: "coordenacao.sistemas.judiciais@tjexemplo.jus.br", Phone: "61988887777"}
	r.CustomFields = map[string]string{
		"codigo_unidade":  "TJEX-STI-COORDENADORIA-DE-SISTEMAS-JUDICIAIS-0042",
		"sistema_origem":  "PJe 2.x da primeira e da segunda instância, e o sistema legado de execuções penais",
		"volume_estimado": "40000 consultas por dia útil",
	}
	r.History = append(r.History, api.HistoryEvent{N: 2, At: "2026-11-20T10:00:00Z", Actor: "Sistema", Action: "form_saved",
		FromStatus: "pending", ToStatus: "pending", Justification: "Formulário salvo com o ofício nº 123/2026 da presidência do tribunal anexado."})
}

// TestLongTextsAreReadWhereTheDecisionIsMade: at 80x24 and 120x40 the
// purpose, the contact, the custom fields and the history's texts wrap,
// none is cut with "…"; pgdn scrolls the detail (a line says which lines
// are shown) while the queue keeps its cursor.
func TestLongTextsAreReadWhereTheDecisionIsMade(t *testing.T) {
	for _, c := range []struct {
		w, h int
		lang api.Lang
	}{{80, 24, api.PtBR}, {120, 40, api.PtBR}, {80, 24, api.En}} {
		t.Run(fmt.Sprintf("%dx%d %s", c.w, c.h, c.lang), func(t *testing.T) {
			d, p := openPage(t, c.w, c.h-4, analyst(), queue(t, withLongTexts), now, func(com *common.Common) {
				com.Text, com.Lang = i18n.For(c.lang), c.lang
			})
			d.WaitFor("the cached detail", func(string) bool { return !p.loading && p.detail.Req.Purpose == longPurpose })
			t.Run("top", func(t *testing.T) { golden.RequireEqual(t, d.View()) })

			_, detailW := p.panes()
			lines := reqdetail.Render(p.com, p.detail, false, detailW)
			all := ansi.Strip(strings.Join(lines, "\n"))
			if strings.Contains(all, "…") {
				t.Errorf("something in the detail is cut:\n%s", all)
			}
			// Without spaces: a word longer than a line breaks where it must.
			flat := strings.Join(strings.Fields(all), "")
			texts := []string{longPurpose, p.detail.Req.TechnicalContact.Email, p.detail.Req.TechnicalContact.Name,
				"Formulário salvo com o ofício nº 123/2026 da presidência do tribunal anexado."}
			for _, v := range p.detail.Req.CustomFields {
				texts = append(texts, v)
			}
			for _, text := range texts {
				for _, w := range strings.Fields(text) {
					if !strings.Contains(flat, w) {
						t.Errorf("%q (of %q) is not in the detail", w, text)
					}
				}
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > detailW {
					t.Errorf("a line of %d cells in a %d-cell pane: %q", w, detailW, ansi.Strip(l))
				}
			}

			if c.h == 24 { // longer than the pane: scroll to its end
				selected := p.currentID()
				for range 5 {
					d.Key("pgdown")
				}
				v := d.View()
				if c.lang == api.PtBR {
					t.Run("end", func(t *testing.T) { golden.RequireEqual(t, v) })
				}
				where := fmt.Sprintf("%s %d", map[api.Lang]string{api.PtBR: "de", api.En: "of"}[c.lang], len(lines))
				if !strings.Contains(v, where+" · pgup/pgdn") || !strings.Contains(v, "Histórico") && c.lang == api.PtBR {
					t.Errorf("the end of the detail, and where it is (%q), are not shown:\n%s", where, v)
				}
				if p.currentID() != selected || !strings.Contains(v, "›  "+shortID(selected)) {
					t.Errorf("scrolling the detail moved the queue: %s, was %s", p.currentID(), selected)
				}
			}
		})
	}
}
