// Package catalog is the Catálogo page: a grid of API cards filtered as
// you type (search, category, environment), and the Documentação view of
// one API. Everything it shows comes from the local cache, so it works the
// same online and offline.
package catalog

import (
	"time"

	"github.com/charmbracelet/x/ansi"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/route"
)

// Page is the catalog page.
type Page struct {
	com    *common.Common
	store  *store.Store
	client *client.Client // nil in --offline mode
	keys   keyMap
	mb     *route.Mailbox

	search   search.Box
	category common.Choice[api.Category]
	env      common.Choice[api.Environment]

	byID    map[string]api.API
	total   int
	matches []api.API // what the grid shows, in order
	loaded  bool
	loadErr error

	selected, firstRow int
	width, height      int

	docs *docsView

	// What is new: the previous visit (zero the first time: nothing is
	// new), the APIs first seen since, the ids of the last query (to
	// filter again without asking), and n's filter on the new ones.
	since    time.Time
	fresh    map[string]bool
	accepted map[string][]string // terms versions the person's requests accepted
	lastIDs  []string
	onlyNew  bool
}

// New builds the page. c may be nil (offline mode).
func New(com *common.Common, s *store.Store, c *client.Client) *Page {
	return &Page{com: com, store: s, client: c, keys: newKeyMap(com.Text), mb: route.NewMailbox("catalog"),
		search: search.New(com.Text.SearchPlaceholder, api.MaxQueryLen), byID: map[string]api.API{},
		category: common.NewChoice(api.Categories), env: common.NewChoice(api.Environments)}
}

func (p *Page) Title() string           { return p.com.Text.TabCatalog }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Capturing() bool         { return p.search.Active }

// Allowed: everyone may browse (the catalog is public; requests need a
// session, which the page explains).
func (p *Page) Allowed(*api.Me) bool { return true }

func (p *Page) Init() tea.Cmd {
	return tea.Batch(p.reload(), p.mb.Latest("visit", visit(p.store, p.com.Now())))
}
func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	p.fitSearch()
	p.clampScroll()
	return nil
}

// fitSearch sizes the field: empty, to its whole placeholder (which says
// what the search looks in); typed in, to a third of the line, or the
// text if longer (up to half), so the filters keep their labels.
func (p *Page) fitSearch() {
	w := max(p.width/3, ansi.StringWidth(p.search.Value())+1)
	if p.search.Value() == "" {
		w = ansi.StringWidth(p.com.Text.SearchPlaceholder) + 1
	}
	p.search.Input.SetWidth(max(10, min(w, p.width/2)))
}

func (p *Page) query() store.CatalogQuery {
	q := store.CatalogQuery{Text: p.search.Value()}
	q.Category, _ = p.category.Get()
	q.Env, _ = p.env.Get()
	return q
}

// reload reads the whole cached catalog and the ids of the current query;
// a load asked for earlier (the one at start, say) never replaces it.
func (p *Page) reload() tea.Cmd {
	p.mb.Drop("ids") // read against the old catalog; the load brings the ids
	return p.mb.Latest("catalog", loadCatalog(p.store, p.query()))
}

// requery asks for the ids of the current query; only the newest
// keystroke's answer is applied.
func (p *Page) requery() tea.Cmd {
	return p.mb.Latest("ids", queryIDs(p.store, p.query()))
}

// Update handles keys and the answers of the page's own Cmds.
func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		p.loaded, p.loadErr = true, msg.err
		if msg.err != nil {
			return p, nil
		}
		// The catalog itself is always news; its ids answer the query of
		// when it started: if a keystroke changed it since, ask again.
		p.byID = make(map[string]api.API, len(msg.items))
		for _, a := range msg.items {
			p.byID[a.ID] = a
		}
		p.total = len(msg.items)
		if msg.query != p.query() {
			return p, p.requery()
		}
		p.setMatches(msg.ids, true)
		return p, nil
	case idsMsg:
		if msg.err != nil {
			return p, common.Toast(common.Explain(p.com.Text, msg.err), true)
		}
		p.setMatches(msg.ids, false)
		return p, nil
	case common.CatalogSyncedMsg:
		// The person is here as of this sync: what it brought is new to
		// them now, not at their next visit.
		cmds := []tea.Cmd{visitedNow(p.store, p.com.Now())}
		if msg.Changed {
			cmds = append(cmds, p.reload(), p.mb.Latest("fresh", loadFresh(p.store, p.since)))
		}
		return p, tea.Batch(cmds...)
	case common.RequestsSyncedMsg:
		if msg.Changed > 0 { // a request submitted or decided: its terms may be new
			return p, p.mb.Latest("fresh", loadFresh(p.store, p.since))
		}
		return p, nil
	case visitedMsg:
		p.since = msg.prev
		return p, p.mb.Latest("fresh", loadFresh(p.store, p.since))
	case freshMsg:
		p.fresh, p.accepted = msg.ids, msg.accepted
		if len(p.fresh) == 0 {
			p.onlyNew = false
		}
		p.setMatches(p.lastIDs, true)
		return p, nil
	case docsMsg:
		return p, p.docsLoaded(msg)
	case tea.KeyPressMsg:
		if p.docs != nil {
			return p, p.docsKey(msg)
		}
		if p.search.Active {
			cmd, changed := p.search.Key(msg)
			if changed {
				p.fitSearch()
				cmd = tea.Batch(cmd, p.requery())
			}
			return p, cmd
		}
		return p, p.gridKey(msg)
	case tea.MouseWheelMsg:
		p.wheel(msg.Mouse().Button)
	}
	return p, nil
}

// setMatches maps ids onto the loaded catalog. keepSelection keeps the
// selected API selected across a background reload.
func (p *Page) setMatches(ids []string, keepSelection bool) {
	prev := ""
	if keepSelection && p.selected < len(p.matches) {
		prev = p.matches[p.selected].ID
	}
	p.lastIDs = ids
	p.matches = p.matches[:0]
	for _, id := range ids {
		if a, ok := p.byID[id]; ok && (!p.onlyNew || p.fresh[id]) {
			p.matches = append(p.matches, a)
		}
	}
	p.selected = max(0, slices.IndexFunc(p.matches, func(a api.API) bool { return a.ID == prev }))
	p.clampScroll()
}

func (p *Page) gridKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	cols := p.cols()
	switch {
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case key.Matches(msg, k.ClearSearch):
		if p.search.Clear() {
			return p.requery()
		}
	case key.Matches(msg, k.Category):
		p.category.Next()
		return p.requery()
	case key.Matches(msg, k.Env):
		p.env.Next()
		return p.requery()
	case key.Matches(msg, k.OnlyNew) && (len(p.fresh) > 0 || p.onlyNew):
		p.onlyNew = !p.onlyNew
		p.setMatches(p.lastIDs, true)
	case key.Matches(msg, k.Open):
		return p.openDocs()
	case key.Matches(msg, k.Request):
		if p.selected < len(p.matches) {
			return p.request(p.matches[p.selected])
		}
	case key.Matches(msg, k.Up):
		p.move(-cols)
	case key.Matches(msg, k.Down):
		p.move(cols)
	case key.Matches(msg, k.Left):
		p.move(-1)
	case key.Matches(msg, k.Right):
		p.move(1)
	case key.Matches(msg, k.PageUp):
		p.move(-cols * p.visibleRows())
	case key.Matches(msg, k.PageDown):
		p.move(cols * p.visibleRows())
	case key.Matches(msg, k.End):
		p.move(len(p.matches))
	case key.Matches(msg, k.Home):
		p.move(-len(p.matches))
	}
	return nil
}

func (p *Page) wheel(b tea.MouseButton) {
	if d := p.docs; d != nil {
		step := map[tea.MouseButton]int{tea.MouseWheelDown: 1, tea.MouseWheelUp: -1}[b]
		if d.detail != nil {
			d.detail.scroll(3*step, p.endpointHeight(), len(p.endpointLines()))
		} else {
			d.choose(step, p.docsListHeight())
		}
		return
	}
	switch b {
	case tea.MouseWheelDown:
		p.move(p.cols())
	case tea.MouseWheelUp:
		p.move(-p.cols())
	}
}

func (p *Page) move(delta int) {
	if len(p.matches) == 0 {
		return
	}
	p.selected = min(max(p.selected+delta, 0), len(p.matches)-1)
	p.clampScroll()
}

// clampScroll keeps the selected card's row on screen.
func (p *Page) clampScroll() {
	cols, rows := p.cols(), p.visibleRows()
	row := p.selected / cols
	if row < p.firstRow {
		p.firstRow = row
	}
	if row >= p.firstRow+rows {
		p.firstRow = row - rows + 1
	}
	lastRow := max(0, (len(p.matches)-1)/cols)
	p.firstRow = max(0, min(p.firstRow, lastRow-rows+1))
}

// request is Solicitar (FAQ 3.12): the wizard opens pre-filled with the
// API, the environment (the filter's, else the first offered) and its
// terms. It needs a signed-in requester (FAQ 4.2).
func (p *Page) request(a api.API) tea.Cmd {
	t := p.com.Text
	switch {
	case p.com.Me == nil:
		return common.Toast(t.SignInToRequest, true) // nothing typed yet: no draft to speak of
	case !p.com.Me.Can(api.PermRequestsSubmit):
		return nil // s is not offered to whoever may not submit
	}
	env := a.Environments[0].Name
	if e, ok := p.env.Get(); ok && a.Offers(e) {
		env = e
	}
	return func() tea.Msg { return common.OpenWizardMsg{APIID: a.ID, Env: env} }
}

// termsChanged are the APIs whose current terms are not a version one of
// the person's requests accepted.
func (p *Page) termsChanged() map[string]bool {
	out := map[string]bool{}
	for id, versions := range p.accepted {
		a, ok := p.byID[id]
		if !ok {
			continue
		}
		for _, v := range versions {
			if v != a.Terms.Version {
				out[id] = true
			}
		}
	}
	return out
}
