package i18n

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/gecli/gecli/api"
)

// The api package's validators word their refusals in pt-BR (the
// server's answers, the domain's documents): FieldError rewords one for
// the UI's language, by the field and the value refused, and says what a
// custom field's pattern expects.

// FieldError is fe in t's language; value is what was refused and def
// the custom field's definition when the field is one (nil otherwise).
func (t *Text) FieldError(fe api.FieldError, value string, def *api.CustomField) string {
	if def != nil && fe.Field == "custom_fields."+def.Name {
		return t.customFieldError(fe, value, *def)
	}
	if t.Lang != api.En {
		return fe.Message
	}
	if id, ok := strings.CutPrefix(fe.Message, "documento "); ok && fe.Field == "documents" {
		// Not "attach at least one": the form named one that is not ours.
		return "document " + strings.TrimSuffix(id, " não é anexo desta solicitação") + " is not an attachment of this request"
	}
	if en, ok := enFieldErrors[fe.Field]; ok {
		return en
	}
	switch fe.Field {
	case "technical_contact.cpf":
		return enCPF(api.ValidateCPF(value))
	case "entity_cnpj":
		return enCNPJ(api.ValidateCNPJ(value))
	}
	return fe.Message
}

var enFieldErrors = map[string]string{
	"technical_contact.name":  "enter the technical contact's name (up to 200 characters)",
	"technical_contact.email": "invalid e-mail address",
	"technical_contact.phone": "phone with area code: 10 or 11 digits",
	"purpose":                 "describe the purpose in 20 to 2,000 characters",
	"sei_process":             "SEI number in the format 00000.000000/0000-00",
	"entity_name":             "name the requesting entity",
	"project":                 "name the project",
	"justification":           "justify the use in at least 20 characters",
	"documents":               "attach at least one supporting PDF document",
}

func enCPF(err error) string {
	switch {
	case errors.Is(err, api.ErrCPFChars):
		return "a CPF takes digits only"
	case errors.Is(err, api.ErrCPFRepeated):
		return "a CPF with every digit the same is not valid"
	case errors.Is(err, api.ErrCPFCheckDigit):
		return "the CPF's check digits do not match"
	}
	return "a CPF has 11 digits"
}

func enCNPJ(err error) string {
	switch {
	case errors.Is(err, api.ErrCNPJChars):
		return "a CNPJ takes letters A-Z and digits, the last two numeric"
	case errors.Is(err, api.ErrCNPJRepeated):
		return "a CNPJ with every character the same is not valid"
	case errors.Is(err, api.ErrCNPJCheckDigit):
		return "the CNPJ's check digits do not match"
	}
	return "a CNPJ has 14 characters"
}

// customFieldError words the rule a custom field's value breaks, with
// its label; a format refusal says what the pattern expects.
func (t *Text) customFieldError(fe api.FieldError, value string, d api.CustomField) string {
	en := t.Lang == api.En
	pick := func(pt, english string) string {
		if en {
			return d.Label + ": " + english
		}
		return d.Label + ": " + pt
	}
	v := api.TrimText(value)
	switch {
	case v == "":
		return pick("obrigatório", "required")
	case api.MultiLine(value):
		return pick("uma linha só", "one line only")
	case len([]rune(value)) > api.MaxCustomFieldLen:
		return pick(fmt.Sprintf("até %s caracteres", t.Number(api.MaxCustomFieldLen)), fmt.Sprintf("up to %s characters", t.Number(api.MaxCustomFieldLen)))
	case d.Type == "integer" && !integer.MatchString(v):
		return pick("informe um número inteiro", "enter a whole number")
	case d.Pattern != "":
		return pick("formato inválido; "+t.expected(d.Pattern), "invalid format; "+t.expected(d.Pattern))
	}
	if en {
		return d.Label + ": invalid"
	}
	return fe.Message
}

var integer = regexp.MustCompile(`^-?\d+$`)

// Patterns a person can be told in words: digits, letters, of a length.
var (
	digitsN  = regexp.MustCompile(`^\^\\d\{(\d+)\}\$$`)
	digitsNM = regexp.MustCompile(`^\^\\d\{(\d+),(\d+)\}\$$`)
	lettersN = regexp.MustCompile(`^\^\[A-Z\]\{(\d+)\}\$$`)
	alnumN   = regexp.MustCompile(`^\^\[A-Z0-9\]\{(\d+)\}\$$`)
)

// expected says what a pattern takes: "5 dígitos", or the pattern itself
// when it is not one of the shapes above.
func (t *Text) expected(pattern string) string {
	en := t.Lang == api.En
	say := func(pt, english string, args ...any) string {
		if en {
			return fmt.Sprintf(english, args...)
		}
		return fmt.Sprintf(pt, args...)
	}
	switch {
	case digitsN.MatchString(pattern):
		return say("esperado: %s dígitos", "expected: %s digits", digitsN.FindStringSubmatch(pattern)[1])
	case digitsNM.MatchString(pattern):
		m := digitsNM.FindStringSubmatch(pattern)
		return say("esperado: de %s a %s dígitos", "expected: %s to %s digits", m[1], m[2])
	case lettersN.MatchString(pattern):
		return say("esperado: %s letras maiúsculas", "expected: %s capital letters", lettersN.FindStringSubmatch(pattern)[1])
	case alnumN.MatchString(pattern):
		return say("esperado: %s letras maiúsculas ou dígitos", "expected: %s capital letters or digits", alnumN.FindStringSubmatch(pattern)[1])
	}
	return say("esperado o padrão %s", "expected the pattern %s", strings.TrimSpace(pattern))
}
