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
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/route"
)

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End            key.Binding
	Add, Delete, Search, Back, Customer, Institution key.Binding
}

// deleteConfirmed is the delete question's yes.
type deleteConfirmed struct{ row api.VaultSystemStatus }

// Page is the Cofre page.
type Page struct {
	com  *common.Common
	keys keyMap
	mb   *route.Mailbox

	institution int // index in Me.Institutions
	customerKey string
	systems     []api.VaultSystem
	rows        []api.VaultSystemStatus
	loaded      bool
	err         error

	search   search.Box
	selected int

	width, height int
}

// New builds the page.
func New(com *common.Common) *Page {
	t := com.Text
	b := common.Bind
	return &Page{com: com, mb: route.NewMailbox("vault"), search: search.New(t.Vault.Search, 80), keys: keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		Add: b("n/enter", t.Vault.KeyAdd, "n", "enter"), Delete: b("x", t.Vault.KeyDelete, "x"),
		Search: b("/", t.KeySearch, "/"), Back: b("esc", t.KeySearchClear, "esc"), Customer: b("c", t.Vault.KeyCustomer, "c"),
		Institution: b("i", t.Vault.KeyInstitution, "i"),
	}}
}

func (p *Page) Title() string           { return p.com.Text.Vault.Tab }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Init() tea.Cmd           { return nil }
func (p *Page) Capturing() bool         { return p.search.Active }

// Allowed: the vault belongs to institutions, managed by their requesters.
func (p *Page) Allowed(me *api.Me) bool { return me != nil && me.Can(api.PermVaultWrite) }

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	return nil
}

// ShortHelp lists the keys that act now.
func (p *Page) ShortHelp() []key.Binding {
	if p.search.Active {
		return search.Help(p.com.Text)
	}
	return append(p.entryKeys(), p.filterKeys()...)
}

func (p *Page) FullHelp() [][]key.Binding {
	if p.search.Active {
		return [][]key.Binding{search.Help(p.com.Text)}
	}
	groups := [][]key.Binding{p.entryKeys(), p.filterKeys()}
	if len(p.visible()) > 1 {
		k := p.keys
		groups = append(groups, []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End})
	}
	return groups
}

// entryKeys write an entry (once the systems are known) and delete the
// selected one, when it holds an active credential.
func (p *Page) entryKeys() []key.Binding {
	var keys []key.Binding
	if p.loaded {
		keys = append(keys, p.keys.Add)
	}
	if p.deletable() != nil {
		keys = append(keys, p.keys.Delete)
	}
	return keys
}

// filterKeys narrow the table: by system name, customer_key, and the
// institution when the person answers for more than one.
func (p *Page) filterKeys() []key.Binding {
	k := p.keys
	keys := []key.Binding{k.Search, k.Customer}
	if me := p.com.Me; me != nil && len(me.Institutions) > 1 {
		keys = append(keys, k.Institution)
	}
	if p.search.Value() != "" {
		keys = append(keys, k.Back)
	}
	return keys
}

// deletable is the selected row when it has an entry to delete.
func (p *Page) deletable() *api.VaultSystemStatus {
	if r := p.current(); r != nil && r.CredentialStatus == api.VaultActive {
		return r
	}
	return nil
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
	return p.mb.Latest("status", load(p.com.Authed, p.cnpj(), p.customerKey, p.systems))
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
		if !p.loaded && !p.mb.Pending("status") {
			return p, p.reload()
		}
	case loadedMsg:
		p.err = msg.err
		if msg.err == nil {
			p.loaded, p.systems, p.rows = true, msg.systems, msg.rows
			p.selected = max(0, min(p.selected, len(p.visible())-1))
		}
	case entrySaved:
		return p, tea.Batch(common.Toast(savedText(p.com, msg), false), p.reload())
	case customerKeySet:
		p.customerKey, p.selected = msg.key, 0
		return p, p.reload()
	case deleteConfirmed:
		if p.com.Authed == nil { // signed out while the question was open
			return p, common.Toast(p.com.Text.Vault.SignIn, true)
		}
		return p, p.mb.Every(remove(p.com.Authed, p.cnpj(), msg.row.Name, msg.row.CustomerKey))
	case deletedMsg:
		if msg.err != nil {
			return p, common.Toast(common.Explain(p.com.Text, msg.err), true)
		}
		return p, tea.Batch(common.Toast(fmt.Sprintf(p.com.Text.Vault.Deleted, msg.system), false), p.reload())
	case tea.KeyPressMsg:
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

// move moves the selection by n rows, stopping at the ends.
func (p *Page) move(n int) {
	p.selected = max(0, min(p.selected+n, len(p.visible())-1))
}

// page is about a screen of rows (the filter bar and the table's title
// are above them).
func (p *Page) page() int { return max(1, p.height-4) }

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	if p.search.Active {
		cmd, _ := p.search.Key(msg)
		p.selected = 0
		return cmd
	}
	k, n := p.keys, len(p.visible())
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
		p.move(-n)
	case key.Matches(msg, k.End):
		p.move(n)
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case key.Matches(msg, k.Back):
		p.search.Clear()
	case key.Matches(msg, k.Institution):
		if me := p.com.Me; me != nil && len(me.Institutions) > 1 {
			p.institution = (p.institution + 1) % len(me.Institutions)
			return p.reload()
		}
	case key.Matches(msg, k.Customer):
		prompt, cmd := newKeyPrompt(p.com, p.mb.ID(), p.customerKey, p.width)
		p.com.Overlays.Push(prompt)
		return cmd
	case key.Matches(msg, k.Add):
		if p.loaded {
			return p.openForm()
		}
	case key.Matches(msg, k.Delete):
		if r := p.deletable(); r != nil {
			q := fmt.Sprintf(p.com.Text.Vault.ConfirmDelete, r.Name, r.CustomerKey)
			p.com.Overlays.Push(confirm.New(p.com, p.mb.ID(), q, deleteConfirmed{row: *r}, "s", "y", "enter"))
		}
	}
	return nil
}

// openForm starts an entry for the selected system and customer_key (the
// filter's, or the row's).
func (p *Page) openForm() tea.Cmd {
	system := 0
	ck := p.customerKey
	if r := p.current(); r != nil {
		for i, s := range p.systems {
			if s.Name == r.Name {
				system = i
			}
		}
		if r.CustomerKey != "" {
			ck = r.CustomerKey
		}
	}
	f, cmd := newForm(p.com, p.mb.ID(), p.com.Authed, p.cnpj(), p.systems, system, ck, p.width)
	p.com.Overlays.Push(f)
	return cmd
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
