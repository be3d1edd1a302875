package catalog

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/cards"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/overlay"
)

// barHeight is the filter bar above the grid.
const barHeight = 2

func (p *Page) cols() int {
	cols, _ := cards.Layout(p.width)
	return cols
}

func (p *Page) visibleRows() int { return max(1, (p.height-barHeight)/cards.Height) }

// View draws the grid or the documentation of the selected API.
func (p *Page) View() string {
	if v, ok := overlay.Of[*pdfview.Model](p.com.Overlays, p.mb.ID()); ok {
		return v.View(p.width, p.height) // the terms of use, in all of the room
	}
	if p.docs != nil {
		return p.docsView()
	}
	return p.filterBar() + "\n\n" + p.grid()
}

func (p *Page) filterBar() string {
	st, t := p.com.Styles, p.com.Text
	var search string
	if p.search.Active || p.search.Value() != "" {
		search = st.Prompt.Render("/ "+t.SearchLabel+": ") + p.search.Input.View()
	} else {
		search = st.Subtle.Render("/ " + t.SearchLabel)
	}
	cat, env := t.AllFem, t.AllMasc
	catStyle, envStyle := st.FilterOff, st.FilterOff
	if c, ok := p.category.Get(); ok {
		cat, catStyle = c.Label(t.Lang), st.FilterOn
	}
	if e, ok := p.env.Get(); ok {
		env, envStyle = e.Badge(), st.FilterOn
	}
	filters := st.Subtle.Render("c "+t.CategoryLabel+": ") + catStyle.Render(cat) +
		st.Subtle.Render("  e "+t.EnvLabel+": ") + envStyle.Render(env)
	onlyNew := ""
	if p.onlyNew {
		onlyNew = "  " + st.FilterOn.Render("n "+t.Notice.KeyOnlyNew)
	}
	count := st.Subtle.Render(fmt.Sprintf(t.Count, len(p.matches), p.total))
	filters += onlyNew
	if ansi.StringWidth(search+"   "+filters+count)+1 > p.width {
		// 80 columns with a search: the filters lose their labels, never
		// their values (a filter on HMG must show while it hides APIs),
		// and then the search its label (the placeholder says what it is).
		filters = st.Subtle.Render("c ") + catStyle.Render(cat) + st.Subtle.Render("  e ") + envStyle.Render(env) + onlyNew
		if ansi.StringWidth(search+"   "+filters+count)+1 > p.width && (p.search.Active || p.search.Value() != "") {
			search = st.Prompt.Render("/ ") + p.search.Input.View()
		}
	}
	return common.Spread(search+"   "+filters, count, p.width)
}

func (p *Page) grid() string {
	st, t := p.com.Styles, p.com.Text
	switch {
	case !p.loaded:
		return st.Subtle.Render(t.Loading)
	case p.loadErr != nil:
		return st.Error.Render(common.Explain(t, p.loadErr))
	case p.total == 0 && !p.com.Online:
		return st.Warning.Render(t.EmptyCacheOffline)
	case p.total == 0:
		return st.Subtle.Render(t.EmptyCache)
	case len(p.matches) == 0:
		return st.Bold.Render(t.NoMatch) + "\n" + st.Subtle.Render(t.NoMatchHint)
	}
	return cards.Grid(st, t, p.matches, cards.Marks{New: p.fresh, Terms: p.termsChanged()}, p.width, p.firstRow, p.visibleRows(), p.selected)
}
