package requests

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
)

// TestPurposeWrapsAt80Columns: the detail's Finalidade is read whole at
// 80×24 (wrapped under its column, nothing cut), whatever its length.
func TestPurposeWrapsAt80Columns(t *testing.T) {
	s := cached(t, 3)
	ctx := context.Background()
	rows, _ := s.Window(ctx, store.RequestQuery{}, store.Span{Limit: 1})
	r := rows[0].Request
	r.Purpose = "Integração do sistema processual do tribunal com a consulta de dados cadastrais, para validar as partes no ajuizamento eletrônico e reduzir o retrabalho das secretarias."
	r.Seq = 100
	if err := s.ApplyRequests(ctx, []api.Request{r}, 100); err != nil {
		t.Fatal(err)
	}
	d, p := newPage(t, s, 80, 24)
	d.WaitFor("the row", func(string) bool { return p.current() != nil && p.current().ID == r.ID })
	d.Key("enter")
	d.WaitForText("Histórico")
	v := d.View()
	flat := strings.Join(strings.Fields(v), " ")
	if !strings.Contains(flat, strings.Join(strings.Fields(r.Purpose), " ")) {
		t.Fatalf("the purpose is not whole on screen:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("a line wider than the screen: %q", l)
		}
	}
	golden.RequireEqual(t, v)
}
