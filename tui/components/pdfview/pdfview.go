// Package pdfview is the PDF viewer: an overlay that fetches a document,
// reads its text (internal/pdftext, in a Cmd) and shows it wrapped to
// the room it is drawn in, page after page, with scrolling, page jumps
// and a search that ignores case and accents. Requests' attachments and
// opinions' PDFs (reqdetail) and the APIs' terms of use (Catálogo, the
// wizard) open in it.
package pdfview

import (
	"context"
	"errors"
	"runtime"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/internal/pdftext"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Fetch reads the document's bytes. The viewer calls it in a Cmd, with a
// deadline; it captures what it needs (a client, ids), never a model.
type Fetch func(ctx context.Context) ([]byte, error)

// How long fetching and reading may take.
const (
	fetchTimeout = time.Minute
	readTimeout  = 30 * time.Second
)

// errTimeout: reading the text took longer than readTimeout.
var errTimeout = errors.New("pdfview: reading the PDF timed out")

// errBusy: every reading slot stayed taken until the deadline.
var errBusy = errors.New("pdfview: every reading slot is taken")

// readers bounds the texts being read at once in the process (every
// session of gecli ssh shares it): a hostile file the reader cannot
// interrupt keeps its goroutine after the deadline answers the person,
// and each r would start another; with the slots taken the next read
// waits, then says so, instead of piling up goroutines on the host's
// cores.
var readers = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

type state int

const (
	loading state = iota
	ready
	failed
)

// Model is the viewer.
type Model struct {
	overlay.Base
	com   *common.Common
	title string
	fetch Fetch
	read  time.Duration // readTimeout, shorter in tests
	keys  keyMap
	spin  spinner.Model

	state state
	doc   *document
	err   error
	retry bool // the failure may pass: r tries again

	// The rows of the document at the width last drawn (wrapW), the
	// first row shown, and how many the last drawing had room for.
	rows    []row
	pageRow []int // each page's first row
	wrapW   int
	offset  int
	room    int
	width   int // the room last drawn in (New's width until then)

	// The search: the box (typing while it has focus) and what it found.
	input  textinput.Model
	typing bool
	find   finding
}

// row is one screen line: part of a document line.
type row struct {
	line int
	span
}

// New opens the viewer on the document fetch reads, titled title, for
// owner (who draws it, in place of what it covers, with View); width is
// the room it will have until it is drawn. The Cmd fetches and reads the
// document, and turns the spinner: run it.
func New(com *common.Common, owner route.ID, title string, fetch Fetch, width int) (*Model, tea.Cmd) {
	return newModel(com, owner, title, fetch, width, readTimeout)
}

func newModel(com *common.Common, owner route.ID, title string, fetch Fetch, width int, read time.Duration) (*Model, tea.Cmd) {
	in := search.NewInput(com.Text.PDFView.Placeholder, 200)
	in.Prompt = "/ "
	m := &Model{Base: overlay.NewBase("pdf", owner), com: com, title: title, fetch: fetch, read: read,
		keys: newKeyMap(com), spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), width: width, input: in}
	m.input.SetWidth(max(10, width-4))
	return m, m.load()
}

// Title is what the viewer shows: the file's name, or the terms'.
func (m *Model) Title() string { return m.title }

// load fetches and reads the document (again, after a failure).
func (m *Model) load() tea.Cmd {
	m.state, m.doc, m.err, m.rows = loading, nil, nil, nil
	return tea.Batch(m.Mailbox().Latest("load", load(m.fetch, m.read)), m.Mailbox().Every(m.spin.Tick))
}

// loadedMsg is the document read, or why not.
type loadedMsg struct {
	doc   *document
	err   error
	retry bool
}

// load is the Cmd: the fetch under its deadline, then the text read on a
// goroutine of its own, so a document that takes too long (a hostile
// file the reader cannot interrupt) is given up on and answered.
func load(fetch Fetch, read time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		b, err := fetch(ctx)
		cancel()
		if err != nil {
			return loadedMsg{err: err, retry: true}
		}
		ctx, cancel = context.WithTimeout(context.Background(), read)
		defer cancel()
		if !acquire(ctx) {
			return loadedMsg{err: errBusy, retry: true}
		}
		done := make(chan loadedMsg, 1)
		go func() {
			defer func() { <-readers }() // when the read ends, not at the deadline
			d, err := pdftext.ExtractContext(ctx, b)
			if err != nil {
				done <- loadedMsg{err: err}
				return
			}
			done <- loadedMsg{doc: newDocument(d)}
		}()
		select {
		case msg := <-done:
			if errors.Is(msg.err, context.DeadlineExceeded) {
				return loadedMsg{err: errTimeout, retry: true}
			}
			return msg
		case <-ctx.Done():
			return loadedMsg{err: errTimeout, retry: true}
		}
	}
}

// acquire takes a reading slot, waiting for one until ctx is done; a
// free slot is taken even then (select would pick either at random).
func acquire(ctx context.Context) bool {
	select {
	case readers <- struct{}{}:
		return true
	default:
	}
	select {
	case readers <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (m *Model) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case loadedMsg:
		m.doc, m.err, m.retry = msg.doc, msg.err, msg.retry
		m.state = ready
		if msg.err != nil {
			m.state = failed
		}
		m.offset, m.rows, m.find = 0, nil, finding{}
		return nil
	case spinner.TickMsg:
		if m.state != loading {
			return nil // the spinner stops with the loading
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return overlay.Run{Cmd: m.Mailbox().Every(cmd)}
	case tea.KeyPressMsg:
		if m.typing {
			return m.typingKey(msg)
		}
		return m.key(msg)
	case tea.PasteMsg:
		if m.typing {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return overlay.Run{Cmd: cmd}
		}
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelDown {
			m.scroll(3)
		} else {
			m.scroll(-3)
		}
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) overlay.Action {
	k := m.keys
	if key.Matches(msg, k.Close) {
		return overlay.Close{}
	}
	if m.state == failed && m.retry && key.Matches(msg, k.Retry) {
		return overlay.Run{Cmd: m.load()}
	}
	if !m.reading() {
		return nil // loading, failed, or nothing to read: esc is all there is
	}
	m.ensureRows(m.width)
	page := max(1, m.room-1)
	switch {
	case key.Matches(msg, k.Down):
		m.scroll(1)
	case key.Matches(msg, k.Up):
		m.scroll(-1)
	case key.Matches(msg, k.PageDown):
		m.scroll(page)
	case key.Matches(msg, k.PageUp):
		m.scroll(-page)
	case key.Matches(msg, k.Home):
		m.offset = 0
	case key.Matches(msg, k.End):
		m.offset = m.maxOffset()
	case key.Matches(msg, k.NextPage):
		if p := m.topPage() + 1; p < len(m.pageRow) {
			m.offset = min(m.pageRow[p], m.maxOffset())
		} else {
			m.offset = m.maxOffset()
		}
	case key.Matches(msg, k.PrevPage):
		if p := m.topPage(); m.offset > m.pageRow[p] {
			m.offset = m.pageRow[p] // back to the start of this page first
		} else if p > 0 {
			m.offset = m.pageRow[p-1]
		}
	case key.Matches(msg, k.Search):
		m.typing = true
		m.input.SetValue(m.find.query)
		m.input.CursorEnd()
		return overlay.Run{Cmd: m.input.Focus()}
	case key.Matches(msg, k.Next) && len(m.find.matches) > 0:
		m.step(1)
	case key.Matches(msg, k.Prev) && len(m.find.matches) > 0:
		m.step(-1)
	}
	return nil
}

// typingKey: enter searches, esc leaves the search as it was, the rest
// is typing.
func (m *Model) typingKey(msg tea.KeyPressMsg) overlay.Action {
	switch {
	case key.Matches(msg, m.keys.Enter):
		m.typing = false
		m.input.Blur()
		m.search(m.input.Value())
		return nil
	case key.Matches(msg, m.keys.Cancel):
		m.typing = false
		m.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return overlay.Run{Cmd: cmd}
}

// reading: there is text on screen to move through.
func (m *Model) reading() bool { return m.state == ready && m.doc.text }

func (m *Model) scroll(n int) {
	if m.reading() {
		m.offset = max(0, min(m.offset+n, m.maxOffset()))
	}
}

// maxOffset is the last row the screen may start at: the last screenful,
// or the last page's first row (a short last page is shown from its
// start, as ] and G go there).
func (m *Model) maxOffset() int {
	last := 0
	if len(m.pageRow) > 0 {
		last = m.pageRow[len(m.pageRow)-1]
	}
	return max(0, len(m.rows)-max(1, m.room), last)
}

// topPage is the page of the first row shown.
func (m *Model) topPage() int {
	if m.offset >= len(m.rows) {
		return 0
	}
	return m.doc.lines[m.rows[m.offset].line].page
}

// ensureRows wraps the document to width, when it is not already.
func (m *Model) ensureRows(width int) {
	width = max(20, width)
	if m.rows != nil && m.wrapW == width || m.doc == nil {
		return
	}
	top := -1 // keep the line at the top where it is
	if m.offset < len(m.rows) {
		top = m.rows[m.offset].line
	}
	m.rows, m.pageRow, m.wrapW = m.rows[:0], make([]int, max(1, m.doc.pages)), width
	for i, l := range m.doc.lines {
		if l.kind == pageMark || i == 0 {
			m.pageRow[l.page] = len(m.rows)
		}
		if i == top {
			m.offset = len(m.rows)
		}
		for _, sp := range wrap(m.lineText(l), width) {
			m.rows = append(m.rows, row{line: i, span: sp})
		}
	}
	if m.room == 0 {
		m.room = 10 // until the first drawing says how many fit
	}
	m.offset = max(0, min(m.offset, m.maxOffset()))
}

// ShortHelp lists what works now: only esc (and r, after a failure that
// may pass) until there is text to read.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.typing:
		return []key.Binding{k.Enter, k.Cancel}
	case m.state == failed && m.retry:
		return []key.Binding{k.Retry, k.Close}
	case !m.reading():
		return []key.Binding{k.Close}
	}
	keys := []key.Binding{k.Close, k.Down, k.PageDown, k.NextPage, k.Search} // esc first: the footer may cut the rest
	if len(m.find.matches) > 0 {
		keys = append(keys, k.Next)
	}
	return keys
}

func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.typing || !m.reading() {
		return [][]key.Binding{m.ShortHelp()}
	}
	find := []key.Binding{k.Search}
	if len(m.find.matches) > 0 {
		find = append(find, k.Next)
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, {k.PrevPage, k.NextPage}, find, {k.Close}}
}

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End, PrevPage, NextPage key.Binding
	Search, Next, Prev, Close, Retry                          key.Binding
	// While typing a search.
	Enter, Cancel key.Binding
}

func newKeyMap(com *common.Common) keyMap {
	t, b := com.Text, common.Bind
	return keyMap{
		Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		PageUp: b("pgup", t.KeyPage, "pgup"), PageDown: b("pgdn/space", t.KeyPage, "pgdown", "space"),
		Home: b("g", t.KeyFirst, "g", "home"), End: b("G", t.KeyLast, "G", "end"),
		PrevPage: b("[/←", t.KeyPrev, "[", "left"), NextPage: b("]/→", t.KeyNext, "]", "right"),
		Search: b("/", t.PDFView.KeySearch, "/"),
		Next:   b("n/N", t.PDFView.KeyMatch, "n"), Prev: b("N", t.PDFView.KeyMatch, "N"),
		Close: b("esc/q", t.PDFView.KeyClose, "esc", "q"), Retry: b("r", t.PDFView.KeyRetry, "r"),
		Enter: b("enter", t.PDFView.KeySearch, "enter"), Cancel: b("esc", t.KeyBack, "esc"),
	}
}
