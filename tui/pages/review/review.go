// Package review is the Avaliação page: the queue of pending requests, a
// virtual window over every one the cache holds (oldest first, each with
// its number, institution, age, environment and API, marked when it has
// waited more than a number of working days), filtered by API,
// institution, CNPJ, number, environment and system type; beside it the
// full detail of the selected one, wrapped and scrolled (pgup/pgdn).
//
// Whoever decides (requests:approve) approves with a and rejects with r
// through a short dialog (a justification is required to reject; what is
// typed is kept in the cache until the decision is registered), or marks
// requests with space (* marks every one of the filter) and decides them
// all with A or X: one justification, one confirmation, each request
// decided on its own, and a summary. Whoever analyses requests
// (requests:analyze) adds a technical opinion with o; p reads the
// request's PDFs (the opinions' too) in the viewer, beside the queue
// where there is room; d saves them; c copies the SEI
// process's link, R retries what SEI refused (requests:revoke), and S
// opens the SEI box: the process, every send and the full log of calls.
package review

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/window"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

type keyMap struct {
	Up, Down, First, Last, DetailUp, DetailDown key.Binding
	Filter, Back, Env, System                   key.Binding
	Approve, Reject, Mark, MarkAll, BulkApprove key.Binding
	BulkReject, Opinion, Download, Read         key.Binding
	// SEI copies the detail's SEI link, retries what SEI refused (R) and
	// opens the SEI box; the bulk keys are A and X so that R stays SEI's.
	SEI reqdetail.SEIKeys
}

func newKeyMap(t *i18n.Text) keyMap {
	b, rt := common.Bind, &t.Review
	return keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		First: b("g", t.KeyFirst, "g", "home"), Last: b("G", t.KeyLast, "G", "end"),
		DetailUp: b("pgup", rt.KeyScroll, "pgup"), DetailDown: b("pgdn", rt.KeyScroll, "pgdown"),
		Filter: b("/", rt.KeyFilter, "/"), Back: b("esc", rt.KeyClearFilters, "esc"),
		Env: b("e", t.KeyEnv, "e"), System: b("t", t.KeyFilterSystem, "t"),
		Approve: b("a", t.KeyApprove, "a"), Reject: b("r", t.KeyReject, "r"),
		Mark: b("space", rt.KeyMark, "space"), MarkAll: b("*", rt.KeyMarkAll, "*"),
		BulkApprove: b("A", rt.KeyBulkApprove, "A"), BulkReject: b("X", rt.KeyBulkReject, "X"),
		Opinion: b("o", t.Opinion.KeyAdd, "o"), Download: b("d", t.KeyDownload, "d"),
		Read: reqdetail.ReadKey(t),
		SEI:  reqdetail.NewSEIKeys(t),
	}
}

// Page is the Avaliação page.
type Page struct {
	com   *common.Common
	store *store.Store
	keys  keyMap
	mb    *route.Mailbox

	filters filters
	env     common.Choice[api.Environment]
	system  common.Choice[api.SystemType]

	// The queue's window: the rows read from the cache and the selection
	// in them; and the filter's count (-1 while counting).
	win    window.Window
	count  int
	loaded bool
	err    error

	// The marked requests, in the order they were marked.
	marks    []marked
	isMarked map[string]bool

	detail  reqdetail.Msg
	loading bool
	offset  int // the detail's scroll

	// drafts are the opinions typed and not sent, by request, kept when
	// the box closes.
	drafts map[string]opinionDraft

	width, height int
}

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	return &Page{com: com, store: s, mb: route.NewMailbox("review"), keys: newKeyMap(com.Text), filters: newFilters(com),
		env: common.NewChoice(api.Environments), system: common.NewChoice(api.SystemTypes), count: -1,
		isMarked: map[string]bool{}, drafts: map[string]opinionDraft{}}
}

func (p *Page) Title() string           { return p.com.Text.TabReview }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Capturing() bool         { return p.filters.active }
func (p *Page) Init() tea.Cmd           { return p.reload() }

// Allowed: the queue belongs to evaluators.
func (p *Page) Allowed(me *api.Me) bool {
	return me != nil && (me.Can(api.PermRequestsAnalyze) || me.Can(api.PermRequestsApprove))
}

func (p *Page) SetSize(w, h int) tea.Cmd {
	grew := p.rowsFit(w, h) > p.rowsFit(p.width, p.height)
	p.width, p.height = w, h
	if b, ok := overlay.Of[*bulkBox](p.com.Overlays, p.mb.ID()); ok {
		_, detailW := p.panes()
		b.resize(detailW, p.paneHeight())
	}
	if grew && !p.win.AtEnd() {
		return p.refresh() // room for more rows below (or the first read was for no room)
	}
	return nil
}

// decides says whether the person may decide (requests:approve): an
// analyst without it reads, gives opinions, and is offered no decision.
func (p *Page) decides() bool { return p.com.Me != nil && p.com.Me.Can(api.PermRequestsApprove) }

// ShortHelp lists the keys that act now, the decisions first.
func (p *Page) ShortHelp() []key.Binding {
	if p.filters.active {
		return p.filters.help()
	}
	k := p.keys
	var keys []key.Binding
	if p.decides() && p.current() != nil {
		keys = append(keys, k.Approve, k.Reject, k.Mark)
	}
	keys = append(keys, p.bulkKeys()...)
	keys = p.opinionKey(keys)
	keys = append(keys, p.readKey()...)
	if p.current() != nil {
		keys = append(keys, k.Down)
	}
	keys = append(keys, k.Filter, k.Env, k.System)
	return append(keys, p.seiKeys()...)
}

func (p *Page) FullHelp() [][]key.Binding {
	if p.filters.active {
		return [][]key.Binding{p.filters.help()}
	}
	k := p.keys
	var decide []key.Binding
	if p.decides() && p.current() != nil {
		decide = []key.Binding{k.Approve, k.Reject, k.Mark, k.MarkAll}
	}
	decide = append(decide, p.bulkKeys()...)
	var moves []key.Binding
	if p.current() != nil {
		moves = []key.Binding{k.Up, k.Down, k.First, k.Last}
	}
	if p.detailScrolls() {
		moves = append(moves, k.DetailUp, k.DetailDown)
	}
	filters := []key.Binding{k.Filter, k.Env, k.System}
	if p.filters.any() {
		filters = append(filters, k.Back)
	}
	groups := [][]key.Binding{decide, p.opinionKey(p.readKey(), p.downloadKey()...), moves, filters, p.seiKeys()}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// bulkKeys decide the marked requests, when some are marked.
func (p *Page) bulkKeys() []key.Binding {
	if !p.decides() || len(p.marks) == 0 {
		return nil
	}
	return []key.Binding{p.keys.BulkApprove, p.keys.BulkReject}
}

// downloadKey is d when the selected request has files to save.
func (p *Page) downloadKey() []key.Binding {
	if len(p.readKey()) == 0 {
		return nil
	}
	return []key.Binding{p.keys.Download}
}

// seiKeys are the detail's SEI keys that act now (copy the link, retry,
// the box), each only for whoever may use it.
func (p *Page) seiKeys() []key.Binding {
	if p.current() == nil {
		return nil
	}
	return p.keys.SEI.Offered(p.com, p.detail)
}

// readKey is p when the selected request has a file to read.
func (p *Page) readKey() []key.Binding {
	if r := p.current(); r != nil && reqdetail.Readable(p.selectedRequest()) {
		return []key.Binding{p.keys.Read}
	}
	return nil
}

// selectedRequest is the selected request as the freshest detail has
// it (with its attachments and opinions), the queue's row until then.
func (p *Page) selectedRequest() api.Request {
	r := p.current()
	if r == nil {
		return api.Request{}
	}
	if p.detail.Req.ID == r.ID {
		return p.detail.Req
	}
	return r.Request
}

// opinionKey adds o to keys, before rest, when the selected request may
// take an opinion from this person.
func (p *Page) opinionKey(keys []key.Binding, rest ...key.Binding) []key.Binding {
	if _, ok := p.opinable(); ok {
		keys = append(keys, p.keys.Opinion)
	}
	return append(keys, rest...)
}

// opinable is the selected request, when the signed-in person analyses
// requests and it is still pending (as the freshest detail says).
func (p *Page) opinable() (api.Request, bool) {
	r := p.current()
	if r == nil || p.com.Me == nil || !p.com.Me.Can(api.PermRequestsAnalyze) {
		return api.Request{}, false
	}
	req := r.Request
	if p.detail.ID == r.ID && p.detail.Req.ID == r.ID {
		req = p.detail.Req
	}
	return req, req.Status == api.StatusPending
}

func (p *Page) filter() filter {
	f := filter{text: p.filters.query()}
	f.env, _ = p.env.Get()
	f.system, _ = p.system.Get()
	return f
}

// overdueDays is the working days a request may wait before it is late.
func (p *Page) overdueDays() int {
	if p.com.ReviewOverdueDays > 0 {
		return p.com.ReviewOverdueDays
	}
	return DefaultOverdueDays
}

func (p *Page) current() *store.Row { return p.win.Current() }

func (p *Page) currentID() string {
	if r := p.current(); r != nil {
		return r.ID
	}
	return ""
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case window.Loaded:
		p.loaded, p.err = true, msg.Err
		return p, p.follow(p.win.Apply(msg))
	case countMsg:
		if msg.err == nil {
			p.count = msg.n
		}
	case markAllMsg:
		return p, p.markAll(msg)
	case common.RequestsSyncedMsg:
		if msg.Changed > 0 {
			// The queue, and the detail on screen: a sync brings a
			// decision elsewhere, or the SEI process linked.
			return p, tea.Batch(p.refresh(), p.rereadDetail())
		}
		if !p.loaded {
			return p, p.refresh()
		}
	case detailTickMsg:
		if r := p.current(); r != nil {
			return p, p.mb.Latest("detail", reqdetail.Load(p.com.Authed, p.store, r.ID, p.com.Now()))
		}
	case reqdetail.Msg:
		p.loading = false
		if msg.Err != nil {
			p.detail.Err = msg.Err
			return p, nil
		}
		prev := p.detail
		p.detail = reqdetail.Reread(prev, msg)
		reqdetail.FollowInBox(p.com, p.mb.ID(), p.detail)
		return p, tea.Batch(reqdetail.CacheProblem(p.com, msg), reqdetail.ReadSEI(p.com, p.mb, prev, msg))
	case reqdetail.SEIMsg:
		cmd := reqdetail.SEIAnswered(p.com, p.mb, &p.detail, msg)
		reqdetail.FollowInBox(p.com, p.mb.ID(), p.detail)
		return p, cmd
	case decidedMsg:
		return p, p.decided(msg.outcome)
	case bulkClosed:
		p.unmark(msg.settled...)
	case reqdetail.DownloadedMsg:
		return p, reqdetail.Downloaded(p.com, msg)
	case opinionDraft:
		p.drafts[msg.id] = msg
	case opinionAdded:
		return p, p.opinionAdded(msg)
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.PasteMsg:
		if p.filters.active {
			cmd, changed := p.filters.paste(msg)
			if changed {
				cmd = tea.Batch(cmd, p.reload())
			}
			return p, cmd
		}
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelDown {
			return p, p.down(3)
		}
		return p, p.up(3)
	}
	return p, nil
}

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	if p.filters.active {
		cmd, changed := p.filters.key(msg)
		if changed {
			cmd = tea.Batch(cmd, p.reload())
		}
		return cmd
	}
	k := p.keys
	if p.current() != nil {
		if cmd, ok := k.SEI.Key(p.com, p.mb, p.detail, msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Down):
		return p.down(1)
	case key.Matches(msg, k.Up):
		return p.up(1)
	case key.Matches(msg, k.First):
		return p.read(window.Top())
	case key.Matches(msg, k.Last):
		return p.read(window.Bottom())
	case key.Matches(msg, k.DetailDown):
		p.scrollDetail(p.detailPage())
	case key.Matches(msg, k.DetailUp):
		p.scrollDetail(-p.detailPage())
	case key.Matches(msg, k.Filter):
		return p.filters.focusOn(byAPI)
	case key.Matches(msg, k.Back):
		if p.filters.clear() {
			return p.reload()
		}
	case key.Matches(msg, k.Env):
		p.env.Next()
		return p.reload()
	case key.Matches(msg, k.System):
		p.system.Next()
		return p.reload()
	case key.Matches(msg, k.Download):
		return p.download()
	case key.Matches(msg, k.Read):
		if len(p.readKey()) == 0 {
			return nil // p is not offered
		}
		box, cmd := reqdetail.ReadFiles(p.com, p.mb.ID(), p.com.Authed, p.selectedRequest(), p.readerWidth())
		if box != nil {
			p.com.Overlays.Push(box)
		}
		return cmd
	case key.Matches(msg, k.Opinion):
		r, ok := p.opinable()
		if !ok {
			return nil
		}
		_, detailW := p.panes()
		box, cmd := newOpinionBox(p.com, p.mb.ID(), r, p.drafts[r.ID], detailW, p.height-3)
		p.com.Overlays.Push(box)
		return cmd
	}
	if p.decides() {
		return p.decisionKey(msg)
	}
	return nil
}

// othersMarked is how many marked requests are not id: a/r decide the
// cursor's request alone, and the dialog says so when others wait.
func (p *Page) othersMarked(id string) int {
	n := 0
	for _, m := range p.marks {
		if m.id != id {
			n++
		}
	}
	return n
}

// decisionKey acts on the keys of whoever decides.
func (p *Page) decisionKey(msg tea.KeyPressMsg) tea.Cmd {
	k, rt := p.keys, &p.com.Text.Review
	_, detailW := p.panes()
	switch {
	case key.Matches(msg, k.Approve), key.Matches(msg, k.Reject):
		r := p.current()
		if r == nil {
			return nil
		}
		d, cmd := newDialog(p.com, p.store, p.mb.ID(), r.Request, key.Matches(msg, k.Approve), p.othersMarked(r.ID), detailW)
		p.com.Overlays.Push(d)
		return cmd
	case key.Matches(msg, k.Mark):
		r := p.current()
		switch {
		case r == nil:
		case p.isMarked[r.ID]:
			p.unmark(r.ID)
		case len(p.marks) >= MaxBatch:
			return common.Toast(fmt.Sprintf(rt.BatchFull, p.com.Text.Number(MaxBatch)), true)
		default:
			p.mark(*r)
		}
		return p.down(1) // on to the next, as one marks down a list
	case key.Matches(msg, k.MarkAll):
		return p.mb.Latest("markall", readMarkAll(p.store, p.filter()))
	case key.Matches(msg, k.BulkApprove), key.Matches(msg, k.BulkReject):
		if len(p.marks) == 0 {
			return nil // A and X are offered with marks only
		}
		box, cmd := newBulkBox(p.com, p.store, p.mb.ID(), append([]marked{}, p.marks...), key.Matches(msg, k.BulkApprove), detailW, p.paneHeight())
		p.com.Overlays.Push(box)
		return cmd
	}
	return nil
}

func (p *Page) mark(r store.Row) {
	if p.isMarked[r.ID] {
		return
	}
	p.isMarked[r.ID] = true
	p.marks = append(p.marks, marked{id: r.ID, apiName: r.APIName, institution: r.Institution.Name})
}

func (p *Page) unmark(ids ...string) {
	gone := map[string]bool{}
	for _, id := range ids {
		gone[id] = true
		delete(p.isMarked, id)
	}
	kept := p.marks[:0]
	for _, m := range p.marks {
		if !gone[m.id] {
			kept = append(kept, m)
		}
	}
	p.marks = kept
}

// markAll marks every request of the filter (at most MaxBatch marks in
// all, said so); when all of them are marked already, it takes their
// marks off instead.
func (p *Page) markAll(msg markAllMsg) tea.Cmd {
	t := p.com.Text
	if msg.err != nil {
		return common.Toast(common.Explain(t, msg.err), true)
	}
	all := len(msg.rows) > 0
	for _, r := range msg.rows {
		all = all && p.isMarked[r.ID]
	}
	if all && len(msg.rows) == msg.total {
		ids := make([]string, len(msg.rows))
		for i, r := range msg.rows {
			ids[i] = r.ID
		}
		p.unmark(ids...)
		return common.Toast(fmt.Sprintf(t.Review.Unmarked, t.Number(len(ids))), false)
	}
	for _, r := range msg.rows {
		if len(p.marks) >= MaxBatch {
			break
		}
		p.mark(r)
	}
	n := 0
	for _, r := range msg.rows {
		if p.isMarked[r.ID] {
			n++
		}
	}
	if n < msg.total {
		return common.Toast(fmt.Sprintf(t.Review.MarkLimit, t.Number(n), t.Number(msg.total), t.Number(MaxBatch)), true)
	}
	return common.Toast(fmt.Sprintf(t.Review.MarkedAll, t.Number(n)), false)
}

// rereadDetail reads the selected request's detail again (after a sync
// brought changes), without the loading line.
func (p *Page) rereadDetail() tea.Cmd {
	r := p.current()
	if r == nil || p.mb.Pending("tick") {
		return nil // none, or one is about to be read
	}
	return p.mb.Latest("detail", reqdetail.Load(p.com.Authed, p.store, r.ID, p.com.Now()))
}

// download saves the selected request's files, the opinions' PDFs
// included, as Solicitações does.
func (p *Page) download() tea.Cmd {
	r := p.current()
	if r == nil {
		return nil
	}
	files := reqdetail.Files(p.selectedRequest())
	switch {
	case len(files) == 0:
		return nil // d is not offered
	case p.com.Authed == nil:
		return common.Toast(p.com.Text.PDFView.SignIn, true)
	}
	var cmds []tea.Cmd
	for _, a := range files {
		cmds = append(cmds, p.mb.Every(reqdetail.DownloadFor(p.com, r.ID, a)))
	}
	return tea.Batch(cmds...)
}

// opinionAdded says so and reads the detail again, so the opinion shows
// as the server keeps it (and the cache keeps it for offline).
func (p *Page) opinionAdded(msg opinionAdded) tea.Cmd {
	delete(p.drafts, msg.id)
	cmds := []tea.Cmd{common.Toast(fmt.Sprintf(p.com.Text.Opinion.Added, msg.id), false),
		func() tea.Msg { return common.SyncRequestsMsg{} }}
	if r := p.current(); r != nil && r.ID == msg.id {
		if p.detail.Req.ID == msg.id {
			p.detail.Req.Opinions = append(p.detail.Req.Opinions, msg.opinion)
		}
		p.loading = true
		cmds = append(cmds, p.mb.Latest("detail", reqdetail.Load(p.com.Authed, p.store, msg.id, p.com.Now())))
	}
	return tea.Batch(cmds...)
}

// decided reports a decision the dialog settled (registered, found
// registered after a lost answer, or made elsewhere first: the 409 says
// by whom); the request leaves the queue at once (the next one is
// selected) and the sync confirms it.
func (p *Page) decided(o outcome) tea.Cmd {
	t := p.com.Text
	var toast tea.Cmd
	switch {
	case o.elsewhere != nil:
		toast = common.Toast(alreadyDecided(p.com, o.id, *o.elsewhere), true)
	case o.recovered:
		toast = common.Toast(fmt.Sprintf(t.Box.DecisionRecovered, o.id, o.req.Status.Label(t.Lang)), false)
	default:
		toast = common.Toast(fmt.Sprintf(t.Decided, o.id, o.req.Status.Label(t.Lang)), false)
	}
	p.unmark(o.id)
	return tea.Batch(toast, p.dropRow(o.id), func() tea.Msg { return common.SyncRequestsMsg{} })
}

// alreadyDecided is the 409's sentence in the UI's language: "SOL-…: já
// reprovada por Helena Rocha em 22/11/2026 10:00."
func alreadyDecided(com *common.Common, id string, e decidedElsewhere) string {
	t := com.Text
	if e.status == "" {
		return id + ": " + t.Review.NoLongerPending + "."
	}
	status := strings.ToLower(e.status.Label(t.Lang))
	if e.by == "" || e.at == "" {
		return fmt.Sprintf(t.Review.AlreadyDecidedStatus, id, status)
	}
	return fmt.Sprintf(t.Review.AlreadyDecided, id, status, e.by, when(t, e.at))
}

// when writes an RFC 3339 time the way the UI's language does.
func when(t *i18n.Text, s string) string {
	if tm, err := time.Parse(time.RFC3339, s); err == nil {
		return t.DateTime(tm)
	}
	return s
}

// age is how long a request has waited, in the largest unit.
func age(created string, now time.Time) string {
	t, err := time.Parse(time.RFC3339, created)
	if err != nil {
		return "?"
	}
	d := now.Sub(t)
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	case d >= time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dmin", max(0, int(d.Minutes())))
}

// spinningFor is the spinner's frame when a decision of id is on its
// way (from the dialog or the bulk box), "" otherwise.
func (p *Page) spinningFor(id string) string {
	if d, ok := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); ok && d.req.ID == id {
		if s := d.spinning(); s != "" {
			return s
		}
	}
	if b, ok := overlay.Of[*bulkBox](p.com.Overlays, p.mb.ID()); ok {
		return b.spinning(id)
	}
	return ""
}
