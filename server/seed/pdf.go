package seed

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gecli/gecli/internal/pdfwrite"
)

// termsPDF writes a small but complete PDF: one A4 page of Helvetica
// text (internal/pdfwrite), so any reader (and api.ValidatePDF) accepts
// it and gecli's viewer reads it.
func termsPDF(title string, lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 15 Tf 56 780 Td (" + pdfwrite.Literal(title) + ") Tj ET\n")
	y := 750
	for _, l := range lines {
		for _, w := range wrap(l, 88) {
			if y < 60 {
				break
			}
			fmt.Fprintf(&content, "BT /F1 10 Tf 56 %d Td (%s) Tj ET\n", y, pdfwrite.Literal(w))
			y -= 14
		}
		y -= 6
	}
	info := "<< /Title (" + pdfwrite.Literal(title) + ") /Producer (gecli demo) >>"
	return pdfwrite.Document([]pdfwrite.Page{{Content: content.String()}}, []string{info}, "/Info 6 0 R")
}

func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			out = append(out, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}
