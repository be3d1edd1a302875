// Package themes holds the palettes of the TUI and builds, from one
// semantic palette, the whole Styles struct the pages draw with. Pages
// never pick colours themselves: they ask for "success" or "subtle".
package themes

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
)

// Palette names colours by role, not by hue.
type Palette struct {
	Primary   color.Color // brand, selection, active things
	Secondary color.Color // accents: acronyms, links
	Base      color.Color // normal text
	Subtle    color.Color // secondary text, hints
	Border    color.Color // idle borders
	OnAccent  color.Color // text on a filled badge
	Success   color.Color
	Warning   color.Color
	Error     color.Color
	Info      color.Color
	// Mono marks a palette without colours: emphasis comes from bold,
	// reverse and underline so nothing is told by colour alone.
	Mono bool
}

// Names of the built-in themes. "auto" picks dark or light from the
// terminal's background.
const (
	Auto         = "auto"
	Dark         = "dark"
	Light        = "light"
	HighContrast = "high-contrast"
	Mono         = "mono"
)

var palettes = map[string]Palette{
	Dark: {
		Primary: lipgloss.Color("#7D9CFF"), Secondary: lipgloss.Color("#5FD7D7"),
		Base: lipgloss.Color("#E4E4E7"), Subtle: lipgloss.Color("#8A8A99"), Border: lipgloss.Color("#4A4A5A"),
		OnAccent: lipgloss.Color("#16161D"),
		Success:  lipgloss.Color("#5FD787"), Warning: lipgloss.Color("#F0C05A"),
		Error: lipgloss.Color("#FF6B6B"), Info: lipgloss.Color("#7DB8FF"),
	},
	Light: {
		Primary: lipgloss.Color("#2E4FD1"), Secondary: lipgloss.Color("#007A7A"),
		Base: lipgloss.Color("#1F1F28"), Subtle: lipgloss.Color("#62627A"), Border: lipgloss.Color("#B8B8C8"),
		OnAccent: lipgloss.Color("#FFFFFF"),
		Success:  lipgloss.Color("#1E7D3C"), Warning: lipgloss.Color("#8A5A00"),
		Error: lipgloss.Color("#C02626"), Info: lipgloss.Color("#1D5FB8"),
	},
	HighContrast: {
		Primary: lipgloss.Color("#FFFF00"), Secondary: lipgloss.Color("#00FFFF"),
		Base: lipgloss.Color("#FFFFFF"), Subtle: lipgloss.Color("#D0D0D0"), Border: lipgloss.Color("#FFFFFF"),
		OnAccent: lipgloss.Color("#000000"),
		Success:  lipgloss.Color("#00FF00"), Warning: lipgloss.Color("#FFAF00"),
		Error: lipgloss.Color("#FF5F5F"), Info: lipgloss.Color("#5FAFFF"),
	},
	Mono: {
		Primary: lipgloss.NoColor{}, Secondary: lipgloss.NoColor{}, Base: lipgloss.NoColor{},
		Subtle: lipgloss.NoColor{}, Border: lipgloss.NoColor{}, OnAccent: lipgloss.NoColor{},
		Success: lipgloss.NoColor{}, Warning: lipgloss.NoColor{}, Error: lipgloss.NoColor{}, Info: lipgloss.NoColor{},
		Mono: true,
	},
}

// Names lists the themes a user can choose, for help and errors.
func Names() []string {
	names := []string{Auto}
	for n := range palettes {
		names = append(names, n)
	}
	sort.Strings(names[1:])
	return names
}

// Validate checks a theme name given by a flag.
func Validate(name string) error {
	if name == Auto {
		return nil
	}
	if _, ok := palettes[name]; !ok {
		return fmt.Errorf("tema desconhecido %q (use %s)", name, strings.Join(Names(), ", "))
	}
	return nil
}

// Resolve picks the theme to use: an explicit choice wins; NO_COLOR means
// monochrome; otherwise the terminal background decides dark or light.
func Resolve(name string, noColor, darkBackground bool) string {
	switch {
	case name != "" && name != Auto:
		return name
	case noColor:
		return Mono
	case darkBackground:
		return Dark
	default:
		return Light
	}
}

// Get returns the styles of a theme (dark for an unknown name).
func Get(name string) Styles {
	p, ok := palettes[name]
	if !ok {
		p = palettes[Dark]
	}
	return build(name, p)
}
