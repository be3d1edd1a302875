package pdftext

import (
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// maxCMap is the largest /ToUnicode map read, decompressed.
const maxCMap = 1 << 20

// font is what a page's text needs of a font: how its codes read as
// text and how wide each is. Its maps are built here once, so decoding
// costs the same whatever the font declares (the library's own decoders
// scan their whole map for each character, and its CMap reader believes
// the counts a file gives).
type font struct {
	twoByte bool      // a composite font (Type0): codes of two bytes, unless its map says otherwise
	table   [256]rune // simple fonts: code → character
	cmap    *cmap     // its /ToUnicode, when it has a usable one
	ucs2    bool      // composite font whose encoding is UCS-2 itself
	// Widths in thousandths of an em: a simple font's from FirstChar, a
	// composite font's by CID (dw for the rest). known is false when the
	// font gives none (the standard 14 fonts may omit them): an average
	// width is assumed.
	first  int
	widths []float64
	cids   map[int]float64
	dw     float64
	known  bool
}

// noFont stands for a font a page names but does not define.
var noFont = func() *font {
	f := &font{}
	f.table = winAnsi
	return f
}()

func newFont(ex *extractor, v pdf.Value) *font {
	if v.Kind() != pdf.Dict {
		return noFont
	}
	f := &font{twoByte: v.Key("Subtype").Name() == "Type0"}
	enc := v.Key("Encoding")
	if f.twoByte {
		name := enc.Name()
		f.ucs2 = strings.HasSuffix(name, "UCS2-H") || strings.HasSuffix(name, "UTF16-H")
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if x := d.Key("DW"); x.Kind() == pdf.Integer || x.Kind() == pdf.Real {
			f.dw = x.Float64()
		}
		f.cids = cidWidths(d.Key("W"))
		f.known = true
	} else {
		f.table = simpleTable(v, enc)
		if w := v.Key("Widths"); w.Kind() == pdf.Array && w.Len() > 0 && v.Key("Subtype").Name() != "Type3" {
			f.first = int(v.Key("FirstChar").Int64())
			for i := 0; i < w.Len() && i < 256; i++ {
				f.widths = append(f.widths, w.Index(i).Float64())
			}
			f.known = true
		}
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if b, ok := readStream(ex, tu, maxCMap); ok {
			f.cmap = parseCMap(b)
		}
	}
	return f
}

// simpleTable maps a simple font's codes to characters: its encoding's
// (WinAnsi, MacRoman, or a base with /Differences, read through the
// library once for all 256 codes), else WinAnsi, which is Latin-1 where
// the standard encoding has letters.
func simpleTable(v pdf.Value, enc pdf.Value) [256]rune {
	base := winAnsi
	lib := false
	switch enc.Kind() {
	case pdf.Name:
		lib = enc.Name() == "MacRomanEncoding"
	case pdf.Dict:
		lib = enc.Key("Differences").Len() <= 1024 // more names than codes: not worth reading
	}
	if !lib {
		return base
	}
	var all [256]byte
	for i := range all {
		all[i] = byte(i)
	}
	font := pdf.Font{V: v}
	got := []rune(font.Encoder().Decode(string(all[:])))
	if len(got) != 256 {
		return base
	}
	out := base
	for i, r := range got {
		// A /Differences decoder leaves codes it does not name as they
		// are: those keep the base's character.
		if enc.Kind() == pdf.Name || r != rune(i) {
			out[i] = r
		}
	}
	return out
}

// cidWidths reads a composite font's /W: "c [w1 w2 …]" gives widths from
// CID c on, "c1 c2 w" one width for a range.
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < 1<<16; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(out) < 1<<16; j++ {
				out[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last, width := int(next.Int64()), w.Index(i+2).Float64()
		for cid := c; cid <= last && cid-c < 1<<16 && len(out) < 1<<16; cid++ {
			out[cid] = width
		}
		i += 3
	}
	return out
}

// readStream reads a stream whole, if it is at most limit bytes once
// decompressed.
func readStream(ex *extractor, v pdf.Value, limit int64) (b []byte, ok bool) {
	defer func() {
		if recover() != nil {
			b, ok = nil, false
		}
	}()
	rd := v.Reader()
	defer rd.Close()
	b, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil || int64(len(b)) > limit || int64(len(b)) > ex.budget {
		return nil, false
	}
	ex.budget -= int64(len(b))
	return b, true
}

// code is one character code of a shown string, and how many bytes it took.
type code struct {
	c uint32
	n int
}

// codes splits a shown string into the font's character codes.
func (f *font) codes(raw string) []code {
	out := make([]code, 0, len(raw))
	for i := 0; i < len(raw); {
		n := 1
		switch {
		case f.cmap != nil && len(f.cmap.spaces) > 0:
			n = f.cmap.length(raw[i:])
		case f.twoByte:
			n = 2
		}
		n = min(n, len(raw)-i)
		var c uint32
		for _, b := range []byte(raw[i : i+n]) {
			c = c<<8 | uint32(b)
		}
		out = append(out, code{c, n})
		i += n
	}
	return out
}

// width is a code's width in thousandths of an em.
func (f *font) width(c code) float64 {
	const average = 500
	if !f.known {
		return average
	}
	if f.twoByte {
		if w, ok := f.cids[int(c.c)]; ok {
			return w
		}
		return f.dw
	}
	if i := int(c.c) - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return average
}

// decode reads a shown string as text.
func (f *font) decode(raw string) string {
	var b strings.Builder
	for _, c := range f.codes(raw) {
		if f.cmap != nil {
			if s, ok := f.cmap.m[c]; ok {
				b.WriteString(s)
				continue
			}
		}
		switch {
		case f.twoByte && f.ucs2:
			b.WriteString(string(utf16.Decode([]uint16{uint16(c.c)})))
		case f.twoByte:
			b.WriteRune('\uFFFD') // a glyph number with no map to text
		default:
			b.WriteRune(f.table[byte(c.c)])
		}
	}
	return b.String()
}

// winAnsi is Windows-1252: Latin-1 but for 0x80–0x9F.
var winAnsi = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	high := []rune{'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
		'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ'}
	copy(t[0x80:], high)
	return t
}()
