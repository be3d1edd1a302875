package sei

import (
	"fmt"
	"strings"

	"github.com/gecli/gecli/internal/pdfwrite"
)

// Field is one line of a rendered summary: a label and its value (which
// may hold line breaks).
type Field struct{ Label, Value string }

// The page: A4 (pdfwrite's), 842 points high, Helvetica 10 on 13-point
// lines, 72 points of margin; at this size a line holds about 95
// characters.
const (
	pageH        = 842
	margin       = 72
	lineH        = 13
	lineChars    = 95
	linesPerPage = (pageH - 2*margin) / lineH
)

// SummaryPDF renders a title and fields as a text PDF (PDF 1.4, the
// standard Helvetica in WinAnsi, so Portuguese letters print; characters
// beyond it print as '?'), wrapped and paged: what SEI receives as a
// request's first document, and what a person reads there.
func SummaryPDF(title string, fields []Field) []byte {
	lines := []string{title, ""}
	for _, f := range fields {
		value := strings.ReplaceAll(f.Value, "\r\n", "\n")
		first := true
		for _, para := range strings.Split(value, "\n") {
			for _, l := range wrap(para, lineChars-len(f.Label)-2) {
				if first {
					lines = append(lines, f.Label+": "+l)
					first = false
				} else {
					lines = append(lines, strings.Repeat(" ", len(f.Label)+2)+l)
				}
			}
		}
	}
	var pages [][]string
	for len(lines) > 0 {
		n := min(len(lines), linesPerPage)
		pages = append(pages, lines[:n])
		lines = lines[n:]
	}
	return writePDF(pages)
}

// wrap breaks s into lines of at most width characters, at spaces where it
// can (a longer word is cut).
func wrap(s string, width int) []string {
	width = max(width, 20)
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		for len([]rune(word)) > width {
			r := []rune(word)
			if line != "" {
				out, line = append(out, line), ""
			}
			out, word = append(out, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			out, line = append(out, line), word
		}
	}
	return append(out, line)
}

// writePDF lays out the pages (internal/pdfwrite): catalog, page tree,
// one font, and a page with its content stream each.
func writePDF(pages [][]string) []byte {
	out := make([]pdfwrite.Page, len(pages))
	for i, lines := range pages {
		var content strings.Builder
		fmt.Fprintf(&content, "BT /F1 10 Tf %d TL %d %d Td\n", lineH, margin, pageH-margin)
		for _, l := range lines {
			fmt.Fprintf(&content, "(%s) Tj T*\n", pdfwrite.Literal(l))
		}
		content.WriteString("ET")
		out[i] = pdfwrite.Page{Content: content.String()}
	}
	return pdfwrite.Document(out, nil, "")
}
