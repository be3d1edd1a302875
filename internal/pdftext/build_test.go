package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The tests write their PDFs by hand, as server/seed does for the demo's
// terms: objects numbered from 1, a cross-reference table with their
// offsets, a trailer. Nothing here comes from a PDF library, so a test
// cannot agree with the reader only because both share a bug.

// file writes objects (objects[0] is "1 0 obj") and a trailer whose
// /Root is object 1, plus extra trailer entries.
func file(objects []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, trailer, xref)
	return b.Bytes()
}

// stream is a stream object holding data, Flate-compressed when deflate.
func stream(dict, data string, deflate bool) string {
	if deflate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write([]byte(data))
		w.Close()
		data = z.String()
		dict += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%sendstream", dict, len(data), data)
}

// page is one page of a test document: its content stream and what its
// resources add to the Helvetica (WinAnsi) that every page has as /F1.
type page struct {
	content   string
	resources string   // more entries of /Resources, e.g. "/XObject << /Im1 9 0 R >>"
	extra     []string // objects the resources refer to, numbered after the pages' (see doc)
}

// doc writes pages. Objects: 1 catalog, 2 page tree, 3 Helvetica, then
// for each page its page and content objects, then every page's extra
// objects in order: the first extra object is number 4+2*len(pages).
func doc(deflate bool, pages ...page) []byte {
	objects := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
	var kids []string
	for i, p := range pages {
		n := 4 + 2*i
		kids = append(kids, fmt.Sprintf("%d 0 R", n))
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> %s >> /Contents %d 0 R >>", p.resources, n+1),
			stream("", p.content, deflate))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))
	for _, p := range pages {
		objects = append(objects, p.extra...)
	}
	return file(objects, "")
}

// lines is a page's content: each line of text in Helvetica 11 at the
// left margin, 14 points apart, from the top.
func lines(ls ...string) string {
	var b strings.Builder
	y := 780
	for _, l := range ls {
		fmt.Fprintf(&b, "BT /F1 11 Tf 56 %d Td (%s) Tj ET\n", y, lit(l))
		y -= 14
	}
	return b.String()
}

// lit writes s as the inside of a PDF literal string in WinAnsi, which
// holds every letter of Portuguese.
func lit(s string) string {
	s = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
	return winAnsi1252(s)
}

// winAnsi1252 encodes s (content-stream syntax and all) in WinAnsi;
// bytes that are not UTF-8 (already WinAnsi) stay as they are.
func winAnsi1252(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i]
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteByte(raw)
		case r < 256:
			b.WriteByte(byte(r))
		case r == '–':
			b.WriteByte(0x96)
		case r == '“':
			b.WriteByte(0x93)
		case r == '”':
			b.WriteByte(0x94)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
