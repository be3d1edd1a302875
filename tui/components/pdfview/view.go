package pdfview

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/pdftext"
	"github.com/gecli/gecli/tui/common"
)

// View draws the viewer in width cells and height lines: the title and
// the page at the top of the screen, the document's rows, and a last
// line that is the search being typed, the search's result, or where the
// rows shown are.
func (m *Model) View(width, height int) string {
	st, t := m.com.Styles, m.com.Text
	width, height = max(20, width), max(3, height)
	m.width = width
	m.input.SetWidth(max(10, width-4))
	var where string
	if m.state == ready && m.doc.pages > 0 {
		m.ensureRows(width)
		where = fmt.Sprintf(t.PDFView.Page, t.Number(m.topPage()+1), t.Number(m.doc.pages))
	}
	title := common.Spread(st.Bold.Render(m.title), st.Subtle.Render(where), width)
	var body []string
	switch {
	case m.state == loading:
		body = []string{"", m.spin.View() + " " + st.Subtle.Render(t.PDFView.Loading)}
	case m.state == failed:
		body = append([]string{""}, paragraph(st.Error, m.problem(), width)...)
	case !m.doc.text:
		body = append([]string{""}, paragraph(st.Warning, t.PDFView.NoText, width)...)
	default:
		return title + "\n" + m.page(width, height-2) + "\n" + m.status(width)
	}
	if len(body) > height-1 {
		body = body[:height-1]
	}
	return strings.Join(append([]string{title}, body...), "\n")
}

// page draws the rows that fit in room lines, the matches of the search
// highlighted (the one n and N are on apart).
func (m *Model) page(width, room int) string {
	m.room = max(1, room)
	m.offset = max(0, min(m.offset, m.maxOffset()))
	end := min(len(m.rows), m.offset+m.room)
	out := make([]string, 0, m.room)
	for _, r := range m.rows[m.offset:end] {
		out = append(out, m.drawRow(r))
	}
	for len(out) < m.room {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

func (m *Model) drawRow(r row) string {
	st := m.com.Styles
	l := m.doc.lines[r.line]
	text := m.lineText(l)[r.start:r.end]
	switch l.kind {
	case pageMark:
		return st.Subtle.Render(text)
	case emptyNote, failedNote:
		return st.Subtle.Render(text)
	case truncNote:
		return st.Warning.Render(text)
	}
	found := m.find.matches
	i := sort.Search(len(found), func(i int) bool {
		f := found[i]
		return f.line > r.line || f.line == r.line && f.end > r.start
	})
	var b strings.Builder
	at := r.start
	for ; i < len(found) && found[i].line == r.line && found[i].start < r.end; i++ {
		f := found[i]
		s, e := max(f.start, r.start), min(f.end, r.end)
		if s > at {
			b.WriteString(st.Text.Render(l.text[at:s]))
		}
		style := st.Text.Reverse(true)
		if i == m.find.cur {
			style = st.FilterOn.Padding(0)
		}
		b.WriteString(style.Render(l.text[s:e]))
		at = e
	}
	if at < r.end {
		b.WriteString(st.Text.Render(l.text[at:r.end]))
	}
	return b.String()
}

// lineText is what a line says: its text, or the viewer's words for it.
func (m *Model) lineText(l line) string {
	t := m.com.Text
	switch l.kind {
	case pageMark:
		return "── " + fmt.Sprintf(t.PDFView.PageMark, t.Number(l.page+1)) + " ──"
	case emptyNote:
		return t.PDFView.EmptyPage
	case failedNote:
		return t.PDFView.UnreadablePage
	case truncNote:
		return fmt.Sprintf(t.PDFView.Truncated, t.Number(pdftext.MaxPages), t.Number(pdftext.MaxText>>20))
	}
	return l.text
}

// status is the last line: the search being typed, its result, or which
// rows are on screen.
func (m *Model) status(width int) string {
	st, t := m.com.Styles, m.com.Text
	f := m.find
	switch {
	case m.typing:
		return m.input.View()
	case f.query != "" && len(f.matches) == 0:
		return st.Warning.Render(common.Truncate(fmt.Sprintf(t.PDFView.NotFound, f.query), width))
	case f.capped:
		return st.Subtle.Render(common.Truncate(fmt.Sprintf(t.PDFView.Many, f.query, t.Number(len(f.matches))), width))
	case f.query != "":
		return st.Subtle.Render(common.Truncate(fmt.Sprintf(t.PDFView.Found, f.query, t.Number(f.cur+1), t.Number(len(f.matches))), width))
	case len(m.rows) > m.room:
		last := min(len(m.rows), m.offset+m.room)
		return st.Subtle.Render(fmt.Sprintf(t.PDFView.Lines, t.Number(m.offset+1), t.Number(last), t.Number(len(m.rows))))
	}
	return ""
}

// problem says why the document cannot be shown.
func (m *Model) problem() string {
	t := m.com.Text.PDFView
	switch err := m.err; {
	case errors.Is(err, errTimeout):
		return t.Timeout
	case errors.Is(err, errBusy):
		return t.Busy
	case errors.Is(err, api.ErrPDFTruncated):
		return t.Incomplete
	case errors.Is(err, pdftext.ErrNotPDF):
		return t.NotPDF
	case errors.Is(err, pdftext.ErrEncrypted):
		return t.Encrypted
	case errors.Is(err, pdftext.ErrTooLarge):
		return fmt.Sprintf(t.TooLarge, m.com.Text.Number(api.MaxAttachmentBytes>>20))
	case errors.Is(err, pdftext.ErrUnreadable):
		return t.Unreadable
	}
	return common.Explain(m.com.Text, m.err)
}

// paragraph wraps a sentence of the viewer's to width, styled.
func paragraph(style lipgloss.Style, s string, width int) []string {
	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}
