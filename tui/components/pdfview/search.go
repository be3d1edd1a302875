package pdfview

import (
	"sort"
	"strings"

	"github.com/gecli/gecli/api"
)

// maxMatches is how many matches a search keeps.
const maxMatches = 10000

// finding is the last search: its text and matches, document order, and
// the one n and N are on.
type finding struct {
	query   string
	matches []match
	cur     int
	capped  bool // more matches than maxMatches
}

// match is a found text: its line and bytes in the line's text.
type match struct {
	line int
	span
}

// search finds query in the document's text, ignoring case and accents,
// and shows the first match at or after the top of the screen.
func (m *Model) search(query string) {
	m.find = finding{query: strings.TrimSpace(query)}
	q := api.Fold(m.find.query)
	if q == "" {
		return
	}
	for i, l := range m.doc.lines {
		if l.kind != textLine {
			continue
		}
		for from := 0; ; {
			j := strings.Index(l.fold[from:], q)
			if j < 0 {
				break
			}
			if len(m.find.matches) == maxMatches {
				m.find.capped = true
				break
			}
			fs, fe := from+j, from+j+len(q)
			m.find.matches = append(m.find.matches, match{line: i, span: span{int(l.at[fs]), int(l.at[fe])}})
			from = fe
		}
	}
	if len(m.find.matches) == 0 {
		return
	}
	top := 0
	if m.offset < len(m.rows) {
		top = m.rows[m.offset].line
	}
	m.find.cur = sort.Search(len(m.find.matches), func(i int) bool { return m.find.matches[i].line >= top })
	if m.find.cur == len(m.find.matches) {
		m.find.cur = 0 // none below: from the start
	}
	m.show(m.find.matches[m.find.cur])
}

// step moves to the next (1) or previous (-1) match, round the document.
func (m *Model) step(d int) {
	n := len(m.find.matches)
	m.find.cur = (m.find.cur + d + n) % n
	m.show(m.find.matches[m.find.cur])
}

// show scrolls so the row of mt is on screen when it is not: a third of
// the way down, or at the top of its page (so the page said at the top
// is the match's).
func (m *Model) show(mt match) {
	r := m.rowOf(mt)
	if r >= m.offset && r < m.offset+max(1, m.room) {
		return
	}
	start := m.pageRow[m.doc.lines[mt.line].page]
	m.offset = max(0, min(max(r-max(1, m.room)/3, start), m.maxOffset()))
}

// rowOf is the row a match starts on.
func (m *Model) rowOf(mt match) int {
	i := sort.Search(len(m.rows), func(i int) bool {
		r := m.rows[i]
		return r.line > mt.line || r.line == mt.line && r.end > mt.start
	})
	return min(i, len(m.rows)-1)
}
