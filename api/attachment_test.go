package api

import (
	"errors"
	"strings"
	"testing"
)

func TestAttachmentErrorsAreEnglishAndWrap(t *testing.T) {
	for _, k := range AttachmentKinds() {
		e := &AttachmentError{Kind: k, Path: "/tmp/x.pdf", Err: ErrNotPDF}
		if s := e.Error(); strings.Contains(s, "error ") || !strings.Contains(s, "/tmp/x.pdf") {
			t.Errorf("kind %d: %q", k, s)
		}
		if !errors.Is(e, ErrNotPDF) {
			t.Errorf("kind %d does not wrap its cause", k)
		}
	}
}
