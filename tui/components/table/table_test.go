package table

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var cols = []Column{{Title: "API", Flex: true}, {Title: "Data", Width: 10}, {Title: "Status", Width: 12}}

func rows(n int) [][]Cell {
	out := make([][]Cell, n)
	for i := range out {
		out[i] = []Cell{{Text: fmt.Sprintf("Consulta %d com um nome longo demais para caber", i)}, {Text: "22/11/2026"}, {Text: "Em análise"}}
	}
	return out
}

func TestRenderFitsTheWidth(t *testing.T) {
	st := Styles{Header: lipgloss.NewStyle().Bold(true), Selected: lipgloss.NewStyle().Reverse(true)}
	out := Render(st, cols, rows(5), 2, 60)
	lines := strings.Split(out, "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line of %d cells: %q", w, ansi.Strip(l))
		}
	}
	if !strings.Contains(lines[3], "\x1b[7m") || strings.Contains(lines[2], "\x1b[7m") {
		t.Error("the selected row is not the one highlighted")
	}
	if !strings.Contains(ansi.Strip(lines[1]), "…") {
		t.Error("a long cell was not truncated with an ellipsis")
	}
}

// BenchmarkRenderWindow renders a 40-row window; the rows come from the
// cache's keyset window, so the cost is the window's whatever the cache
// holds (1,000,000 rows in the README's figure).
func BenchmarkRenderWindow(b *testing.B) {
	st := Styles{Header: lipgloss.NewStyle().Bold(true), Selected: lipgloss.NewStyle().Reverse(true)}
	window := rows(40)
	b.ReportAllocs()
	for b.Loop() {
		Render(st, cols, window, 7, 120)
	}
}

// TestPaintIsRender: a cell painted from the cache of its style's escape
// sequences is byte for byte what the style renders, for styles alike
// but for one attribute (none may take another's sequences), and a style
// that does more than colour (a border) is rendered as is.
func TestPaintIsRender(t *testing.T) {
	base := lipgloss.NewStyle().Foreground(lipgloss.Color("#5FD787"))
	styles := []lipgloss.Style{
		lipgloss.NewStyle(),
		base,
		base.Bold(true),
		base.Faint(true),
		base.Background(lipgloss.Color("#16161D")),
		base.Underline(true),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#FF6B6B")),
		base.PaddingLeft(1),
		base.Border(lipgloss.NormalBorder()),
		// Alike in colour, unlike in what else they do: none may take
		// another's sequences, nor be painted as if it only coloured.
		base.Width(12),
		base.Transform(strings.ToUpper),
		base.Hyperlink("https://a.example"),
		base.Hyperlink("https://b.example"),
		base.PaddingTop(1),
		base.Background(lipgloss.Color("#111111")).PaddingLeft(1),
		base.Border(lipgloss.NormalBorder(), false, false, false, true),
		base.Border(lipgloss.ThickBorder(), false, false, false, true).BorderForeground(lipgloss.Color("#ff0000")),
		base.PaddingLeft(1).PaddingChar('.'),
	}
	for round := range 2 { // the second round reads the cache
		for i, s := range styles {
			for _, text := range []string{"Em análise", "", "PRD  ", "a\tb"} {
				if got, want := paint(s, text), s.Render(text); got != want {
					t.Fatalf("round %d, style %d, %q: painted %q, rendered %q", round, i, text, got, want)
				}
			}
		}
	}
}
