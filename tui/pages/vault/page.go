// Package vault is the Cofre page: the institution's tribunal logins as
// the JUDIT "Cofre de Credenciais" keeps them. It lists every system with
// its status, filters by customer_key and searches by system, adds or
// overwrites an entry through a form with masked secrets, and deletes after
// a confirmation. It never shows a stored value: the server never returns
// one.
package vault

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
)

type keyMap struct {
	Up, Down, Add, Delete, Search, Customer, Institution key.Binding
}

// Form fields, in tab order.
const (
	fieldSystem = iota
	fieldCustomer
	fieldUser
	fieldPassword
	fieldSeed
	fieldCount
)

// form adds or overwrites one entry. Its secrets live in the inputs only
// and go with the form.
type form struct {
	system  int // index in Page.systems
	inputs  [fieldCount]textinput.Model
	focus   int
	problem string
	field   int // the field the problem is about
	saving  bool
}

// Page is the Cofre page.
type Page struct {
	com  *common.Common
	keys keyMap

	institution int // index in Me.Institutions
	customerKey string
	systems     []api.VaultSystem
	rows        []api.VaultSystemStatus
	loaded      bool
	load        common.Latest
	err         error

	search   search.Box
	keyInput *textinput.Model // the customer_key filter while typed
	selected int

	form    *form
	confirm *api.VaultSystemStatus

	width, height int
}

// New builds the page.
func New(com *common.Common) *Page {
	t := com.Text
	b := common.Bind
	return &Page{com: com, search: search.New(t.Vault.Search, 80), keys: keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		Add: b("n/enter", t.Vault.KeyAdd, "n", "enter"), Delete: b("x", t.Vault.KeyDelete, "x"),
		Search: b("/", t.KeySearch, "/"), Customer: b("c", t.Vault.KeyCustomer, "c"),
		Institution: b("i", t.Vault.KeyInstitution, "i"),
	}}
}

func (p *Page) Title() string { return p.com.Text.Vault.Tab }
func (p *Page) Init() tea.Cmd { return nil }
func (p *Page) Capturing() bool {
	return p.search.Active || p.keyInput != nil || p.form != nil || p.confirm != nil
}

// Allowed: the vault belongs to institutions, managed by their requesters.
func (p *Page) Allowed(me *api.Me) bool { return me != nil && me.HasRole(api.RoleRequester) }

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	return nil
}

func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Add, k.Delete, k.Search, k.Customer, k.Institution}
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Add, k.Delete}, {k.Search, k.Customer, k.Institution}, {k.Up, k.Down}}
}

func (p *Page) cnpj() string {
	if me := p.com.Me; me != nil && p.institution < len(me.Institutions) {
		return me.Institutions[p.institution].CNPJ
	}
	return ""
}

// reload always asks again, even with a load in flight: that load may
// have started before a write or delete and would show the old state.
func (p *Page) reload() tea.Cmd {
	if p.com.Authed == nil || !p.Allowed(p.com.Me) {
		return nil
	}
	return load(p.com.Authed, p.cnpj(), p.customerKey, p.systems, p.load.Ask())
}

// visible are the rows that match the system search.
func (p *Page) visible() []api.VaultSystemStatus {
	q := api.Fold(strings.TrimSpace(p.search.Value()))
	if q == "" {
		return p.rows
	}
	var out []api.VaultSystemStatus
	for _, r := range p.rows {
		if strings.Contains(api.Fold(r.Name), q) {
			out = append(out, r)
		}
	}
	return out
}

func (p *Page) current() *api.VaultSystemStatus {
	rows := p.visible()
	if p.selected < len(rows) {
		return &rows[p.selected]
	}
	return nil
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.RequestsSyncedMsg:
		if !p.loaded && !p.load.Pending() {
			return p, p.reload()
		}
	case loadedMsg:
		if !p.load.Take(msg.gen) {
			return p, nil // a newer load (new filter, or after a change) is on its way
		}
		p.err = msg.err
		if msg.err == nil {
			p.loaded, p.systems, p.rows = true, msg.systems, msg.rows
			p.selected = max(0, min(p.selected, len(p.visible())-1))
		}
	case writtenMsg:
		return p, p.written(msg)
	case deletedMsg:
		if msg.err != nil {
			return p, common.Toast(common.Explain(p.com.Text, msg.err), true)
		}
		return p, tea.Batch(common.Toast(fmt.Sprintf(p.com.Text.Vault.Deleted, msg.system), false), p.reload())
	case tea.PasteMsg:
		if f := p.form; f != nil {
			var cmd tea.Cmd
			f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
			return p, cmd
		}
	case tea.KeyPressMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case p.form != nil:
		return p.formKey(msg)
	case p.confirm != nil:
		return p.confirmKey(msg)
	case p.keyInput != nil:
		return p.customerKeyKey(msg)
	case p.search.Active:
		cmd, _ := p.search.Key(msg)
		p.selected = 0
		return cmd
	}
	k, n := p.keys, len(p.visible())
	switch {
	case key.Matches(msg, k.Down):
		p.selected = min(p.selected+1, max(0, n-1))
	case key.Matches(msg, k.Up):
		p.selected = max(0, p.selected-1)
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case msg.String() == "esc":
		p.search.Clear()
	case key.Matches(msg, k.Institution):
		if me := p.com.Me; me != nil && len(me.Institutions) > 1 {
			p.institution = (p.institution + 1) % len(me.Institutions)
			return p.reload()
		}
	case key.Matches(msg, k.Customer):
		in := search.NewInput("00000001", api.MaxCustomerKeyLen)
		in.SetValue(p.customerKey)
		p.keyInput = &in
		return p.keyInput.Focus()
	case key.Matches(msg, k.Add):
		if p.loaded {
			return p.openForm()
		}
	case key.Matches(msg, k.Delete):
		if r := p.current(); r != nil && r.CredentialStatus == api.VaultActive {
			c := *r
			p.confirm = &c
		}
	}
	return nil
}

func (p *Page) customerKeyKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		p.keyInput = nil
		return nil
	case "enter":
		v := strings.TrimSpace(p.keyInput.Value())
		if v != "" && !api.ValidCustomerKey(v) {
			return common.Toast(p.com.Text.Vault.ErrCustomerKey, true)
		}
		p.keyInput, p.customerKey, p.selected = nil, v, 0
		return p.reload()
	}
	var cmd tea.Cmd
	*p.keyInput, cmd = p.keyInput.Update(msg)
	return cmd
}

func (p *Page) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	c := p.confirm
	switch msg.String() {
	case "s", "y", "enter":
		p.confirm = nil
		return remove(p.com.Authed, p.cnpj(), c.Name, c.CustomerKey)
	case "esc", "n":
		p.confirm = nil
	}
	return nil
}

// lockedReason is the server's reason when the vault is locked ("" for
// any other error).
func lockedReason(err error) string {
	var pe *client.ProblemError
	if errors.As(err, &pe) && pe.Problem.Code == api.CodeVaultLocked {
		return pe.Problem.Detail
	}
	return ""
}
