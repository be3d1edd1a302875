package pdftext

import "strconv"

// A small PDF tokenizer of gecli's own, which reads names, numbers and
// strings as the library does: the cross-reference check (guard.go) and
// the /ToUnicode maps (cmap.go) read with it, so neither trusts the
// library with numbers it would act on without a bound.

// The tokens and objects of the lexer: int64, float64, hexString (its
// bytes), litString (its content is skipped), pname, keyword, pdict
// (every value of a key, in order: the library keeps the last, the
// checks look at all), parray; nil at the end.
type (
	keyword   string
	pname     string
	hexString string
	litString struct{}
	pdict     map[pname][]any
	parray    []any
)

type lexer struct {
	b      []byte
	i      int
	unread []any
}

func space(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func delim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (lx *lexer) next() any {
	if n := len(lx.unread); n > 0 {
		t := lx.unread[n-1]
		lx.unread = lx.unread[:n-1]
		return t
	}
	b := lx.b
	for lx.i < len(b) && (space(b[lx.i]) || b[lx.i] == '%') {
		if b[lx.i] == '%' {
			for lx.i < len(b) && b[lx.i] != '\r' && b[lx.i] != '\n' {
				lx.i++
			}
			continue
		}
		lx.i++
	}
	if lx.i >= len(b) {
		return nil
	}
	c := b[lx.i]
	lx.i++
	switch {
	case c == '<' && lx.i < len(b) && b[lx.i] == '<':
		lx.i++
		return keyword("<<")
	case c == '>' && lx.i < len(b) && b[lx.i] == '>':
		lx.i++
		return keyword(">>")
	case c == '<':
		return lx.hex()
	case c == '(':
		depth := 1
		for lx.i < len(b) && depth > 0 {
			switch b[lx.i] {
			case '\\':
				lx.i++
			case '(':
				depth++
			case ')':
				depth--
			}
			lx.i++
		}
		return litString{}
	case c == '[' || c == ']' || c == '{' || c == '}':
		return keyword(string(c))
	case c == '/':
		var n []byte
		for lx.i < len(b) && !space(b[lx.i]) && !delim(b[lx.i]) {
			if b[lx.i] == '#' && lx.i+2 < len(b) {
				if x, err := strconv.ParseUint(string(b[lx.i+1:lx.i+3]), 16, 8); err == nil {
					n = append(n, byte(x))
					lx.i += 3
					continue
				}
			}
			n = append(n, b[lx.i])
			lx.i++
		}
		return pname(n)
	case delim(c):
		return keyword(string(c))
	}
	start := lx.i - 1
	for lx.i < len(b) && !space(b[lx.i]) && !delim(b[lx.i]) {
		lx.i++
	}
	s := string(b[start:lx.i])
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return keyword(s)
}

// hex reads a hexadecimal string after its "<": pairs of digits, spaces
// between them ignored, a lone last digit followed by 0.
func (lx *lexer) hex() hexString {
	var out []byte
	var hi byte
	half := false
	for lx.i < len(lx.b) && lx.b[lx.i] != '>' {
		c := lx.b[lx.i]
		lx.i++
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	lx.i++ // >
	return hexString(out)
}

// object reads one object; a reference "n g R" reads as its number.
func (lx *lexer) object(depth int) any {
	if depth > 64 {
		return nil
	}
	t := lx.next()
	switch t {
	case keyword("<<"):
		d := pdict{}
		for {
			k := lx.next()
			if k == nil || k == keyword(">>") {
				return d
			}
			key, ok := k.(pname)
			if !ok {
				continue
			}
			v := lx.object(depth + 1)
			if v == keyword(">>") {
				return d
			}
			if v != nil {
				d[key] = append(d[key], v)
			}
		}
	case keyword("["):
		var a parray
		for {
			v := lx.object(depth + 1)
			if v == nil || v == keyword("]") {
				return a
			}
			a = append(a, v)
		}
	}
	if n, ok := t.(int64); ok {
		g := lx.next()
		if _, ok := g.(int64); ok {
			r := lx.next()
			if r == keyword("R") {
				return keyword("R") // a reference: not a number the library would use as one
			}
			lx.unread = append(lx.unread, r)
		}
		lx.unread = append(lx.unread, g)
		return n
	}
	return t
}
