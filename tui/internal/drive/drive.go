// Package drive runs a Bubble Tea model in tests without a terminal: it
// delivers messages, runs the returned Cmds on goroutines (as the runtime
// does) and waits for a condition on the view with a deadline, never a
// sleep. Timers (tea.Tick) simply have not fired by the time a test ends.
package drive

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
	"github.com/gecli/gecli/tui/router"
)

// Driver owns a model under test.
type Driver struct {
	t     testing.TB
	model tea.Model
	msgs  chan tea.Msg
	// Seen records every message delivered, for assertions on Cmd output
	// (clipboard writes, quits).
	Seen []tea.Msg
}

// New starts m at a window size and runs its Init.
func New(t testing.TB, m tea.Model, width, height int) *Driver {
	d := &Driver{t: t, model: m, msgs: make(chan tea.Msg, 256)}
	d.run(m.Init())
	d.Send(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

// Send delivers msg now.
func (d *Driver) Send(msg tea.Msg) {
	d.Seen = append(d.Seen, msg)
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			d.run(c)
		}
		return
	}
	var cmd tea.Cmd
	d.model, cmd = d.model.Update(msg)
	d.run(cmd)
}

// Key sends one key press, named as tmux or Bubble Tea spell it: "enter",
// "esc", "ctrl+r", or a single printable character.
func (d *Driver) Key(k string) {
	d.Send(KeyPress(k))
}

// Type sends each rune of s as a key press.
func (d *Driver) Type(s string) {
	for _, r := range s {
		d.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (d *Driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil {
			d.msgs <- msg
		}
	}()
}

// View is the current screen with styles removed.
func (d *Driver) View() string {
	return ansi.Strip(d.model.View().Content)
}

// Model returns the model under test.
func (d *Driver) Model() tea.Model { return d.model }

// WaitFor delivers Cmd results until cond holds for the view, failing the
// test after a deadline with the last screen.
func (d *Driver) WaitFor(what string, cond func(view string) bool) {
	d.t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond(d.View()) {
		select {
		case msg := <-d.msgs:
			d.Send(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.View())
		}
	}
}

// WaitForText waits until the view contains s.
func (d *Driver) WaitForText(s string) {
	d.t.Helper()
	d.WaitFor(strconvQuote(s), func(v string) bool { return strings.Contains(v, s) })
}

// KeyPress builds the message of a named key.
func KeyPress(k string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "backspace": {Code: tea.KeyBackspace},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
		"pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp},
		"ctrl+r": {Code: 'r', Mod: tea.ModCtrl}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl}, "ctrl+s": {Code: 's', Mod: tea.ModCtrl},
	}
	if m, ok := special[k]; ok {
		return m
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func strconvQuote(s string) string { return `"` + s + `"` }

// Host runs a single page as the root would: its own overlay stack,
// answers delivered through the router to the page or the box that asked,
// keys to the box on top before the page, window sizes as SetSize, the
// root's news (syncs, drafts) to the page. Any other message is the
// root's, and the page never sees it: an answer a page forgot to address
// is lost here as it would be in the program.
type Host struct {
	P     common.Page
	Stack *overlay.Stack
	r     *router.Router
}

// NewHost hosts p, whose Common is com (its overlay stack is set here).
func NewHost(com *common.Common, p common.Page) *Host {
	com.Overlays = &overlay.Stack{}
	h := &Host{P: p, Stack: com.Overlays}
	h.r = &router.Router{Pages: []common.Page{p}, Stack: h.Stack}
	return h
}

func (h *Host) Init() tea.Cmd { return h.P.Init() }

// Update routes msg; it also serves tests that hand answers over in an
// order of their choosing.
func (h *Host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return h, h.P.SetSize(msg.Width, msg.Height)
	case route.Envelope:
		cmd := h.r.Deliver(msg)
		h.P = h.r.Pages[0]
		return h, cmd
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg:
		if cmd, ok := h.r.Input(msg, h.P.Mailbox().ID()); ok {
			h.P = h.r.Pages[0]
			return h, cmd
		}
	case common.CatalogSyncedMsg, common.RequestsSyncedMsg, common.DraftsChangedMsg:
	default:
		return h, nil
	}
	var cmd tea.Cmd
	h.P, cmd = h.P.Update(msg)
	h.r.Pages[0] = h.P
	return h, cmd
}

// Route is Update for tests that drive the host by hand.
func (h *Host) Route(msg tea.Msg) tea.Cmd {
	_, cmd := h.Update(msg)
	return cmd
}

// Answer runs cmd (as the runtime would) and routes what it answers; a
// batch is run item by item.
func (h *Host) Answer(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			h.Answer(c)
		}
		return
	}
	h.Route(msg)
}

func (h *Host) View() tea.View { return tea.NewView(h.P.View()) }

// Copied reports whether text was written to the clipboard with OSC 52
// (tea.SetClipboard) and whether an OSC 52 went out wrapped for tmux. The
// messages are compared with what Bubble Tea's own commands produce, not
// by their type names.
func (d *Driver) Copied(text string) (osc52, tmux bool) {
	want := tea.SetClipboard(text)()
	for _, m := range d.Seen {
		osc52 = osc52 || m == want
		if raw, ok := m.(tea.RawMsg); ok {
			tmux = tmux || strings.Contains(fmt.Sprint(raw.Msg), "\x1bPtmux;")
		}
	}
	return osc52, tmux
}

// Settle delivers Cmd results until none arrives for quiet (at most 3 s),
// so a test looks at a screen every answer it started has reached.
func (d *Driver) Settle(quiet time.Duration) {
	deadline := time.After(3 * time.Second)
	for {
		select {
		case msg := <-d.msgs:
			d.Send(msg)
		case <-time.After(quiet):
			return
		case <-deadline:
			return
		}
	}
}
