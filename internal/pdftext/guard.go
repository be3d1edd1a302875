package pdftext

import (
	"bytes"
	"fmt"
)

// The library sizes its cross-reference table from what the file says:
// "0 9999999999" in a table, or an xref stream's /Size, /Index or /W,
// make it allocate that much (and the process dies of it, which no
// recover catches), and a /Prev that points back makes it read the same
// section for ever. checkXref reads those numbers first, with a
// tokenizer of its own that spells names and numbers as the library
// does, and refuses a file whose numbers would.

// maxObjects bounds an object number: a 10 MB file cannot hold a
// million objects.
const maxObjects = 1 << 20

// maxSections bounds the /Prev chain (one section per incremental save).
const maxSections = 256

func checkXref(b []byte) error {
	tail := max(0, len(b)-1024)
	var queue []int64
	for i := tail; ; {
		j := bytes.Index(b[i:], []byte("startxref"))
		if j < 0 {
			break
		}
		lx := &lexer{b: b, i: i + j + len("startxref")}
		if off, ok := lx.next().(int64); ok {
			queue = append(queue, off)
		}
		i += j + 1
	}
	seen := map[int64]bool{}
	for len(queue) > 0 {
		off := queue[0]
		queue = queue[1:]
		if seen[off] {
			return fmt.Errorf("%w: cross-reference sections loop (%d)", ErrUnreadable, off)
		}
		seen[off] = true
		if len(seen) > maxSections {
			return fmt.Errorf("%w: over %d cross-reference sections", ErrUnreadable, maxSections)
		}
		if off < 0 || off >= int64(len(b)) {
			continue // the library finds nothing there, and says so
		}
		prevs, err := checkSection(b, int(off))
		if err != nil {
			return err
		}
		queue = append(queue, prevs...)
	}
	return nil
}

// checkSection checks the cross-reference section at off and returns
// the /Prev offsets its trailer or stream names. What it cannot parse
// the library cannot either: nothing to check.
func checkSection(b []byte, off int) ([]int64, error) {
	lx := &lexer{b: b, i: off}
	big := func(what string, n int64) error {
		return fmt.Errorf("%w: cross-reference %s %d", ErrUnreadable, what, n)
	}
	var d pdict
	switch t := lx.next().(type) {
	case keyword:
		if t != "xref" {
			return nil, nil
		}
		for {
			t := lx.next()
			if t == keyword("trailer") {
				break
			}
			start, ok1 := t.(int64)
			n, ok2 := lx.next().(int64)
			if !ok1 || !ok2 {
				return nil, nil
			}
			if start < 0 || n < 0 || start > maxObjects || n > maxObjects || start+n > maxObjects {
				return nil, big("subsection", start+n)
			}
			for range 3 * n {
				if lx.next() == nil {
					return nil, nil
				}
			}
		}
		var ok bool
		if d, ok = lx.object(0).(pdict); !ok {
			return nil, nil
		}
	case int64:
		if _, ok := lx.next().(int64); !ok || lx.next() != keyword("obj") {
			return nil, nil
		}
		var ok bool
		if d, ok = lx.object(0).(pdict); !ok {
			return nil, nil
		}
		for _, v := range d["Size"] {
			if n, ok := v.(int64); ok && (n < 0 || n > maxObjects) {
				return nil, big("size", n)
			}
		}
		for _, v := range d["Index"] {
			a, _ := v.(parray)
			for i := 0; i+1 < len(a); i += 2 {
				start, ok1 := a[i].(int64)
				n, ok2 := a[i+1].(int64)
				if ok1 && ok2 && (start < 0 || n < 0 || start > maxObjects || n > maxObjects || start+n > maxObjects) {
					return nil, big("index", start+n)
				}
			}
		}
		for _, v := range d["W"] {
			a, _ := v.(parray)
			for _, w := range a {
				if n, ok := w.(int64); ok && (n < 0 || n > 8) {
					return nil, big("field width", n)
				}
			}
		}
	default:
		return nil, nil
	}
	var prevs []int64
	for _, v := range d["Prev"] {
		if n, ok := v.(int64); ok {
			prevs = append(prevs, n)
		}
	}
	return prevs, nil
}
