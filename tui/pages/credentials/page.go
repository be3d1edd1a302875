// Package credentials is the Credenciais page (FAQ 3.3, 3.14–3.16): the
// institution's OAuth2 clients with the lock icon, a secure viewer that
// shows the client_id and only a hint of the secret, generation behind a
// confirmation (with an optional grace period for the old secret), the
// one-time reveal, copying through OSC 52, the gateway test, and the
// institution's IP allowlist.
package credentials

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/route"
)

// Graces are the choices for how long a regenerated secret's predecessor
// keeps working: none, the time to roll a deployment, a day (the maximum).
var Graces = []time.Duration{0, time.Hour, 24 * time.Hour}

type keyMap struct {
	Up, Down, CopyID, NewSecret, Test, Allowlist key.Binding
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
	selected int

	generating string // request id

	width, height int
}

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	t := com.Text
	b := common.Bind
	return &Page{com: com, store: s, boxes: newBoxKeys(com), mb: route.NewMailbox("credentials"), keys: keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		CopyID: b("c", t.Cred.KeyCopyID, "c"), NewSecret: b("n", t.Cred.KeyNewSecret, "n"),
		Test: b("t", t.Cred.KeyTest, "t"), Allowlist: b("i", t.Cred.KeyAllowlist, "i"),
	}}
}

func (p *Page) Title() string           { return p.com.Text.Cred.Tab }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Init() tea.Cmd           { return p.mb.Latest("cache", loadCached(p.store)) }

// Capturing: the page has no inline field; its boxes are overlays.
func (p *Page) Capturing() bool { return false }

// Allowed: credentials belong to institutions, managed by their requesters.
func (p *Page) Allowed(me *api.Me) bool { return me != nil && me.Can(api.PermCredentialsManage) }

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	return nil
}

func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.CopyID, k.NewSecret, k.Test, k.Allowlist, k.Down}
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.CopyID, k.NewSecret, k.Test, k.Allowlist}, {k.Up, k.Down}}
}

func (p *Page) current() *api.Credential {
	if p.selected < len(p.items) {
		return &p.items[p.selected]
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
	case common.RequestsSyncedMsg:
		// A sync means the session works; approvals and revocations made
		// elsewhere change credentials too.
		if msg.Changed > 0 || (!p.loaded && !p.mb.Pending("list")) {
			return p, p.refresh()
		}
	case fetchedMsg:
		if msg.err != nil {
			p.err = msg.err
			return p, nil
		}
		p.loaded, p.err, p.cachedAt = true, nil, time.Time{}
		p.setItems(msg.items)
	case generateChosen:
		if p.com.Authed == nil { // signed out while the question was open
			return p, common.Toast(p.com.Text.Cred.SignIn, true)
		}
		p.generating = msg.cred.RequestID
		return p, p.mb.Every(generate(p.com.Authed, msg.cred.RequestID, msg.grace))
	case generatedMsg:
		return p, p.generated(msg)
	case tea.KeyPressMsg:
		return p, p.key(msg)
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
	prev := ""
	if c := p.current(); c != nil {
		prev = c.RequestID
	}
	p.items = items
	for i, c := range items {
		if c.RequestID == prev {
			p.selected = i
			return
		}
	}
	p.selected = max(0, min(p.selected, len(items)-1))
}

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	k, t := p.keys, p.com.Text
	c := p.current()
	switch {
	case key.Matches(msg, k.Down):
		p.selected = min(p.selected+1, max(0, len(p.items)-1))
	case key.Matches(msg, k.Up):
		p.selected = max(0, p.selected-1)
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
