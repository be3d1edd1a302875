// Package review is the Avaliação page: the queue of pending requests
// (oldest first, with their age) beside the full detail of the selected
// one; a approves and r rejects through a short dialog (a justification is
// required to reject), then the next request is selected. Whoever analyses
// requests (requests:analyze) adds a technical opinion with o; d saves
// the request's files, the opinions' PDFs included; c copies the SEI
// process's link, R retries what SEI refused (requests:revoke), and S
// opens the SEI box: the process, every send and the full log of calls.
package review

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

type keyMap struct {
	Up, Down, Approve, Reject, Opinion, Download, Search, Back, Env, System, DetailUp, DetailDown key.Binding
	// SEI copies the detail's SEI link and retries what SEI refused.
	SEI reqdetail.SEIKeys
}

// Page is the Avaliação page.
type Page struct {
	com   *common.Common
	store *store.Store
	keys  keyMap
	mb    *route.Mailbox

	search search.Box
	env    common.Choice[api.Environment]
	system common.Choice[api.SystemType]

	rows     []store.Row
	selected int
	loaded   bool
	err      error

	detail  reqdetail.Msg
	loading bool
	offset  int

	busy string // id being decided
	// drafts are the opinions typed and not sent, by request, kept when
	// the box closes.
	drafts map[string]opinionDraft

	width, height int
}

// New builds the page.
func New(com *common.Common, s *store.Store) *Page {
	t := com.Text
	b := common.Bind
	return &Page{com: com, store: s, mb: route.NewMailbox("review"), drafts: map[string]opinionDraft{}, env: common.NewChoice(api.Environments), system: common.NewChoice(api.SystemTypes), search: search.New(t.SearchAPIPlaceholder, api.MaxQueryLen), keys: keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		Approve: b("a", t.KeyApprove, "a"), Reject: b("r", t.KeyReject, "r"), Opinion: b("o", t.Opinion.KeyAdd, "o"),
		Download: b("d", t.KeyDownload, "d"),
		Search:   b("/", t.KeyFilterAPI, "/"), Back: b("esc", t.KeyBack, "esc"), Env: b("e", t.KeyEnv, "e"), System: b("t", t.KeyFilterSystem, "t"),
		DetailUp: b("pgup", t.KeyPage, "pgup"), DetailDown: b("pgdn", t.KeyPage, "pgdown"),
		SEI: reqdetail.NewSEIKeys(t),
	}}
}

func (p *Page) Title() string           { return p.com.Text.TabReview }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Capturing() bool         { return p.search.Active }
func (p *Page) Init() tea.Cmd           { return p.reload() }

// Allowed: the queue belongs to evaluators.
func (p *Page) Allowed(me *api.Me) bool {
	return me != nil && (me.Can(api.PermRequestsAnalyze) || me.Can(api.PermRequestsApprove))
}

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	return nil
}

func (p *Page) ShortHelp() []key.Binding {
	k := p.keys
	return append(p.opinionKey(p.decisionKeys(), k.Down, k.Search, k.Env, k.System), p.seiKeys()...)
}

// seiKeys are the detail's SEI keys that act now (copy the link, retry).
func (p *Page) seiKeys() []key.Binding {
	if p.current() == nil {
		return nil
	}
	return p.keys.SEI.Offered(p.com, p.detail)
}

// decisionKeys are a and r, for whoever may decide (requests:approve):
// an analyst without it only reads and gives opinions.
func (p *Page) decisionKeys() []key.Binding {
	if p.com.Me == nil || !p.com.Me.Can(api.PermRequestsApprove) {
		return nil
	}
	return []key.Binding{p.keys.Approve, p.keys.Reject}
}

func (p *Page) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{p.opinionKey(p.decisionKeys(), k.Download), {k.Up, k.Down, k.DetailUp, k.DetailDown}, {k.Search, k.Env, k.System},
		p.seiKeys()}
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
	f := filter{search: p.search.Value()}
	f.env, _ = p.env.Get()
	f.system, _ = p.system.Get()
	return f
}

func (p *Page) reload() tea.Cmd {
	return p.mb.Latest("queue", readQueue(p.store, p.filter()))
}

func (p *Page) current() *store.Row {
	if p.selected < len(p.rows) {
		return &p.rows[p.selected]
	}
	return nil
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case queueMsg:
		return p, p.queueLoaded(msg)
	case common.RequestsSyncedMsg:
		if msg.Changed > 0 {
			// The queue, and the detail on screen: a sync brings a
			// decision elsewhere, or the SEI process linked.
			return p, tea.Batch(p.reload(), p.rereadDetail())
		}
		if !p.loaded {
			return p, p.reload()
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
	case decisionChosen:
		if p.com.Authed == nil {
			return p, common.Toast(p.com.Text.WizSignIn, true)
		}
		p.busy = msg.id
		return p, p.mb.Every(decide(p.com.Authed, msg.id, msg.decision))
	case decidedMsg:
		return p, p.decided(msg)
	case reqdetail.DownloadedMsg:
		return p, reqdetail.Downloaded(p.com, msg)
	case opinionDraft:
		p.drafts[msg.id] = msg
	case opinionAdded:
		return p, p.opinionAdded(msg)
	case tea.KeyPressMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// queueLoaded keeps the selection on the same request when it is still
// there; otherwise on the same position (the next one after a decision).
func (p *Page) queueLoaded(msg queueMsg) tea.Cmd {
	p.loaded, p.err = true, msg.err
	prev := ""
	if r := p.current(); r != nil {
		prev = r.ID
	}
	p.rows = msg.rows
	for i, r := range p.rows {
		if r.ID == prev {
			p.selected = i
			return nil
		}
	}
	p.selected = max(0, min(p.selected, len(p.rows)-1))
	return p.selectionChanged()
}

func (p *Page) selectionChanged() tea.Cmd {
	p.offset = 0
	p.mb.Drop("detail") // the one in flight is for another request
	p.mb.Drop(reqdetail.QuestionSEI)
	r := p.current()
	if r == nil {
		p.detail = reqdetail.Msg{}
		p.mb.Drop("tick")
		return nil
	}
	p.detail = reqdetail.Msg{ID: r.ID, Req: r.Request}
	p.loading = true
	return p.mb.Latest("tick", detailAfter())
}

func (p *Page) key(msg tea.KeyPressMsg) tea.Cmd {
	if p.search.Active {
		cmd, changed := p.search.Key(msg)
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
		if p.selected+1 < len(p.rows) {
			p.selected++
			return p.selectionChanged()
		}
	case key.Matches(msg, k.Up):
		if p.selected > 0 {
			p.selected--
			return p.selectionChanged()
		}
	case key.Matches(msg, k.DetailDown):
		p.offset += 10
	case key.Matches(msg, k.DetailUp):
		p.offset = max(0, p.offset-10)
	case key.Matches(msg, k.Search):
		return p.search.Focus()
	case key.Matches(msg, k.Back):
		if p.search.Clear() {
			return p.reload()
		}
	case key.Matches(msg, k.Env):
		p.env.Next()
		return p.reload()
	case key.Matches(msg, k.System):
		p.system.Next()
		return p.reload()
	case key.Matches(msg, k.Approve), key.Matches(msg, k.Reject):
		r := p.current()
		if r == nil || p.busy != "" || len(p.decisionKeys()) == 0 {
			return nil
		}
		_, detailW := p.panes()
		d, cmd := newDialog(p.com, p.mb.ID(), r.Request, key.Matches(msg, k.Approve), detailW)
		p.com.Overlays.Push(d)
		return cmd
	case key.Matches(msg, k.Download):
		return p.download()
	case key.Matches(msg, k.Opinion):
		r, ok := p.opinable()
		if !ok || p.busy != "" {
			return nil
		}
		_, detailW := p.panes()
		box, cmd := newOpinionBox(p.com, p.mb.ID(), r, p.drafts[r.ID], detailW, p.height-3)
		p.com.Overlays.Push(box)
		return cmd
	}
	return nil
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
	req := r.Request
	if p.detail.Req.ID == r.ID {
		req = p.detail.Req
	}
	files := reqdetail.Files(req)
	if len(files) == 0 || p.com.Authed == nil {
		return common.Toast(p.com.Text.DetailNoAttachments, true)
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

// decided reports the outcome; the sync then removes the request from
// the queue and the selection moves to the next one. A 409 says who
// decided first.
func (p *Page) decided(msg decidedMsg) tea.Cmd {
	p.busy = ""
	sync := func() tea.Msg { return common.SyncRequestsMsg{} }
	if msg.err != nil {
		var pe *client.ProblemError
		if errors.As(msg.err, &pe) && pe.Problem.Code == api.CodeAlreadyDecided {
			return tea.Batch(common.Toast(msg.id+": "+pe.Problem.Detail, true), sync)
		}
		return common.Toast(common.Explain(p.com.Text, msg.err), true)
	}
	text := fmt.Sprintf(p.com.Text.Decided, msg.id, msg.req.Status.Label(p.com.Text.Lang))
	if msg.recovered {
		text = fmt.Sprintf(p.com.Text.Box.DecisionRecovered, msg.id, msg.req.Status.Label(p.com.Text.Lang))
	}
	return tea.Batch(common.Toast(text, false), sync)
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

// View draws the queue on the left and the detail on the right; on a
// narrow terminal the queue takes less room.
func (p *Page) View() string {
	st, t := p.com.Styles, p.com.Text
	if !p.Allowed(p.com.Me) {
		return st.Subtle.Render(t.ReviewOnly)
	}
	queueW, detailW := p.panes()
	env, sys := t.AllMasc, t.AllMasc
	if e, ok := p.env.Get(); ok {
		env = e.Badge()
	}
	if st, ok := p.system.Get(); ok {
		sys = st.Label(t.Lang)
	}
	searchText := st.Subtle.Render("/ API")
	if p.search.Active || p.search.Value() != "" {
		searchText = st.Prompt.Render("/ API: ") + p.search.Input.View()
	}
	bar := searchText + st.Subtle.Render("  e "+t.EnvLabel+": ") + st.Text.Render(env) +
		st.Subtle.Render("  t "+t.SystemTypeLabel+": ") + st.Text.Render(sys)
	height := max(3, p.height-3)
	queue := []string{st.Bold.Render(fmt.Sprintf(t.QueueTitle, len(p.rows)))}
	if p.loaded && len(p.rows) == 0 {
		queue = append(queue, st.Subtle.Render(t.QueueEmpty))
	}
	first := max(0, min(p.selected-height/2, len(p.rows)-height+1))
	for i := first; i < len(p.rows) && len(queue) < height; i++ {
		r := p.rows[i]
		line := fmt.Sprintf("%-5s %s %s", age(r.CreatedAt, p.com.Now()), r.Environment.Badge(), r.APIName)
		if i == p.selected {
			line = st.FilterOn.Padding(0).Render(common.PadRight(common.Truncate(line, queueW), queueW))
		} else {
			line = st.Text.Render(common.Truncate(line, queueW))
		}
		queue = append(queue, line)
	}
	var detail []string
	if p.current() != nil {
		detail = reqdetail.Render(p.com, p.detail, p.loading, detailW)
		offset := min(p.offset, max(0, len(detail)-1))
		detail = detail[offset:]
	}
	if p.busy != "" { // a second a or r is ignored meanwhile
		detail = append([]string{st.Subtle.Render(fmt.Sprintf(t.Box.Deciding, p.busy)), ""}, detail...)
	}
	if b, ok := overlay.Of[*reqdetail.SEIBox](p.com.Overlays, p.mb.ID()); ok {
		detail = strings.Split(b.View(detailW, height), "\n") // the whole pane
	}
	if d, ok := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); ok {
		detail = append(append(strings.Split(d.View(detailW, 0), "\n"), ""), detail...)
	}
	if b, ok := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); ok {
		detail = append(append(strings.Split(b.View(detailW, 0), "\n"), ""), detail...)
	}
	left := lipgloss.NewStyle().Width(queueW).Render(strings.Join(queue, "\n"))
	right := lipgloss.NewStyle().Width(detailW).Render(strings.Join(clip(detail, height), "\n"))
	sep := st.HelpSep.Render(strings.Repeat("│\n", height-1) + "│")
	return common.Truncate(bar, p.width) + "\n\n" + lipgloss.JoinHorizontal(lipgloss.Top, left, " "+sep+" ", right)
}

// panes are the widths of the queue and of the detail beside it; on a
// narrow terminal the queue takes less room.
func (p *Page) panes() (queue, detail int) {
	queue = min(46, max(28, p.width/3))
	return queue, p.width - queue - 3
}

func clip(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	return lines
}
