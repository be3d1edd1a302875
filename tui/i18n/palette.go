package i18n

// PaletteText is the wording of the command palette (ctrl+p, :): every
// action of the page and the global ones, searched by name.
type PaletteText struct {
	// Title: %s the page the actions are of.
	Title string
	// Placeholder is the search field's, while empty.
	Placeholder string
	// Count: %d actions shown, %d in all.
	Count string
	// NoMatch: %s what was typed.
	NoMatch string
	// Above and Below say how many actions the list hides (%d), so a
	// short terminal still shows that there are more.
	Above, Below string
	// GoTo is the jump to a page: %s its title.
	GoTo string
	// Keys: KeyOpen opens the palette (help), KeyRun runs the chosen
	// action.
	KeyOpen, KeyRun string
}

var palettePtBR = PaletteText{
	Title:       "Comandos · %s",
	Placeholder: "digite para filtrar as ações",
	Count:       "%d de %d",
	NoMatch:     "Nenhuma ação corresponde a “%s”.",
	Above:       "↑ mais %d",
	Below:       "↓ mais %d",
	GoTo:        "ir para %s",
	KeyOpen:     "comandos",
	KeyRun:      "executar",
}

var paletteEn = PaletteText{
	Title:       "Commands · %s",
	Placeholder: "type to filter the actions",
	Count:       "%d of %d",
	NoMatch:     "No action matches “%s”.",
	Above:       "↑ %d more",
	Below:       "↓ %d more",
	GoTo:        "go to %s",
	KeyOpen:     "commands",
	KeyRun:      "run",
}
