package pdfview

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/pdftext"
)

// kind says what a line of the document is.
type kind int

const (
	textLine   kind = iota
	pageMark        // starts a page after the first
	emptyNote       // stands for a page without text
	failedNote      // stands for a page that could not be read
	truncNote       // ends a document cut at the reader's limits
)

// line is one line of the document as the viewer shows it: a line of a
// page's text, or one of the viewer's own (a page's mark, a note).
type line struct {
	kind kind
	page int // 0-based
	text string
	// fold is text lower-cased and without accents, for the search;
	// at[i] is where fold's byte i comes from in text (at[len(fold)] is
	// len(text)).
	fold string
	at   []int32
}

// document is a PDF's text ready to show and search. It is built in the
// Cmd that read the file (folding a long document is not for Update).
type document struct {
	lines []line
	pages int
	text  bool // some page has text (see pdftext.Doc.HasText)
}

func newDocument(d pdftext.Doc) *document {
	doc := &document{pages: len(d.Pages), text: d.HasText()}
	failed := map[int]bool{}
	for _, p := range d.Unreadable {
		failed[p] = true
	}
	folds := map[rune]string{}
	for p, s := range d.Pages {
		if p > 0 {
			doc.lines = append(doc.lines, line{kind: pageMark, page: p})
		}
		switch {
		case failed[p]:
			doc.lines = append(doc.lines, line{kind: failedNote, page: p})
			continue
		case strings.TrimSpace(s) == "":
			doc.lines = append(doc.lines, line{kind: emptyNote, page: p})
			continue
		}
		for _, l := range strings.Split(s, "\n") {
			f, at := fold(l, folds)
			doc.lines = append(doc.lines, line{kind: textLine, page: p, text: l, fold: f, at: at})
		}
	}
	if d.Truncated {
		doc.lines = append(doc.lines, line{kind: truncNote, page: max(0, doc.pages-1)})
	}
	return doc
}

// fold folds s rune by rune (api.Fold: lower case, no diacritics), so a
// match in the fold maps back onto s. cache keeps each rune's fold.
func fold(s string, cache map[rune]string) (string, []int32) {
	var b strings.Builder
	at := make([]int32, 0, len(s)+1)
	for i, r := range s {
		f, ok := cache[r]
		if !ok {
			f = api.Fold(string(r))
			cache[r] = f
		}
		b.WriteString(f)
		for range len(f) {
			at = append(at, int32(i))
		}
	}
	return b.String(), append(at, int32(len(s)))
}

// span is a part of a line's text, in bytes.
type span struct{ start, end int }

// wrap breaks text into rows of at most width cells: at spaces where it
// can (the spaces at a break are dropped), inside a word longer than a
// row. Nothing is cut: every character is on some row.
func wrap(text string, width int) []span {
	if text == "" {
		return []span{{0, 0}}
	}
	width = max(width, 1)
	var rows []span
	start := 0
	for start < len(text) {
		w, brk, i := 0, -1, start
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			cw := 1
			if r >= utf8.RuneSelf {
				cw = ansi.StringWidth(text[i : i+size])
			}
			if r == ' ' {
				brk = i
			}
			if w+cw > width && i > start {
				break
			}
			w += cw
			i += size
		}
		if i >= len(text) {
			rows = append(rows, span{start, len(text)})
			break
		}
		end, next := i, i
		if text[i] == ' ' {
			brk = i
		}
		if brk > start {
			end, next = brk, brk
		}
		rows = append(rows, span{start, start + len(strings.TrimRight(text[start:end], " "))})
		for next < len(text) && text[next] == ' ' {
			next++
		}
		start = next
	}
	return rows
}
