package api

import (
	"errors"
	"regexp"
	"strings"
)

// OAB registration numbers are issued per state section (seccional): a
// number of up to six digits, the state's abbreviation, and for
// supplementary or intern registrations a letter (A, B, E, N, P). Lawyers
// write them many ways: "SP123456", "123.456/SP", "OAB/SP 123456",
// "123456-SP". NormalizeOAB turns them all into "SP123456" (or "SP123456A").

var ErrOAB = errors.New("número OAB inválido: use UF e número, por exemplo SP123456 ou 123456/SP")

var ufs = map[string]bool{
	"AC": true, "AL": true, "AP": true, "AM": true, "BA": true, "CE": true, "DF": true,
	"ES": true, "GO": true, "MA": true, "MT": true, "MS": true, "MG": true, "PA": true,
	"PB": true, "PR": true, "PE": true, "PI": true, "RJ": true, "RN": true, "RS": true,
	"RO": true, "RR": true, "SC": true, "SP": true, "SE": true, "TO": true,
}

var (
	oabUFFirst  = regexp.MustCompile(`^([A-Z]{2})(\d{1,6})([ABENP]?)$`)
	oabNumFirst = regexp.MustCompile(`^(\d{1,6})([ABENP]?)([A-Z]{2})$`)
)

// NormalizeOAB returns the canonical "UF123456[L]" form, or ErrOAB.
func NormalizeOAB(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	c = strings.TrimPrefix(c, "OAB")
	c = strings.NewReplacer(" ", "", ".", "", "/", "", "-", "", ":", "").Replace(c)
	var uf, num, letter string
	if m := oabUFFirst.FindStringSubmatch(c); m != nil {
		uf, num, letter = m[1], m[2], m[3]
	} else if m := oabNumFirst.FindStringSubmatch(c); m != nil {
		num, letter, uf = m[1], m[2], m[3]
	} else {
		return "", ErrOAB
	}
	if !ufs[uf] || strings.Trim(num, "0") == "" {
		return "", ErrOAB
	}
	return uf + strings.TrimLeft(num, "0") + letter, nil
}

// ValidateOAB checks an OAB number in any of the usual spellings.
func ValidateOAB(s string) error {
	_, err := NormalizeOAB(s)
	return err
}
