// Package pdfwrite writes small text PDFs by hand: PDF 1.4, the standard
// Helvetica in WinAnsi (every letter of Portuguese), objects numbered from
// 1 and a cross-reference table with their offsets. The demo's terms of
// use (server/seed), the summary SEI receives (server/sei) and the tests'
// PDFs (internal/pdftext) are written with it; reading is
// internal/pdftext's, through another library, so a test cannot pass
// only because the writer and the reader share a bug.
package pdfwrite

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Page is one page of a Document: its content stream (Dict adds entries
// to the stream's dictionary, such as a /Filter of data already
// compressed) and entries its /Resources add to the Helvetica every page
// has as /F1 (for instance "/XObject << /Im1 9 0 R >>").
type Page struct {
	Content, Dict, Resources string
}

// Helvetica is the font object every page of a Document refers to as /F1.
const Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// Document writes A4 pages. Objects: 1 the catalog, 2 the page tree, 3
// Helvetica, then each page and its content; then extra, the first of
// them numbered 4+2*len(pages). trailer adds entries to the trailer (an
// /Info pointing at one of the extra objects, say).
func Document(pages []Page, extra []string, trailer string) []byte {
	objects := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", Helvetica}
	kids := make([]string, len(pages))
	for i, p := range pages {
		n := 4 + 2*i
		kids[i] = fmt.Sprintf("%d 0 R", n)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> %s >> /Contents %d 0 R >>", p.Resources, n+1),
			Stream(p.Dict, p.Content))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))
	return File(append(objects, extra...), trailer)
}

// Stream is a stream object holding data, its dictionary dict plus
// /Length.
func Stream(dict, data string) string {
	if dict != "" {
		dict += " "
	}
	return fmt.Sprintf("<< %s/Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// File writes objects, numbered from 1 (the first is the catalog, the
// trailer's /Root), their cross-reference table and a trailer with the
// extra entries given.
func File(objects []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") // the binary comment: transfers keep it a binary file
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	if trailer != "" {
		trailer = " " + trailer
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, trailer, xref)
	return b.Bytes()
}

// Literal is s as the inside of a PDF literal string: in WinAnsi
// (Windows-1252: Portuguese letters, dashes and curly quotes), with
// parentheses and backslashes escaped; a character WinAnsi lacks is '?'.
func Literal(s string) string {
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
