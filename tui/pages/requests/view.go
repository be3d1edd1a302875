package requests

import (
	"fmt"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/table"
	"github.com/gecli/gecli/tui/overlay"
)

func (p *Page) View() string {
	switch {
	case p.detail != nil:
		return p.detailView()
	case p.com.Me == nil && p.loaded && len(p.win.Rows()) == 0:
		return p.filterBar() + "\n\n" + p.com.Styles.Subtle.Render(p.com.Text.RequestsSignIn)
	}
	if picker, ok := overlay.Of[*picker](p.com.Overlays, p.mb.ID()); ok {
		return p.filterBar() + "\n\n" + picker.View(p.width, p.height)
	}
	if box, ok := overlay.Of[*revokeBox](p.com.Overlays, p.mb.ID()); ok {
		return box.View(p.width, p.height) + "\n\n" + p.tableView()
	}
	bar := p.filterBar()
	if q, ok := p.question(); ok {
		bar = p.com.Styles.Warning.Render(q) + "\n" + strings.SplitN(bar, "\n", 2)[1]
	}
	return bar + "\n\n" + p.tableView()
}

func (p *Page) filterBar() string {
	st, t := p.com.Styles, p.com.Text
	search := st.Subtle.Render("/ " + t.KeySearchAPI)
	if p.search.Active || p.search.Value() != "" {
		search = st.Prompt.Render("/ API: ") + p.search.Input.View()
	}
	var boxes []string
	for i, s := range api.Statuses {
		box := "[ ] "
		if p.statuses[s] {
			box = "[x] "
		}
		text := box + s.Label(t.Lang)
		switch {
		case i == p.focus && !p.search.Active:
			text = st.FilterOn.Render(text)
		case p.statuses[s]:
			text = st.Text.Render(text)
		default:
			text = st.Subtle.Render(text)
		}
		boxes = append(boxes, text)
	}
	env := t.AllMasc
	if e, ok := p.env.Get(); ok {
		env = e.Badge()
	}
	sortName := []string{t.SortNewest, t.SortOldest, t.SortAPI}[p.sort]
	count := st.Subtle.Render(t.RowsCounting)
	if p.count >= 0 {
		count = st.Subtle.Render(fmt.Sprintf(t.RowsCount, t.Number(p.count)))
	}
	line1 := common.Spread(search+st.Subtle.Render("  e "+t.EnvLabel+": ")+st.Text.Render(env)+
		st.Subtle.Render("  o "+t.SortLabel+": ")+st.Text.Render(sortName), count, p.width)
	line2 := st.Subtle.Render(t.StatusLabel+": ") + strings.Join(boxes, "  ")
	if len(p.drafts) > 0 {
		line2 = common.Spread(line2, st.Warning.Render(fmt.Sprintf(t.WizDrafts, len(p.drafts))), p.width)
	}
	return line1 + "\n" + common.Truncate(line2, p.width)
}

func (p *Page) columns() []table.Column {
	t := p.com.Text
	return []table.Column{
		{Title: t.ColAPI, Flex: true}, {Title: t.ColCNPJ, Width: 18}, {Title: t.ColDate, Width: 10},
		{Title: t.ColEnv, Width: 8}, {Title: t.ColStatus, Width: 11}, {Title: t.ColActions, Width: 6},
	}
}

func (p *Page) tableView() string {
	st, t := p.com.Styles, p.com.Text
	shown := p.win.Rows()
	switch {
	case !p.loaded:
		return st.Subtle.Render(t.RequestsSyncing)
	case p.err != nil:
		return st.Error.Render(common.Explain(t, p.err))
	case len(shown) == 0 && p.count == 0 && p.search.Value() == "" && len(p.query().Statuses) == len(api.Statuses) && p.query().Env == "":
		return st.Subtle.Render(t.RequestsEmpty)
	case len(shown) == 0:
		return st.Subtle.Render(t.RequestsNoMatch)
	}
	rows := make([][]table.Cell, len(shown))
	for i, r := range shown {
		rows[i] = p.cells(r)
	}
	tst := table.Styles{Header: st.Bold.Underline(true), Selected: st.FilterOn.Padding(0)}
	return table.Render(tst, p.columns(), rows, p.win.Selected(), p.width)
}

// cells are the FAQ 3.13 columns: API, CNPJ/CPF, date, environment,
// status, and action icons (○ details, 🔒 credentials: FAQ 3.14's padlock,
// two cells wide in Go's tables and in terminals alike).
func (p *Page) cells(r store.Row) []table.Cell {
	st, t := p.com.Styles, p.com.Text
	date := r.CreatedAt
	if tm, err := time.Parse(time.RFC3339, r.CreatedAt); err == nil {
		date = tm.Local().Format("02/01/2006")
		if t.Lang == api.En {
			date = tm.Local().Format("2006-01-02")
		}
	}
	return []table.Cell{
		{Text: r.APIName, Style: st.Text},
		{Text: api.FormatCNPJ(r.Institution.CNPJ), Style: st.Subtle},
		{Text: date, Style: st.Subtle},
		{Text: r.Environment.Badge(), Style: st.Accent},
		{Text: r.Status.Label(t.Lang), Style: reqdetail.StatusStyle(p.com, r.Status)},
		{Text: actions(r.Request), Style: st.Subtle},
	}
}

// actions shows what can be done: details always; the lock when the
// credential view is available (FAQ 3.14).
func actions(r api.Request) string {
	a := "○"
	if r.CredentialState != api.CredentialNone && r.CredentialState != "" {
		a += " 🔒"
	}
	return a
}
