// Package table draws a window of rows: the caller passes only the rows
// on screen (read from the cache by keyset), so drawing costs the same at
// a hundred or a million rows.
package table

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/tui/common"
)

// Column is a header and a width in cells; Flex columns share what is
// left after the fixed ones.
type Column struct {
	Title string
	Width int
	Flex  bool
}

// Cell is a cell's text and its style: colours and attributes (the table
// fits the text to the column itself).
type Cell struct {
	Text  string
	Style lipgloss.Style
}

// Styles of the table.
type Styles struct {
	Header, Selected, Cell lipgloss.Style
}

// Layout resolves flex widths for a total width (one space between columns).
func Layout(cols []Column, width int) []int {
	out := make([]int, len(cols))
	fixed, flex := len(cols)-1, 0
	for i, c := range cols {
		if c.Flex {
			flex++
		} else {
			out[i] = c.Width
			fixed += c.Width
		}
	}
	if flex > 0 {
		each := max((width-fixed)/flex, 4)
		for i, c := range cols {
			if c.Flex {
				out[i] = each
			}
		}
	}
	return out
}

// Render draws the header and rows; selected < 0 selects nothing.
func Render(st Styles, cols []Column, rows [][]Cell, selected, width int) string {
	widths := Layout(cols, width)
	var b strings.Builder
	b.Grow((len(rows) + 1) * (width + 16))
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(paint(st.Header, fit(c.Title, widths[i])))
	}
	for r, row := range rows {
		b.WriteByte('\n')
		if r == selected {
			var line strings.Builder
			for i, c := range row {
				if i > 0 {
					line.WriteByte(' ')
				}
				line.WriteString(fit(c.Text, widths[i]))
			}
			b.WriteString(st.Selected.Render(common.PadRight(line.String(), width)))
			continue
		}
		for i, c := range row {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(paint(c.Style, fit(c.Text, widths[i])))
		}
	}
	return b.String()
}

// fit truncates or pads plain text to exactly w cells.
func fit(s string, w int) string {
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "…")
	}
	return common.PadRight(s, w)
}
