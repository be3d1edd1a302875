package api

import (
	"errors"
	"strings"
	"testing"
)

func TestNewSecretIsWellFormedAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		s := NewSecret()
		if len(s) != SecretLen || !strings.HasPrefix(s, "gecli_cs_") {
			t.Fatalf("secret %q: want %d characters starting with gecli_cs_", s, SecretLen)
		}
		if err := CheckSecret(s); err != nil {
			t.Fatalf("fresh secret %q refused: %v", s, err)
		}
		if seen[s] {
			t.Fatalf("secret repeated: %q", s)
		}
		seen[s] = true
	}
}

func TestCheckSecretRefusesTyposAndGarbage(t *testing.T) {
	good := NewSecret()
	swap := func(i int) string { // change one body character
		b := []byte(good)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	tests := []struct {
		name, in string
		want     error
	}{
		{"one character mistyped", swap(len(SecretPrefix) + 5), ErrSecretChecksum},
		{"checksum mistyped", swap(SecretLen - 1), ErrSecretChecksum},
		{"truncated", good[:len(good)-1], ErrSecretFormat},
		{"other prefix", "ghp_" + good[4:], ErrSecretFormat},
		{"empty", "", ErrSecretFormat},
		{"non base62", good[:20] + "-" + good[21:], ErrSecretFormat},
		{"client id pasted", "hmg-datajud-3f9a1c0b7e2d", ErrSecretFormat},
	}
	for _, tt := range tests {
		if err := CheckSecret(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("%s: CheckSecret(%q) = %v, want %v", tt.name, tt.in, err, tt.want)
		}
	}
}

func TestSecretHintShowsOnlyTheEnd(t *testing.T) {
	s := NewSecret()
	h := SecretHint(s)
	if h != "gecli_cs_…"+s[len(s)-4:] {
		t.Fatalf("hint %q", h)
	}
}

func FuzzCheckSecret(f *testing.F) {
	f.Add(NewSecret())
	f.Add("gecli_cs_")
	f.Fuzz(func(t *testing.T, s string) {
		if CheckSecret(s) == nil && (len(s) != SecretLen || !strings.HasPrefix(s, SecretPrefix)) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func TestParseRanges(t *testing.T) {
	got, errs := ParseRanges([]string{"200.152.10.7/16", " 10.0.0.1 ", "2001:db8::1/32", "::1"})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []string{"200.152.0.0/16", "10.0.0.1/32", "2001:db8::/32", "::1/128"}
	for i, p := range got {
		if p.String() != want[i] {
			t.Errorf("range %d = %s, want %s", i, p, want[i])
		}
	}
	_, errs = ParseRanges([]string{"300.1.1.1/8", "10.0.0.0/33", "0.0.0.0/0", "abc", "", "10.0.0.0/8", "10.1.2.3/8"})
	fields := map[string]bool{}
	for _, e := range errs {
		fields[e.Field] = true
	}
	for _, f := range []string{"ranges[0]", "ranges[1]", "ranges[2]", "ranges[3]", "ranges[4]", "ranges[6]"} {
		if !fields[f] {
			t.Errorf("%s was not refused: %v", f, errs)
		}
	}
	if fields["ranges[5]"] {
		t.Errorf("valid ranges[5] refused: %v", errs)
	}
}
