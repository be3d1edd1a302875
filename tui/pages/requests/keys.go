package requests

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/i18n"
)

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End             key.Binding
	Search, Open, Back, Env, Sort, Toggle, Prev, Next key.Binding
	Cancel, Download, New, Resume, Form, Revoke       key.Binding
	// DeleteDraft deletes the draft chosen in the drafts picker.
	DeleteDraft key.Binding
	// ClearSearch is esc on the table: there is nothing to go back to.
	ClearSearch key.Binding
	Read        key.Binding // the viewer on the detail's PDFs
	// Credential goes to the request's credential on Credenciais (the
	// 🔒 of the Ações column); esc there comes back.
	Credential key.Binding
	// CopyID copies the selected request's number (for a ticket, a
	// message, the scripting commands).
	CopyID key.Binding
	// sei copies the detail's SEI link and retries what SEI refused.
	sei reqdetail.SEIKeys
}

func newKeyMap(t *i18n.Text) keyMap {
	b := common.Bind
	return keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		Search: b("/", t.KeySearchRequests, "/"),
		// The Ações column's icons, named where their keys are: ○ the
		// details, 🔒 the credential.
		Open: b("enter", t.KeyDetail+" ○", "enter"),
		Back: b("esc", t.KeyBack, "esc", "backspace"), Env: b("e", t.KeyEnv, "e"),
		ClearSearch: b("esc", t.KeySearchClear, "esc", "backspace"),
		Sort:        b("o", t.KeySort, "o"), Toggle: b("space", t.KeyToggleStatus, "space"),
		Prev: b("←/h", t.KeyStatusFocus, "left", "h"), Next: b("→/l", t.KeyStatusFocus, "right", "l"),
		Cancel: b("x", t.KeyCancelRequest, "x"), Download: b("d", t.KeyDownload, "d"),
		New: b("n", t.KeyNewRequest, "n"), Resume: b("r", t.KeyResumeDraft, "r"),
		DeleteDraft: b("x", t.KeyDeleteDraft, "x", "delete"),
		Form:        b("f", t.KeyForm, "f"), Revoke: b("v", t.Admin.KeyRevoke, "v"),
		Read: reqdetail.ReadKey(t), sei: reqdetail.NewSEIKeys(t),
		Credential: b("C", t.Cred.KeyShow+" 🔒", "C"), CopyID: b("y", t.KeyCopyID, "y"),
	}
}

// ShortHelp lists the keys that act in the current view (table, search
// box or detail), the likeliest first: the footer cuts from the end.
func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	switch {
	case p.detail != nil:
		keys := append(p.ownerKeys(p.detail.msg.Req), p.credentialKey(&p.detail.msg.Req)...)
		keys = append(keys, p.downloadKey()...)
		if moves := p.detailMoves(); len(moves) > 0 {
			keys = append(keys, k.Down)
		}
		return append(p.revokeKey(p.readKey(k.Back, keys...), &p.detail.msg.Req), k.sei.Offered(p.com, p.detail.msg)...)
	case p.search.Active:
		return search.Help(p.com.Text)
	}
	keys := append([]key.Binding{k.Search}, p.rowKeys(false)...)
	return p.newKey(append(keys, k.Toggle, k.Env, k.Sort))
}

// rowKeys are the keys that act on the selected row (none without one):
// open, its credential, cancel it, and with all, copy its number.
func (p *Page) rowKeys(all bool) []key.Binding {
	r := p.current()
	if r == nil {
		return nil
	}
	keys := append([]key.Binding{p.keys.Open}, p.credentialKey(r)...)
	if p.mayCancel(*r) {
		keys = append(keys, p.keys.Cancel)
	}
	if all {
		keys = append(keys, p.keys.CopyID)
	}
	return p.revokeKey(keys, r)
}

// tableMoves move the selection, when there are rows to move over.
func (p *Page) tableMoves() []key.Binding {
	if p.current() == nil {
		return nil
	}
	k := p.keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// downloadKey is d when the detail's request has files to save.
func (p *Page) downloadKey() []key.Binding {
	if len(reqdetail.Files(p.detail.msg.Req)) == 0 {
		return nil
	}
	return []key.Binding{p.keys.Download}
}

// hasCredential: the request shows the 🔒 (its credential can be seen)
// and the person may use Credenciais.
func (p *Page) hasCredential(r *api.Request) bool {
	return r != nil && r.CredentialState != api.CredentialNone && r.CredentialState != "" &&
		p.com.Me != nil && p.com.Me.Can(api.PermCredentialsManage)
}

// credentialKey is C when it applies to r.
func (p *Page) credentialKey(r *api.Request) []key.Binding {
	if p.hasCredential(r) {
		return []key.Binding{p.keys.Credential}
	}
	return nil
}

// newKey puts n first for whoever may submit (signed out, n says to
// sign in).
func (p *Page) newKey(keys []key.Binding) []key.Binding {
	if p.com.Me == nil || p.com.Me.Can(api.PermRequestsSubmit) {
		return append([]key.Binding{p.keys.New}, keys...)
	}
	return keys
}

// readKey puts p (read PDF) after back, the first of the detail's keys,
// when the detail's request has files: the footer shows it before it
// runs out of room.
func (p *Page) readKey(back key.Binding, rest ...key.Binding) []key.Binding {
	keys := []key.Binding{back}
	if reqdetail.Readable(p.detail.msg.Req) {
		keys = append(keys, p.keys.Read)
	}
	return append(keys, rest...)
}

// submits says whether the person may submit requests
// (requests:submit): only they fill a request's form or cancel it.
func (p *Page) submits() bool { return p.com.Me != nil && p.com.Me.Can(api.PermRequestsSubmit) }

// mayFillForm: the verification form of an approved request whose rule
// asks for one, by whoever submits.
func (p *Page) mayFillForm(r api.Request) bool {
	return p.submits() && r.Status == api.StatusApproved && (r.Rule == api.RuleFormRes316 || r.Rule == api.RuleFormStandard)
}

// mayCancel: a pending request, by whoever submits.
func (p *Page) mayCancel(r api.Request) bool { return p.submits() && r.Status == api.StatusPending }

// mayRevokeRequest: an approved request, by whoever may revoke.
func (p *Page) mayRevokeRequest(r *api.Request) bool {
	return r != nil && p.mayRevoke() && r.Status == api.StatusApproved
}

// ownerKeys are f and x where they apply to r: an evaluator, who may do
// neither, is not offered them (the server would answer 403).
func (p *Page) ownerKeys(r api.Request) []key.Binding {
	var keys []key.Binding
	if p.mayFillForm(r) {
		keys = append(keys, p.keys.Form)
	}
	if p.mayCancel(r) {
		keys = append(keys, p.keys.Cancel)
	}
	return keys
}

// revokeKey adds revoke to keys when r can be revoked by this person (an
// admin).
func (p *Page) revokeKey(keys []key.Binding, r *api.Request) []key.Binding {
	if p.mayRevokeRequest(r) {
		return append(keys, p.keys.Revoke)
	}
	return keys
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	switch {
	case p.detail != nil:
		keys := append(p.ownerKeys(p.detail.msg.Req), p.credentialKey(&p.detail.msg.Req)...)
		keys = append(append(keys, p.downloadKey()...), k.CopyID)
		return [][]key.Binding{p.revokeKey(p.readKey(k.Back, keys...), &p.detail.msg.Req), p.detailMoves(),
			k.sei.Offered(p.com, p.detail.msg)}
	case p.search.Active:
		return [][]key.Binding{search.Help(p.com.Text)}
	}
	var first []key.Binding
	if len(p.drafts) > 0 && p.submits() {
		first = append(first, k.Resume)
	}
	first = append(append(append(first, k.Search), p.rowKeys(true)...), k.Env, k.Sort)
	if p.search.Value() != "" {
		first = append(first, k.ClearSearch)
	}
	return [][]key.Binding{p.newKey(first), {k.Prev, k.Next, k.Toggle}, p.tableMoves()}
}

// showCredential sends the person to r's credential on Credenciais; esc
// there comes back to this page as it is.
func (p *Page) showCredential(r *api.Request) tea.Cmd {
	if !p.hasCredential(r) {
		return nil
	}
	msg := common.ShowPageMsg{Page: common.CredentialsPage, Back: p.mb.ID(), Select: r.ID}
	return func() tea.Msg { return msg }
}
