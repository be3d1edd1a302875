// Package common is what the root model shares with its pages: the theme,
// the language, connectivity, the Page interface and the few messages pages
// send to the root (toasts, connectivity).
package common

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Common is owned by the root and read by pages when they draw. Pages
// never write to it, but for opening their boxes on Overlays; everything
// else they ask for with messages.
type Common struct {
	Styles        themes.Styles
	Text          *i18n.Text
	Lang          api.Lang
	Online        bool // the last call to the server succeeded
	ForcedOffline bool // --offline: never call the server
	// Clip is how copies reach the person's clipboard.
	Clip *Clipboard
	// Remote: the TUI runs on another machine than the person's terminal
	// (gecli ssh). Nothing is read from or written to that machine's files
	// on their behalf: downloads become single-use links copied with OSC
	// 52, and attaching files is done from gecli on their own machine.
	Remote bool
	Now    func() time.Time
	// Authed calls the server as the signed-in user; nil when signed out.
	// Me is who that is. Pages pass Authed to their Cmds.
	Authed *client.Client
	Me     *api.Me
	// Overlays is the stack of modal boxes. A page pushes its boxes in
	// Update and draws the ones it owns (OwnedBy its mailbox's ID).
	Overlays *overlay.Stack
	// ReviewOverdueDays is how many working days (Monday to Friday but
	// Brazil's national holidays) a request may wait on Avaliação before
	// its row is marked late; 0 means the default, 5.
	ReviewOverdueDays int
	// DownloadDir is where attachments are saved ("": ~/Downloads).
	DownloadDir string
}

// Page is one screen under the root. Children return strings; only the
// root builds a tea.View.
type Page interface {
	help.KeyMap
	// Mailbox addresses the answers of the page's Cmds to this page.
	Mailbox() *route.Mailbox
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	View() string
	// SetSize gives the page its area; a page may answer with a Cmd (a
	// taller table reads more rows).
	SetSize(width, height int) tea.Cmd
	// Capturing reports whether an inline text field of the page (its
	// search box) has focus, so keys like q and ? reach it instead of
	// quitting or opening help. Boxes need no such care: they are
	// overlays, and the stack captures keys while one is open.
	Capturing() bool
	Title() string
	// Allowed reports whether the signed-in person's roles may use the
	// page (me is nil when signed out); other pages are skipped.
	Allowed(me *api.Me) bool
}

// ConnectivityMsg tells the root whether the server was just reached.
type ConnectivityMsg struct {
	Online bool
	Err    error
}

// ToastMsg asks the root to show a short message.
type ToastMsg struct {
	Text  string
	Error bool
}

// CatalogSyncedMsg is sent to pages after a background refresh of the
// catalog; Changed means the cache now holds something new.
type CatalogSyncedMsg struct {
	Changed bool
	Count   int
	At      time.Time
}

// OutcomeKind is what happened to one of the person's requests.
type OutcomeKind int

const (
	OutcomeApproved OutcomeKind = iota + 1
	OutcomeRejected
	OutcomeRevoked
	OutcomeReleased // the credential, once the verification form was accepted
)

// Outcome is a change a background sync brought to one of the person's
// requests, with the justification when there is one.
type Outcome struct {
	Request       api.Request
	Kind          OutcomeKind
	Justification string
}

// OutcomesMsg tells the root what a sync brought (it says so at once).
type OutcomesMsg struct{ Outcomes []Outcome }

// NoticesChangedMsg asks the root to read the notices again now (an
// administrator just changed them).
type NoticesChangedMsg struct{}

// NoticesMsg says the sync read the announcements and the maintenance
// window again (the server's, or the cache's when it is out of reach):
// the root takes the newest from the sync, as these messages may arrive
// out of order.
type NoticesMsg struct{}

// RequestsSyncedMsg is sent to every page after requests were synced into
// the cache (Changed rows), so tables re-read their windows.
type RequestsSyncedMsg struct{ Changed int }

// SyncRequestsMsg asks the root to sync requests now (after an action
// that changed one on the server).
type SyncRequestsMsg struct{}

// OpenWizardMsg asks the root to open the request wizard: on a draft to
// resume, or new and pre-filled with an API and environment (FAQ 3.12).
type OpenWizardMsg struct {
	Draft *store.Draft
	APIID string
	Env   api.Environment
}

// ShowPageMsg asks the root to bring the page whose mailbox is Page on
// screen and hand it this message (pages never import each other): Select
// names what to select there, a request's id (Solicitações' C opens the
// request's credential); Back is the page that asked, to return to with
// esc ("" when there is none to return to).
type ShowPageMsg struct {
	Page, Back route.ID
	Select     string
}

// CredentialsPage is the Credenciais page's address, for ShowPageMsg.
const CredentialsPage route.ID = "credentials"

// DraftsChangedMsg tells pages the saved drafts changed.
type DraftsChangedMsg struct{}

// SyncCatalogMsg asks the root to read the catalog from the server now:
// an administrator just changed it there (created, edited, published or
// retired an API), and the Catálogo should not wait for ctrl+r.
type SyncCatalogMsg struct{}

// ReloadMeMsg asks the root to read who is signed in again (/me): the
// person's permissions may have changed (a profile saved, their own
// record edited). Reason is said on the sign-in screen should the server
// have ended the session meanwhile ("" for the usual sentence).
type ReloadMeMsg struct{ Reason string }

// SessionEndedMsg tells the root the server refused the session (401):
// it opens the sign-in screen as for a lost session, saying Reason.
type SessionEndedMsg struct {
	Err    error
	Reason string
}

// Toast returns a Cmd that shows text.
func Toast(text string, isError bool) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Text: text, Error: isError} }
}

// Connectivity returns a Cmd reporting whether the server answered.
func Connectivity(online bool, err error) tea.Cmd {
	return func() tea.Msg { return ConnectivityMsg{Online: online, Err: err} }
}
