package pdftext

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzExtract: whatever the bytes, Extract returns (no panic, no hang)
// with pages within the limits and text a terminal can show as it is.
func FuzzExtract(f *testing.F) {
	good := terms(false)
	cut := bytes.Index(good, []byte("xref"))
	for _, seed := range [][]byte{
		good, terms(true),
		doc(true, scanned(6)),
		doc(false, page{content: "BT /F1 11 Tf 56 700 Td [(Pala) 30 (vra) -350 (seguinte)] TJ ET"}),
		good[:len(good)/2],
		append(good[:cut:cut], "\n%%EOF\n"...),
		[]byte("%PDF-1.4\n%%EOF"),
		[]byte("garbage \x00\xff"),
		nil,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		d, err := ExtractContext(ctx, b)
		if err != nil {
			return
		}
		if len(d.Pages) > MaxPages {
			t.Fatalf("%d pages", len(d.Pages))
		}
		total := 0
		for _, p := range d.Pages {
			total += len(p)
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8: %q", p)
			}
			if i := strings.IndexFunc(p, func(r rune) bool { return r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) }); i >= 0 {
				t.Fatalf("a control character at %d: %q", i, p)
			}
		}
		if total > MaxText {
			t.Fatalf("%d bytes of text", total)
		}
	})
}
