package catalog

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/i18n"
)

// keyMap holds the catalog's keys. It is built per page from the language,
// never a package-level variable.
type keyMap struct {
	Up, Down, Left, Right, PageUp, PageDown, Home, End key.Binding
	Search, Open, Back, ClearSearch, Category, Env     key.Binding
	CopyDoc, CopyHMG, CopyPRD                          key.Binding
	Request                                            key.Binding
	OpenEndpoint                                       key.Binding // the selected endpoint's detail, in Documentação
	Terms                                              key.Binding // the documentation's terms of use, in the viewer
	OnlyNew                                            key.Binding // n: the APIs new since the last visit, or all again
}

func newKeyMap(t *i18n.Text) keyMap {
	b := common.Bind
	return keyMap{
		Up:       b("↑/k", t.KeyMove, "up", "k"),
		Down:     b("↓/j", t.KeyMove, "down", "j"),
		Left:     b("←/h", t.KeyMove, "left", "h"),
		Right:    b("→/l", t.KeyMove, "right", "l"),
		PageUp:   b("pgup", t.KeyPage, "pgup"),
		PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home:     b("g", t.KeyFirst, "g", "home"),
		End:      b("G", t.KeyLast, "G", "end"),
		Search:   b("/", t.KeySearch, "/"),
		Open:     b("enter", t.KeyOpen, "enter"),
		Back:     b("esc", t.KeyBack, "esc", "backspace"),
		// ClearSearch is esc on the grid: there is nothing to go back to.
		ClearSearch:  b("esc", t.KeySearchClear, "esc", "backspace"),
		Category:     b("c", t.KeyCategory, "c"),
		Env:          b("e", t.KeyEnv, "e"),
		CopyDoc:      b("c", t.KeyCopyDoc, "c"),
		CopyHMG:      b("h", t.KeyCopyHMG, "h"),
		CopyPRD:      b("p", t.KeyCopyPRD, "p"),
		Request:      b("s", t.KeyRequestAPI, "s"),
		OpenEndpoint: b("enter", t.Docs.KeyEndpoint, "enter"),
		Terms:        b("t", t.PDFView.KeyReadTerms, "t"),
		OnlyNew:      b("n", t.Notice.KeyOnlyNew, "n"),
	}
}

// ShortHelp lists the keys of the current view (grid, search box,
// documentation or an endpoint's detail) that act there.
func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	switch {
	case p.docs != nil && p.docs.detail != nil:
		return append([]key.Binding{k.Back}, p.endpointMoves()...)
	case p.docs != nil:
		short := append([]key.Binding{k.Back}, p.docsOpen()...)
		short = append(append(short, p.requestKey()...), k.Terms, k.CopyDoc, k.CopyHMG, k.CopyPRD)
		if moves := p.docsMoves(); len(moves) > 0 {
			short = append(short, k.Down)
		}
		return short
	case p.search.Active:
		return search.Help(p.com.Text)
	}
	return append(append(append(append([]key.Binding{k.Search, k.Open}, p.requestKey()...), k.Category, k.Env), p.newKey()...), p.clearSearch()...)
}

// newKey is n while some API is new since the last visit (or the filter
// on them is on, to turn it off).
func (p *Page) newKey() []key.Binding {
	if len(p.fresh) == 0 && !p.onlyNew {
		return nil
	}
	return []key.Binding{p.keys.OnlyNew}
}

// requestKey is s, Solicitar, but for a person signed in without
// requests:submit (an evaluator): signed out, s says to sign in.
func (p *Page) requestKey() []key.Binding {
	if me := p.com.Me; me != nil && !me.Can(api.PermRequestsSubmit) {
		return nil
	}
	return []key.Binding{p.keys.Request}
}

// FullHelp groups every key of the current view that acts there.
func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	switch {
	case p.docs != nil && p.docs.detail != nil:
		return [][]key.Binding{append([]key.Binding{k.Back}, p.endpointMoves()...)}
	case p.docs != nil:
		return [][]key.Binding{append(append([]key.Binding{k.Back}, p.docsOpen()...), p.docsMoves()...),
			append(p.requestKey(), k.Terms, k.CopyDoc, k.CopyHMG, k.CopyPRD)}
	case p.search.Active:
		return [][]key.Binding{search.Help(p.com.Text)}
	}
	return [][]key.Binding{
		append(append(append(append([]key.Binding{k.Search, k.Open}, p.requestKey()...), k.Category, k.Env), p.newKey()...), p.clearSearch()...),
		{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Home, k.End},
	}
}

// clearSearch is esc on the grid, while a search narrows it.
func (p *Page) clearSearch() []key.Binding {
	if p.search.Value() == "" {
		return nil
	}
	return []key.Binding{p.keys.ClearSearch}
}

// docsOpen is enter on the list, when it lists endpoints.
func (p *Page) docsOpen() []key.Binding {
	if d := p.docs; d.loading || d.err != nil || len(d.endpoints) == 0 {
		return nil
	}
	return []key.Binding{p.keys.OpenEndpoint}
}

// docsMoves choose an endpoint, when there are several.
func (p *Page) docsMoves() []key.Binding {
	if d := p.docs; d == nil || d.loading || d.err != nil || len(d.endpoints) < 2 {
		return nil
	}
	k := p.keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}
