package pdfwrite

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestTheCrossReferenceTablePointsAtEachObject: every offset in the
// table is where its object starts, and startxref is where the table
// starts: a reader that trusts them finds every object.
func TestTheCrossReferenceTablePointsAtEachObject(t *testing.T) {
	b := Document([]Page{{Content: "BT /F1 11 Tf 56 780 Td (" + Literal("Ação") + ") Tj ET"}, {Content: "q Q"}},
		[]string{"<< /Title (Termo) >>"}, "/Info 8 0 R")
	body := string(b)
	start := strings.LastIndex(body, "startxref\n")
	xref, err := strconv.Atoi(strings.Fields(body[start+len("startxref\n"):])[0])
	if err != nil || !strings.HasPrefix(body[xref:], "xref\n0 9\n") {
		t.Fatalf("startxref %d does not point at the table: %q", xref, body[xref:min(len(body), xref+12)])
	}
	rows := strings.Split(body[xref:], "\n")[3:11]
	for i, row := range rows {
		off, _ := strconv.Atoi(strings.Fields(row)[0])
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !strings.HasPrefix(body[off:], want) {
			t.Errorf("object %d: the table says %d, where %q begins", i+1, off, body[off:min(len(body), off+10)])
		}
	}
	if !strings.Contains(body, "/Root 1 0 R /Info 8 0 R") || !strings.Contains(body, "/Kids [4 0 R 6 0 R] /Count 2") {
		t.Errorf("trailer or page tree:\n%s", body)
	}
}

// TestStreamLengthIsItsData: /Length counts the data, not the line
// break that ends it before endstream.
func TestStreamLengthIsItsData(t *testing.T) {
	s := Stream("/Filter /FlateDecode", "abc")
	if s != "<< /Filter /FlateDecode /Length 3 >>\nstream\nabc\nendstream" {
		t.Errorf("stream: %q", s)
	}
}

func TestLiteralIsWinAnsiAndEscaped(t *testing.T) {
	got := []byte(Literal("Ação (art. 5º) – “a\\b” ✓"))
	want := []byte("A\xe7\xe3o \\(art. 5\xba\\) \x96 \x93a\\\\b\x94 ?")
	if !bytes.Equal(got, want) {
		t.Errorf("Literal: %q, want %q", got, want)
	}
}
