// Package pdftest writes small PDFs for tests, by hand (as server/seed
// writes the demo's terms): a catalog, a page tree, pages of Helvetica
// text in WinAnsi (every letter of Portuguese), a cross-reference table
// with the objects' offsets. Nothing comes from a PDF library, so a
// reader cannot pass a test only because both share a bug.
package pdftest

import (
	"bytes"
	"fmt"
	"strings"
)

// Text is a document of pages, each given as its lines: Helvetica 11,
// 14 points apart from the top; an empty line leaves a gap (a reader
// takes it for a new paragraph).
func Text(pages ...[]string) []byte {
	objects := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
	var kids []string
	for i, lines := range pages {
		var content strings.Builder
		y := 800
		for _, l := range lines {
			if l != "" {
				fmt.Fprintf(&content, "BT /F1 11 Tf 40 %d Td (%s) Tj ET\n", y, literal(l))
			}
			y -= 14
		}
		n := 4 + 2*i
		kids = append(kids, fmt.Sprintf("%d 0 R", n))
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", n+1),
			Stream("", content.String()))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))
	return File(objects)
}

// Scanned is a document whose one page only draws an image, as a
// scanner writes it: no text layer.
func Scanned() []byte {
	return File([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
		Stream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
		Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80")})
}

// Stream is a stream object of data, its dictionary dict plus /Length.
func Stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%sendstream", dict, len(data), data)
}

// File numbers objects from 1 (the first is the catalog, the trailer's
// /Root) and writes their cross-reference table.
func File(objects []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// literal escapes s for a literal string and encodes it in WinAnsi.
func literal(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		case r == '–':
			b.WriteByte(0x96)
		case r == '“':
			b.WriteByte(0x93)
		case r == '”':
			b.WriteByte(0x94)
		case r < 256:
			b.WriteByte(byte(r))
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
