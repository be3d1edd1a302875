package requests

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/i18n"
)

// withSEI gives some of the cached requests a SEI process (the table
// does not show it; the search finds it).
func withSEI(t *testing.T, s *store.Store, processes map[int]string) {
	t.Helper()
	ctx := context.Background()
	for i, sei := range processes {
		rows, err := s.Window(ctx, store.RequestQuery{IDs: []string{fmt.Sprintf("SOL-2026-%06d", i)}}, store.Span{Limit: 1})
		if err != nil || len(rows) != 1 {
			t.Fatalf("request %d: %v", i, err)
		}
		r := rows[0].Request
		r.SEIProcess, r.Seq = sei, r.Seq+1000
		if err := s.ApplyRequests(ctx, []api.Request{r}, r.Seq); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSearchFindsNumbersProcessesAndCNPJs: the one box finds a request
// by its number (whole, short, alone, or its start), by its SEI process
// and by its institution's CNPJ, each with or without punctuation, and
// still by the API's name.
func TestSearchFindsNumbersProcessesAndCNPJs(t *testing.T) {
	s := cached(t, 200)
	withSEI(t, s, map[int]string{17: "00001.004213/2026-51", 18: "00001.004214/2026-02", 120: "53500.000001/2025-77"})
	cases := []struct {
		typed string
		count int
		shows string // a row the table lists
	}{
		{"SOL-2026-000017", 1, "SOL-2026-000017"},
		{"sol-2026-00001", 10, "SOL-2026-000019"},
		{"2026-000017", 1, "SOL-2026-000017"},
		{"sol-2026-17", 1, "SOL-2026-000017"}, // the number as the 80-column table shows it
		{"2026-120", 1, "SOL-2026-000120"},
		{"SOL-2026-0001", 100, "SOL-2026-000199"}, // a leading zero: the padded number being typed
		{"17", 1, "SOL-2026-000017"},
		{"00001.004213/2026-51", 1, "SOL-2026-000017"},
		{"00001.0042", 2, "SOL-2026-000018"},
		{"0000100421320265", 1, "SOL-2026-000017"},
		{"53500.0", 1, "SOL-2026-000120"},
		{"120", 1, "SOL-2026-000120"}, // five digits or fewer are a request's number
		{"11.222.333/0001-81", 100, ""},
		{"11222333000181", 100, ""},
		{"12.abc.345", 100, ""},
		{"12ABC34501DE35", 100, ""},
		{"99.888", 0, ""},
		{"diario", 67, ""},
	}
	for _, c := range cases {
		t.Run(c.typed, func(t *testing.T) {
			d, p := newPage(t, s, 120, 40)
			d.Key("/")
			d.Type(c.typed)
			d.WaitForText(p.com.Text.Plural(c.count, p.com.Text.RowsCount))
			d.WaitFor("the rows", func(string) bool { return !p.mb.Pending("window") })
			if c.count == 0 && !strings.Contains(d.View(), p.com.Text.RequestsNoMatch) {
				t.Fatalf("nothing matches, yet:\n%s", d.View())
			}
			if c.shows != "" {
				found := false
				for _, r := range p.win.Rows() {
					found = found || r.ID == c.shows
				}
				if !found {
					t.Fatalf("%s is not listed:\n%s", c.shows, d.View())
				}
			}
		})
	}
}

// TestPlaceholderSaysWhatIsSearched: the empty box names every kind of
// search, in both languages.
func TestPlaceholderSaysWhatIsSearched(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		d, p := newPage(t, cached(t, 5), 120, 20)
		p.com.Text = i18n.For(lang)
		p.search = newSearch(p.com.Text)
		p.SetSize(120, 20)
		d.Key("/")
		v := d.View()
		for _, w := range []string{"API", "SOL", "SEI", "CNPJ"} {
			if !strings.Contains(strings.Split(v, "\n")[0], w) {
				t.Errorf("%s: the placeholder does not name %s:\n%s", lang, w, v)
			}
		}
	}
}

// TestStatusBoxesFitAt80Columns: at 80×24 every checkbox is on screen,
// the focused last one too, and the drafts count beside them, in both
// languages (pt-BR wraps the boxes, English the count).
func TestStatusBoxesFitAt80Columns(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		t.Run(string(lang), func(t *testing.T) {
			s := cached(t, 200)
			s.SaveDraft(context.Background(), store.Draft{ID: "a", APIName: "Consulta CPF", Step: 2, UpdatedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)})
			d, p := newPage(t, s, 80, 24)
			p.com.Text = i18n.For(lang)
			d.WaitFor("the drafts", func(string) bool { return len(p.drafts) == 1 })
			for range 4 {
				d.Key("right")
			}
			d.Key("space") // unticks Revogada, the last box
			d.WaitFor("the count", func(string) bool { return !p.mb.Pending("count") && !p.mb.Pending("window") })
			v := d.View()
			for _, st := range api.Statuses {
				if !strings.Contains(v, st.Label(lang)) {
					t.Errorf("%s is not on screen", st.Label(lang))
				}
			}
			if !strings.Contains(v, "[ ] "+api.StatusRevoked.Label(lang)) || strings.Contains(v, "…") && strings.Contains(strings.Join(strings.Split(v, "\n")[:3], "\n"), "…") {
				t.Errorf("the focused box is not shown whole:\n%s", v)
			}
			golden.RequireEqual(t, v)
		})
	}
}
