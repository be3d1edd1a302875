package sei

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Field is one line of a rendered summary: a label and its value (which
// may hold line breaks).
type Field struct{ Label, Value string }

// The page: A4 in points, Helvetica 10 on 13-point lines, 72 points of
// margin; at this size a line holds about 95 characters.
const (
	pageW, pageH = 595, 842
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

// pdfText is s in WinAnsi, escaped for a PDF string.
func pdfText(s string) string {
	var b strings.Builder
	enc := charmap.Windows1252.NewEncoder()
	for _, r := range s {
		c, err := enc.String(string(r))
		if err != nil || len(c) != 1 {
			c = "?"
		}
		switch c[0] {
		case '(', ')', '\\':
			b.WriteByte('\\')
		}
		b.WriteString(c)
	}
	return b.String()
}

// writePDF lays out the pages: catalog, page tree, one font, and a page
// with its content stream each; then the cross-reference table.
func writePDF(pages [][]string) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for _, lines := range pages {
		var content strings.Builder
		fmt.Fprintf(&content, "BT /F1 10 Tf %d TL %d %d Td\n", lineH, margin, pageH-margin)
		for _, l := range lines {
			fmt.Fprintf(&content, "(%s) Tj T*\n", pdfText(l))
		}
		content.WriteString("ET")
		page := len(offsets) + 1
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>",
			pageW, pageH, page+1))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes()
}
