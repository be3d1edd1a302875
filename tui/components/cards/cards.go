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
	// Height is the height of every card, borders included. In a row
	// where a title takes two lines, every card gives the second line of
	// its description to the title, so rows stay alike.
	Height     = 8
	innerLines = Height - 2
	// maxTitleLines: a title that does not fit in two lines is cut on
	// the second.
	maxTitleLines = 2
	marker        = "▸ "
)

// Layout returns the number of columns and the width of each card.
func Layout(width int) (cols, cardWidth int) {
	cols = max(1, min(MaxColumns, width/MinWidth))
	return cols, max(width/cols, 10)
}

// Marks are what is new to the person: APIs published since the last
// visit, and APIs whose terms changed since one of their requests
// accepted them.
type Marks struct{ New, Terms map[string]bool }

// Grid renders rows [firstRow, firstRow+rows) of items, with their marks.
func Grid(st themes.Styles, t *i18n.Text, items []api.API, marks Marks, width, firstRow, rows, selected int) string {
	cols, w := Layout(width)
	var lines []string
	for r := firstRow; r < firstRow+rows; r++ {
		start := r * cols
		if start >= len(items) {
			break
		}
		row := items[start:min(start+cols, len(items))]
		titles := titleLines(row, w)
		cards := make([]string, 0, cols)
		for i, a := range row {
			cards = append(cards, card(st, t, a, w, start+i == selected, titles, marks.New[a.ID], marks.Terms[a.ID]))
		}
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, cards...))
	}
	return strings.Join(lines, "\n")
}

// titleLines is how many lines the longest title of a row takes.
func titleLines(row []api.API, cardWidth int) int {
	n := 1
	for _, a := range row {
		n = max(n, len(title(a.Name, cardWidth)))
	}
	return n
}

// title wraps a card's title in at most two lines. It leaves room for
// the selection's marker on every card, so selecting one never reflows
// its row.
func title(name string, cardWidth int) []string {
	return cut(strings.Split(lipgloss.Wrap(name, titleWidth(cardWidth), ""), "\n"), titleWidth(cardWidth), maxTitleLines)
}

// cardFrame is what a card's border and padding take of its width (the
// themes' Card and CardSelected alike).
var cardFrame = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1).GetHorizontalFrameSize()

func titleWidth(cardWidth int) int { return max(1, cardWidth-cardFrame-len([]rune(marker))) }

// Card renders one API in a box of width cells and Height lines (its
// title on one line, cut if longer).
func Card(st themes.Styles, t *i18n.Text, a api.API, width int, selected bool) string {
	return card(st, t, a, width, selected, 1, false, false)
}

// card renders one API in a box of width cells and Height lines whose
// title takes titles lines (the row's).
func card(st themes.Styles, t *i18n.Text, a api.API, width int, selected bool, titles int, fresh, terms bool) string {
	box := st.Card
	if selected {
		box = st.CardSelected
	}
	inner := width - box.GetHorizontalFrameSize()
	fit := func(s string) string { return common.Truncate(s, inner) }
	name := title(a.Name, width)
	if titles == 1 && len(name) > 1 {
		name = cut(name, titleWidth(width), 1)
	}
	var lines []string
	for i := range titles {
		l := ""
		if i < len(name) {
			l = name[i]
		}
		switch {
		case selected && i == 0:
			l = marker + l
		case selected:
			l = "  " + l
		}
		lines = append(lines, fit(st.CardTitle.Render(l)))
	}
	lines = append(lines,
		fit(st.CardAcronym.Render(a.Acronym)+st.CardMeta.Render(" · ")+st.Category.Render(a.Category.Label(t.Lang))),
		fit(badges(st, a)+newBadge(st, t, fresh, terms)),
		fit(st.CardMeta.Render(t.Owner+": "+a.Owner)),
	)
	lines = append(lines, wrapLines(st.Text, a.Description, inner, innerLines-len(lines))...)
	for len(lines) < innerLines {
		lines = append(lines, "")
	}
	return box.Width(width).Render(strings.Join(lines, "\n"))
}

// newBadge marks an API new since the person's last visit, or whose
// terms changed since one of their requests accepted them.
func newBadge(st themes.Styles, t *i18n.Text, fresh, terms bool) string {
	out := ""
	if fresh {
		out += "  " + st.Warning.Bold(true).Render("★ "+t.Notice.New)
	}
	if terms {
		out += "  " + st.Warning.Render("§ "+t.Notice.NewTerms)
	}
	return out
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
	wrapped := cut(strings.Split(lipgloss.Wrap(s, width, ""), "\n"), width, n)
	for i, l := range wrapped {
		wrapped[i] = style.Render(l)
	}
	return wrapped
}

// cut keeps n of the wrapped lines, the last ending with an ellipsis
// when some were dropped.
func cut(wrapped []string, width, n int) []string {
	if len(wrapped) <= n {
		return wrapped
	}
	wrapped = wrapped[:n]
	last := strings.TrimRight(wrapped[n-1], " ")
	wrapped[n-1] = common.Truncate(last+" …", width)
	if !strings.HasSuffix(wrapped[n-1], "…") {
		wrapped[n-1] = common.Truncate(last, width-1) + "…"
	}
	return wrapped
}
