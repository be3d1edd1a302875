package review

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// bulkParallel is how many decisions of a batch are on their way at once.
const bulkParallel = 4

// marked is a request marked for the bulk decision, as its row showed it.
type marked struct{ id, apiName, institution string }

// The bulk box's three moments.
const (
	bulkAsking  = iota // the justification and the one confirmation
	bulkRunning        // each request decided on its own
	bulkDone           // the summary
)

// bulkBox decides the marked requests with one justification and one
// confirmation: it lists how many and which, takes the justification
// (its own draft in the cache), and on enter sends each decision on its
// own, a few at a time; a request decided elsewhere (409) or a failure
// does not stop the others. Then it stays as the summary: which were
// decided, which had been decided elsewhere (by whom, how and when) and
// which failed and why. esc while it runs stops it after the decisions
// under way.
type bulkBox struct {
	overlay.Base
	com     *common.Common
	store   *store.Store
	approve bool
	items   []marked
	input   textinput.Model
	spin    spinner.Model
	problem string
	// restored: the text is the bulk draft found in the cache; typed: a
	// key was typed first.
	restored, typed bool

	state    int
	decision api.Decision
	next     int // the next item to send
	inFlight map[string]bool
	stopped  bool
	results  map[string]outcome
	offset   int // the summary's scroll
	// width and height are the pane the box is drawn in (the page says
	// when it changes).
	width, height int

	keys struct{ Decide, Close, Stop, Up, Down, PageUp, PageDown key.Binding }
}

// bulkClosed is the box's result: the requests it settled (decided here
// or found decided), whose marks go.
type bulkClosed struct{ settled []string }

func newBulkBox(com *common.Common, s *store.Store, owner route.ID, items []marked, approve bool, width, height int) (*bulkBox, tea.Cmd) {
	t, b := com.Text, common.Bind
	in := search.NewInput(t.JustificationLabel, api.MaxJustificationLen)
	in.SetWidth(max(10, width-2))
	box := &bulkBox{Base: overlay.NewBase("bulk", owner), com: com, store: s, approve: approve, items: items, input: in,
		spin: newSpinner(com), inFlight: map[string]bool{}, results: map[string]outcome{}, width: width, height: height}
	box.keys.Decide = b("enter", t.KeyConfirm, "enter")
	box.keys.Close = b("esc", t.Box.KeyClose, "esc")
	box.keys.Stop = b("esc", t.Review.KeyStop, "esc")
	box.keys.Up, box.keys.Down = b("↑/k", t.KeyMove, "up", "k"), b("↓/j", t.KeyMove, "down", "j")
	box.keys.PageUp, box.keys.PageDown = b("pgup", t.KeyPage, "pgup"), b("pgdn", t.KeyPage, "pgdown")
	return box, tea.Batch(box.input.Focus(), box.Mailbox().Latest("draft", loadDraft(s, store.BulkDraftID)))
}

// resize is the pane's new size.
func (b *bulkBox) resize(width, height int) {
	b.width, b.height = width, height
	b.input.SetWidth(max(10, width-2))
}

func (b *bulkBox) ShortHelp() []key.Binding {
	switch b.state {
	case bulkRunning:
		if b.stopped {
			return nil // nothing left to press: those under way finish
		}
		return []key.Binding{b.keys.Stop}
	case bulkDone:
		return []key.Binding{b.keys.Down, b.keys.Close}
	}
	return []key.Binding{b.keys.Decide, b.keys.Close}
}

func (b *bulkBox) FullHelp() [][]key.Binding {
	if b.state == bulkDone {
		return [][]key.Binding{{b.keys.Up, b.keys.Down, b.keys.PageUp, b.keys.PageDown, b.keys.Close}}
	}
	return [][]key.Binding{b.ShortHelp()}
}

func (b *bulkBox) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case draftMsg:
		if !b.typed && msg.text != "" {
			b.input.SetValue(msg.text)
			b.input.CursorEnd()
			b.restored = true
		}
	case draftTickMsg:
		if b.state == bulkAsking {
			return overlay.Run{Cmd: b.Mailbox().Every(saveDraft(b.store, store.BulkDraftID, b.input.Value(), b.com.Now()))}
		}
	case draftSavedMsg:
		if msg.err != nil {
			b.problem = common.Explain(b.com.Text, msg.err)
		}
	case bulkItemMsg:
		return b.landed(msg.outcome)
	case spinner.TickMsg:
		if b.state != bulkRunning {
			return nil
		}
		var cmd tea.Cmd
		b.spin, cmd = b.spin.Update(msg)
		return overlay.Run{Cmd: b.Mailbox().Every(cmd)}
	case tea.KeyPressMsg:
		return b.key(msg)
	case tea.PasteMsg:
		if b.state == bulkAsking {
			return b.typing(msg)
		}
	}
	return nil
}

func (b *bulkBox) key(msg tea.KeyPressMsg) overlay.Action {
	k := b.keys
	switch b.state {
	case bulkRunning:
		if key.Matches(msg, k.Stop) {
			b.stopped = true // those under way finish; no other starts
		}
		return nil
	case bulkDone:
		switch {
		case key.Matches(msg, k.Close), key.Matches(msg, k.Decide):
			return overlay.Close{Result: bulkClosed{settled: b.settled()}}
		case key.Matches(msg, k.Down):
			b.offset++
		case key.Matches(msg, k.Up):
			b.offset--
		case key.Matches(msg, k.PageDown):
			b.offset += max(1, b.height-3)
		case key.Matches(msg, k.PageUp):
			b.offset -= max(1, b.height-3)
		}
		// Within the summary: past its end would take as many presses back.
		b.offset = max(0, min(b.offset, len(b.summary(b.width))-b.height))
		return nil
	}
	switch {
	case key.Matches(msg, k.Close):
		return overlay.Close{Cmd: keepDraft(b.com, b.store, store.BulkDraftID, b.input.Value())}
	case key.Matches(msg, k.Decide):
		return b.start()
	}
	return b.typing(msg)
}

func (b *bulkBox) typing(msg tea.Msg) overlay.Action {
	before := b.input.Value()
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	if b.input.Value() == before {
		return overlay.Run{Cmd: cmd}
	}
	b.typed, b.restored, b.problem = true, false, ""
	return overlay.Run{Cmd: tea.Batch(cmd, b.Mailbox().Latest("draft-tick", draftAfter()))}
}

// start is the one confirmation: the justification is checked as a
// single decision's is, kept as the bulk draft, and the first decisions
// go.
func (b *bulkBox) start() overlay.Action {
	just := api.TrimText(b.input.Value())
	if b.problem = justificationProblem(b.com, b.approve, just); b.problem != "" {
		return nil
	}
	b.decision = api.Decision{Decision: "reject", Justification: just}
	if b.approve {
		b.decision.Decision = "approve"
	}
	b.state = bulkRunning
	b.input.Blur()
	b.Mailbox().Drop("draft-tick")
	cmds := []tea.Cmd{b.Mailbox().Every(saveDraft(b.store, store.BulkDraftID, b.input.Value(), b.com.Now())), b.Mailbox().Every(b.spin.Tick)}
	for range bulkParallel {
		cmds = append(cmds, b.sendNext())
	}
	return overlay.Run{Cmd: tea.Batch(cmds...)}
}

// sendNext sends the next item's decision (nil when none is left).
func (b *bulkBox) sendNext() tea.Cmd {
	if b.stopped || b.next >= len(b.items) {
		return nil
	}
	id := b.items[b.next].id
	b.next++
	b.inFlight[id] = true
	return b.Mailbox().Every(decideInBulk(b.com.Authed, b.store, id, b.decision))
}

// landed records one decision's outcome and sends the next; after the
// last, the box becomes the summary, the cache is synced (the queue drops
// what was decided) and, when every request was settled, the bulk draft
// goes.
func (b *bulkBox) landed(o outcome) overlay.Action {
	delete(b.inFlight, o.id)
	b.results[o.id] = o
	if cmd := b.sendNext(); cmd != nil {
		return overlay.Run{Cmd: cmd}
	}
	if len(b.inFlight) > 0 {
		return nil
	}
	b.state = bulkDone
	cmds := []tea.Cmd{func() tea.Msg { return common.SyncRequestsMsg{} }}
	if len(b.settled()) == len(b.items) {
		cmds = append(cmds, b.Mailbox().Every(saveDraft(b.store, store.BulkDraftID, "", b.com.Now())))
	}
	return overlay.Run{Cmd: tea.Batch(cmds...)}
}

// settled are the requests decided here or found decided elsewhere.
func (b *bulkBox) settled() []string {
	var out []string
	for _, it := range b.items {
		if o, ok := b.results[it.id]; ok && o.err == nil {
			out = append(out, it.id)
		}
	}
	return out
}

// spinning is the spinner's frame for a request whose decision is on its
// way, "" otherwise (its queue row shows it).
func (b *bulkBox) spinning(id string) string {
	if !b.inFlight[id] {
		return ""
	}
	return b.spin.View()
}

// View draws the box in the detail's pane, all of it (width × height).
func (b *bulkBox) View(width, height int) string {
	if b.state == bulkAsking {
		return strings.Join(clip(b.asking(width, height), height), "\n")
	}
	lines := b.summary(width)
	if len(lines) <= height {
		return strings.Join(lines, "\n")
	}
	// The keys (or the progress) stay in sight at the bottom; the rest
	// scrolls.
	last, body := lines[len(lines)-1], lines[:len(lines)-1]
	room := max(1, height-1)
	offset := min(b.offset, max(0, len(body)-room))
	end := min(len(body), offset+room)
	return strings.Join(append(append([]string{}, body[offset:end]...), last), "\n")
}

func (b *bulkBox) wrap(style lipgloss.Style, s string, width int) []string {
	return strings.Split(style.Width(max(10, width)).Render(s), "\n")
}

// asking lists the marked requests (as many as fit in height, then how
// many more), the justification and the keys.
func (b *bulkBox) asking(width, height int) []string {
	st, t := b.com.Styles, b.com.Text
	title, label := t.Review.BulkReject, t.Review.BulkRequired
	if b.approve {
		title, label = t.Review.BulkApprove, t.Review.BulkOptional
	}
	head := b.wrap(st.Warning, t.Plural(len(b.items), title), width)
	tail := append([]string{""}, b.wrap(st.Subtle, label, width)...)
	tail = append(tail, b.input.View())
	if b.restored {
		tail = append(tail, st.Subtle.Render(t.Review.DraftRestored))
	}
	if b.problem != "" {
		tail = append(tail, b.wrap(st.Error, "✖ "+b.problem, width)...)
	}
	tail = append(tail, b.wrap(st.Subtle, t.Review.BulkKeys, width)...)
	listed := len(b.items)
	if room := max(1, height-len(head)-len(tail)); listed > room {
		listed = max(1, room-1) // and a line saying how many more
	}
	lines := head
	for _, it := range b.items[:listed] {
		lines = append(lines, common.Truncate(st.Text.Render("  "+it.id)+st.Subtle.Render(" · "+it.apiName+" · "+it.institution), width))
	}
	if more := len(b.items) - listed; more > 0 {
		lines = append(lines, st.Subtle.Render(common.Truncate("  "+fmt.Sprintf(t.Review.BulkMore, t.Number(more)), width)))
	}
	return append(lines, tail...)
}

// summary is what became of each request so far (in the order they were
// marked), then the progress or the keys.
func (b *bulkBox) summary(width int) []string {
	st, t := b.com.Styles, b.com.Text
	rt := &t.Review
	target := api.StatusRejected
	if b.approve {
		target = api.StatusApproved
	}
	var decided, elsewhere, failed, notSent []string
	item := func(id, rest string) []string {
		return hangWrap(st.Text.Render("  "+id)+rest, width, 4)
	}
	for _, it := range b.items {
		o, ok := b.results[it.id]
		switch {
		case !ok && !b.inFlight[it.id] && b.state == bulkDone:
			notSent = append(notSent, item(it.id, st.Subtle.Render(" · "+it.apiName))...)
		case !ok:
		case o.elsewhere != nil:
			elsewhere = append(elsewhere, item(it.id, st.Subtle.Render(" — "+elsewhereText(b.com, *o.elsewhere)))...)
		case o.err != nil:
			failed = append(failed, item(it.id, st.Error.Render(" — "+common.Explain(t, o.err)))...)
		default:
			decided = append(decided, item(it.id, st.Subtle.Render(" · "+it.apiName))...)
		}
	}
	lines := b.wrap(st.Warning, t.Plural(len(b.items), rt.BulkDone)+" · "+target.Label(t.Lang), width)
	section := func(style lipgloss.Style, head string, n int, body []string) {
		if n == 0 {
			return
		}
		lines = append(lines, "")
		lines = append(lines, b.wrap(style, fmt.Sprintf(head, t.Number(n)), width)...)
		lines = append(lines, body...)
	}
	section(st.Success, rt.BulkDecided, len(b.settled())-countElsewhere(b.results), decided)
	section(st.Warning, rt.BulkElsewhere, countElsewhere(b.results), elsewhere)
	section(st.Error, rt.BulkFailed, len(b.results)-len(b.settled()), failed)
	if b.state == bulkDone {
		section(st.Subtle, rt.BulkNotSent, len(b.items)-len(b.results), notSent)
	}
	lines = append(lines, "")
	switch {
	case b.state == bulkDone:
		lines = append(lines, b.wrap(st.Subtle, rt.BulkSummaryKeys, width)...)
	case b.stopped:
		lines = append(lines, st.Text.Render(common.Truncate(b.spin.View()+" "+fmt.Sprintf(rt.BulkStopping, t.Number(len(b.inFlight))), width)))
	default:
		lines = append(lines, st.Text.Render(common.Truncate(b.spin.View()+" "+fmt.Sprintf(rt.BulkRunning, t.Number(len(b.results)), t.Number(len(b.items))), width)))
	}
	return lines
}

func countElsewhere(results map[string]outcome) int {
	n := 0
	for _, o := range results {
		if o.elsewhere != nil && o.err == nil {
			n++
		}
	}
	return n
}

// elsewhereText says how a request was decided before this decision got
// there: "reprovada por Helena Rocha em 22/11/2026 10:00", or only the
// status when the history could not be read.
func elsewhereText(com *common.Common, e decidedElsewhere) string {
	t := com.Text
	if e.status == "" {
		return t.Review.NoLongerPending
	}
	status := strings.ToLower(e.status.Label(t.Lang))
	if e.by == "" {
		return fmt.Sprintf(t.Review.ElsewhereStatus, status)
	}
	return fmt.Sprintf(t.Review.ElsewhereBy, status, e.by, when(t, e.at))
}

// hangWrap wraps a styled line to width, its lines after the first
// indent cells in.
func hangWrap(s string, width, indent int) []string {
	var out []string
	for i, l := range strings.Split(lipgloss.Wrap(s, max(10, width-indent), ""), "\n") {
		if i > 0 {
			l = strings.Repeat(" ", indent) + l
		}
		out = append(out, l)
	}
	return out
}
