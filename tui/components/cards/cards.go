// Package cards draws catalog APIs as a grid of cards that reflows with the
// terminal width: as many columns of at least MinWidth cells as fit.
package cards

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

const (
	// MinWidth is the narrowest card that still reads well.
	MinWidth = 36
	// MaxColumns keeps cards from becoming slivers on very wide terminals.
	MaxColumns = 4
	// Height is the height of every card, borders included.
	Height     = 8
	innerLines = Height - 2
)

// Layout returns the number of columns and the width of each card.
func Layout(width int) (cols, cardWidth int) {
	cols = max(1, min(MaxColumns, width/MinWidth))
	return cols, max(width/cols, 10)
}

// Grid renders rows [firstRow, firstRow+rows) of items.
func Grid(st themes.Styles, t *i18n.Text, items []api.API, width, firstRow, rows, selected int) string {
	cols, w := Layout(width)
	var lines []string
	for r := firstRow; r < firstRow+rows; r++ {
		start := r * cols
		if start >= len(items) {
			break
		}
		row := make([]string, 0, cols)
		for i := start; i < min(start+cols, len(items)); i++ {
			row = append(row, Card(st, t, items[i], w, i == selected))
		}
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(lines, "\n")
}

// Card renders one API in a box of width cells and Height lines.
func Card(st themes.Styles, t *i18n.Text, a api.API, width int, selected bool) string {
	box := st.Card
	if selected {
		box = st.CardSelected
	}
	inner := width - box.GetHorizontalFrameSize()
	fit := func(s string) string { return common.Truncate(s, inner) }
	marker := ""
	if selected {
		marker = "▸ "
	}
	lines := []string{
		fit(st.CardTitle.Render(marker + a.Name)),
		fit(st.CardAcronym.Render(a.Acronym) + st.CardMeta.Render(" · ") + st.Category.Render(a.Category.Label(t.Lang))),
		fit(badges(st, a)),
		fit(st.CardMeta.Render(t.Owner + ": " + a.Owner)),
	}
	lines = append(lines, wrapLines(st.Text, a.Description, inner, innerLines-len(lines))...)
	for len(lines) < innerLines {
		lines = append(lines, "")
	}
	return box.Width(width).Render(strings.Join(lines, "\n"))
}

// badges shows HMG and PRD; an environment the API lacks is shown crossed
// out ("✗HMG", also struck through) rather than hidden, so badges line up
// and the absence reads even without colour.
func badges(st themes.Styles, a api.API) string {
	parts := make([]string, 0, len(api.Environments))
	for _, env := range api.Environments {
		if a.Offers(env) {
			style := st.BadgeHMG
			if env == api.EnvPRD {
				style = st.BadgePRD
			}
			parts = append(parts, style.Render(env.Badge()))
		} else {
			parts = append(parts, st.BadgeOff.Render("✗"+env.Badge()))
		}
	}
	return strings.Join(parts, " ")
}

// wrapLines word-wraps s into at most n lines of width cells, ending with
// an ellipsis when text was cut.
func wrapLines(style lipgloss.Style, s string, width, n int) []string {
	if n <= 0 || width <= 0 {
		return nil
	}
	wrapped := strings.Split(lipgloss.Wrap(s, width, ""), "\n")
	if len(wrapped) > n {
		wrapped = wrapped[:n]
		last := strings.TrimRight(wrapped[n-1], " ")
		wrapped[n-1] = common.Truncate(last+" …", width)
		if !strings.HasSuffix(wrapped[n-1], "…") {
			wrapped[n-1] = common.Truncate(last, width-1) + "…"
		}
	}
	for i, l := range wrapped {
		wrapped[i] = style.Render(l)
	}
	return wrapped
}
