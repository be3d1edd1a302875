package api

import (
	"errors"
	"regexp"
)

// MsgError is an error worded in both languages: Error is the pt-BR
// sentence (logs, the CLI), MsgOf gives both to whoever answers a person.
type MsgError struct{ Msg Msg }

func (e *MsgError) Error() string { return e.Msg.PtBR }

// sayErr is a sentinel error worded in both languages.
func sayErr(pt, en string) error { return &MsgError{Msg: Say(pt, en)} }

// errorf is a MsgError with m's verbs filled in each language.
func errorf(m Msg, args ...any) error { return &MsgError{Msg: Sayf(m, args...)} }

// MsgOf is err's sentence in both languages: a MsgError's own, anything
// else's Error() for both.
func MsgOf(err error) Msg {
	var me *MsgError
	if errors.As(err, &me) {
		return me.Msg
	}
	return Msg{PtBR: err.Error(), En: err.Error()}
}

// RefuseErr names a field refused for err.
func RefuseErr(field string, err error) FieldError { return Refuse(field, MsgOf(err)) }

// The validators' refusals, in both languages. Format refusals say what
// is expected.
var (
	msgRequired    = Say("obrigatório", "required")
	msgOneLine     = Say("em uma linha só", "on one line")
	msgAtMostChars = Say("no máximo %d caracteres", "at most %d characters")
	msgRole        = Say("use requester, evaluator ou admin", "use requester, evaluator or admin")
	msgEmail       = Say("e-mail inválido: use o formato nome@dominio.gov.br", "invalid e-mail address: use the form name@domain.gov.br")
	msgPhone       = Say("telefone com DDD: 10 ou 11 dígitos, como (61) 99999-9999", "phone number with area code: 10 or 11 digits, as in (61) 99999-9999")
	msgURL         = Say("URL http(s) completa, como https://api.exemplo.gov.br", "a full http(s) URL, as in https://api.example.gov.br")
)

// Patterns a person can be told in words: digits, letters, of a length.
var (
	digitsN  = regexp.MustCompile(`^\^\\d\{(\d+)\}\$$`)
	digitsNM = regexp.MustCompile(`^\^\\d\{(\d+),(\d+)\}\$$`)
	lettersN = regexp.MustCompile(`^\^\[A-Z\]\{(\d+)\}\$$`)
	alnumN   = regexp.MustCompile(`^\^\[A-Z0-9\]\{(\d+)\}\$$`)
)

// ExpectedFormat says what a custom field's pattern takes: "5 dígitos",
// or the pattern itself when it is not one of the simple shapes.
func ExpectedFormat(pattern string) Msg {
	if m := digitsN.FindStringSubmatch(pattern); m != nil {
		return Sayf(Say("%s dígitos", "%s digits"), m[1])
	}
	if m := digitsNM.FindStringSubmatch(pattern); m != nil {
		return Sayf(Say("de %s a %s dígitos", "%s to %s digits"), m[1], m[2])
	}
	if m := lettersN.FindStringSubmatch(pattern); m != nil {
		return Sayf(Say("%s letras maiúsculas", "%s capital letters"), m[1])
	}
	if m := alnumN.FindStringSubmatch(pattern); m != nil {
		return Sayf(Say("%s letras maiúsculas ou dígitos", "%s capital letters or digits"), m[1])
	}
	return Sayf(Say("o padrão %s", "the pattern %s"), pattern)
}
