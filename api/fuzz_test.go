package api

import "testing"

// The fuzz targets check properties rather than fixed answers: a validator
// never panics, accepts only what normalises to the canonical shape, and the
// check-digit generator always yields a number the validator accepts.

func FuzzValidateCNPJ(f *testing.F) {
	for _, s := range []string{"12.ABC.345/01DE-35", "11222333000181", "00000000000000", "", "zz", "12abc34501de35"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateCNPJ(s)
		if err != nil {
			return
		}
		n := NormalizeCNPJ(s)
		if len(n) != 14 {
			t.Fatalf("accepted %q normalises to %q", s, n)
		}
		if FormatCNPJ(s) == s && len(s) == 14 && s != n {
			t.Fatalf("valid %q was not formatted", s)
		}
		if ValidateCNPJ(FormatCNPJ(s)) != nil {
			t.Fatalf("formatted form of %q is refused", s)
		}
	})
}

func FuzzCNPJCheckDigits(f *testing.F) {
	f.Add("12ABC34501DE")
	f.Add("112223330001")
	f.Fuzz(func(t *testing.T, base string) {
		if len(base) != 12 {
			return
		}
		for i := 0; i < 12; i++ {
			c := base[i]
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
				return
			}
		}
		full := base + CNPJCheckDigits(base)
		if err := ValidateCNPJ(full); err != nil && err != ErrCNPJRepeated {
			t.Fatalf("%s: %v", full, err)
		}
	})
}

func FuzzValidateCPF(f *testing.F) {
	for _, s := range []string{"529.982.247-25", "11111111111", "", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateCPF(s) == nil && ValidateCPF(FormatCPF(s)) != nil {
			t.Fatalf("formatted form of %q is refused", s)
		}
	})
}

func FuzzNormalizeOAB(f *testing.F) {
	for _, s := range []string{"SP123456", "123.456/SP", "OAB/RJ 1", "", "SP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeOAB(s)
		if err != nil {
			return
		}
		again, err := NormalizeOAB(n)
		if err != nil || again != n {
			t.Fatalf("canonical %q of %q is not stable: %q, %v", n, s, again, err)
		}
	})
}

func FuzzValidatePDF(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Add([]byte("hello"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = ValidatePDF(b) // must not panic on any input
	})
}
