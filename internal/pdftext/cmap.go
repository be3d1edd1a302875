package pdftext

import (
	"unicode/utf16"
)

// maxCMapEntries bounds what one /ToUnicode map may define (a range
// defines one entry per code).
const maxCMapEntries = 1 << 17

// cmap is a font's /ToUnicode: character codes to text.
type cmap struct {
	spaces []span // codespace ranges: how long each code is
	m      map[code]string
}

// span is a codespace range of codes of len(lo) bytes.
type span struct{ lo, hi string }

// length is how many bytes the code at the start of s takes: the first
// codespace range it falls in, shortest first; one byte if none.
func (m *cmap) length(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, sp := range m.spaces {
			if len(sp.lo) == n && sp.lo <= s[:n] && s[:n] <= sp.hi {
				return n
			}
		}
	}
	return 1
}

// parseCMap reads the parts of a CMap program that map codes to text
// (codespacerange, bfchar, bfrange) with the package's own tokenizer:
// the rest of the PostScript is ignored, and no count a file gives is
// believed (the library's reader allocates what "n beginbfchar" says).
// It returns nil when the map maps nothing.
func parseCMap(b []byte) *cmap {
	m := &cmap{m: map[code]string{}}
	lx := &lexer{b: b}
	var operands []any
	section := false
	for {
		t := lx.next()
		if t == nil {
			break
		}
		if t == keyword("[") {
			lx.unread = append(lx.unread, t)
			t = lx.object(0)
		}
		kw, ok := t.(keyword)
		if !ok {
			if section && len(operands) < 3*maxCMapEntries {
				operands = append(operands, t)
			}
			continue
		}
		switch kw {
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			section, operands = true, operands[:0]
		case "endcodespacerange":
			for i := 0; i+1 < len(operands); i += 2 {
				lo, ok1 := operands[i].(hexString)
				hi, ok2 := operands[i+1].(hexString)
				if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && len(m.spaces) < 256 {
					m.spaces = append(m.spaces, span{string(lo), string(hi)})
				}
			}
			section = false
		case "endbfchar":
			for i := 0; i+1 < len(operands) && len(m.m) < maxCMapEntries; i += 2 {
				c, ok1 := toCode(operands[i])
				dst, ok2 := operands[i+1].(hexString)
				if ok1 && ok2 {
					m.m[c] = utf16BE(string(dst))
				}
			}
			section = false
		case "endbfrange":
			for i := 0; i+2 < len(operands) && len(m.m) < maxCMapEntries; i += 3 {
				m.bfrange(operands[i], operands[i+1], operands[i+2])
			}
			section = false
		}
	}
	if len(m.m) == 0 {
		return nil
	}
	return m
}

// bfrange maps lo…hi to consecutive text from dst (its last character
// counted up), or to an array's texts one by one.
func (m *cmap) bfrange(lo, hi, dst any) {
	first, ok1 := toCode(lo)
	last, ok2 := toCode(hi)
	if !ok1 || !ok2 || first.n != last.n || last.c < first.c || last.c-first.c >= 1<<16 {
		return
	}
	for c := first.c; c <= last.c && len(m.m) < maxCMapEntries; c++ {
		k := code{c, first.n}
		off := int(c - first.c)
		switch dst := dst.(type) {
		case hexString:
			u := utf16Units(string(dst))
			if len(u) == 0 {
				return
			}
			u[len(u)-1] += uint16(off)
			m.m[k] = string(utf16.Decode(u))
		case parray:
			if off < len(dst) {
				if s, ok := dst[off].(hexString); ok {
					m.m[k] = utf16BE(string(s))
				}
			}
		default:
			return
		}
	}
}

func toCode(t any) (code, bool) {
	s, ok := t.(hexString)
	if !ok || len(s) < 1 || len(s) > 4 {
		return code{}, false
	}
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return code{c, len(s)}, true
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, (len(s)+1)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a lone byte: a Latin-1 character, as some producers write
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16BE(s string) string { return string(utf16.Decode(utf16Units(s))) }
