package requests

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/i18n"
)

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End             key.Binding
	Search, Open, Back, Env, Sort, Toggle, Prev, Next key.Binding
	Cancel, Download, New, Resume, Form, Revoke       key.Binding
	Read                                              key.Binding // the viewer on the detail's PDFs
	// sei copies the detail's SEI link and retries what SEI refused.
	sei reqdetail.SEIKeys
}

func newKeyMap(t *i18n.Text) keyMap {
	b := common.Bind
	return keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn", t.KeyPage, "pgdown"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		Search: b("/", t.KeySearchAPI, "/"), Open: b("enter", t.KeyDetail, "enter"),
		Back: b("esc", t.KeyBack, "esc", "backspace"), Env: b("e", t.KeyEnv, "e"),
		Sort: b("o", t.KeySort, "o"), Toggle: b("space", t.KeyToggleStatus, "space"),
		Prev: b("←/h", t.KeyStatusFocus, "left", "h"), Next: b("→/l", t.KeyStatusFocus, "right", "l"),
		Cancel: b("x", t.KeyCancelRequest, "x"), Download: b("d", t.KeyDownload, "d"),
		New: b("n", t.KeyNewRequest, "n"), Resume: b("r", t.KeyResumeDraft, "r"),
		Form: b("f", t.KeyForm, "f"), Revoke: b("v", t.Admin.KeyRevoke, "v"),
		Read: reqdetail.ReadKey(t), sei: reqdetail.NewSEIKeys(t),
	}
}

func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	if p.detail != nil {
		keys := append(p.ownerKeys(p.detail.msg.Req), k.Download, k.Down)
		return append(p.revokeKey(p.readKey(k.Back, keys...)), k.sei.Offered(p.com, p.detail.msg)...)
	}
	return p.revokeKey(p.newKey([]key.Binding{k.Search, k.Open, k.Toggle, k.Env, k.Sort}))
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

// revokeKey adds revoke to keys for whoever may revoke (an admin).
func (p *Page) revokeKey(keys []key.Binding) []key.Binding {
	if p.mayRevoke() {
		return append(keys, p.keys.Revoke)
	}
	return keys
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	if p.detail != nil {
		keys := append(p.ownerKeys(p.detail.msg.Req), k.Download)
		return [][]key.Binding{p.revokeKey(p.readKey(k.Back, keys...)), {k.Up, k.Down},
			k.sei.Offered(p.com, p.detail.msg)}
	}
	return [][]key.Binding{
		p.revokeKey(p.newKey([]key.Binding{k.Resume, k.Search, k.Open, k.Env, k.Sort, k.Back})),
		{k.Prev, k.Next, k.Toggle},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
	}
}
