package api

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the free-text fields (api/openapi.yaml declares each as
// maxLength; the server refuses longer text).
const (
	MaxNameLen          = 200  // people's and entities' names, project names
	MaxPurposeLen       = 2000 // a submission's purpose
	MaxJustificationLen = 2000 // decisions, revocations, the form's justification
	MaxCustomFieldLen   = 500  // each value of an API's own fields
	MaxFormDocuments    = 20   // attachments a verification form may name
)

// invisible says whether r shows nothing: a space of any kind, or a
// character that has no width (zero-width space and joiners, word joiner,
// byte-order mark, soft hyphen, Hangul fillers, braille blank). Text made
// only of these is as empty as text made of spaces.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u3164', '\u115f', '\u1160', '\u2800', '\u034f',
		'\uffa0':
		return true
	}
	if r >= '\ufe00' && r <= '\ufe0f' || r >= 0xe0100 && r <= 0xe01ef { // variation selectors
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// TrimText is strings.TrimSpace for what a person typed: it also trims
// characters that show nothing (see invisible).
func TrimText(s string) string { return strings.TrimFunc(s, invisible) }

// Blank says whether s shows nothing at all.
func Blank(s string) bool { return TrimText(s) == "" }

// MultiLine says whether s has a line break or a tab: fine in a purpose or
// a justification, not in a name (a name on two lines hides its second).
func MultiLine(s string) bool { return strings.ContainsAny(s, "\n\r\t") }

// VisibleLen counts the characters of s that show: what a minimum length
// (a purpose of 20 characters) is about. Invisible ones in the middle do
// not count either.
func VisibleLen(s string) int {
	n := 0
	for _, r := range s {
		if !invisible(r) {
			n++
		}
	}
	return n
}

// BadText says what is wrong with s as text a person typed ("" if
// nothing): a control character other than newline, carriage return or
// tab; a bidirectional override or isolate (they make "gpj.exe\u202e.pdf"
// read "exe.pdf"); U+FFFD, which is what a lone surrogate escape such as
// "\ud800" decodes to. Request bodies, query strings and file names are
// all held to it.
func BadText(s string) string {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if msg := badRune(r); msg != "" {
			return msg
		}
	}
	return ""
}

// badRune says why r may not appear in text (tabs and line breaks are the
// caller's to judge).
func badRune(r rune) string { return badRuneMsg(r).PtBR }

// badRuneMsg is badRune in both languages.
func badRuneMsg(r rune) Msg {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return Sayf(Say("com caractere de controle (U+%04X)", "with a control character (U+%04X)"), r)
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return Sayf(Say("com caractere que inverte a direção do texto (U+%04X)", "with a character that reverses the text's direction (U+%04X)"), r)
	case r == utf8.RuneError:
		return Say("com caractere inválido (surrogate isolado ou U+FFFD)", "with an invalid character (a lone surrogate or U+FFFD)")
	}
	return Msg{}
}

// BadTextMsg is BadText in both languages (empty when s is fine).
func BadTextMsg(s string) Msg {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if m := badRuneMsg(r); m.PtBR != "" {
			return m
		}
	}
	return Msg{}
}
