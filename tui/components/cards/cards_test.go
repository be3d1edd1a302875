package cards

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/i18n"
)

func sample(n int) []api.API {
	out := make([]api.API, n)
	for i := range out {
		out[i] = api.API{ID: fmt.Sprintf("api-%d", i), Name: fmt.Sprintf("Consulta %d", i), Acronym: "CPF",
			Category: api.CatData, Owner: "DTI/CNJ", Description: strings.Repeat("Situação cadastral de pessoas físicas. ", 4),
			Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://h"}}}
	}
	return out
}

func TestLayoutReflows(t *testing.T) {
	for _, tt := range []struct{ width, cols int }{{40, 1}, {80, 2}, {120, 3}, {200, 4}, {400, 4}, {20, 1}} {
		if cols, _ := Layout(tt.width); cols != tt.cols {
			t.Errorf("width %d: %d columns, want %d", tt.width, cols, tt.cols)
		}
	}
}

func TestCardKeepsItsShape(t *testing.T) {
	st, tx := themes.Get(themes.Mono), i18n.For(api.PtBR)
	for _, width := range []int{20, 40, 61} {
		card := Card(st, tx, sample(1)[0], width, true)
		lines := strings.Split(card, "\n")
		if len(lines) != Height {
			t.Fatalf("width %d: %d lines, want %d", width, len(lines), Height)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != width {
				t.Fatalf("width %d: a line is %d cells: %q", width, w, ansi.Strip(l))
			}
		}
		plain := ansi.Strip(card)
		if !strings.Contains(plain, "✗PRD") || !strings.Contains(plain, "HMG") {
			t.Errorf("environment badges missing or absent PRD not marked:\n%s", plain)
		}
	}
}

// BenchmarkGridFrame renders the visible window of the card grid (120
// columns, 4 rows of 3 cards) picked from catalogs of growing size: the
// cost is the window's, not the catalog's.
func BenchmarkGridFrame(b *testing.B) {
	st, tx := themes.Get(themes.Dark), i18n.For(api.PtBR)
	for _, n := range []int{18, 1000} {
		items := sample(n)
		b.Run(fmt.Sprintf("catalog=%d", n), func(b *testing.B) {
			for b.Loop() {
				Grid(st, tx, items, Marks{}, 120, n/3/2, 4, n/2)
			}
		})
	}
}

// TestTitlesWrapToTwoLines: a title that fits in two lines shows whole,
// a longer one is cut on the second; the row keeps the cards' height
// (the descriptions give it a line), and selecting a card never reflows
// its row.
func TestTitlesWrapToTwoLines(t *testing.T) {
	st, tx := themes.Get(themes.Mono), i18n.For(api.PtBR)
	items := sample(3)
	items[0].Name = "Cadastro Nacional de Órgãos Julgadores"
	items[1].Name = "Diário de Justiça Eletrônico Nacional – Consulta de comunicações processuais de todos os tribunais"
	for _, selected := range []int{0, 1, 2} {
		grid := ansi.Strip(Grid(st, tx, items, Marks{}, 120, 0, 1, selected))
		lines := strings.Split(grid, "\n")
		if len(lines) != Height {
			t.Fatalf("selected %d: %d lines, want %d:\n%s", selected, len(lines), Height, grid)
		}
		if strings.Count(lines[3], "CPF · Dados") != 3 { // under two title lines, whichever card is selected
			t.Errorf("selected %d: the row reflowed:\n%s", selected, grid)
		}
		flat := strings.Join(strings.Fields(grid), " ")
		if !strings.Contains(flat, "Cadastro Nacional de Órgãos │") && !strings.Contains(flat, "Cadastro Nacional de Órgãos ┃") {
			t.Errorf("the first title's first line:\n%s", grid)
		}
		if !strings.Contains(grid, "Julgadores") || !strings.Contains(grid, "…") || strings.Contains(grid, "tribunais") {
			t.Errorf("selected %d: not whole, or the long one not cut:\n%s", selected, grid)
		}
	}
	if plain := ansi.Strip(Grid(st, tx, sample(3), Marks{}, 120, 0, 1, 0)); !strings.Contains(plain, "físicas. Situação") {
		t.Errorf("a row of one-line titles lost its descriptions' second line:\n%s", plain)
	}
}
