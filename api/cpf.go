package api

import "strings"

var (
	ErrCPFLength     = sayErr("CPF deve ter 11 dígitos, no formato 000.000.000-00", "a CPF has 11 digits, in the form 000.000.000-00")
	ErrCPFChars      = sayErr("CPF aceita apenas dígitos, no formato 000.000.000-00", "a CPF takes digits only, in the form 000.000.000-00")
	ErrCPFRepeated   = sayErr("CPF com todos os dígitos iguais não é válido", "a CPF with every digit the same is not valid")
	ErrCPFCheckDigit = sayErr("dígitos verificadores do CPF não conferem", "the CPF's check digits do not match")
)

// NormalizeCPF removes the usual punctuation ("." "-" and spaces).
func NormalizeCPF(s string) string {
	return strings.NewReplacer(".", "", "-", "", " ", "").Replace(s)
}

// ValidateCPF checks a CPF, punctuated or not, by its two check digits.
func ValidateCPF(s string) error {
	c := NormalizeCPF(s)
	if len(c) != 11 {
		return ErrCPFLength
	}
	for i := 0; i < 11; i++ {
		if c[i] < '0' || c[i] > '9' {
			return ErrCPFChars
		}
	}
	if strings.Count(c, c[:1]) == 11 {
		return ErrCPFRepeated
	}
	if int(c[9]-'0') != cpfDigit(c[:9]) || int(c[10]-'0') != cpfDigit(c[:10]) {
		return ErrCPFCheckDigit
	}
	return nil
}

// cpfDigit computes one check digit: weights len+1 down to 2.
func cpfDigit(base string) int {
	sum := 0
	for i := 0; i < len(base); i++ {
		sum += int(base[i]-'0') * (len(base) + 1 - i)
	}
	if r := sum % 11; r >= 2 {
		return 11 - r
	}
	return 0
}

// FormatCPF writes a valid CPF as 123.456.789-09; anything else unchanged.
func FormatCPF(s string) string {
	c := NormalizeCPF(s)
	if ValidateCPF(c) != nil {
		return s
	}
	return c[0:3] + "." + c[3:6] + "." + c[6:9] + "-" + c[9:11]
}
