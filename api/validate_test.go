package api

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateCNPJ(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"11.222.333/0001-81", nil},
		{"11222333000181", nil},
		{"12.ABC.345/01DE-35", nil}, // Receita Federal's alphanumeric example
		{"12abc34501de35", nil},     // lower case is normalised
		{"12.ABC.345/01DE-36", ErrCNPJCheckDigit},
		{"11.222.333/0001-80", ErrCNPJCheckDigit},
		{"00000000000000", ErrCNPJRepeated},
		{"AAAAAAAAAAAAAA", ErrCNPJChars}, // letters in the check digits
		{"1122233300018", ErrCNPJLength},
		{"112223330001811", ErrCNPJLength},
		{"12.ABC.345/01DE-3A", ErrCNPJChars},
		{"12.AB#.345/01DE-35", ErrCNPJChars},
		{"", ErrCNPJLength},
	}
	for _, tt := range tests {
		if got := ValidateCNPJ(tt.in); !errors.Is(got, tt.want) {
			t.Errorf("ValidateCNPJ(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCNPJCheckDigitsBuildValidNumbers(t *testing.T) {
	for _, base := range []string{"112223330001", "12ABC34501DE", "ZZZZZZZZ0001", "A1B2C3D4E5F6"} {
		full := base + CNPJCheckDigits(base)
		if err := ValidateCNPJ(full); err != nil {
			t.Errorf("%s: %v", full, err)
		}
	}
	if got := FormatCNPJ("12abc34501de35"); got != "12.ABC.345/01DE-35" {
		t.Errorf("FormatCNPJ = %q", got)
	}
	if got := FormatCNPJ("not a cnpj"); got != "not a cnpj" {
		t.Errorf("FormatCNPJ kept invalid input? got %q", got)
	}
}

func TestValidateCPF(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"529.982.247-25", nil},
		{"52998224725", nil},
		{"529.982.247-24", ErrCPFCheckDigit},
		{"111.111.111-11", ErrCPFRepeated},
		{"5299822472", ErrCPFLength},
		{"5299822472a", ErrCPFChars},
		{"", ErrCPFLength},
	}
	for _, tt := range tests {
		if got := ValidateCPF(tt.in); !errors.Is(got, tt.want) {
			t.Errorf("ValidateCPF(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := FormatCPF("52998224725"); got != "529.982.247-25" {
		t.Errorf("FormatCPF = %q", got)
	}
}

func TestNormalizeOAB(t *testing.T) {
	ok := map[string]string{
		"SP123456":      "SP123456",
		"123.456/SP":    "SP123456",
		"OAB/SP 123456": "SP123456",
		"oab/rj 98.765": "RJ98765",
		"123456-MG":     "MG123456",
		"DF 001234":     "DF1234",
		"SP123456A":     "SP123456A",
		"12345E/PR":     "PR12345E",
	}
	for in, want := range ok {
		got, err := NormalizeOAB(in)
		if err != nil || got != want {
			t.Errorf("NormalizeOAB(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "XX123456", "SP", "SP1234567", "SP000000", "123456", "SP12X456", "SP123456Z"} {
		if err := ValidateOAB(bad); !errors.Is(err, ErrOAB) {
			t.Errorf("ValidateOAB(%q) = %v, want ErrOAB", bad, err)
		}
	}
}

func TestValidatePDF(t *testing.T) {
	good := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	if err := ValidatePDF(good); err != nil {
		t.Fatalf("valid PDF refused: %v", err)
	}
	cases := map[string]struct {
		body []byte
		want error
	}{
		"text named .pdf":  {[]byte("contrato assinado, confie em mim\n"), ErrNotPDF},
		"empty":            {nil, ErrNotPDF},
		"header only":      {[]byte("%PDF-"), ErrNotPDF},
		"bad version":      {[]byte("%PDF-9.9\n%%EOF"), ErrNotPDF},
		"truncated":        {[]byte("%PDF-1.7\n1 0 obj<<>>endobj\n"), ErrPDFTruncated},
		"eof far from end": {append([]byte("%PDF-1.7\n%%EOF\n"), []byte(strings.Repeat("x", 2048))...), ErrPDFTruncated},
	}
	for name, c := range cases {
		if err := ValidatePDF(c.body); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}

func TestEnumsHaveBothLabels(t *testing.T) {
	m := NewMeta(Build())
	for name, vals := range map[string][]EnumValue{
		"environments": m.Environments, "categories": m.Categories, "system_types": m.SystemTypes,
		"roles": m.Roles, "statuses": m.Statuses, "rules": m.Rules, "credential_states": m.CredentialStates,
	} {
		if len(vals) == 0 {
			t.Errorf("meta publishes no %s", name)
		}
		for _, v := range vals {
			if v.Labels.PtBR == "" || v.Labels.En == "" {
				t.Errorf("%s %q lacks a label: %+v", name, v.Value, v.Labels)
			}
		}
	}
	for _, st := range SystemTypes {
		rs, ok := ApprovalMatrix[st]
		if !ok || !rs.HMG.Valid() || !rs.PRD.Valid() {
			t.Errorf("approval matrix lacks a valid rule for %s: %+v", st, rs)
		}
	}
	if Category("musica").Valid() || Environment("dev").Valid() {
		t.Error("unknown enum values accepted")
	}
}

func TestValidateAPIID(t *testing.T) {
	for _, ok := range []string{"consulta-cpf", "dje", "a1"} {
		if err := ValidateAPIID(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "-x", "Consulta", "a/b", "a b", strings.Repeat("a", 65), "../etc"} {
		if ValidateAPIID(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestNormalizeSEI: 17 digits typed alone become a valid number; any
// other text is left for ValidateSEI to refuse with the format.
func TestNormalizeSEI(t *testing.T) {
	for in, want := range map[string]string{
		"00123456789202601":    "00123.456789/2026-01",
		" 00123456789202601 ":  "00123.456789/2026-01",
		"00123.456789/2026-01": "00123.456789/2026-01",
		"0012345678920260":     "0012345678920260",
		"001234567892026011":   "001234567892026011",
		"0012345678920260a":    "0012345678920260a",
		"":                     "",
	} {
		got := NormalizeSEI(in)
		if got != want {
			t.Errorf("NormalizeSEI(%q) = %q, want %q", in, got, want)
		}
		if ValidateSEI(got) == nil && got != "" && len(got) != 20 {
			t.Errorf("%q passes ValidateSEI", got)
		}
	}
}

// TestTechnicalContactEmail: an address a message can reach is taken; a
// domain without a dot ("a@b") or with a name around it is refused.
func TestTechnicalContactEmail(t *testing.T) {
	c := TechnicalContact{Name: "Marcos Pereira", CPF: "52998224725", Phone: "6132221100"}
	for email, ok := range map[string]bool{
		"marcos@tj.jus.br":            true,
		"m.pereira+gecli@pge.example": true,
		"a@b":                         false,
		"a@b.":                        false,
		"a@.b":                        false,
		"a@b..c":                      false,
		"Marcos <marcos@tj.jus.br>":   false,
		"marcos":                      false,
		"":                            false,
	} {
		c.Email = email
		refused := false
		for _, fe := range c.Validate() {
			refused = refused || fe.Field == "technical_contact.email"
		}
		if refused == ok {
			t.Errorf("%q: refused=%v", email, refused)
		}
	}
}

// TestParseWhen: the times an administrator types, in their zone.
func TestParseWhen(t *testing.T) {
	loc := time.FixedZone("BRT", -3*3600)
	now := time.Date(2026, 12, 4, 21, 0, 0, 0, loc)
	for in, want := range map[string]string{
		"22:00":                     "2026-12-05T01:00:00Z",
		"20:00":                     "2026-12-05T23:00:00Z", // passed today: tomorrow's
		"2026-12-10 08:30":          "2026-12-10T11:30:00Z",
		"2026-12-04T22:00:00-03:00": "2026-12-05T01:00:00Z",
		"":                          "",
	} {
		got, err := ParseWhen(in, now)
		if err != nil || got != want {
			t.Errorf("ParseWhen(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseWhen("amanhã", now); err == nil || !strings.Contains(err.Error(), "22:00") {
		t.Errorf("a bad time: %v", err)
	}
}
