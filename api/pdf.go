package api

import "bytes"

var (
	ErrNotPDF       = sayErr("o arquivo não é um PDF (o conteúdo não começa com %PDF-)", "the file is not a PDF (its content does not start with %PDF-)")
	ErrPDFTruncated = sayErr("o PDF está incompleto (falta o marcador %%EOF no final)", "the PDF is incomplete (the %%EOF marker at its end is missing)")
)

// ValidatePDF checks a document by its content, never by its name: a PDF
// starts with the "%PDF-1.x" header (allowed within the first KiB, as
// readers do) and ends with "%%EOF" (allowed within the last KiB, since
// writers append newlines and incremental updates).
func ValidatePDF(b []byte) error {
	head := b[:min(len(b), 1024)]
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 || len(head) < i+8 || head[i+5] < '1' || head[i+5] > '2' || head[i+6] != '.' {
		return ErrNotPDF
	}
	tail := b[max(0, len(b)-1024):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return ErrPDFTruncated
	}
	return nil
}
