// Package pdftest writes small PDFs for tests with internal/pdfwrite
// (as server/seed writes the demo's terms): pages of Helvetica text in
// WinAnsi, or a scanned page with no text layer. Nothing comes from a PDF
// library, so a reader cannot pass a test only because both share a bug.
package pdftest

import (
	"fmt"
	"strings"

	"github.com/gecli/gecli/internal/pdfwrite"
)

// Text is a document of pages, each given as its lines: Helvetica 11,
// 14 points apart from the top; an empty line leaves a gap (a reader
// takes it for a new paragraph).
func Text(pages ...[]string) []byte {
	out := make([]pdfwrite.Page, len(pages))
	for i, lines := range pages {
		var content strings.Builder
		y := 800
		for _, l := range lines {
			if l != "" {
				fmt.Fprintf(&content, "BT /F1 11 Tf 40 %d Td (%s) Tj ET\n", y, pdfwrite.Literal(l))
			}
			y -= 14
		}
		out[i] = pdfwrite.Page{Content: content.String()}
	}
	return pdfwrite.Document(out, nil, "")
}

// Scanned is a document whose one page only draws an image, as a
// scanner writes it: no text layer.
func Scanned() []byte {
	image := pdfwrite.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80")
	return pdfwrite.Document([]pdfwrite.Page{{Content: "q 595 0 0 842 0 0 cm /Im1 Do Q", Resources: "/XObject << /Im1 6 0 R >>"}},
		[]string{image}, "")
}
