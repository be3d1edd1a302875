package api

import "fmt"

// AttachmentKind says why a local file cannot be attached to a request,
// or that sending it failed.
type AttachmentKind int

const (
	AttachmentMissing    AttachmentKind = iota + 1 // no file at Path
	AttachmentIsDir                                // Path is a folder
	AttachmentTooLarge                             // Size is above MaxAttachmentBytes
	AttachmentNotPDF                               // the content is not a PDF (Err: ErrNotPDF or ErrPDFTruncated)
	AttachmentUnreadable                           // the file could not be read (Err)
	AttachmentUpload                               // the upload failed (Err: the client's error)
	attachmentEnd                                  // keep last: AttachmentKinds lists what comes before
)

// AttachmentKinds lists every kind, so the UI's texts can be checked for all.
func AttachmentKinds() []AttachmentKind {
	out := make([]AttachmentKind, 0, attachmentEnd-1)
	for k := AttachmentKind(1); k < attachmentEnd; k++ {
		out = append(out, k)
	}
	return out
}

var attachmentNames = [attachmentEnd]string{"", "not found", "is a folder", "too large", "not a PDF",
	"unreadable", "upload failed"}

// AttachmentError is an attachment refused before sending (FAQ 4.2:
// "Arquivo incompatível ou superior ao limite") or one whose upload
// failed. Error() is English developer text; the TUI words it for people.
type AttachmentError struct {
	Kind AttachmentKind
	Path string
	Size int64 // bytes, for AttachmentTooLarge
	Err  error
}

func (e *AttachmentError) Error() string {
	s := fmt.Sprintf("attachment %s: error %d", e.Path, e.Kind)
	if e.Kind > 0 && e.Kind < attachmentEnd {
		s = "attachment " + e.Path + ": " + attachmentNames[e.Kind]
	}
	if e.Kind == AttachmentTooLarge {
		s += fmt.Sprintf(" (%d bytes, limit %d)", e.Size, MaxAttachmentBytes)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *AttachmentError) Unwrap() error { return e.Err }
