package themes

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name          string
		noColor, dark bool
		want          string
	}{
		{"", false, true, Dark},
		{Auto, false, false, Light},
		{Auto, true, true, Mono},   // NO_COLOR wins over the background
		{Light, true, true, Light}, // an explicit choice wins over NO_COLOR
		{HighContrast, false, false, HighContrast},
	}
	for _, tt := range tests {
		if got := Resolve(tt.name, tt.noColor, tt.dark); got != tt.want {
			t.Errorf("Resolve(%q, noColor=%v, dark=%v) = %q, want %q", tt.name, tt.noColor, tt.dark, got, tt.want)
		}
	}
}

func TestEveryThemeBuilds(t *testing.T) {
	for _, n := range Names() {
		if err := Validate(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		st := Get(n)
		if out := st.BadgeHMG.Render("HMG"); !strings.Contains(out, "HMG") {
			t.Errorf("%s badge lost its text: %q", n, out)
		}
	}
	if err := Validate("neon"); err == nil || !strings.Contains(err.Error(), "high-contrast") {
		t.Errorf("unknown theme error should list the choices: %v", err)
	}
}

func TestMonoUsesNoColour(t *testing.T) {
	out := Get(Mono).BadgePRD.Render("PRD")
	if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
		t.Errorf("mono badge carries colour codes: %q", out)
	}
	if !strings.Contains(out, "7m") {
		t.Errorf("mono badge should be reverse video to stand out: %q", out)
	}
	if dark := Get(Dark).BadgePRD.Render("PRD"); !strings.Contains(dark, "48;") {
		t.Errorf("dark badge should have a background colour: %q", dark)
	}
}
