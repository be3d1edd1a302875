// Package requests is the Solicitações page: a virtual table over the
// cached requests (only the visible window is read from SQLite), with
// search by API name, request number, SEI process or CNPJ, status checkboxes, environment filter and sort, and
// the detail of a request with its history, attachments and cancel.
package requests

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/components/window"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Page is the requests page.
type Page struct {
	com   *common.Common
	store *store.Store
	keys  keyMap
	mb    *route.Mailbox

	search   search.Box
	statuses map[api.Status]bool
	focus    int // focused status checkbox
	env      common.Choice[api.Environment]
	sort     store.SortBy

	win    window.Window // the rows on screen and the selection
	count  int           // -1 while counting
	loaded bool
	err    error

	width, height int

	detail *detailView
	drafts []store.Draft
	// justifications are revocations' texts left with esc, by request,
	// kept until the revocation is done.
	justifications map[string]string
}

// cancelConfirmed is the cancel question's yes.
type cancelConfirmed struct{ id string }

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	statuses := map[api.Status]bool{}
	for _, s := range api.Statuses {
		statuses[s] = true
	}
	return &Page{com: com, store: s, keys: newKeyMap(com.Text), mb: route.NewMailbox("requests"), search: newSearch(com.Text), statuses: statuses, count: -1,
		justifications: map[string]string{},
		env:            common.NewChoice(api.Environments)}
}

// newSearch is the / box; its placeholder names what it finds.
func newSearch(t *i18n.Text) search.Box {
	return search.New(t.SearchRequestsPlaceholder, api.MaxQueryLen)
}

func (p *Page) Title() string           { return p.com.Text.TabRequests }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Capturing() bool         { return p.search.Active }

// Allowed: everyone may browse (the catalog is public; requests need a
// session, which the page explains).
func (p *Page) Allowed(*api.Me) bool { return true }

func (p *Page) Init() tea.Cmd { return tea.Batch(p.reload(), p.loadDrafts()) }

// loadDrafts reads the saved drafts (the newest read wins).
func (p *Page) loadDrafts() tea.Cmd { return p.mb.Latest("drafts", loadDrafts(p.store)) }

func (p *Page) SetSize(w, h int) tea.Cmd {
	before := p.visible()
	p.width, p.height = w, h
	p.search.Input.SetWidth(max(12, min(ansi.StringWidth(p.com.Text.SearchRequestsPlaceholder)+1, w/2-2)))
	if p.visible() > before && !p.win.AtEnd() {
		return p.refresh() // room for more rows below
	}
	return nil
}

// visible is how many table rows fit (filter bar, its status lines,
// blank, header, footer).
func (p *Page) visible() int { return max(1, p.height-4-len(p.statusLines())) }

func (p *Page) query() store.RequestQuery {
	q := store.RequestQuery{Sort: p.sort}
	for _, s := range api.Statuses {
		if p.statuses[s] {
			q.Statuses = append(q.Statuses, s)
		}
	}
	if len(q.Statuses) == 0 {
		q.APIIDs = []string{} // nothing ticked: nothing shown
	}
	q.Env, _ = p.env.Get()
	return q
}

// count recounts the rows of the current filters (off the keystroke
// path: the window shows first).
func (p *Page) recount() tea.Cmd {
	return p.mb.Latest("count", countRows(p.store, p.query(), p.search.Value()))
}

// reload re-reads from the top and recounts (the filters changed).
func (p *Page) reload() tea.Cmd {
	p.count = -1
	return tea.Batch(p.read(window.Top()), p.recount())
}

// refresh re-reads the window from its current top row (rows changed
// underneath after a sync), keeping the selection where it was.
func (p *Page) refresh() tea.Cmd {
	return tea.Batch(p.read(p.win.Refresh()), p.recount())
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case window.Loaded:
		p.loaded, p.err = true, msg.Err
		return p, p.follow(p.win.Apply(msg))
	case countMsg:
		p.count = msg.n
	case common.RequestsSyncedMsg:
		if msg.Changed > 0 {
			return p, tea.Batch(p.refresh(), p.rereadDetail())
		}
		if !p.loaded {
			return p, p.refresh()
		}
	case reqdetail.Msg:
		return p, p.detailLoaded(msg)
	case reqdetail.SEIMsg:
		return p, p.seiAnswered(msg)
	case cancelConfirmed:
		if p.com.Authed == nil {
			return p, common.Toast(p.com.Text.WizSignIn, true)
		}
		return p, p.mb.Every(cancelRequest(p.com.Authed, msg.id))
	case resumeDraft:
		return p, p.newRequest(&msg.draft)
	case draftsMsg:
		p.setDrafts(msg.drafts)
	case deleteConfirmed:
		return p, p.mb.Every(deleteDraft(p.store, msg.draft))
	case draftDeletedMsg:
		return p, p.draftDeleted(msg)
	case common.DraftsChangedMsg:
		return p, p.loadDrafts()
	case cancelledMsg:
		return p, p.cancelled(msg)
	case revokeChosen:
		p.justifications[msg.id] = msg.justification // until it is done
		if p.com.Authed == nil {
			return p, common.Toast(p.com.Text.WizSignIn, true)
		}
		return p, tea.Batch(common.Toast(fmt.Sprintf(p.com.Text.Admin.Revoking, msg.id), false),
			p.mb.Every(revokeRequest(p.com.Authed, msg.id, msg.justification)))
	case revokedMsg:
		return p, p.revoked(msg)
	case reqdetail.DownloadedMsg:
		return p, reqdetail.Downloaded(p.com, msg)
	case tea.KeyPressMsg:
		switch {
		case p.detail != nil:
			return p, p.detailKey(msg)
		case p.search.Active:
			cmd, changed := p.search.Key(msg)
			if changed {
				cmd = tea.Batch(cmd, p.reload())
			}
			return p, cmd
		}
		return p, p.tableKey(msg)
	case tea.MouseWheelMsg:
		if p.detail == nil {
			if msg.Mouse().Button == tea.MouseWheelDown {
				return p, p.down(3)
			}
			return p, p.up(3)
		}
	}
	return p, nil
}

func (p *Page) tableKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	switch {
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case key.Matches(msg, k.ClearSearch):
		if p.search.Clear() {
			return p.reload()
		}
	case key.Matches(msg, k.Prev):
		p.focus = (p.focus + len(api.Statuses) - 1) % len(api.Statuses)
	case key.Matches(msg, k.Next):
		p.focus = (p.focus + 1) % len(api.Statuses)
	case key.Matches(msg, k.Toggle):
		s := api.Statuses[p.focus]
		p.statuses[s] = !p.statuses[s]
		return p.reload()
	case key.Matches(msg, k.Env):
		p.env.Next()
		return p.reload()
	case key.Matches(msg, k.Sort):
		p.sort = (p.sort + 1) % 3
		return p.reload()
	case key.Matches(msg, k.Down):
		return p.down(1)
	case key.Matches(msg, k.Up):
		return p.up(1)
	case key.Matches(msg, k.PageDown):
		return p.follow(p.win.PageDown())
	case key.Matches(msg, k.PageUp):
		return p.follow(p.win.PageUp())
	case key.Matches(msg, k.Home):
		return p.read(window.Top())
	case key.Matches(msg, k.End):
		return p.read(window.Bottom())
	case key.Matches(msg, k.Open):
		return p.openDetail()
	case key.Matches(msg, k.Credential):
		return p.showCredential(p.current())
	case key.Matches(msg, k.CopyID):
		return p.copyID(p.current())
	case key.Matches(msg, k.Cancel) && p.current() != nil && p.mayCancel(*p.current()):
		return p.askCancel(p.current())
	case key.Matches(msg, k.Revoke) && p.mayRevokeRequest(p.current()):
		return p.askRevoke(p.current())
	case key.Matches(msg, k.New):
		return p.newRequest(nil)
	case key.Matches(msg, k.Resume) && p.submits() && len(p.drafts) > 0:
		// The picker even for one draft: it says what is resumed, and
		// it is where a draft is deleted.
		p.com.Overlays.Push(newPicker(p.com, p.mb.ID(), p.keys, p.drafts))
	}
	return nil
}

// setDrafts keeps the drafts read, and shows them in the picker when it
// is open; with none left the picker closes.
func (p *Page) setDrafts(drafts []store.Draft) {
	p.drafts = drafts
	pk, ok := overlay.Of[*picker](p.com.Overlays, p.mb.ID())
	switch {
	case !ok:
	case len(drafts) == 0:
		p.com.Overlays.Remove(pk.Mailbox().ID())
	default:
		pk.setDrafts(drafts)
	}
}

// draftDeleted answers a delete: the draft leaves the list (and the
// count) at once, and every page hears that the drafts changed.
func (p *Page) draftDeleted(msg draftDeletedMsg) tea.Cmd {
	t := p.com.Text
	if msg.err != nil {
		return common.Toast(common.Explain(t, msg.err), true)
	}
	var left []store.Draft
	for _, d := range p.drafts {
		if d.ID != msg.draft.ID {
			left = append(left, d)
		}
	}
	p.setDrafts(left)
	return tea.Batch(common.Toast(fmt.Sprintf(t.DraftDeleted, draftName(p.com, msg.draft)), false),
		func() tea.Msg { return common.DraftsChangedMsg{} })
}

// newRequest opens the wizard (on a draft to resume, or empty).
func (p *Page) newRequest(d *store.Draft) tea.Cmd {
	t := p.com.Text
	switch {
	case p.com.Me == nil && d == nil:
		return common.Toast(t.SignInToRequest, true) // nothing typed yet: no draft to speak of
	case p.com.Me != nil && !p.com.Me.Can(api.PermRequestsSubmit):
		return nil // n and r are not offered to whoever may not submit
	}
	return func() tea.Msg { return common.OpenWizardMsg{Draft: d} }
}

func (p *Page) current() *api.Request {
	if r := p.win.Current(); r != nil {
		return &r.Request
	}
	return nil
}

// askCancel asks for confirmation (x is offered on pending requests
// only).
func (p *Page) askCancel(r *api.Request) tea.Cmd {
	question := fmt.Sprintf(p.com.Text.ConfirmCancel, r.ID, r.APIName)
	// Only s or y cancel: enter opens a detail on this page, and a
	// cancellation cannot be undone.
	p.com.Overlays.Push(confirm.New(p.com, p.mb.ID(), question, cancelConfirmed{id: r.ID}, "s", "y"))
	return nil
}

// question is the open cancel question, if any, for the layout.
func (p *Page) question() (string, bool) {
	if b, ok := overlay.Of[*confirm.Box](p.com.Overlays, p.mb.ID()); ok {
		return b.Question(), true
	}
	return "", false
}

func (p *Page) cancelled(msg cancelledMsg) tea.Cmd {
	if msg.err != nil {
		return common.Toast(common.Explain(p.com.Text, msg.err), true)
	}
	if p.detail != nil && p.detail.msg.ID == msg.req.ID {
		p.detail.msg.Req = msg.req
	}
	return tea.Batch(common.Toast(fmt.Sprintf(p.com.Text.Cancelled, msg.req.ID), false),
		func() tea.Msg { return common.SyncRequestsMsg{} })
}

// copyID copies r's number (OSC 52, and the system clipboard locally).
func (p *Page) copyID(r *api.Request) tea.Cmd {
	if r == nil {
		return nil
	}
	return common.Copy(p.com, p.com.Text.RequestNumber, r.ID)
}
