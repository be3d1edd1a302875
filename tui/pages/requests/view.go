package requests

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
		q, _ := p.question() // deleting one of the drafts
		return p.filterBar() + "\n\n" + picker.render(q, p.width)
	}
	if box, ok := overlay.Of[*revokeBox](p.com.Overlays, p.mb.ID()); ok {
		return box.View(p.width, p.height) + "\n\n" + p.tableView()
	}
	bar := p.filterBar()
	if q, ok := p.question(); ok {
		// Wrapped: its keys ("s confirma · esc desiste") come last.
		bar = lipgloss.Wrap(p.com.Styles.Warning.Render(q), p.width, " ") + "\n" + strings.SplitN(bar, "\n", 2)[1]
	}
	return bar + "\n\n" + p.tableView()
}

func (p *Page) filterBar() string {
	st, t := p.com.Styles, p.com.Text
	search := st.Subtle.Render("/ " + t.KeySearchRequests)
	if p.search.Active || p.search.Value() != "" {
		search = st.Prompt.Render("/ ") + p.search.Input.View()
	}
	env := t.AllMasc
	if e, ok := p.env.Get(); ok {
		env = e.Badge()
	}
	sortName := []string{t.SortNewest, t.SortOldest, t.SortAPI}[p.sort]
	count := st.Subtle.Render(t.RowsCounting)
	if p.count >= 0 {
		count = st.Subtle.Render(t.Plural(p.count, t.RowsCount))
	}
	left := search + st.Subtle.Render("  e "+t.EnvLabel+": ") + st.Text.Render(env) +
		st.Subtle.Render("  o "+t.SortLabel+": ") + st.Text.Render(sortName)
	if ansi.StringWidth(left+count)+1 > p.width {
		// 80 columns: the filters lose their labels, never their values
		left = search + st.Subtle.Render("  e ") + st.Text.Render(env) + st.Subtle.Render("  o ") + st.Text.Render(sortName)
	}
	line1 := common.Spread(left, count, p.width)
	return line1 + "\n" + strings.Join(p.statusLines(), "\n")
}

// statusLines are the status checkboxes and the drafts count, on as many
// lines as the width needs (two at 80 columns) so that every checkbox,
// the focused one too, is on screen. The layout depends on the width and
// the language only: the focused box (drawn two cells wider) and the
// drafts count (room kept for two digits) never move a box to another
// line, so the table's height stays put.
func (p *Page) statusLines() []string {
	st, t := p.com.Styles, p.com.Text
	label := t.StatusLabel + ": "
	indent := ansi.StringWidth(label)
	if indent > p.width/3 {
		indent = 0 // too narrow to keep a column for the boxes
	}
	const gap, focusPad = 2, 2
	lines := [][]string{{}}
	used := []int{ansi.StringWidth(label) + focusPad}
	place := func(w int) {
		last := len(lines) - 1
		need := w
		if len(lines[last]) > 0 {
			need += gap
		}
		if len(lines[last]) > 0 && used[last]+need > p.width {
			lines, used = append(lines, []string{}), append(used, indent+focusPad)
			last, need = last+1, w
		}
		used[last] += need
	}
	for i, s := range api.Statuses {
		box := "[ ] "
		if p.statuses[s] {
			box = "[x] "
		}
		text := box + s.Label(t.Lang)
		place(ansi.StringWidth(text))
		switch {
		case i == p.focus && !p.search.Active:
			text = st.FilterOn.Render(text)
		case p.statuses[s]:
			text = st.Text.Render(text)
		default:
			text = st.Subtle.Render(text)
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], text)
	}
	place(ansi.StringWidth("r " + fmt.Sprintf(t.DraftsCount, 99))) // the count's room, on the last line or one of its own
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		lead := st.Subtle.Render(label)
		if i > 0 {
			lead = strings.Repeat(" ", indent)
		}
		out = append(out, lead+strings.Join(l, "  "))
	}
	last := len(out) - 1
	if len(lines[last]) == 0 {
		out[last] = "" // the count's own line
	}
	if len(p.drafts) > 0 {
		label := fmt.Sprintf(t.DraftsCount, len(p.drafts))
		if p.submits() {
			label = st.Subtle.Render("r ") + st.Warning.Render(label)
		} else {
			label = st.Warning.Render(label)
		}
		out[last] = common.Spread(out[last], label, p.width)
	}
	for i := range out {
		out[i] = common.Truncate(out[i], p.width) // a guard: each line was laid out to fit
	}
	return out
}

// columns are as wide as their widest value or title, so no status or
// title is cut ("Under revi…"); the API's name takes the rest. Below 100
// columns the environment's title is abbreviated: its values are HMG/PRD.
func (p *Page) columns() []table.Column {
	t := p.com.Text
	status := ansi.StringWidth(t.ColStatus)
	for _, s := range api.Statuses {
		status = max(status, ansi.StringWidth(s.Label(t.Lang)))
	}
	env := t.ColEnv
	if p.width < 100 {
		env = t.ColEnvShort
	}
	return []table.Column{
		{Title: t.ColNumber, Width: p.numberWidth()},
		{Title: t.ColAPI, Flex: true}, {Title: t.ColCNPJ, Width: 18}, {Title: t.ColDate, Width: 10},
		{Title: env, Width: max(3, ansi.StringWidth(env))}, {Title: t.ColStatus, Width: status},
		{Title: t.ColActions, Width: max(4, ansi.StringWidth(t.ColActions))},
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
		{Text: p.number(r.ID), Style: st.Subtle},
		{Text: r.APIName, Style: st.Text},
		{Text: api.FormatCNPJ(r.Institution.CNPJ), Style: st.Subtle},
		{Text: date, Style: st.Subtle},
		{Text: r.Environment.Badge(), Style: st.Accent},
		{Text: r.Status.Label(t.Lang), Style: reqdetail.StatusStyle(p.com, r.Status)},
		{Text: actions(r.Request), Style: st.Subtle},
	}
}

// number is the request's number as the column has room for it: the
// whole id from 100 columns, below that the number in its year (417 for
// SOL-2026-000417; the date column shows the year, and the search finds
// 417 as it is shown).
func (p *Page) number(id string) string {
	if p.width >= 100 {
		return id
	}
	if _, n, ok := splitID(id); ok {
		return n
	}
	return id
}

func (p *Page) numberWidth() int {
	if p.width >= 100 {
		return len("SOL-2026-000417")
	}
	w := ansi.StringWidth(p.com.Text.ColNumber)
	for _, r := range p.win.Rows() {
		w = max(w, len(p.number(r.ID))) // the rows on screen: the API's name keeps the rest
	}
	return w
}

// splitID is the year and the number, without its leading zeros, of an
// id of the form SOL-<year>-<number>.
func splitID(id string) (year, n string, ok bool) {
	rest, ok := strings.CutPrefix(id, "SOL-")
	year, num, dash := strings.Cut(rest, "-")
	if !ok || !dash || num == "" {
		return "", "", false
	}
	if n = strings.TrimLeft(num, "0"); n == "" {
		n = "0"
	}
	return year, n, true
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
