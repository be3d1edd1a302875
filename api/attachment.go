package api

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

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
	AttachmentBadName                              // the file's name cannot be stored as it is (Err: from ValidateFilename)
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
	"unreadable", "upload failed", "bad name"}

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

// MaxFilenameBytes bounds an attachment's name (most file systems' limit).
const MaxFilenameBytes = 255

// UploadName is the name a local file is attached under: its base name,
// with ".pdf" added when it lacks it (the content is what makes it a PDF;
// the name says so to whoever downloads it).
func UploadName(path string) string {
	name := path
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	return name
}

// ValidateFilename checks an attachment's name as it will be stored and
// shown: a plain name (no folder, no ".."), of at most MaxFilenameBytes,
// ending in .pdf, without control characters or direction overrides (they
// make "gpj.exe\u202e.pdf" read "gpj.fdp.exe").
func ValidateFilename(name string) error {
	lower := strings.ToLower(name)
	switch {
	case name == "" || lower == ".pdf":
		return sayErr("informe o nome do arquivo", "enter the file name")
	case len(name) > MaxFilenameBytes:
		return errorf(Say("nome com %d bytes; o limite é %d", "a name of %d bytes; the limit is %d"), len(name), MaxFilenameBytes)
	case !utf8.ValidString(name):
		return sayErr("o nome não é texto UTF-8 válido", "the name is not valid UTF-8 text")
	case strings.ContainsAny(name, `/\`) || strings.Contains(name, ".."):
		return sayErr("só o nome do arquivo, sem pastas nem \"..\"", "the file name only, with no folders and no \"..\"")
	case !strings.HasSuffix(lower, ".pdf"):
		return sayErr("o nome deve terminar em .pdf", "the name must end in .pdf")
	}
	for _, r := range name {
		switch {
		case badRune(r) != "":
			return &MsgError{Msg: Say("nome ", "a name ").Plus(badRuneMsg(r))}
		case strings.ContainsRune(`<>:"|?*`, r):
			return errorf(Say("o nome não pode ter %q (não vale em todos os sistemas)", "the name may not have %q (not every system takes it)"), r)
		case strings.ContainsRune("\u2215\u2044\uff0f\u29f8\uff3c\u29f9", r):
			return errorf(Say("o nome tem um caractere parecido com uma barra (U+%04X)", "the name has a character that looks like a slash (U+%04X)"), r)
		case invisible(r) && r != ' ':
			return errorf(Say("o nome tem um caractere invisível (U+%04X)", "the name has an invisible character (U+%04X)"), r)
		}
	}
	base := name[:len(name)-len(".pdf")]
	if strings.TrimRight(strings.TrimLeft(base, " "), " .") != base {
		return sayErr("o nome não pode começar com espaço nem terminar em espaço ou ponto antes de .pdf", "the name may not start with a space nor end in a space or a dot before .pdf")
	}
	if reservedName(base) {
		return errorf(Say("%s é um nome reservado em alguns sistemas", "%s is a reserved name on some systems"), base)
	}
	return nil
}

// reservedName says whether base is a device name on Windows (CON, NUL,
// COM1, ...): saving such a file there writes nothing.
func reservedName(base string) bool {
	b := strings.ToUpper(base)
	switch b {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(b) == 4 && (strings.HasPrefix(b, "COM") || strings.HasPrefix(b, "LPT")) && b[3] >= '1' && b[3] <= '9'
}
