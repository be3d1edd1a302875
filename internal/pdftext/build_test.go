package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gecli/gecli/internal/pdfwrite"
)

// The tests write their PDFs with internal/pdfwrite, by hand, as the
// demo's terms are written: nothing here comes from a PDF library, so a
// test cannot agree with the reader only because both share a bug.

// file writes objects (objects[0] is "1 0 obj") and a trailer whose
// /Root is object 1, plus extra trailer entries.
func file(objects []string, trailer string) []byte { return pdfwrite.File(objects, trailer) }

// stream is a stream object holding data, Flate-compressed when deflate.
func stream(dict, data string, deflate bool) string {
	if deflate {
		data, dict = deflated(data), dict+" /Filter /FlateDecode"
	}
	return pdfwrite.Stream(dict, data)
}

// deflated is data compressed as /FlateDecode reads it.
func deflated(data string) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(data))
	w.Close()
	return z.String()
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
	out := make([]pdfwrite.Page, len(pages))
	var extra []string
	for i, p := range pages {
		content, dict := p.content, ""
		if deflate {
			content, dict = deflated(content), "/Filter /FlateDecode"
		}
		out[i] = pdfwrite.Page{Content: content, Dict: dict, Resources: p.resources}
		extra = append(extra, p.extra...)
	}
	return pdfwrite.Document(out, extra, "")
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
func lit(s string) string { return pdfwrite.Literal(s) }

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
