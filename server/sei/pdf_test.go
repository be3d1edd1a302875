package sei

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/gecli/gecli/api"
)

// TestSummaryPDFIsAPDFThatReadsAsWritten: the summary is a PDF by content
// (as gecli itself checks uploads), its cross-reference table points at
// every object, Portuguese prints in WinAnsi, long text wraps and pages,
// and text cannot break out of its string.
func TestSummaryPDFIsAPDFThatReadsAsWritten(t *testing.T) {
	long := strings.Repeat("Integração do sistema processual do tribunal (consulta diária). ", 120)
	pdf := SummaryPDF("Solicitação de acesso SOL-2026-000123", []Field{
		{"API", "DataJud – Base Nacional de Dados do Poder Judiciário"}, {"Finalidade", long}, {"Contato", "Ana (ana@tj.jus.br)\\ fim"},
	})
	if err := api.ValidatePDF(pdf); err != nil {
		t.Fatalf("not a PDF: %v", err)
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	table := string(pdf[xref:])
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllStringSubmatch(table, -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(e[1])
		if !bytes.HasPrefix(pdf[off:], []byte(fmt.Sprintf("%d 0 obj", i+1))) {
			t.Fatalf("xref entry %d points at %q", i+1, pdf[off:off+12])
		}
	}
	if pages := bytes.Count(pdf, []byte("/Type /Page ")); pages < 2 {
		t.Errorf("long text on %d page(s), want it paged", pages)
	}
	win, _ := charmap.Windows1252.NewEncoder().String("(Solicitação de acesso SOL-2026-000123)")
	if !bytes.Contains(pdf, []byte(win)) {
		t.Error("the title is not in WinAnsi")
	}
	if !bytes.Contains(pdf, []byte(`\(ana@tj.jus.br\)\\ fim`)) {
		t.Errorf("parentheses and backslashes are not escaped")
	}
	for _, l := range strings.Split(string(pdf), "\n") {
		if strings.HasSuffix(l, ") Tj T*") && len(l) > lineChars+20 {
			t.Errorf("a line was not wrapped: %d characters", len(l))
			break
		}
	}
}
