// Package tui is the gecli terminal UI. The root model is a router: it
// owns the header, footer, toasts and the overlay stack, hands input to
// the overlay on top (else the global keys, else the active page), and
// each Cmd's answer to the page, overlay or sync model that asked. All
// I/O runs in Cmds.
package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/palette"
	"github.com/gecli/gecli/tui/components/toast"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/keymap"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/pages/admin"
	"github.com/gecli/gecli/tui/pages/catalog"
	"github.com/gecli/gecli/tui/pages/credentials"
	"github.com/gecli/gecli/tui/pages/requests"
	"github.com/gecli/gecli/tui/pages/review"
	"github.com/gecli/gecli/tui/pages/vault"
	"github.com/gecli/gecli/tui/pages/wizard"
	"github.com/gecli/gecli/tui/route"
	"github.com/gecli/gecli/tui/router"
	"github.com/gecli/gecli/tui/signin"
	tuisync "github.com/gecli/gecli/tui/sync"
)

// Options configure the TUI.
type Options struct {
	ServerURL string
	Client    *client.Client // nil: --offline, never call the server
	Store     *store.Store
	Lang      api.Lang
	Theme     string // a theme name or themes.Auto
	NoColor   bool   // NO_COLOR is set
	Build     api.BuildInfo
	Now       func() time.Time
	// RetryEvery is how often to try the server again while offline.
	RetryEvery time.Duration
	// BeatEvery is how often the server is pinged to notice it gone (or
	// back) within seconds (default 3 s; negative: never, for tests).
	BeatEvery time.Duration
	// SyncEvery is how often requests sync in the background while
	// signed in (decisions made elsewhere appear without a restart).
	SyncEvery time.Duration
	// NoticesEvery is how often announcements and the maintenance window
	// are read again (default a minute; negative: only at start and at
	// each sign-in, for tests).
	NoticesEvery time.Duration
	// SignInHint is shown on the sign-in screen (gecli demo: the demo
	// users' passwords; never set for a real server).
	SignInHint string
	// NativeClipboard writes the system clipboard; used only when the TUI
	// runs locally (not over SSH). Nil: OSC 52 only.
	NativeClipboard func(string) error
	// ClipboardClear clears the clipboard this long after a secret was
	// copied (0: never).
	ClipboardClear time.Duration
	// Remote: served by gecli ssh to a terminal elsewhere (common.Remote).
	Remote bool
	// ReviewOverdueDays marks pending requests older than this many
	// working days in Avaliação (0: the default).
	ReviewOverdueDays int
	// DownloadDir is where attachments are saved ("": ~/Downloads).
	DownloadDir string
	// SignedIn, when set, hears of each sign-in or resumed session with
	// its client, in a Cmd (gecli ssh audits the session as that person).
	SignedIn func(*client.Client, api.Me)
	// Keys are the person's remaps (the config file's [keys]), applied
	// outside text fields (remap.go).
	Keys keymap.Map
}

// Model is the root model.
type Model struct {
	opts   Options
	com    *common.Common
	keys   globalKeys
	pages  []common.Page
	page   int
	stack  *overlay.Stack
	router *router.Router
	sync   *tuisync.Model

	help  help.Model
	toast toast.Model

	// authed is the client with the session's tokens (nil when signed
	// out); me is who that is.
	authed *client.Client
	me     *api.Me

	// notices are the announcements and the maintenance window (the
	// cache's, then the server's); noticeRows is how many lines they take
	// under the header since the last resize.
	notices    store.Notices
	noticeRows int
	// notifier is how the terminal shows desktop notifications (read
	// from its environment; none until then).
	notifier common.Notifier
	// graceTold are the previous secrets whose end was told (grace.go).
	graceTold map[string]bool

	width, height int
}

// New builds the root model and its pages.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RetryEvery == 0 {
		o.RetryEvery = 15 * time.Second
	}
	if o.BeatEvery == 0 {
		o.BeatEvery = 3 * time.Second // with the timeout below: offline within 5 s
	}
	if o.SyncEvery == 0 {
		o.SyncEvery = 20 * time.Second
	}
	if o.NoticesEvery == 0 {
		o.NoticesEvery = tuisync.NoticesEvery
	}
	t := i18n.For(o.Lang)
	o.Client = o.Client.WithLang(t.Lang) // the server words its problems in the screen's language
	stack := &overlay.Stack{}
	com := &common.Common{
		Styles: themes.Get(themes.Resolve(o.Theme, o.NoColor, true)),
		Text:   t, Lang: t.Lang, Now: o.Now,
		ForcedOffline:     o.Client == nil,
		Clip:              &common.Clipboard{Native: o.NativeClipboard, ClearAfter: o.ClipboardClear},
		Remote:            o.Remote,
		ReviewOverdueDays: o.ReviewOverdueDays, DownloadDir: o.DownloadDir,
		Online:   o.Client != nil, // optimistic until the first answer
		Overlays: stack,
	}
	m := &Model{opts: o, com: com, keys: newGlobalKeys(t), help: help.New(), stack: stack,
		sync: tuisync.New(tuisync.Options{Client: o.Client, Store: o.Store, Text: t, Now: o.Now,
			RetryEvery: o.RetryEvery, SyncEvery: o.SyncEvery, BeatEvery: o.BeatEvery, BeatTimeout: 2 * time.Second,
			NoticesEvery: o.NoticesEvery})}
	m.pages = []common.Page{catalog.New(com, o.Store, o.Client), requests.New(com, o.Store), review.New(com, o.Store),
		credentials.New(com, o.Store), vault.New(com), admin.New(com)}
	m.router = &router.Router{Pages: m.pages, Stack: stack, Root: m.overlayResult}
	m.applyTheme()
	return m
}

// Init loads the cache first, so the screen fills at once, then refreshes
// from the server in the background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.sync.Init(), tea.RequestBackgroundColor, noticeClock()}
	for _, p := range m.pages {
		cmds = append(cmds, p.Init())
	}
	if !m.com.ForcedOffline {
		cmds = append(cmds, resumeSession(m.opts.Store, m.opts.Client))
	}
	return tea.Batch(cmds...)
}

func (m *Model) active() common.Page { return m.pages[m.page] }

// Update routes: input to the overlay on top, else the global keys, else
// the active page; answers to whoever asked; news to every page.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.noticesUpdate(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.resize()
	case tea.BackgroundColorMsg:
		m.background(msg)
	case tea.EnvMsg:
		m.environment(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg, tea.MouseMsg:
		return m, m.input(msg)
	case route.Envelope:
		return m, m.deliver(msg)
	case common.ToastMsg:
		return m, m.toast.Push(msg.Text, msg.Error)
	case common.OutcomesMsg:
		return m, m.outcomes(msg)
	case graceMsg:
		return m, m.graceEnding(msg)
	case toast.ExpireMsg:
		m.toast.Expire(msg)
	case common.ClearClipboardMsg:
		return m, common.ClearClipboard(m.com, msg)
	case common.ConnectivityMsg:
		return m, m.online(m.sync.SetOnline(msg.Online))
	case common.CatalogSyncedMsg, common.RequestsSyncedMsg, common.DraftsChangedMsg:
		return m, m.router.Broadcast(msg)
	case common.SyncRequestsMsg:
		return m, m.sync.SyncRequests()
	case common.OpenWizardMsg:
		return m, m.openWizard(msg)
	case common.ShowPageMsg:
		return m, m.showPage(msg)
	case sessionMsg:
		return m, m.sessionResumed(msg)
	case tuisync.SessionLostMsg:
		return m, m.sessionResumed(sessionMsg{err: msg.Err})
	case common.SessionEndedMsg:
		return m, m.sessionResumed(sessionMsg{err: msg.Err, reason: msg.Reason})
	case common.ReloadMeMsg:
		if m.com.ForcedOffline || m.me == nil {
			return m, nil
		}
		return m, rereadMe(m.opts.Store, m.opts.Client, msg.Reason)
	case common.NoticesChangedMsg:
		return m, m.sync.NoticesChanged()
	case common.SyncCatalogMsg:
		return m, m.online(m.sync.CatalogChanged())
	case signin.ApprovedMsg:
		return m, resumeSession(m.opts.Store, m.opts.Client)
	}
	return m, nil
}

// key: a remapped key stands for its target outside text fields; then
// press routes it.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if esc, then, ok := escBurst(msg, m.capturing()); ok {
		first := m.key(esc)
		return tea.Batch(first, m.key(then))
	}
	return m.press(m.remap(msg))
}

// press: ctrl+c always quits; an open overlay takes every other key; a
// focused search box takes them too; then the global keys; then the page.
func (m *Model) press(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit
	}
	if cmd, ok := m.router.Input(msg, m.onScreen()); ok {
		return cmd
	}
	if cmd, ok := m.paletteKey(msg); ok {
		return cmd
	}
	if !m.active().Capturing() {
		if cmd, ok := m.globalKey(msg); ok {
			return cmd
		}
	}
	return m.input(msg)
}

// onScreen is the page on screen: its boxes and the root's get the keys.
func (m *Model) onScreen() route.ID { return m.active().Mailbox().ID() }

// capturing: keys are text (a box is open on screen, or a search box has
// focus).
func (m *Model) capturing() bool {
	return m.stack.TopFor(m.onScreen()) != nil || m.active().Capturing()
}

// input gives a key, paste or mouse event to the overlay on top, else to
// the active page.
func (m *Model) input(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.router.Input(msg, m.onScreen()); ok {
		return cmd
	}
	var cmd tea.Cmd
	m.pages[m.page], cmd = m.active().Update(msg)
	return cmd
}

// deliver hands an answer to the sync model, or through the router to
// the page or overlay that asked.
func (m *Model) deliver(e route.Envelope) tea.Cmd {
	if e.To == tuisync.ID {
		msg, ok := m.sync.Mailbox().Open(e)
		if !ok || msg == nil {
			return nil
		}
		return m.online(m.sync.Update(msg))
	}
	return m.router.Deliver(e)
}

// showPage brings the page a ShowPageMsg names on screen, if the person
// may use it, and hands it the message (what to select, where esc goes).
func (m *Model) showPage(msg common.ShowPageMsg) tea.Cmd {
	for i, p := range m.pages {
		if p.Mailbox().ID() == msg.Page && p.Allowed(m.me) {
			m.page = i
			var cmd tea.Cmd
			m.pages[i], cmd = p.Update(msg)
			return cmd
		}
	}
	return nil
}

// overlayResult takes the results of the root's own overlays.
func (m *Model) overlayResult(msg tea.Msg) tea.Cmd {
	if chosen, ok := msg.(palette.Chosen); ok {
		// As if pressed (the palette closed first), and as the binding
		// names it: a remap of that key must not turn it into another.
		return m.press(chosen.Key)
	}
	// The wizard's own closing Cmds tell the pages when its draft is
	// written or deleted (DraftsChangedMsg).
	if closed, ok := msg.(wizard.ClosedMsg); ok && closed.Submitted {
		m.page = 1 // Solicitações
		return m.sync.SyncRequests()
	}
	return nil
}

// online follows a sync step with the connectivity it found: the offline
// banner takes a line from the page, so a change resizes.
func (m *Model) online(cmd tea.Cmd) tea.Cmd {
	if m.com.Online == m.sync.Online() {
		return cmd
	}
	m.com.Online = m.sync.Online()
	return tea.Batch(cmd, m.resize())
}
