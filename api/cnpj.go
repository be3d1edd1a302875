package api

import (
	"strings"
)

// CNPJ validation covers both forms: the classic 14 digits and the
// alphanumeric CNPJ in force since July 2026 (IN RFB 2.229/2024), where the
// first 12 characters may be A-Z or 0-9 and the last two remain numeric
// check digits. Each character counts as its ASCII code minus 48, so digits
// keep their value and 'A' counts 17: one algorithm serves both forms.

var (
	ErrCNPJLength     = sayErr("CNPJ deve ter 14 caracteres, no formato 00.000.000/0000-00", "a CNPJ has 14 characters, in the form 00.000.000/0000-00")
	ErrCNPJChars      = sayErr("CNPJ aceita apenas letras A-Z e dígitos, com os dois últimos numéricos (00.000.000/0000-00)", "a CNPJ takes letters A-Z and digits, the last two numeric (00.000.000/0000-00)")
	ErrCNPJRepeated   = sayErr("CNPJ com todos os caracteres iguais não é válido", "a CNPJ with every character the same is not valid")
	ErrCNPJCheckDigit = sayErr("dígitos verificadores do CNPJ não conferem", "the CNPJ's check digits do not match")
)

// NormalizeCNPJ removes the usual punctuation (". / -" and spaces) and
// upper-cases letters, so "12.abc.345/01de-35" and "12ABC34501DE35" match.
func NormalizeCNPJ(s string) string {
	var b strings.Builder
	b.Grow(14)
	for _, r := range s {
		switch {
		case r == '.' || r == '/' || r == '-' || r == ' ':
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ValidateCNPJ checks a CNPJ in either form, punctuated or not.
func ValidateCNPJ(s string) error {
	c := NormalizeCNPJ(s)
	if len(c) != 14 {
		return ErrCNPJLength
	}
	for i := 0; i < 14; i++ {
		ch := c[i]
		isDigit := ch >= '0' && ch <= '9'
		if i >= 12 && !isDigit || i < 12 && !isDigit && !(ch >= 'A' && ch <= 'Z') {
			return ErrCNPJChars
		}
	}
	if strings.Count(c, c[:1]) == 14 {
		return ErrCNPJRepeated
	}
	d1 := cnpjDigit(c[:12])
	d2 := cnpjDigit(c[:12] + string(rune('0'+d1)))
	if int(c[12]-'0') != d1 || int(c[13]-'0') != d2 {
		return ErrCNPJCheckDigit
	}
	return nil
}

// cnpjDigit computes one check digit over base (12 or 13 characters) with
// weights 2..9 cycling from the right.
func cnpjDigit(base string) int {
	sum, w := 0, 2
	for i := len(base) - 1; i >= 0; i-- {
		sum += int(base[i]-'0') * w
		if w++; w > 9 {
			w = 2
		}
	}
	if r := sum % 11; r >= 2 {
		return 11 - r
	}
	return 0
}

// CNPJCheckDigits returns the two check digits for a 12-character base, for
// building valid test and demo data.
func CNPJCheckDigits(base string) string {
	b := NormalizeCNPJ(base)
	d1 := cnpjDigit(b)
	d2 := cnpjDigit(b + string(rune('0'+d1)))
	return string([]byte{byte('0' + d1), byte('0' + d2)})
}

// FormatCNPJ writes a valid CNPJ as 12.ABC.345/01DE-35; anything else is
// returned unchanged.
func FormatCNPJ(s string) string {
	c := NormalizeCNPJ(s)
	if ValidateCNPJ(c) != nil {
		return s
	}
	return c[0:2] + "." + c[2:5] + "." + c[5:8] + "/" + c[8:12] + "-" + c[12:14]
}
