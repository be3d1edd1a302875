package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// terms is a three-page document in Portuguese, as the terms of use and
// the attachments people send are.
func terms(deflate bool) []byte {
	return doc(deflate,
		page{content: lines("TERMO DE USO DA API DATAJUD", "Cláusula 1ª – Das obrigações da instituição",
			"A instituição não compartilhará as credenciais; é responsável pelo uso.")},
		page{content: lines("Cláusula 2ª – Da proteção de dados (LGPD)", "Informações pessoais: ação, coração, útil, Ávila, ÇÃO, pão.")},
		page{content: lines("Brasília, 21 de novembro de 2026.", "“Assinatura”")},
	)
}

func TestExtractPagesInOrderWithAccents(t *testing.T) {
	want := []string{
		"TERMO DE USO DA API DATAJUD\nCláusula 1ª – Das obrigações da instituição\nA instituição não compartilhará as credenciais; é responsável pelo uso.",
		"Cláusula 2ª – Da proteção de dados (LGPD)\nInformações pessoais: ação, coração, útil, Ávila, ÇÃO, pão.",
		"Brasília, 21 de novembro de 2026.\n“Assinatura”",
	}
	for _, deflate := range []bool{false, true} {
		t.Run(fmt.Sprint("deflate=", deflate), func(t *testing.T) {
			d, err := Extract(terms(deflate))
			if err != nil {
				t.Fatal(err)
			}
			if !d.HasText() || d.Truncated || len(d.Unreadable) > 0 {
				t.Fatalf("HasText %v, Truncated %v, Unreadable %v", d.HasText(), d.Truncated, d.Unreadable)
			}
			if len(d.Pages) != len(want) {
				t.Fatalf("%d pages, want %d: %q", len(d.Pages), len(want), d.Pages)
			}
			for i := range want {
				if d.Pages[i] != want[i] {
					t.Errorf("page %d:\n got %q\nwant %q", i+1, d.Pages[i], want[i])
				}
			}
		})
	}
}

// TestLayout: what a reader sees of a page however its producer wrote
// it: lines top to bottom and runs left to right whatever the order in
// the stream, a space where TJ or a move leaves a word's gap and none
// where it only kerns, a wide gap between a label and its value, a blank
// line before a paragraph, and a fake bold read once.
func TestLayout(t *testing.T) {
	for _, c := range []struct{ name, content, want string }{
		{"bottom line written first",
			"BT /F1 11 Tf 56 700 Td (segunda linha) Tj ET BT /F1 11 Tf 56 714 Td (primeira linha) Tj ET",
			"primeira linha\nsegunda linha"},
		{"right part written first",
			"BT /F1 11 Tf 300 700 Td (Fulano de Tal) Tj ET BT /F1 11 Tf 56 700 Td (Nome:) Tj ET",
			"Nome:    Fulano de Tal"},
		{"TJ kerning and word gaps",
			"BT /F1 11 Tf 56 700 Td [(Pala) 30 (vra) -350 (seguinte) -40 (mente)] TJ ET",
			"Palavra seguintemente"},
		{"words placed one by one",
			"BT /F1 10 Tf 56 700 Td (Uma) Tj 20 0 Td (frase) Tj 28 0 Td (justificada.) Tj ET",
			"Uma frase justificada."},
		{"T* and quote operators",
			"BT /F1 10 Tf 14 TL 56 700 Td (um) Tj T* (dois) Tj (três) ' ET",
			"um\ndois\ntrês"},
		{"paragraphs",
			"BT /F1 10 Tf 56 700 Td (Primeiro parágrafo,) Tj 0 -14 Td (que continua.) Tj 0 -30 Td (Segundo parágrafo.) Tj 0 -14 Td (Fim.) Tj ET",
			"Primeiro parágrafo,\nque continua.\n\nSegundo parágrafo.\nFim."},
		{"fake bold",
			"BT /F1 11 Tf 56 700 Td (Título) Tj ET BT /F1 11 Tf 56.4 700 Td (Título) Tj ET",
			"Título"},
		{"text matrix and a flipped page",
			"1 0 0 -1 0 842 cm BT /F1 11 Tf 1 0 0 -1 56 100 Tm (em cima) Tj 1 0 0 -1 56 114 Tm (embaixo) Tj ET",
			"em cima\nembaixo"},
		{"control characters dropped",
			"BT /F1 11 Tf 56 700 Td (limpo\033[31m vermelho\a\x7f) Tj ET",
			"limpo[31m vermelho"},
		{"a paragraph broken at the margin, a list, a table",
			lines("Os dados obtidos pela API destinam-se exclusivamente à finalidade declarada na",
				"solicitação; a proteção dos dados pessoais é dever da instituição, que respon-",
				"de por vazamentos.",
				"a) primeiro item da lista, longo o bastante para chegar à margem direita da página,",
				"b) segundo item.") +
				"BT /F1 11 Tf 56 700 Td (Coluna A) Tj 300 0 Td (Coluna B, mais longa que as outras) Tj ET\n" +
				"BT /F1 11 Tf 56 686 Td (valor) Tj 300 0 Td (outro valor) Tj ET\n",
			"Os dados obtidos pela API destinam-se exclusivamente à finalidade declarada na " +
				"solicitação; a proteção dos dados pessoais é dever da instituição, que respon-de por vazamentos.\n" +
				"a) primeiro item da lista, longo o bastante para chegar à margem direita da página,\n" +
				"b) segundo item.\n\n" +
				"Coluna A    Coluna B, mais longa que as outras\n" +
				"valor    outro valor"},
		{"Q without q, operators without operands",
			"Q Q Tf Tj TJ Td cm BT /F1 11 Tf 56 700 Td (ainda lido) Tj ET",
			"ainda lido"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Extract(doc(false, page{content: winAnsi1252(c.content)}))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Pages) != 1 || d.Pages[0] != c.want {
				t.Errorf("got %q, want %q", d.Pages, c.want)
			}
		})
	}
}

// TestWidths: with a font's real widths, runs that touch are one word
// and runs a little apart two.
func TestWidths(t *testing.T) {
	widths := "/FirstChar 32 /LastChar 255 /Widths [" + strings.Repeat("600 ", 224) + "]" // a monospaced font
	pg := page{
		content: "BT /F2 10 Tf 56 700 Td (Decl) Tj 24 0 Td (aração) Tj 39 0 Td (final) Tj ET",
		// 6 points a character: the second run starts where the first
		// ends; the third 3 points (0.3 em) after "aração" ends.
		resources: "/Font << /F1 3 0 R /F2 6 0 R >>",
		extra:     []string{"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding " + widths + " >>"},
	}
	pg.content = winAnsi1252(pg.content)
	d, err := Extract(doc(false, pg))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages[0] != "Declaração final" {
		t.Errorf("got %q", d.Pages[0])
	}
}

// TestCompositeFont: a font of two-byte glyph numbers (how office suites
// embed fonts) is read through its /ToUnicode map, bfchar and bfrange.
func TestCompositeFont(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <0041> <0002> <00E7> <0003> <00E3> endbfchar
2 beginbfrange <0010> <0012> <006F> <0020> <0021> [<0020> <FB01>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	pg := page{
		// A ç ã o, space, fi: "Ação ﬁ" with the ligature spelled out.
		content:   "BT /F2 12 Tf 56 700 Td <0001000200030010> Tj <00200021> Tj ET",
		resources: "/Font << /F1 3 0 R /F2 6 0 R >>",
		extra: []string{
			"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /DW 500 /W [1 [600 500 500] 16 18 520] >>",
			stream("", cmap, true),
		},
	}
	d, err := Extract(doc(false, pg))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages[0] != "Ação fi" {
		t.Errorf("got %q", d.Pages[0])
	}
}

// TestHostileCMap: a /ToUnicode map's counts are not believed (the
// library's reader allocates what they say), its ranges are bounded, and
// its arrays cannot nest without end.
func TestHostileCMap(t *testing.T) {
	m := parseCMap([]byte("999999999999 beginbfchar <01> <0041> endbfchar\n" +
		"1 beginbfrange <0000> <FFFF> <0041> endbfrange 1 beginbfrange <00> <01> [" + strings.Repeat("[", 100000) + " endbfrange"))
	if m == nil || m.m[code{1, 1}] != "A" {
		t.Fatalf("the map: %v", m)
	}
	if len(m.m) > maxCMapEntries || m.m[code{2, 2}] != "C" {
		t.Errorf("%d entries; <0002> is %q", len(m.m), m.m[code{2, 2}])
	}
}

// TestFormXObject: text drawn inside a form (a letterhead, a stamp) is
// read where the form places it.
func TestFormXObject(t *testing.T) {
	form := stream("/Type /XObject /Subtype /Form /BBox [0 0 595 100] /Matrix [1 0 0 1 0 700] /Resources << /Font << /F1 3 0 R >> >>",
		winAnsi1252("BT /F1 11 Tf 56 50 Td (Cabeçalho do tribunal) Tj ET"), false)
	pg := page{content: "q /Fm1 Do Q BT /F1 11 Tf 56 600 Td (Corpo) Tj ET", resources: "/XObject << /Fm1 6 0 R >>", extra: []string{form}}
	d, err := Extract(doc(false, pg))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages[0] != "Cabeçalho do tribunal\n\nCorpo" {
		t.Errorf("got %q", d.Pages[0])
	}
}

// scanned is a page that only draws an image, as a scanner writes it.
func scanned(obj int) page {
	img := stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x00\xff\xff\x00", false)
	return page{content: "q 595 0 0 842 0 0 cm /Im1 Do Q", resources: fmt.Sprintf("/XObject << /Im1 %d 0 R >>", obj), extra: []string{img}}
}

func TestNoTextLayer(t *testing.T) {
	d, err := Extract(doc(true, scanned(6)))
	if err != nil {
		t.Fatal(err)
	}
	if d.HasText() || len(d.Pages) != 1 || d.Pages[0] != "" {
		t.Errorf("a scanned page: HasText %v, %q", d.HasText(), d.Pages)
	}
	// A page with an empty content stream, one with no /Contents at all,
	// and one with only spaces and unmapped glyphs have no text either.
	empty := file([]string{"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 6 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		stream("", "", false),
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 7 0 R >> >> /Contents 8 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] >>",
		stream("", "BT /F1 12 Tf 56 700 Td (   ) Tj <00050006> Tj ET", false),
	}, "")
	d, err = Extract(empty)
	if err != nil {
		t.Fatal(err)
	}
	if d.HasText() || len(d.Pages) != 3 {
		t.Errorf("empty pages: HasText %v, %q", d.HasText(), d.Pages)
	}
	// One scanned page among pages of text: the document has text, and
	// that page is empty.
	d, err = Extract(doc(false, page{content: lines("Ofício nº 12")}, scanned(8), page{content: lines("Anexo")}))
	if err != nil {
		t.Fatal(err)
	}
	if !d.HasText() || len(d.Pages) != 3 || d.Pages[1] != "" || d.Pages[2] != "Anexo" {
		t.Errorf("mixed: HasText %v, %q", d.HasText(), d.Pages)
	}
}

// TestClean: what a file's text cannot bring to the terminal.
func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b]52;c;ZWNobw==\x07ok": "]52;c;ZWNobw==ok", // an OSC 52 clipboard write
		"gpj.exe\u202e.pdf":        "gpj.exe.pdf",
		"in\u00adcrí\u200bvel":     "incrível",
		"a\tb\u00a0c":              "a b c",
		"\xff\xfeok":               "\uFFFDok",
		"ﬁnal eﬃcaz":               "final efficaz",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRefusals(t *testing.T) {
	good := terms(true)
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	encrypted := func(dict string) []byte {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", stream("", "garbled", false), dict}
		return file(objs, "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")
	}
	o := "<" + strings.Repeat("ab", 32) + ">"
	cut := bytes.Index(good, []byte("xref"))
	for _, c := range []struct {
		name string
		b    []byte
		want error
	}{
		{"empty", nil, ErrNotPDF},
		{"garbage", garbage, ErrNotPDF},
		{"text", []byte("Isto não é um PDF.\n%%EOF"), ErrNotPDF},
		{"truncated", good[:len(good)/2], api.ErrPDFTruncated},
		{"truncated, end marker kept", append(good[:cut:cut], "\n%%EOF\n"...), ErrUnreadable},
		{"objects missing", append(append([]byte{}, good[:20]...), good[cut:]...), ErrUnreadable},
		{"no page tree", file([]string{"<< /Type /Catalog >>"}, ""), ErrUnreadable},
		{"encrypted with a password", encrypted("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O " + o + " /U " + o + " >>"), ErrEncrypted},
		{"encrypted with AES-256", encrypted("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 >>"), ErrEncrypted},
		{"over the attachment limit", append(append([]byte{}, good...), make([]byte, api.MaxAttachmentBytes)...), ErrTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Extract(c.b)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v (%d pages), want %v", err, len(d.Pages), c.want)
			}
		})
	}
	if _, err := Extract(good[:len(good)/2]); !errors.Is(err, ErrNotPDF) {
		t.Errorf("a truncated file is also not a PDF one can read: %v", err)
	}
}

// TestTolerated: what readers accept, Extract accepts: a header after a
// few bytes, a PDF 2.0 header, NULs after the end marker, a header line
// without its line break.
func TestTolerated(t *testing.T) {
	good := terms(false)
	v2 := bytes.Clone(good)
	copy(v2, "%PDF-2.0")
	spaced := bytes.Clone(good)
	spaced[8] = ' '
	for name, b := range map[string][]byte{
		"prefix":     append([]byte("\xef\xbb\xbf"), good...),
		"PDF 2.0":    v2,
		"NULs after": append(bytes.Clone(good), make([]byte, 200)...),
		"header sp":  spaced,
	} {
		t.Run(name, func(t *testing.T) {
			d, err := Extract(b)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Pages) != 3 || !strings.HasPrefix(d.Pages[0], "TERMO DE USO") {
				t.Errorf("got %q", d.Pages)
			}
		})
	}
}

// TestHostileStructure: a page tree and a /Parent chain that loop back
// on themselves end (the library's own walks never would).
func TestHostileStructure(t *testing.T) {
	loop := file([]string{"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5 >>",
		"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
		stream("", "BT /F1 11 Tf 56 700 Td (volta) Tj ET", false)}, "")
	done := make(chan struct{})
	var d Doc
	var err error
	go func() {
		defer close(done)
		d, err = Extract(loop)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a looping page tree hangs Extract")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) == 0 || len(d.Pages) > MaxPages || d.Pages[0] != "volta" {
		t.Errorf("%d pages, first %q", len(d.Pages), d.Pages[:min(1, len(d.Pages))])
	}
}

// TestHostileCrossReference: numbers in the cross-reference sections
// that would make the library allocate without bound (the process dies
// of it, no recover helps) or read the same section for ever are refused
// before the library sees them.
func TestHostileCrossReference(t *testing.T) {
	good := terms(false)
	xref := bytes.Index(good, []byte("xref\n"))
	trailer := bytes.Index(good, []byte("trailer\n<< "))
	insert := func(at int, s string) []byte {
		return append(append(bytes.Clone(good[:at]), s...), good[at:]...)
	}
	// An xref stream whose dictionary asks for a table of 10^11 entries
	// (the names spelled with # escapes, as the library reads them).
	stream := func(dict string) []byte {
		var b bytes.Buffer
		b.WriteString("%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
		off := b.Len()
		fmt.Fprintf(&b, "2 0 obj\n<< /Type /XRef %s /Length 4 >>\nstream\n\x01\x00\x00\x00\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", dict, off)
		return b.Bytes()
	}
	for name, b := range map[string][]byte{
		"subsection":           insert(trailer, "99999999999 1\n0000000009 00000 n \n"),
		"prev loop":            insert(trailer+len("trailer\n<< "), fmt.Sprintf("/Prev %d ", xref)),
		"stream size":          stream("/Size 99999999999 /W [1 2 1]"),
		"stream size, escaped": stream("/Si#7Ae 99999999999 /W [1 2 1]"),
		"stream index":         stream("/Size 3 /Index [0 1 99999999999 1] /W [1 2 1]"),
		"stream field width":   stream("/Size 3 /W [1 99999999999 1]"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Extract(b); !errors.Is(err, ErrUnreadable) {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	t.Run("pages", func(t *testing.T) {
		pages := make([]page, MaxPages+1)
		for i := range pages {
			pages[i] = page{content: lines(fmt.Sprintf("página %d", i+1))}
		}
		d, err := Extract(doc(false, pages...))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Pages) != MaxPages || !d.Truncated || d.Pages[MaxPages-1] != fmt.Sprintf("página %d", MaxPages) {
			t.Errorf("%d pages, truncated %v, last %q", len(d.Pages), d.Truncated, d.Pages[len(d.Pages)-1])
		}
	})
	t.Run("text", func(t *testing.T) {
		long := strings.Repeat("texto ", 10000) // 60 KB a page
		pages := make([]page, MaxText/len(long)+5)
		for i := range pages {
			pages[i] = page{content: "BT /F1 11 Tf 56 700 Td (" + long + ") Tj ET"}
		}
		d, err := Extract(doc(true, pages...))
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, p := range d.Pages {
			total += len(p)
		}
		if !d.Truncated || total > MaxText || len(d.Pages) >= len(pages) {
			t.Errorf("%d of %d pages, %d bytes, truncated %v", len(d.Pages), len(pages), total, d.Truncated)
		}
	})
	t.Run("context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := ExtractContext(ctx, terms(false)); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v", err)
		}
	})
}
