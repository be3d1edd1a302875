// Package tui is the gecli terminal UI: one root model that owns the
// header, footer, help, toasts and connectivity, and hands everything else
// to the active page. All I/O runs in Cmds.
package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/toast"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/pages/catalog"
	"github.com/gecli/gecli/tui/pages/credentials"
	"github.com/gecli/gecli/tui/pages/requests"
	"github.com/gecli/gecli/tui/pages/review"
	"github.com/gecli/gecli/tui/pages/vault"
	"github.com/gecli/gecli/tui/pages/wizard"
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
	// SyncEvery is how often requests sync in the background while
	// signed in (decisions made elsewhere appear without a restart).
	SyncEvery time.Duration
	// SignInHint is shown on the sign-in screen (gecli demo: the demo
	// users' passwords; never set for a real server).
	SignInHint string
	// NativeClipboard writes the system clipboard; used only when the TUI
	// runs locally (not over SSH). Nil: OSC 52 only.
	NativeClipboard func(string) error
	// ClipboardClear clears the clipboard this long after a secret was
	// copied (0: never).
	ClipboardClear time.Duration
}

// Model is the root model.
type Model struct {
	opts  Options
	com   *common.Common
	keys  globalKeys
	pages []common.Page
	page  int

	help     help.Model
	showHelp bool
	toast    toast.Model

	// Identity: authed is the client with the session's tokens (nil when
	// signed out); signIn is the sign-in screen while it is open.
	authed    *client.Client
	me        *api.Me
	signIn    *signInView
	signInGen int

	// wizard is the request form while it is open, over the pages.
	wizard *wizard.Model

	syncingRequests bool
	// syncAgain: a sync was asked for while one ran (after a decision,
	// say); the running one may have read the server before the change.
	syncAgain bool
	bgGen     int // the background sync timer in force

	width, height int
	syncing       bool
	prefetching   bool
	syncedAt      time.Time
	retryGen      int
}

// New builds the root model and its pages.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RetryEvery == 0 {
		o.RetryEvery = 15 * time.Second
	}
	if o.SyncEvery == 0 {
		o.SyncEvery = 20 * time.Second
	}
	t := i18n.For(o.Lang)
	com := &common.Common{
		Styles: themes.Get(themes.Resolve(o.Theme, o.NoColor, true)),
		Text:   t, Lang: t.Lang, Now: o.Now,
		ForcedOffline: o.Client == nil,
		Clip:          &common.Clipboard{Native: o.NativeClipboard, ClearAfter: o.ClipboardClear},
		Online:        o.Client != nil, // optimistic until the first answer
	}
	m := &Model{opts: o, com: com, keys: newGlobalKeys(t), help: help.New()}
	m.pages = []common.Page{catalog.New(com, o.Store, o.Client), requests.New(com, o.Store), review.New(com, o.Store),
		credentials.New(com, o.Store), vault.New(com)}
	m.applyTheme()
	return m
}

// Init loads the cache first, so the screen fills at once, then refreshes
// from the server in the background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadSyncState(m.opts.Store), tea.RequestBackgroundColor}
	for _, p := range m.pages {
		cmds = append(cmds, p.Init())
	}
	if !m.com.ForcedOffline {
		m.syncing = true
		cmds = append(cmds, refreshCatalog(m.opts.Client, m.opts.Store, m.opts.Now, false),
			resumeSession(m.opts.Store, m.opts.Client))
	}
	return tea.Batch(cmds...)
}

func (m *Model) active() common.Page { return m.pages[m.page] }

// Update routes messages: global ones here, the rest to the active page.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.resize()
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "" || m.opts.Theme == themes.Auto {
			m.com.Styles = themes.Get(themes.Resolve(m.opts.Theme, m.opts.NoColor, msg.IsDark()))
			m.applyTheme()
		}
		return m, nil
	case tea.EnvMsg:
		m.com.Clip.Tmux = msg.Getenv("TMUX") != ""
		// Over SSH the system clipboard is the server's, not the person's.
		m.com.Clip.Local = msg.Getenv("SSH_CONNECTION") == "" && msg.Getenv("SSH_TTY") == "" && msg.Getenv("SSH_CLIENT") == ""
		return m, nil
	case common.ClearClipboardMsg:
		return m, common.ClearClipboard(m.com, msg)
	case tea.KeyPressMsg:
		if esc, key, ok := escBurst(msg, m.wizard != nil || m.active().Capturing()); ok {
			_, first := m.Update(esc)
			_, then := m.Update(key)
			return m, tea.Batch(first, then)
		}
		if cmd, handled := m.globalKey(msg); handled {
			return m, cmd
		}
	case syncStateMsg:
		m.syncedAt = msg.state.SyncedAt
		return m, nil
	case syncedMsg:
		return m, m.synced(msg)
	case retryMsg:
		if msg.gen != m.retryGen || m.com.Online || m.syncing {
			return m, nil
		}
		m.syncing = true
		return m, refreshCatalog(m.opts.Client, m.opts.Store, m.opts.Now, false)
	case prefetchedMsg:
		// Quiet by design: a failed prefetch only means fewer documents
		// offline, and the next sync tries again.
		m.prefetching = false
		return m, nil
	case sessionMsg:
		return m, m.sessionResumed(msg)
	case signInStartedMsg:
		return m, m.signInStarted(msg)
	case signInDoneMsg:
		return m, m.signInDone(msg)
	case common.OpenWizardMsg:
		return m, m.openWizard(msg)
	case wizard.ClosedMsg:
		m.wizard = nil
		cmds := []tea.Cmd{m.broadcast(common.DraftsChangedMsg{})}
		if msg.Submitted {
			m.page = 1 // Solicitações
			cmds = append(cmds, m.syncRequests())
		}
		return m, tea.Batch(cmds...)
	case requestsSyncedMsg:
		return m, m.requestsSynced(msg)
	case bgSyncMsg:
		if msg.gen != m.bgGen || m.me == nil {
			return m, nil
		}
		return m, tea.Batch(m.syncRequests(), m.backgroundSync())
	case common.SyncRequestsMsg:
		return m, m.syncRequests()
	case common.ConnectivityMsg:
		return m, m.setOnline(msg.Online)
	case common.ToastMsg:
		return m, m.toast.Push(msg.Text, msg.Error)
	case toast.ExpireMsg:
		m.toast.Expire(msg)
		return m, nil
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		if m.wizard != nil {
			return m, m.wizard.Update(msg)
		}
		var cmd tea.Cmd
		m.pages[m.page], cmd = m.active().Update(msg)
		return m, cmd
	}
	if m.wizard != nil {
		return m, tea.Batch(m.wizard.Update(msg), m.broadcast(msg))
	}
	// Answers of Cmds go to every page: each page's messages are its own
	// types, so a page that is not on screen still gets its results.
	return m, m.broadcast(msg)
}

// globalKey handles keys that mean the same on every page. Text fields get
// every key but ctrl+c.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit, true
	}
	if m.signIn != nil {
		return m.signInKey(msg), true
	}
	if m.showHelp {
		if key.Matches(msg, k.Help, k.Quit) || msg.String() == "esc" {
			m.showHelp = false
		}
		return nil, true
	}
	if m.wizard != nil || m.active().Capturing() {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit, true
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil, true
	case key.Matches(msg, k.Refresh):
		return m.refresh(), true
	case key.Matches(msg, k.SignIn) && m.me == nil && !m.com.ForcedOffline:
		return m.openSignIn(""), true
	case key.Matches(msg, k.Next):
		m.turn(1)
		return nil, true
	case key.Matches(msg, k.Prev):
		m.turn(-1)
		return nil, true
	}
	if n := int(msg.Code - '1'); msg.Text != "" && n >= 0 && n < len(m.pages) && len(msg.Text) == 1 {
		if m.pages[n].Allowed(m.me) {
			m.page = n
		}
		return nil, true
	}
	return nil, false
}

// refresh is ctrl+r: ask the server now and say what happened.
func (m *Model) refresh() tea.Cmd {
	t := m.com.Text
	if m.com.ForcedOffline {
		return m.toast.Push(t.OfflineNoRefresh, false)
	}
	if m.syncing {
		return nil
	}
	m.syncing = true
	cmd := refreshCatalog(m.opts.Client, m.opts.Store, m.opts.Now, true)
	if m.me != nil {
		// Also checks the session (a revoked one opens the sign-in screen
		// over the current page, which is kept) and syncs requests.
		cmd = tea.Batch(cmd, resumeSession(m.opts.Store, m.opts.Client))
	}
	return cmd
}

// syncRequests pulls request changes into the cache (signed in only).
func (m *Model) syncRequests() tea.Cmd {
	if m.authed == nil || m.me == nil {
		return nil
	}
	if m.syncingRequests {
		m.syncAgain = true
		return nil
	}
	m.syncingRequests, m.syncAgain = true, false
	return syncRequests(m.authed, m.opts.Store, m.me.Subject)
}

func (m *Model) requestsSynced(msg requestsSyncedMsg) tea.Cmd {
	m.syncingRequests = false
	switch {
	case msg.err == nil && m.syncAgain:
		return tea.Batch(m.broadcast(common.RequestsSyncedMsg{Changed: msg.changed}), m.syncRequests())
	case msg.err == nil:
		return m.broadcast(common.RequestsSyncedMsg{Changed: msg.changed})
	case client.IsOffline(msg.err):
		return m.setOnline(false)
	case signedOut(msg.err):
		return m.sessionResumed(sessionMsg{err: msg.err})
	}
	return m.toast.Push(common.Explain(m.com.Text, msg.err), true)
}

// openWizard opens the request form on a draft, or a new one pre-filled
// with an API from the catalog (FAQ 3.12).
func (m *Model) openWizard(msg common.OpenWizardMsg) tea.Cmd {
	d := store.Draft{APIID: msg.APIID, Environment: msg.Env}
	if msg.Draft != nil {
		d = *msg.Draft
	}
	m.wizard = wizard.New(m.com, m.opts.Store, d)
	m.wizard.SetWidth(m.width)
	return m.wizard.Init()
}

// turn moves to the next (or previous) page the role may use.
func (m *Model) turn(dir int) {
	for i := 1; i <= len(m.pages); i++ {
		n := (m.page + dir*i + len(m.pages)*len(m.pages)) % len(m.pages)
		if m.pages[n].Allowed(m.me) {
			m.page = n
			return
		}
	}
}

// backgroundSync keeps requests fresh while signed in and online, so
// decisions made elsewhere show up without a restart (one timer: gen).
func (m *Model) backgroundSync() tea.Cmd {
	m.bgGen++
	gen := m.bgGen
	return tea.Tick(m.opts.SyncEvery, func(time.Time) tea.Msg { return bgSyncMsg{gen: gen} })
}

// broadcast delivers msg to every page (data changed under all of them).
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(m.pages))
	for i, p := range m.pages {
		m.pages[i], cmds[i] = p.Update(msg)
	}
	return tea.Batch(cmds...)
}

// sessionResumed records who is signed in, or opens the sign-in screen
// when the session is over. An unreachable server changes nothing but the
// online state: the session may still be fine.
func (m *Model) sessionResumed(msg sessionMsg) tea.Cmd {
	t := m.com.Text
	switch {
	case msg.err == nil:
		wasSigningIn := m.signIn != nil
		m.authed, m.me = msg.authed, &msg.me
		m.com.Authed, m.com.Me = m.authed, m.me
		m.closeSignIn()
		cmds := []tea.Cmd{m.setOnline(true), m.syncRequests(), m.backgroundSync()}
		if wasSigningIn {
			cmds = append(cmds, m.toast.Push(fmt.Sprintf(t.SignInDone, msg.me.Name), false))
		}
		return tea.Batch(cmds...)
	case signedOut(msg.err):
		reason := ""
		if m.me != nil {
			reason = t.SessionExpired
		}
		m.authed, m.me = nil, nil
		m.com.Authed, m.com.Me = nil, nil
		if !m.active().Allowed(nil) {
			m.page = 0
		}
		if m.signIn == nil {
			return m.openSignIn(reason)
		}
		return nil
	case client.IsOffline(msg.err):
		return m.setOnline(false)
	}
	return m.toast.Push(common.Explain(t, msg.err), true)
}

func (m *Model) synced(msg syncedMsg) tea.Cmd {
	m.syncing = false
	t := m.com.Text
	if msg.err != nil {
		if client.IsOffline(msg.err) {
			cmd := m.setOnline(false)
			if msg.userAsked {
				cmd = tea.Batch(cmd, m.toast.Push(t.RetryHint, true))
			}
			return cmd
		}
		return tea.Batch(m.setOnline(client.ProblemCode(msg.err) != ""),
			m.toast.Push(common.Explain(t, msg.err), true))
	}
	m.syncedAt = msg.at
	cmds := []tea.Cmd{m.setOnline(true)}
	if !m.prefetching {
		m.prefetching = true
		cmds = append(cmds, prefetchDocs(m.opts.Client, m.opts.Store, m.opts.Now))
	}
	if msg.changed {
		cmds = append(cmds, m.broadcast(common.CatalogSyncedMsg{Changed: true, Count: msg.count, At: msg.at}))
	}
	if msg.userAsked {
		text := t.RefreshedUnchanged
		if msg.changed {
			text = fmt.Sprintf(t.Refreshed, msg.count)
		}
		cmds = append(cmds, m.toast.Push(text, false))
	}
	return tea.Batch(cmds...)
}

// setOnline records connectivity. Going (or staying) offline schedules one
// retry, so the TUI comes back online by itself when the server returns;
// each schedule bumps retryGen, so only the latest timer ever acts.
func (m *Model) setOnline(online bool) tea.Cmd {
	var resized tea.Cmd
	if m.com.Online != online {
		m.com.Online = online
		resized = m.resize() // the offline banner takes a line from the page
	}
	if online || m.com.ForcedOffline || m.syncing {
		return resized // a sync in flight will decide when it answers
	}
	m.retryGen++
	return tea.Batch(resized, retryAfter(m.opts.RetryEvery, m.retryGen))
}

func (m *Model) applyTheme() {
	st := m.com.Styles
	m.help.Styles.ShortKey, m.help.Styles.FullKey = st.HelpKey, st.HelpKey
	m.help.Styles.ShortDesc, m.help.Styles.FullDesc = st.HelpDesc, st.HelpDesc
	m.help.Styles.ShortSeparator, m.help.Styles.FullSeparator = st.HelpSep, st.HelpSep
	m.help.Styles.Ellipsis = st.HelpSep
}

func (m *Model) resize() tea.Cmd {
	if m.wizard != nil {
		m.wizard.SetWidth(m.width)
	}
	cmds := make([]tea.Cmd, len(m.pages))
	for i, p := range m.pages {
		cmds[i] = p.SetSize(m.width, m.bodyHeight())
	}
	return tea.Batch(cmds...)
}
