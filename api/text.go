package api

import (
	"strings"
	"unicode"
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
