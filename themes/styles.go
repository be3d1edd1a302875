package themes

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles is everything the TUI draws with, built from one Palette.
type Styles struct {
	Name string
	Mono bool

	Text, Subtle, Bold, Accent lipgloss.Style
	Success, Warning, Error    lipgloss.Style

	// Header and footer.
	AppName, Tab, TabActive, Online, Offline, Banner lipgloss.Style
	Version, HelpKey, HelpDesc, HelpSep              lipgloss.Style

	// Catalog cards.
	Card, CardSelected, CardTitle, CardAcronym, CardMeta lipgloss.Style
	BadgeHMG, BadgePRD, BadgeOff, Category               lipgloss.Style

	// Inputs and filters.
	Prompt, Input, FilterOn, FilterOff lipgloss.Style

	// Documentation.
	Method map[string]lipgloss.Style
	Path   lipgloss.Style
	URL    lipgloss.Style

	// Toasts and overlays.
	ToastInfo, ToastError, Overlay lipgloss.Style
}

func build(name string, p Palette) Styles {
	s := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style { return s.Foreground(c) }
	badge := func(bg color.Color) lipgloss.Style {
		if p.Mono {
			return s.Reverse(true).Padding(0, 1)
		}
		return s.Foreground(p.OnAccent).Background(bg).Bold(true).Padding(0, 1)
	}
	card := s.Border(lipgloss.RoundedBorder()).BorderForeground(p.Border).Padding(0, 1)
	selected := card.BorderForeground(p.Primary)
	if p.Mono {
		selected = card.Border(lipgloss.ThickBorder())
	}
	st := Styles{
		Name: name, Mono: p.Mono,
		Text: fg(p.Base), Subtle: fg(p.Subtle), Bold: fg(p.Base).Bold(true), Accent: fg(p.Secondary),
		Success: fg(p.Success), Warning: fg(p.Warning).Bold(true), Error: fg(p.Error).Bold(true),

		AppName:   fg(p.Primary).Bold(true),
		Tab:       fg(p.Subtle),
		TabActive: fg(p.Primary).Bold(true).Underline(true),
		Online:    fg(p.Success).Bold(true),
		Offline:   fg(p.Warning).Bold(true),
		Banner:    badge(p.Warning).Bold(true),
		Version:   fg(p.Subtle),
		HelpKey:   fg(p.Secondary).Bold(true),
		HelpDesc:  fg(p.Subtle),
		HelpSep:   fg(p.Border),

		Card: card, CardSelected: selected,
		CardTitle:   fg(p.Base).Bold(true),
		CardAcronym: fg(p.Secondary).Bold(true),
		CardMeta:    fg(p.Subtle),
		BadgeHMG:    badge(p.Info),
		BadgePRD:    badge(p.Success),
		BadgeOff:    fg(p.Subtle).Strikethrough(true),
		Category:    fg(p.Primary),

		Prompt:    fg(p.Primary).Bold(true),
		Input:     fg(p.Base),
		FilterOn:  badge(p.Primary),
		FilterOff: fg(p.Subtle),

		Method: map[string]lipgloss.Style{
			"GET": badge(p.Info), "POST": badge(p.Success), "PUT": badge(p.Warning),
			"PATCH": badge(p.Warning), "DELETE": badge(p.Error),
		},
		Path: fg(p.Base).Bold(true),
		URL:  fg(p.Secondary).Underline(true),

		ToastInfo:  s.Border(lipgloss.RoundedBorder()).BorderForeground(p.Info).Foreground(p.Base).Padding(0, 1),
		ToastError: s.Border(lipgloss.ThickBorder()).BorderForeground(p.Error).Foreground(p.Base).Padding(0, 1),
		Overlay:    s.Border(lipgloss.RoundedBorder()).BorderForeground(p.Primary).Padding(0, 2),
	}
	return st
}
