// Package pdftext reads the text of a PDF, page by page, for gecli's PDF
// viewer (attachments, opinions' PDFs, terms of use). It stands on
// github.com/ledongthuc/pdf for the file's structure, fonts and content
// streams, and lays the text out itself: the library's text runs grouped
// into lines by their baseline, ordered left to right, with spaces where
// the runs leave a gap, and the lines a paragraph was broken into at the
// page's margin joined again (the screen wraps them to its width).
//
// The documents come from other people, so Extract is careful with them:
// the input, the pages, the content read and the text kept are bounded,
// the page tree and inherited attributes are walked with a budget (a
// cycle cannot hang it), and a panic inside the library is an error.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"

	"github.com/gecli/gecli/api"
)

// Limits of what Extract reads and keeps.
const (
	// MaxInput is the largest document read: the attachment limit.
	MaxInput = api.MaxAttachmentBytes
	// MaxPages is how many pages are read; a longer document is cut there
	// (Doc.Truncated).
	MaxPages = 2000
	// MaxText is how much text is kept, in bytes of UTF-8; the pages after
	// it are left out (Doc.Truncated).
	MaxText = 4 << 20
	// maxPageContent and maxContent bound the content streams read, once
	// decompressed: per page and for the whole document. A page over its
	// bound is unreadable; the document stops at its bound (Truncated).
	maxPageContent = 16 << 20
	maxContent     = 128 << 20
)

// The ways a document can fail to give its text. Extract's errors wrap
// one of them (errors.Is) with the library's detail. A document that is
// read but has no text is not an error: see Doc.HasText.
var (
	ErrNotPDF     = errors.New("pdftext: not a PDF")
	ErrTooLarge   = errors.New("pdftext: larger than the attachment limit")
	ErrEncrypted  = errors.New("pdftext: encrypted")
	ErrUnreadable = errors.New("pdftext: unreadable")
)

// Doc is the text of a document.
type Doc struct {
	// Pages holds each page's text, first page first: lines separated by
	// "\n" (a paragraph the page broke at its margin is one line, for the
	// screen to wrap), a blank line between paragraphs; "" for a page
	// without text.
	Pages []string
	// Unreadable lists the pages (0-based) whose content could not be
	// read; they are "" in Pages.
	Unreadable []int
	// Truncated: the document goes on beyond MaxPages or MaxText.
	Truncated bool
}

// HasText reports whether any page has a letter or a digit: a scanned
// document (only images) has none, and neither has one whose fonts map
// their glyphs to nothing.
func (d Doc) HasText() bool {
	for _, p := range d.Pages {
		for _, r := range p {
			if r != unicode.ReplacementChar && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return true
			}
		}
	}
	return false
}

// Extract reads the text of the PDF b.
func Extract(b []byte) (Doc, error) { return ExtractContext(context.Background(), b) }

// ExtractContext is Extract stopping when ctx is done (between pages and
// between a page's operators), with ctx's error.
func ExtractContext(ctx context.Context, b []byte) (doc Doc, err error) {
	if len(b) > MaxInput {
		return Doc{}, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	if err := api.ValidatePDF(b); err != nil {
		return Doc{}, fmt.Errorf("%w: %w", ErrNotPDF, err) // api.ErrPDFTruncated: cut short
	}
	r, err := open(b)
	if err != nil {
		return Doc{}, err
	}
	defer func() {
		if x := recover(); x != nil {
			doc, err = Doc{}, fmt.Errorf("%w: %v", ErrUnreadable, x)
		}
	}()
	pages, truncated := pageTree(r)
	if len(pages) == 0 {
		return Doc{}, fmt.Errorf("%w: no pages", ErrUnreadable)
	}
	ex := &extractor{ctx: ctx, budget: maxContent}
	doc.Truncated = truncated
	text := 0
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return Doc{}, err
		}
		s, perr := ex.page(p)
		if perr != nil {
			if errors.Is(perr, errStop) {
				if err := ctx.Err(); err != nil {
					return Doc{}, err
				}
				doc.Truncated = true // the document's content budget ran out
				break
			}
			doc.Unreadable = append(doc.Unreadable, i)
			s = ""
		}
		if text+len(s) > MaxText {
			// The page that goes over keeps what fits, cut between
			// characters; the pages after it are left out.
			if cut := strings.ToValidUTF8(s[:MaxText-text], ""); cut != "" {
				doc.Pages = append(doc.Pages, cut)
			}
			doc.Truncated = true
			break
		}
		text += len(s)
		doc.Pages = append(doc.Pages, s)
	}
	if len(doc.Unreadable) == len(doc.Pages) {
		return Doc{}, fmt.Errorf("%w: no page could be read", ErrUnreadable)
	}
	return doc, nil
}

// open hands b to the library, which is stricter than ValidatePDF: the
// header must open the file and "%%EOF" end it. A header a little later
// (a byte-order mark, a mail header) starts the file there, as readers'
// offsets count from it; what follows the last "%%EOF" (NULs) is left
// out; a PDF 2.0 header is read as 1.7, the syntax the library knows.
func open(b []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("%w: %v", ErrUnreadable, x)
		}
	}()
	if i := bytes.Index(b[:min(len(b), 1024)], []byte("%PDF-")); i > 0 {
		b = b[i:]
	}
	if i := bytes.LastIndex(b, []byte("%%EOF")); i >= 0 {
		b = b[:i+5]
	}
	if len(b) < 9 {
		return nil, fmt.Errorf("%w: header", ErrNotPDF)
	}
	if b[5] != '1' || b[7] < '0' || b[7] > '7' || b[8] != '\n' && b[8] != '\r' {
		// "%PDF-2.0", "%PDF-1.4 ": the library wants "%PDF-1.x" (x up
		// to 7) and a line break. The header keeps its length, so no
		// offset moves.
		b = bytes.Clone(b)
		if b[5] != '1' || b[7] < '0' || b[7] > '7' {
			b[5], b[7] = '1', '7'
		}
		if b[8] != '\n' && b[8] != '\r' {
			b[8] = '\n'
		}
	}
	if err := checkXref(b); err != nil {
		return nil, err
	}
	r, err = pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, classify(err)
	}
	return r, nil
}

// classify words the library's refusal of a file.
func classify(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword), strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%w: %v", ErrEncrypted, err)
	case strings.HasPrefix(msg, "not a PDF"):
		return fmt.Errorf("%w: %v", ErrNotPDF, err)
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}

// pageTree lists the document's pages in order, walking /Kids itself:
// the library's Page(n) trusts /Count and follows a tree that loops back
// on itself for ever. Here a node costs one visit of a budget, the
// depth is bounded, and the walk stops at MaxPages (truncated).
func pageTree(r *pdf.Reader) (pages []pdf.Value, truncated bool) {
	visits := 4*MaxPages + 64
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if visits <= 0 || depth > 64 || truncated || v.Kind() != pdf.Dict {
			return
		}
		visits--
		kids := v.Key("Kids")
		typ := v.Key("Type").Name()
		if typ == "Pages" || typ != "Page" && kids.Kind() == pdf.Array {
			for i := 0; i < kids.Len() && visits > 0 && !truncated; i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		if len(pages) == MaxPages {
			truncated = true
			return
		}
		pages = append(pages, v)
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages, truncated
}

// inherited is a page attribute, from the page or the nearest ancestor
// that has it (the library's own loops on a /Parent that points back).
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for range 32 {
		if v.Kind() != pdf.Dict {
			break
		}
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}
