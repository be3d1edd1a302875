package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// columnSpace is what a wide gap within a line reads as.
const columnSpace = "    "

// Gaps, in ems of the text's size, that layout reads as spaces.
const (
	wordGap   = 0.2 // between two runs of a line: a space
	columnGap = 2.5 // a wide gap (a table's columns, a form's label and value): a wider space
)

// layout reads a page's runs as text: runs whose baselines are within
// half a line of each other form a line, top to bottom; a line's runs go
// left to right, a space where they leave a gap. A blank line goes where
// the gap between lines is clearly wider than the page's usual one (a
// new paragraph, a heading). The lines a paragraph was broken into at
// the page's right margin are joined into one (a screen wraps it to its
// own width); a line that ends short of the margin, a list's item, a
// table's row stay lines of their own.
func layout(runs []run) string {
	if len(runs) == 0 {
		return ""
	}
	for i := range runs {
		runs[i].size = max(math.Abs(runs[i].size), 1)
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	var lines []textLine
	for _, r := range runs {
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			if l.y-r.y <= 0.5*max(l.size, r.size) {
				l.runs = append(l.runs, r)
				l.size = max(l.size, r.size)
				continue
			}
		}
		lines = append(lines, textLine{y: r.y, size: r.size, runs: []run{r}})
	}
	left, right := math.Inf(1), math.Inf(-1)
	for i := range lines {
		lines[i].join()
		if lines[i].text != "" {
			left, right = min(left, lines[i].x), max(right, lines[i].end)
		}
	}
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		gaps = append(gaps, lines[i-1].y-lines[i].y)
	}
	// The usual gap is the page's line spacing: the narrowest gap that
	// can be one (a paragraph's gap is wider; a gap under a line's height
	// is a line squeezed in, a formula's index). One gap alone says
	// nothing of it.
	usual := 0.0
	for i, g := range gaps {
		if len(gaps) > 1 && g >= 0.9*min(lines[i].size, lines[i+1].size) && (usual == 0 || g < usual) {
			usual = g
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			gap := gaps[i-1]
			switch {
			case gap > max(1.4*usual, 1.5*max(l.size, prev.size)):
				b.WriteString("\n\n")
			case prev.wrapsInto(l, left, right):
				if !strings.HasSuffix(prev.text, "-") {
					b.WriteByte(' ') // a hyphen at the margin stays, joined to the rest of its word
				}
			default:
				b.WriteByte('\n')
			}
		}
		b.WriteString(l.text)
	}
	return strings.Trim(b.String(), "\n")
}

// textLine is one line of a page: its runs, and once joined its text and
// where it starts and ends.
type textLine struct {
	y, size float64
	runs    []run
	text    string
	x, end  float64
}

func (l *textLine) join() {
	l.text = strings.TrimRightFunc(joinLine(l.runs), unicode.IsSpace)
	l.x, l.end = l.runs[0].x, l.runs[0].end
	for _, r := range l.runs {
		l.end = max(l.end, r.end)
	}
}

// listItem starts a line that begins an item: a bullet, "1.", "a)",
// "II –", an article or a paragraph of a law.
var listItem = regexp.MustCompile(`^([•·▪◦*\-–—]|\(?\d{1,3}[.)ºª°]|\(?[a-zA-Z][.)]\s|[IVXLC]{1,6}\s*[-–—.)]|Art\.|§|Parágrafo)`)

// wrapsInto reports whether l was broken at the margin into next: l
// reaches the right margin of a block of text lines wide enough to be
// prose, next is the same size and starts where l does (or left of it,
// l being an indented first line), and neither is an item or a table's
// row (a column's gap).
func (l textLine) wrapsInto(next textLine, left, right float64) bool {
	em := l.size
	switch {
	case l.text == "" || next.text == "":
		return false
	case right-left < 30*em || l.end-l.x < 20*em:
		return false // a narrow column, a short line: a break that was meant
	case l.end < right-0.15*(right-left):
		return false
	case math.Abs(next.size-l.size) > 0.2*em || next.x > l.x+em:
		return false
	case strings.Contains(l.text, columnSpace) || strings.Contains(next.text, columnSpace) || listItem.MatchString(next.text):
		return false
	case strings.ContainsAny(l.text[len(l.text)-1:], ".!?:") && startsSentence(next.text):
		return false // a sentence ends at the margin and the next starts a line: maybe a paragraph
	}
	return true
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// joinLine writes one line's runs left to right.
func joinLine(runs []run) string {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].x < runs[j].x })
	var b strings.Builder
	var prev *run
	for i := range runs {
		r := &runs[i]
		if prev != nil {
			em := max(prev.size, r.size)
			gap := r.x - prev.end
			if r.text == prev.text && math.Abs(r.x-prev.x) < 0.2*em {
				continue // drawn twice, a little offset: a fake bold
			}
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(r.text)
			if !unicode.IsSpace(last) && !unicode.IsSpace(first) {
				switch {
				case gap > columnGap*em:
					b.WriteString(columnSpace)
				case gap > wordGap*em || r.space:
					b.WriteByte(' ')
				}
			}
		}
		b.WriteString(r.text)
		prev = r
	}
	return strings.TrimLeftFunc(b.String(), unicode.IsSpace)
}

// ligatures are spelled out, so a search for "fi" finds "ﬁ".
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// clean makes decoded text safe and plain for a terminal: invalid UTF-8
// becomes U+FFFD; control characters (an escape sequence in a hostile
// file would drive the terminal) and invisible format characters
// (direction overrides, soft hyphens, zero-width spaces) go; a tab or a
// no-break space is a space.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
			return -1
		}
		return r
	}, s)
	return ligatures.Replace(s)
}
