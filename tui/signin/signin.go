// Package signin is the sign-in screen, an overlay of the root: the
// device code, where to type it, and a QR code when the terminal is tall
// enough. The page underneath stays and comes back when it closes.
package signin

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mdp/qrterminal/v3"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// ApprovedMsg tells the root the person approved the code: the tokens
// are stored; the screen stays until the root has resumed the session.
type ApprovedMsg struct{}

type startedMsg struct {
	provider client.Provider
	da       *oauth2.DeviceAuthResponse
	qr       string
	err      error
}

type doneMsg struct{ err error }

// Model is one sign-in screen.
type Model struct {
	overlay.Base
	com    *common.Common
	client *client.Client
	store  *store.Store
	hint   string // gecli demo: the demo users' passwords
	reason string // why it opened (session expired...), "" on a fresh start
	// automatic: opened by the root, not by the person's L; such a screen
	// closes by itself when the server cannot be reached, leaving the
	// cached pages and the offline banner instead of a failed sign-in.
	automatic bool
	keys      struct{ Skip, Copy, Retry key.Binding }

	cancel context.CancelFunc
	da     *oauth2.DeviceAuthResponse
	qr     string
	err    error
}

// New opens the screen and starts a device flow attempt.
func New(com *common.Common, c *client.Client, s *store.Store, reason, hint string) (*Model, tea.Cmd) {
	t := com.Text
	m := &Model{Base: overlay.NewBase("signin", route.Root), com: com, client: c, store: s, reason: reason, hint: hint}
	m.keys.Skip = common.Bind("esc", t.KeySkipSignIn, "esc")
	m.keys.Copy = common.Bind("c", t.KeyCopyURL, "c")
	m.keys.Retry = common.Bind("r", t.KeyRetry, "r")
	return m, m.start()
}

// Automatic marks a screen the root opened on its own (a start with no
// session, a session that ended): unreachable, it gives way to the cache.
func (m *Model) Automatic() { m.automatic = true }

// ShortHelp lists what acts now: r after a failure, c once there is a
// code to copy, esc always.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.err != nil:
		return []key.Binding{m.keys.Retry, m.keys.Skip}
	case m.da != nil:
		return []key.Binding{m.keys.Skip, m.keys.Copy}
	}
	return []key.Binding{m.keys.Skip}
}
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Stop ends the attempt (the poll for approval, if running).
func (m *Model) Stop() {
	if m.cancel != nil {
		m.cancel()
	}
}

// start begins an attempt; a newer one's answers replace the older's.
func (m *Model) start() tea.Cmd {
	m.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.da, m.qr, m.err = cancel, nil, "", nil
	m.Mailbox().Drop("finish")
	return m.Mailbox().Latest("start", startSignIn(ctx, m.client))
}

func (m *Model) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case startedMsg:
		if msg.err != nil {
			m.err = msg.err
			if client.IsOffline(msg.err) {
				if m.automatic {
					m.Stop()
					return overlay.Close{Cmd: common.Connectivity(false, msg.err)}
				}
				return overlay.Run{Cmd: common.Connectivity(false, msg.err)}
			}
			return nil
		}
		m.da, m.qr = msg.da, msg.qr
		ctx, cancel := context.WithCancel(context.Background())
		prev := m.cancel
		m.cancel = func() { prev(); cancel() }
		return overlay.Run{Cmd: m.Mailbox().Latest("finish", finishSignIn(ctx, m.store, msg.provider, msg.da))}
	case doneMsg:
		if msg.err != nil {
			m.err, m.da = msg.err, nil
			return nil
		}
		return overlay.Run{Cmd: func() tea.Msg { return ApprovedMsg{} }}
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// key: esc continues without signing in (the catalog is public), r tries
// again after a failure, c copies the approval URL.
func (m *Model) key(msg tea.KeyPressMsg) overlay.Action {
	t := m.com.Text
	switch {
	case key.Matches(msg, m.keys.Skip):
		m.Stop()
		return overlay.Close{Cmd: common.Toast(t.SignInSkipped, false)}
	case key.Matches(msg, m.keys.Retry) && m.err != nil:
		return overlay.Run{Cmd: m.start()}
	case key.Matches(msg, m.keys.Copy) && m.da != nil:
		return overlay.Run{Cmd: common.Copy(m.com, t.SignInURL, m.da.VerificationURIComplete)}
	}
	return nil
}

// View draws the screen in the body; the QR code only where it fits.
func (m *Model) View(width, height int) string {
	st, t := m.com.Styles, m.com.Text
	lines := []string{st.Bold.Render(t.SignInTitle)}
	if m.reason != "" {
		lines = append(lines, st.Warning.Render(m.reason))
	}
	lines = append(lines, "")
	switch {
	case m.err != nil:
		lines = append(lines, st.Error.Render(fmt.Sprintf(t.SignInFailed, common.Explain(t, m.err))), "",
			st.Subtle.Render(t.SignInPublic))
	case m.da == nil:
		lines = append(lines, st.Subtle.Render(t.SignInStarting))
	default:
		lines = append(lines,
			st.Text.Render(t.SignInOpen),
			"   "+st.URL.Render(m.da.VerificationURI),
			st.Text.Render(t.SignInType),
			"   "+st.AppName.Render(m.da.UserCode),
			"",
			st.Subtle.Render(t.SignInWaiting),
			st.Subtle.Render(t.SignInPublic),
		)
		if m.hint != "" {
			lines = append(lines, "", st.Warning.Render(lipgloss.Wrap(m.hint, max(20, width), "")))
		}
		qr := strings.TrimRight(m.qr, "\n")
		if qr != "" && lipgloss.Height(qr)+len(lines)+1 <= height && ansi.StringWidth(strings.Split(qr, "\n")[0]) <= width {
			lines = append(lines, "", st.Subtle.Render(t.SignInQR), qr)
		}
	}
	return strings.Join(lines, "\n")
}

func startSignIn(ctx context.Context, c *client.Client) tea.Cmd {
	return func() tea.Msg {
		p, da, err := session.Start(ctx, c)
		msg := startedMsg{provider: p, da: da, err: err}
		if err == nil && da.VerificationURIComplete != "" {
			var buf bytes.Buffer
			qrterminal.GenerateWithConfig(da.VerificationURIComplete, qrterminal.Config{Level: qrterminal.L, Writer: &buf,
				HalfBlocks: true, BlackChar: qrterminal.BLACK_BLACK, WhiteChar: qrterminal.WHITE_WHITE,
				BlackWhiteChar: qrterminal.BLACK_WHITE, WhiteBlackChar: qrterminal.WHITE_BLACK, QuietZone: 1})
			msg.qr = buf.String()
		}
		return msg
	}
}

// finishSignIn blocks (in its goroutine) until the person decides, the
// code expires or ctx is cancelled (esc).
func finishSignIn(ctx context.Context, s *store.Store, p client.Provider, da *oauth2.DeviceAuthResponse) tea.Cmd {
	return func() tea.Msg { return doneMsg{err: session.Finish(ctx, s, p, da)} }
}
