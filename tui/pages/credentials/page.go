// Package credentials is the Credenciais page (FAQ 3.3, 3.14–3.16): the
// institution's OAuth2 clients with the lock icon, a secure viewer that
// shows the client_id and only a hint of the secret, generation behind a
// confirmation (with an optional grace period for the old secret), the
// one-time reveal, copying through OSC 52, the gateway test, and the
// institution's IP allowlist.
package credentials

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
)

// Graces are the choices for how long a regenerated secret's predecessor
// keeps working: none, the time to roll a deployment, a day (the maximum).
var Graces = []time.Duration{0, time.Hour, 24 * time.Hour}

type keyMap struct {
	Up, Down, CopyID, NewSecret, Test, Allowlist key.Binding
}

// confirm is the generate/regenerate question.
type confirm struct {
	cred  api.Credential
	grace int // index in Graces
}

// reveal is the one moment a secret is on screen. It lives only in memory
// and is dropped when the reveal closes.
type reveal struct {
	cred   api.Credential
	secret string
	until  string
}

// tester is the Testar credencial box: a masked field for the secret
// (unless it comes from the reveal), then the outcome.
type tester struct {
	cred    api.Credential
	input   textinput.Model
	secret  string // from the reveal; the field is not shown
	running bool
	done    bool
	check   client.GatewayCheck
	err     error
	problem string
}

// allowEditor edits the selected credential's institution allowlist.
type allowEditor struct {
	inst    api.Institution
	input   textinput.Model
	loading bool
	saving  bool
	problem string
}

// Page is the Credenciais page.
type Page struct {
	com   *common.Common
	store *store.Store
	keys  keyMap

	items    []api.Credential
	cachedAt time.Time // when the shown list came from the cache
	loaded   bool
	fetch    common.Latest // the list requests
	err      error
	selected int

	confirm    *confirm
	generating string // request id
	reveal     *reveal
	test       *tester
	allow      *allowEditor

	width, height int
}

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	t := com.Text
	b := common.Bind
	return &Page{com: com, store: s, keys: keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		CopyID: b("c", t.Cred.KeyCopyID, "c"), NewSecret: b("n", t.Cred.KeyNewSecret, "n"),
		Test: b("t", t.Cred.KeyTest, "t"), Allowlist: b("i", t.Cred.KeyAllowlist, "i"),
	}}
}

func (p *Page) Title() string { return p.com.Text.Cred.Tab }
func (p *Page) Init() tea.Cmd { return loadCached(p.store) }

// Capturing: every box keeps the keys, so q or tab never drops a secret on
// screen or a half-typed allowlist.
func (p *Page) Capturing() bool {
	return p.confirm != nil || p.reveal != nil || p.test != nil || p.allow != nil
}

// Allowed: credentials belong to institutions, managed by their requesters.
func (p *Page) Allowed(me *api.Me) bool { return me != nil && me.HasRole(api.RoleRequester) }

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
		if msg.Changed > 0 || (!p.loaded && !p.fetch.Pending()) {
			return p, p.refresh()
		}
	case fetchedMsg:
		if !p.fetch.Take(msg.gen) {
			return p, nil // asked before a change; the newer answer follows
		}
		if msg.err != nil {
			p.err = msg.err
			return p, nil
		}
		p.loaded, p.err, p.cachedAt = true, nil, time.Time{}
		p.setItems(msg.items)
	case generatedMsg:
		return p, p.generated(msg)
	case testedMsg:
		if p.test != nil && p.test.cred.ClientID == msg.clientID {
			p.test.running, p.test.done = false, true
			p.test.check, p.test.err = msg.check, msg.err
		}
	case allowlistMsg:
		return p, p.allowlistAnswered(msg)
	case tea.PasteMsg:
		return p, p.paste(msg)
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
	return fetch(p.com.Authed, p.store, p.com.Now(), p.fetch.Ask())
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
	switch {
	case p.confirm != nil:
		return p.confirmKey(msg)
	case p.test != nil:
		return p.testKey(msg)
	case p.reveal != nil:
		return p.revealKey(msg)
	case p.allow != nil:
		return p.allowKey(msg)
	}
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
		return p.openTest(*c, "")
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
	p.confirm = &confirm{cred: c}
	return nil
}

func (p *Page) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	d := p.confirm
	switch msg.String() {
	case "esc", "n":
		p.confirm = nil
	case "left", "h":
		if d.cred.State == api.CredentialActive {
			d.grace = (d.grace + len(Graces) - 1) % len(Graces)
		}
	case "right", "l", "tab":
		if d.cred.State == api.CredentialActive {
			d.grace = (d.grace + 1) % len(Graces)
		}
	case "enter", "y", "s":
		p.confirm, p.generating = nil, d.cred.RequestID
		return generate(p.com.Authed, d.cred.RequestID, Graces[d.grace])
	}
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
	p.reveal = &reveal{cred: cred, secret: msg.res.ClientSecret, until: msg.res.PreviousValidUntil}
	return tea.Batch(p.refresh(), func() tea.Msg { return common.SyncRequestsMsg{} })
}

func (p *Page) revealKey(msg tea.KeyPressMsg) tea.Cmd {
	r, t := p.reveal, p.com.Text
	switch {
	case msg.String() == "esc" || msg.String() == "enter":
		p.reveal = nil // the only copy of the secret in this program goes
		return common.Toast(t.Cred.RevealClosed, false)
	case msg.String() == "s":
		return common.CopySecret(p.com, t.Cred.SecretLabel, r.secret)
	case key.Matches(msg, p.keys.CopyID):
		return common.Copy(p.com, t.Cred.ClientID, r.cred.ClientID)
	case key.Matches(msg, p.keys.Test):
		return p.openTest(r.cred, r.secret)
	}
	return nil
}

// openTest starts the gateway test: at once with the secret of the reveal,
// otherwise after the person pastes it into a masked field.
func (p *Page) openTest(c api.Credential, secret string) tea.Cmd {
	t := p.com.Text
	switch {
	case c.State != api.CredentialAvailable && c.State != api.CredentialActive:
		return common.Toast(t.Cred.ExplainNotApproved, true)
	case c.SecretHint == "" && secret == "":
		return common.Toast(t.Cred.NoSecret, true)
	}
	in := search.NewInput("gecli_cs_…", api.SecretLen+8)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.SetWidth(max(20, min(api.SecretLen+2, p.width/2)))
	p.test = &tester{cred: c, input: in, secret: secret}
	if secret != "" {
		p.test.running = true
		return test(c, secret)
	}
	return p.test.input.Focus()
}

func (p *Page) testKey(msg tea.KeyPressMsg) tea.Cmd {
	tt := p.test
	switch msg.String() {
	case "esc":
		p.test = nil // the pasted secret goes with the box
		return nil
	case "enter":
		if tt.running {
			return nil
		}
		secret := tt.secret
		if secret == "" {
			secret = strings.TrimSpace(tt.input.Value())
		}
		if secret == "" {
			tt.problem = p.com.Text.Cred.TestNeedsSecret
			return nil
		}
		if err := api.CheckSecret(secret); err != nil && tt.secret == "" {
			tt.problem = err.Error()
			return nil
		}
		tt.running, tt.done, tt.problem = true, false, ""
		return test(tt.cred, secret)
	}
	if tt.secret != "" || tt.running {
		return nil
	}
	var cmd tea.Cmd
	tt.input, cmd = tt.input.Update(msg)
	tt.problem = ""
	return cmd
}

func (p *Page) paste(msg tea.PasteMsg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case p.test != nil && p.test.secret == "" && !p.test.running:
		p.test.input, cmd = p.test.input.Update(msg)
		p.test.problem = ""
	case p.allow != nil && !p.allow.loading:
		p.allow.input, cmd = p.allow.input.Update(msg)
		p.allow.problem = ""
	}
	return cmd
}

func (p *Page) openAllowlist(c api.Credential) tea.Cmd {
	if p.com.Authed == nil {
		return common.Toast(p.com.Text.Cred.SignIn, true)
	}
	in := search.NewInput("200.152.0.0/16, 2001:db8::/32", 4000)
	in.SetWidth(max(20, p.width-6))
	p.allow = &allowEditor{inst: c.Institution, input: in, loading: true}
	return tea.Batch(p.allow.input.Focus(), loadAllowlist(p.com.Authed, c.Institution.CNPJ))
}

func (p *Page) allowKey(msg tea.KeyPressMsg) tea.Cmd {
	a, t := p.allow, p.com.Text
	switch msg.String() {
	case "esc":
		p.allow = nil
		return nil
	case "enter":
		if a.loading || a.saving {
			return nil
		}
		ranges := splitRanges(a.input.Value())
		if _, errs := api.ParseRanges(ranges); len(errs) > 0 {
			a.problem = fmt.Sprintf(t.Cred.AllowInvalid, errs[0].Message)
			return nil
		}
		a.saving = true
		return saveAllowlist(p.com.Authed, a.inst.CNPJ, ranges)
	}
	if a.loading {
		return nil
	}
	var cmd tea.Cmd
	a.input, cmd = a.input.Update(msg)
	a.problem = ""
	return cmd
}

// allowlistAnswered fills the editor, or closes it after a save. A refusal
// keeps the editor open with what was typed.
func (p *Page) allowlistAnswered(msg allowlistMsg) tea.Cmd {
	a, t := p.allow, p.com.Text
	if a == nil || a.inst.CNPJ != msg.cnpj {
		return nil
	}
	a.loading, a.saving = false, false
	if msg.err != nil {
		var pe *client.ProblemError
		if errors.As(msg.err, &pe) && len(pe.Problem.Fields) > 0 {
			a.problem = fmt.Sprintf(t.Cred.AllowInvalid, pe.Problem.Fields[0].Message)
		} else {
			a.problem = common.Explain(t, msg.err)
		}
		return nil
	}
	if msg.saved {
		p.allow = nil
		return common.Toast(fmt.Sprintf(t.Cred.AllowSaved, len(msg.ranges)), false)
	}
	a.input.SetValue(strings.Join(msg.ranges, ", "))
	a.input.CursorEnd()
	return nil
}

// splitRanges reads what people type: commas, spaces or semicolons.
func splitRanges(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' }) {
		out = append(out, f)
	}
	return out
}
