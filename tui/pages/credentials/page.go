// Package credentials is the Credenciais page (FAQ 3.3, 3.14–3.16): the
// institution's OAuth2 clients with the lock icon, a secure viewer that
// shows the client_id and only a hint of the secret, generation behind a
// confirmation (with an optional grace period for the old secret), the
// one-time reveal, copying through OSC 52, the gateway test, and the
// institution's IP allowlist.
package credentials

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/route"
)

// Graces are the choices for how long a regenerated secret's predecessor
// keeps working: none, the time to roll a deployment, a day (the maximum).
var Graces = []time.Duration{0, time.Hour, 24 * time.Hour}

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	CopyID, NewSecret, Test, Allowlist    key.Binding
	Search, SearchKeep, SearchClear, Back key.Binding
}

func newKeyMap(com *common.Common) keyMap {
	t, b := com.Text, common.Bind
	return keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		CopyID: b("c", t.Cred.KeyCopyID, "c"), NewSecret: b("n", t.Cred.KeyNewSecret, "n"),
		Test: b("t", t.Cred.KeyTest, "t"), Allowlist: b("i", t.Cred.KeyAllowlist, "i"),
		Search: b("/", t.KeySearch, "/"), Back: b("esc", t.KeyBack, "esc"),
		// The search box's own keys (tui/components/search), for the
		// footer while it is typed in.
		SearchKeep: b("enter/↓", t.KeySearchKeep, "enter", "tab", "down"), SearchClear: b("esc", t.KeySearchClear, "esc"),
	}
}

// Page is the Credenciais page.
type Page struct {
	com   *common.Common
	store *store.Store
	keys  keyMap
	boxes boxKeys
	mb    *route.Mailbox

	items    []api.Credential
	cachedAt time.Time // when the shown list came from the cache
	loaded   bool
	err      error

	search search.Box
	hay    []string // each item's folded text, for the search
	shown  []int    // the items the search matches, in list order
	// selected is an index in shown.
	selected int

	// want is a request whose credential another page asked to show,
	// selected once the list holds it; back is that page, where esc
	// returns.
	want string
	back route.ID

	generating string // request id

	width, height int
}

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	return &Page{com: com, store: s, boxes: newBoxKeys(com), mb: route.NewMailbox(common.CredentialsPage), keys: newKeyMap(com),
		search: search.New(com.Text.Cred.SearchHint, 80)}
}

func (p *Page) Title() string           { return p.com.Text.Cred.Tab }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Init() tea.Cmd           { return p.mb.Latest("cache", loadCached(p.store)) }

// Capturing: the search box has focus (the page's boxes are overlays).
func (p *Page) Capturing() bool { return p.search.Active }

// Allowed: credentials belong to institutions, managed by their requesters.
func (p *Page) Allowed(me *api.Me) bool { return me != nil && me.Can(api.PermCredentialsManage) }

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	p.search.Input.SetWidth(max(10, p.listWidth()-3))
	return nil
}

// ShortHelp lists the keys that act now: the search box's while it is
// typed in; the credential's only with one selected; esc while it clears
// the search or returns to the page that sent the person here.
func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	if p.search.Active {
		return []key.Binding{k.SearchKeep, k.SearchClear}
	}
	keys := append([]key.Binding{k.Search}, p.escKey()...)
	if p.current() != nil {
		keys = append(keys, k.CopyID, k.NewSecret, k.Test, k.Allowlist)
	}
	if len(p.shown) > 1 {
		keys = append(keys, k.Down, k.End)
	}
	return keys
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	if p.search.Active {
		return [][]key.Binding{{k.SearchKeep, k.SearchClear}}
	}
	var groups [][]key.Binding
	if p.current() != nil {
		groups = append(groups, []key.Binding{k.CopyID, k.NewSecret, k.Test, k.Allowlist})
	}
	groups = append(groups, append([]key.Binding{k.Search}, p.escKey()...))
	if len(p.shown) > 1 {
		groups = append(groups, []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End})
	}
	return groups
}

// escKey is esc as it acts now: it clears the search, else goes back to
// the page that sent the person here, else does nothing (and is not
// listed).
func (p *Page) escKey() []key.Binding {
	switch {
	case p.search.Value() != "":
		return []key.Binding{p.keys.SearchClear}
	case p.back != "":
		return []key.Binding{p.keys.Back}
	}
	return nil
}

func (p *Page) current() *api.Credential {
	if p.selected < len(p.shown) {
		return &p.items[p.shown[p.selected]]
	}
	return nil
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case cachedMsg:
		if !p.loaded && msg.err == nil && len(msg.items) > 0 {
			p.setItems(msg.items)
			p.cachedAt = msg.at
		}
		return p, p.missing()
	case common.RequestsSyncedMsg:
		// A sync means the session works; approvals and revocations made
		// elsewhere change credentials too.
		if msg.Changed > 0 || (!p.loaded && !p.mb.Pending("list")) {
			return p, p.refresh()
		}
	case fetchedMsg:
		if msg.err != nil {
			p.err = msg.err
			return p, p.missing()
		}
		p.loaded, p.err, p.cachedAt = true, nil, time.Time{}
		p.setItems(msg.items)
		return p, p.missing()
	case common.ShowPageMsg:
		return p, p.show(msg)
	case generateChosen:
		if p.com.Authed == nil { // signed out while the question was open
			return p, common.Toast(p.com.Text.Cred.SignIn, true)
		}
		p.generating = msg.cred.RequestID
		return p, p.mb.Every(generate(p.com.Authed, msg.cred.RequestID, msg.grace))
	case generatedMsg:
		return p, p.generated(msg)
	case tea.KeyPressMsg:
		if p.search.Active {
			cmd, changed := p.search.Key(msg)
			if changed {
				p.filter()
			}
			return p, cmd
		}
		return p, p.key(msg)
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelDown {
			p.move(3)
		} else {
			p.move(-3)
		}
	}
	return p, nil
}

// refresh asks again even with a request in flight: that one may have
// left before a secret was generated and would show the old state.
func (p *Page) refresh() tea.Cmd {
	if p.com.Authed == nil {
		return nil
	}
	return p.mb.Latest("list", fetch(p.com.Authed, p.store, p.com.Now()))
}

// setItems keeps the selection on the same credential when it is still
// listed.
func (p *Page) setItems(items []api.Credential) {
	keep := p.selectedID()
	p.items = items
	p.hay = make([]string, len(items))
	for i, c := range items {
		p.hay[i] = haystack(c)
	}
	p.refilter(keep)
}

// haystack is what the search looks in: the API (name, id, environment),
// the request's number, the institution (name, CNPJ as typed or
// formatted) and the client_id.
func haystack(c api.Credential) string {
	return api.Fold(strings.Join([]string{c.APIName, c.APIID, string(c.Environment), c.RequestID,
		c.Institution.Name, c.Institution.CNPJ, api.FormatCNPJ(c.Institution.CNPJ), c.ClientID}, " "))
}

func (p *Page) selectedID() string {
	if c := p.current(); c != nil {
		return c.RequestID
	}
	return ""
}

// filter lists again after the search changed: on the same credential
// when it still matches, else on the first match.
func (p *Page) filter() {
	if !p.refilter(p.selectedID()) {
		p.selected = 0
	}
}

// refilter lists the items that hold every word searched, and selects
// the credential asked for, else keep, when it is among them (found says
// whether one was); otherwise the selection stays within the list.
func (p *Page) refilter(keep string) (found bool) {
	words := strings.Fields(api.Fold(p.search.Value()))
	p.shown = p.shown[:0]
	for i, h := range p.hay {
		if containsAll(h, words) {
			p.shown = append(p.shown, i)
		}
	}
	for _, id := range []string{p.want, keep} {
		for i, n := range p.shown {
			if id != "" && p.items[n].RequestID == id {
				p.selected = i
				if id == p.want {
					p.want = ""
				}
				return true
			}
		}
	}
	p.selected = max(0, min(p.selected, len(p.shown)-1))
	return false
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// show selects the credential another page asked for (a request's 🔒),
// clearing a search that hides it, and remembers where esc returns. A
// credential the list does not hold yet is asked for again.
func (p *Page) show(msg common.ShowPageMsg) tea.Cmd {
	p.back = msg.Back
	if msg.Select == "" {
		return nil
	}
	p.want = msg.Select
	prev := p.selectedID()
	if p.refilter(prev); p.want != "" && p.search.Value() != "" {
		p.search.Clear()
		p.refilter(prev)
	}
	if p.want == "" {
		return nil
	}
	if cmd := p.refresh(); cmd != nil {
		return cmd // perhaps approved since the list was read
	}
	return p.missing()
}

// missing says so when the credential asked for is not in the list
// once the list is known: the server's, or the cache's when the server
// cannot be asked.
func (p *Page) missing() tea.Cmd {
	switch {
	case p.want == "", p.mb.Pending("list"), p.mb.Pending("cache"):
		return nil
	case !p.loaded && p.com.Authed != nil && p.err == nil:
		return nil // the server's list is still to come (a sync asks for it)
	}
	id := p.want
	p.want = ""
	return common.Toast(fmt.Sprintf(p.com.Text.Cred.NotListed, id), true)
}

// page is how many entries a screen of the list holds.
func (p *Page) page() int { return max(1, (p.height-3)/2) }

// move moves the selection by n entries, stopping at the ends.
func (p *Page) move(n int) {
	p.selected = max(0, min(p.selected+n, len(p.shown)-1))
}

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	k, t := p.keys, p.com.Text
	c := p.current()
	switch {
	case key.Matches(msg, k.Down):
		p.move(1)
	case key.Matches(msg, k.Up):
		p.move(-1)
	case key.Matches(msg, k.PageDown):
		p.move(p.page())
	case key.Matches(msg, k.PageUp):
		p.move(-p.page())
	case key.Matches(msg, k.Home):
		p.move(-len(p.shown))
	case key.Matches(msg, k.End):
		p.move(len(p.shown))
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case key.Matches(msg, k.Back):
		return p.esc()
	case c == nil:
		return nil
	case key.Matches(msg, k.CopyID):
		return common.Copy(p.com, t.Cred.ClientID, c.ClientID)
	case key.Matches(msg, k.NewSecret):
		return p.askGenerate(*c)
	case key.Matches(msg, k.Test):
		return p.openTest(*c)
	case key.Matches(msg, k.Allowlist):
		return p.openAllowlist(*c)
	}
	return nil
}

// esc clears the search first; then, when another page sent the person
// here, it goes back there (that page is as it was left).
func (p *Page) esc() tea.Cmd {
	if p.search.Clear() {
		p.filter()
		return nil
	}
	if p.back == "" {
		return nil
	}
	back := p.back
	p.back = ""
	return func() tea.Msg { return common.ShowPageMsg{Page: back} }
}

// askGenerate opens the confirmation, or says why a secret cannot be
// generated (FAQ 4.1 "Erro ao gerar credencial").
func (p *Page) askGenerate(c api.Credential) tea.Cmd {
	t := p.com.Text
	switch {
	case p.com.Authed == nil:
		return common.Toast(t.Cred.SignIn, true)
	case p.generating != "":
		return common.Toast(t.Cred.NotNow, true)
	case c.State != api.CredentialAvailable && c.State != api.CredentialActive:
		return common.Toast(t.Cred.ExplainNotApproved, true)
	}
	p.com.Overlays.Push(&generateBox{box: newBox(p.com, "generate", p.mb.ID(), p.width), keys: p.boxes, cred: c})
	return nil
}

// generated opens the one-time reveal and refreshes what changed (the
// credential's hint and state, the request's credential state).
func (p *Page) generated(msg generatedMsg) tea.Cmd {
	p.generating = ""
	if msg.err != nil {
		if client.ProblemCode(msg.err) == api.CodeCredentialNotApproved {
			return common.Toast(p.com.Text.Cred.ExplainNotApproved, true)
		}
		return common.Toast(common.Explain(p.com.Text, msg.err), true)
	}
	cred := api.Credential{RequestID: msg.requestID, ClientID: msg.res.ClientID}
	for _, c := range p.items {
		if c.RequestID == msg.requestID {
			cred = c
		}
	}
	p.com.Overlays.Push(&revealBox{box: newBox(p.com, "reveal", p.mb.ID(), p.width), keys: p.boxes, cred: cred,
		secret: msg.res.ClientSecret, until: msg.res.PreviousValidUntil})
	return tea.Batch(p.refresh(), func() tea.Msg { return common.SyncRequestsMsg{} })
}

// openTest starts the gateway test of a credential whose secret the
// person pastes (the reveal tests its own secret).
func (p *Page) openTest(c api.Credential) tea.Cmd {
	t := p.com.Text
	switch {
	case c.State != api.CredentialAvailable && c.State != api.CredentialActive:
		return common.Toast(t.Cred.ExplainNotApproved, true)
	case c.SecretHint == "":
		return common.Toast(t.Cred.NoSecret, true)
	}
	tb, cmd := newTester(p.com, p.mb.ID(), p.boxes, c, "", p.width)
	p.com.Overlays.Push(tb)
	return cmd
}

func (p *Page) openAllowlist(c api.Credential) tea.Cmd {
	if p.com.Authed == nil {
		return common.Toast(p.com.Text.Cred.SignIn, true)
	}
	a, cmd := newAllowBox(p.com, p.mb.ID(), p.boxes, p.com.Authed, c.Institution, p.width)
	p.com.Overlays.Push(a)
	return cmd
}
