// Package sync keeps the cache fresh for the root model: the catalog
// refresh (at start, on ctrl+r, while offline every RetryEvery), the
// OpenAPI prefetch after it, the requests sync while signed in (after an
// action, and every SyncEvery in the background), and whether the server
// was reachable. The root drives it; it reports through Cmds that answer
// the root's messages (toasts, connectivity, the synced signals).
package sync

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/route"
)

// ID is the sync model's mailbox address.
const ID route.ID = "sync"

// Options configure the model.
type Options struct {
	Client     *client.Client // nil: --offline, never call the server
	Store      *store.Store
	Text       *i18n.Text
	Now        func() time.Time
	RetryEvery time.Duration // offline: how often to try the server again
	SyncEvery  time.Duration // signed in: how often requests sync
	// BeatEvery is how often the server is pinged (its /healthz, with
	// BeatTimeout), so that a server gone away shows as offline within
	// BeatEvery+BeatTimeout, and one back shows online as soon; 0: never.
	BeatEvery, BeatTimeout time.Duration
	// NoticesEvery is how often the announcements and the maintenance
	// window are read again (0: only at start and at each sign-in).
	NoticesEvery time.Duration
}

// SessionLostMsg says a requests sync found the session over.
type SessionLostMsg struct{ Err error }

// Model is the sync state.
type Model struct {
	o  Options
	mb *route.Mailbox

	online bool
	// unreachable: the last call found no server (a network error), as
	// opposed to one that answered with a failure: only then does a ping
	// that gets through warrant a refresh at once.
	unreachable bool
	syncedAt    time.Time
	// The signed-in session the requests sync runs as (nil: signed out),
	// and which requests are the person's (their changes are told).
	authed  *client.Client
	subject string
	mine    func(api.Request) bool
	// noticesFetched: the server's notices (or the cache's after a failed
	// ask) arrived; the cache's first read, if later, is older.
	noticesFetched bool
	notices        store.Notices // the newest read
	// again: a requests sync was asked for while one ran (after a
	// decision, say); the running one may have read the server before it.
	again bool
}

// New starts optimistic: online until the first answer says otherwise.
func New(o Options) *Model {
	return &Model{o: o, mb: route.NewMailbox(ID), online: o.Client != nil}
}

// Mailbox addresses the answers of the model's Cmds.
func (m *Model) Mailbox() *route.Mailbox { return m.mb }

// Online reports whether the last call to the server succeeded.
func (m *Model) Online() bool { return m.online }

// Syncing reports whether a catalog refresh is in flight.
func (m *Model) Syncing() bool { return m.mb.Pending("catalog") }

// SyncedAt is when the catalog was last confirmed fresh.
func (m *Model) SyncedAt() time.Time { return m.syncedAt }

// Init reads what the cache holds, then refreshes from the server.
func (m *Model) Init() tea.Cmd {
	cmd := tea.Batch(m.mb.Latest("state", loadSyncState(m.o.Store)), m.mb.Latest("cached-notices", loadNotices(m.o.Store)))
	if m.o.Client == nil {
		return cmd
	}
	return tea.Batch(cmd, m.refreshCatalog(false), m.nextBeat(), m.refreshNotices())
}

func (m *Model) refreshCatalog(userAsked bool) tea.Cmd {
	return m.mb.Latest("catalog", refreshCatalog(m.o.Client, m.o.Store, m.o.Now, userAsked))
}

// Refresh is ctrl+r: ask the server now and say what happened. It is nil
// while a refresh is in flight (that one will say).
func (m *Model) Refresh() tea.Cmd {
	if m.o.Client == nil {
		return common.Toast(m.o.Text.OfflineNoRefresh, false)
	}
	if m.Syncing() {
		return nil
	}
	return m.refreshCatalog(true)
}

// CatalogChanged reads the catalog again now, quietly: an administrator
// changed it on the server. Unlike Refresh it does not wait for a read in
// flight, which may have left before the change (the newer read's answer
// replaces it).
func (m *Model) CatalogChanged() tea.Cmd {
	if m.o.Client == nil {
		return nil
	}
	return m.refreshCatalog(false)
}

// SignedIn starts syncing requests as authed (me owns the cache's
// requests) and keeps doing so in the background; a decision, revocation
// or credential released on a request me submitted is told at once.
func (m *Model) SignedIn(authed *client.Client, me api.Me) tea.Cmd {
	m.authed, m.subject = authed, me.Subject
	submits := me.Can(api.PermRequestsSubmit)
	// By the sign-in's subject (a colleague may have the same name); a
	// server from before it sent the requester's id is matched by name.
	m.mine = func(r api.Request) bool {
		if !submits {
			return false
		}
		if r.Requester.ID != "" {
			return r.Requester.ID == me.Subject
		}
		return me.Name != "" && r.Requester.Name == me.Name
	}
	return tea.Batch(m.SyncRequests(), m.mb.Latest("tick", tickAfter(m.o.SyncEvery)), m.refreshNotices())
}

// SignedOut stops the requests sync (the timer's next tick is dropped)
// and reads the notices again as anyone.
func (m *Model) SignedOut() tea.Cmd {
	m.authed, m.subject, m.again = nil, "", false
	m.mb.Drop("tick")
	m.mb.Drop("requests") // a sync in flight was the person's: its news is not the next one's
	return m.refreshNotices()
}

// NoticesChanged reads the notices again now (a dismissal, a refusal
// that said maintenance).
func (m *Model) NoticesChanged() tea.Cmd { return m.refreshNotices() }

// SyncRequests pulls request changes into the cache, or marks that one
// more is needed after the one running.
func (m *Model) SyncRequests() tea.Cmd {
	if m.authed == nil {
		return nil
	}
	if m.mb.Pending("requests") {
		m.again = true
		return nil
	}
	m.again = false
	return m.mb.Latest("requests", syncRequests(m.authed, m.o.Store, m.subject, m.mine))
}

// SetOnline records connectivity. Going (or staying) offline schedules a
// retry, so the TUI comes back online by itself when the server returns;
// a newer schedule replaces the older, so only one timer ever acts.
func (m *Model) SetOnline(online bool) tea.Cmd {
	m.online = online
	if online || m.o.Client == nil || m.Syncing() {
		return nil // a refresh in flight will decide when it answers
	}
	return m.mb.Latest("retry", retryAfter(m.o.RetryEvery))
}

// Update takes the answers of the model's own Cmds.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case syncStateMsg:
		if m.syncedAt.IsZero() {
			m.syncedAt = msg.state.SyncedAt
		}
	case syncedMsg:
		return m.synced(msg)
	case retryMsg:
		if m.online || m.Syncing() {
			return nil
		}
		return m.refreshCatalog(false)
	case prefetchedMsg:
		// Quiet by design: a failed prefetch only means fewer documents
		// offline, and the next sync tries again.
	case bgSyncMsg:
		if m.authed == nil {
			return nil
		}
		return tea.Batch(m.SyncRequests(), m.mb.Latest("tick", tickAfter(m.o.SyncEvery)))
	case requestsSyncedMsg:
		return m.requestsSynced(msg)
	case beatMsg:
		if m.mb.Pending("ping") {
			return m.nextBeat()
		}
		return tea.Batch(m.nextBeat(), m.mb.Latest("ping", ping(m.o.Client, m.o.BeatTimeout)))
	case pingedMsg:
		return m.pinged(msg)
	case noticesMsg:
		return m.noticesRead(msg)
	case noticesTickMsg:
		return m.refreshNotices()
	}
	return nil
}

// nextBeat schedules the next ping (one timer: a newer replaces it).
func (m *Model) nextBeat() tea.Cmd {
	if m.o.BeatEvery <= 0 || m.o.Client == nil {
		return nil
	}
	return m.mb.Latest("beat", beatAfter(m.o.BeatEvery))
}

// pinged: unreachable while online is offline at once (the requests sync
// would only notice at its next tick); reachable while offline is worth
// a refresh now rather than at the next retry, and the refresh's answer
// says online.
func (m *Model) pinged(msg pingedMsg) tea.Cmd {
	if msg.err == nil && msg.maintenance != m.windowOn() && !m.mb.Pending("notices") {
		// The server says a window is on and the notices do not (or the
		// other way round): one began or ended, announced or not, and
		// the notices say so at once, not at their next minute.
		return tea.Batch(m.refreshNotices(), m.pingedOnline(msg))
	}
	return m.pingedOnline(msg)
}

// windowOn says whether the notices read show a window on now.
func (m *Model) windowOn() bool {
	w := m.notices.Maintenance
	if w == nil {
		return false
	}
	start, end := w.Window()
	now := m.o.Now()
	return !now.Before(start) && now.Before(end)
}

func (m *Model) pingedOnline(msg pingedMsg) tea.Cmd {
	switch {
	case msg.err != nil && m.online:
		m.unreachable = true
		return m.SetOnline(false)
	case msg.err == nil && m.unreachable && !m.Syncing():
		m.mb.Drop("retry")
		return m.refreshCatalog(false)
	}
	return nil
}

func (m *Model) synced(msg syncedMsg) tea.Cmd {
	t := m.o.Text
	m.unreachable = client.IsOffline(msg.err)
	if msg.err != nil {
		if client.IsOffline(msg.err) {
			cmd := m.SetOnline(false)
			if msg.userAsked {
				cmd = tea.Batch(cmd, common.Toast(t.RetryHint, true))
			}
			return cmd
		}
		return tea.Batch(m.SetOnline(client.ProblemCode(msg.err) != ""), common.Toast(common.Explain(t, msg.err), true))
	}
	m.syncedAt = msg.at
	cmds := []tea.Cmd{m.SetOnline(true)}
	if !m.mb.Pending("prefetch") {
		cmds = append(cmds, m.mb.Latest("prefetch", prefetchDocs(m.o.Client, m.o.Store, m.o.Now)))
	}
	if msg.changed {
		synced := common.CatalogSyncedMsg{Changed: true, Count: msg.count, At: msg.at}
		cmds = append(cmds, func() tea.Msg { return synced })
	}
	if msg.userAsked {
		text := t.RefreshedUnchanged
		if msg.changed {
			text = fmt.Sprintf(t.Refreshed, msg.count)
		}
		cmds = append(cmds, common.Toast(text, false))
	}
	return tea.Batch(cmds...)
}

func (m *Model) requestsSynced(msg requestsSyncedMsg) tea.Cmd {
	// What a sync brought is told even when a later page failed: the
	// pages written replaced the cache's "before", so it is now or never.
	var told tea.Cmd
	if outcomes := msg.outcomes; len(outcomes) > 0 {
		told = func() tea.Msg { return common.OutcomesMsg{Outcomes: outcomes} }
	}
	switch {
	case msg.err == nil:
		synced := common.RequestsSyncedMsg{Changed: msg.changed}
		cmd := tea.Batch(func() tea.Msg { return synced }, told)
		if m.again {
			return tea.Batch(cmd, m.SyncRequests())
		}
		return cmd
	case client.IsOffline(msg.err):
		m.unreachable = true
		return tea.Batch(told, m.SetOnline(false))
	case common.SignedOut(msg.err):
		err := msg.err
		return tea.Batch(told, func() tea.Msg { return SessionLostMsg{Err: err} })
	}
	return tea.Batch(told, common.Toast(common.Explain(m.o.Text, msg.err), true))
}
