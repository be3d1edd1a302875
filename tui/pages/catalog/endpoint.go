package catalog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
)

// endpointView is the detail of the endpoint selected in Documentação's
// list (FAQ 3.11): what it is, its parameters, its body, its responses
// and an example, scrolled as one page; esc goes back to the list.
type endpointView struct {
	offset int // the first line on screen
}

func (p *Page) endpoint() client.Endpoint { return p.docs.endpoints[p.docs.selected] }

func (p *Page) endpointKey(msg tea.KeyPressMsg) {
	k, d := p.keys, p.docs
	page, n := p.endpointHeight(), len(p.endpointLines())
	switch {
	case key.Matches(msg, k.Back):
		d.detail = nil
	case n <= page: // nothing to scroll
	case key.Matches(msg, k.Down):
		d.detail.scroll(1, page, n)
	case key.Matches(msg, k.Up):
		d.detail.scroll(-1, page, n)
	case key.Matches(msg, k.PageDown):
		d.detail.scroll(page, page, n)
	case key.Matches(msg, k.PageUp):
		d.detail.scroll(-page, page, n)
	case key.Matches(msg, k.End):
		d.detail.scroll(n, page, n)
	case key.Matches(msg, k.Home):
		d.detail.scroll(-n, page, n)
	}
}

func (v *endpointView) scroll(delta, visible, n int) {
	v.offset = max(0, min(v.offset+delta, n-visible))
}

// endpointMoves scroll the detail, when it does not fit.
func (p *Page) endpointMoves() []key.Binding {
	if len(p.endpointLines()) <= p.endpointHeight() {
		return nil
	}
	k := p.keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// endpointHeight is what the title leaves for the detail.
func (p *Page) endpointHeight() int { return max(1, p.height-1) }

func (p *Page) endpointView() string {
	st, t, d := p.com.Styles, p.com.Text, p.docs
	lines := p.endpointLines()
	page := p.endpointHeight()
	offset := max(0, min(d.detail.offset, len(lines)-page)) // after a resize; the keys clamp the same way
	title := st.AppName.Render(t.DocsTitle+" · ") + st.CardTitle.Render(d.api.Name)
	if len(lines) > page {
		last := min(len(lines), offset+page)
		title = common.Spread(title, st.Subtle.Render(fmt.Sprintf(t.PDFView.Lines,
			fmt.Sprint(offset+1), fmt.Sprint(last), fmt.Sprint(len(lines)))), p.width)
	}
	shown := lines[offset:min(len(lines), offset+page)]
	return common.Truncate(title, p.width) + "\n" + strings.Join(shown, "\n")
}

// endpointLines is the whole detail at the page's width, one string a
// line.
func (p *Page) endpointLines() []string {
	st, t := p.com.Styles, p.com.Text
	x, e, w := t.Docs, p.endpoint(), max(p.width, 20)
	var out []string
	add := func(ls ...string) { out = append(out, ls...) }
	wrap := func(style lipgloss.Style, s string, indent int) {
		for _, l := range strings.Split(lipgloss.Wrap(s, w-indent, ""), "\n") {
			add(strings.Repeat(" ", indent) + style.Render(l))
		}
	}
	section := func(s string) { add("", st.Bold.Render(s)) }

	head := methodBadge(st, e.Method) + " "
	for i, l := range strings.Split(ansi.Hardwrap(e.Path, w-ansi.StringWidth(head), false), "\n") {
		if i > 0 {
			head = strings.Repeat(" ", ansi.StringWidth(head))
		}
		add(head + st.Path.Render(l))
	}
	if e.Deprecated {
		add(st.Warning.Render(x.Deprecated))
	}
	if e.Summary != "" {
		wrap(st.Text, e.Summary, 0)
	}
	if e.Description != "" && e.Description != e.Summary {
		for _, para := range strings.Split(e.Description, "\n") {
			wrap(st.Subtle, para, 0)
		}
	}

	section(fmt.Sprintf("%s (%d)", x.Parameters, len(e.Parameters)))
	if len(e.Parameters) == 0 {
		add(st.Subtle.Render("  " + x.NoParameters))
	} else {
		rows := make([]fieldRow, 0, len(e.Parameters))
		for _, prm := range e.Parameters {
			rows = append(rows, fieldRow{prm.Name, prm.In, prm.Type, prm.Description, prm.Required})
		}
		add(p.fieldTable([]string{x.ColName, x.ColIn, x.ColType, x.ColDesc}, rows)...)
	}

	if b := e.Body; b != nil {
		head := x.Body
		if b.ContentType != "" {
			head += " · " + b.ContentType
		}
		if b.Required {
			head += " · " + x.BodyRequired
		}
		section(head)
		if b.Description != "" {
			wrap(st.Subtle, b.Description, 2)
		}
		if b.Type != "" {
			add("  " + st.Accent.Render(b.Type))
		}
		if len(b.Properties) > 0 {
			rows := make([]fieldRow, 0, len(b.Properties))
			for _, prop := range b.Properties {
				rows = append(rows, fieldRow{prop.Name, "", prop.Type, prop.Description, prop.Required})
			}
			add(p.fieldTable([]string{x.ColName, x.ColType, x.ColDesc}, rows)...)
		}
		if b.Example != nil {
			section(x.RequestExample)
			add(p.exampleLines(b.Example)...)
		}
	}

	section(x.Responses)
	if len(e.Responses) == 0 {
		add(st.Subtle.Render("  " + x.NoResponses))
	}
	for _, r := range e.Responses {
		status := common.PadRight(r.Status, 8)
		style := st.Text
		switch {
		case strings.HasPrefix(r.Status, "2"):
			style = st.Success
		case strings.HasPrefix(r.Status, "4"), strings.HasPrefix(r.Status, "5"):
			style = st.Error
		}
		desc := strings.Split(lipgloss.Wrap(r.Description, max(10, w-10), ""), "\n")
		for i, l := range desc {
			if i > 0 {
				status = strings.Repeat(" ", 8)
			}
			add("  " + style.Render(status) + st.Text.Render(l))
		}
	}
	if e.Example != nil {
		section(fmt.Sprintf(x.ResponseExample, e.Example.Status))
		add(p.exampleLines(e.Example)...)
	}
	for i, l := range out {
		out[i] = common.Truncate(l, p.width)
	}
	return out
}

// fieldRow is a parameter (in: where it goes) or a body's property.
type fieldRow struct {
	name, in, typ, desc string
	required            bool
}

// fieldTable lays rows out in columns (name, [in,] type, description),
// the description wrapping in what is left; a required field's name
// carries a *, explained under the table.
func (p *Page) fieldTable(heads []string, rows []fieldRow) []string {
	st, x := p.com.Styles, p.com.Text.Docs
	withIn := len(heads) == 4
	nameW, inW, typeW := ansi.StringWidth(heads[0]), 0, ansi.StringWidth(heads[len(heads)-2])
	anyRequired := false
	for _, r := range rows {
		nameW = max(nameW, ansi.StringWidth(r.name)+1)
		inW = max(inW, ansi.StringWidth(r.in), ansi.StringWidth(heads[1]))
		typeW = max(typeW, ansi.StringWidth(r.typ))
		anyRequired = anyRequired || r.required
	}
	w := max(p.width, 20)
	nameW, typeW = min(nameW, max(12, w/4)), min(typeW, max(12, w/4))
	cols := []int{nameW}
	if withIn {
		cols = append(cols, inW)
	}
	cols = append(cols, typeW)
	used := 2
	for _, c := range cols {
		used += c + 2
	}
	descW := w - used
	cell := func(s string, width int) string { return common.PadRight(common.Truncate(s, width), width) + "  " }
	line := func(style lipgloss.Style, cells []string) string {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cells[:len(cols)] {
			b.WriteString(style.Render(cell(c, cols[i])))
		}
		return b.String()
	}
	heading := line(st.Subtle, heads)
	if descW >= 16 {
		heading += st.Subtle.Render(heads[len(heads)-1])
	}
	out := []string{heading}
	for _, r := range rows {
		name := r.name
		if r.required {
			name += "*"
		}
		cells := []string{name}
		if withIn {
			cells = append(cells, r.in)
		}
		cells = append(cells, r.typ)
		row := st.Path.Render(cell(name, nameW))
		for i, c := range cells[1:] {
			row += st.Text.Render(cell(c, cols[i+1]))
		}
		row = "  " + row
		if r.desc == "" {
			out = append(out, row)
			continue
		}
		if descW < 16 { // too narrow beside the columns: under them
			out = append(out, row)
			for _, l := range strings.Split(lipgloss.Wrap(r.desc, w-4, ""), "\n") {
				out = append(out, "    "+st.Subtle.Render(l))
			}
			continue
		}
		for i, l := range strings.Split(lipgloss.Wrap(r.desc, descW, ""), "\n") {
			if i > 0 {
				row = strings.Repeat(" ", used)
			}
			out = append(out, row+st.Subtle.Render(l))
		}
	}
	if anyRequired {
		out = append(out, "  "+st.Subtle.Render(x.Required))
	}
	return out
}

// exampleLines shows an example's text, indented and hard-wrapped (JSON
// reads fine broken at the edge; nothing of it is hidden).
func (p *Page) exampleLines(ex *client.Example) []string {
	st, x := p.com.Styles, p.com.Text.Docs
	var out []string
	if ex.Built {
		out = append(out, "  "+st.Subtle.Render("("+x.Built+")"))
	}
	w := max(p.width-2, 10)
	for _, l := range strings.Split(ex.Text, "\n") {
		for _, part := range strings.Split(ansi.Hardwrap(l, w, false), "\n") {
			out = append(out, "  "+st.Accent.Render(part))
		}
	}
	if ex.Cut {
		out = append(out, "  "+st.Subtle.Render(x.Cut))
	}
	return out
}

// methodBadge is an HTTP method in its colour, padded so paths line up.
func methodBadge(st themes.Styles, method string) string {
	style, ok := st.Method[method]
	if !ok {
		style = st.Bold.Padding(0, 1)
	}
	return style.Render(common.PadRight(method, 6))
}
