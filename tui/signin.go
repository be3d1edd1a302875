package tui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
)

// signInView is the sign-in screen: the device code, where to type it,
// and a QR code when the terminal is tall enough. The page the user was on
// stays underneath and comes back when this closes.
type signInView struct {
	reason   string // why it opened (session expired...), "" on a fresh start
	gen      int    // ties async answers to this attempt
	cancel   context.CancelFunc
	provider client.Provider
	da       *oauth2.DeviceAuthResponse
	qr       string
	err      error
}

// openSignIn starts a device flow attempt and shows the screen.
func (m *Model) openSignIn(reason string) tea.Cmd {
	if m.signIn != nil {
		m.signIn.cancel()
	}
	m.signInGen++
	ctx, cancel := context.WithCancel(context.Background())
	m.signIn = &signInView{reason: reason, gen: m.signInGen, cancel: cancel}
	return startSignIn(ctx, m.opts.Client, m.signInGen)
}

func (m *Model) closeSignIn() {
	if m.signIn != nil {
		m.signIn.cancel()
		m.signIn = nil
	}
}

func (m *Model) signInStarted(msg signInStartedMsg) tea.Cmd {
	v := m.signIn
	if v == nil || msg.gen != v.gen {
		return nil
	}
	if msg.err != nil {
		v.err = msg.err
		if client.IsOffline(msg.err) {
			return m.setOnline(false)
		}
		return nil
	}
	v.provider, v.da, v.qr = msg.provider, msg.da, msg.qr
	ctx, cancel := context.WithCancel(context.Background())
	prev := v.cancel
	v.cancel = func() { prev(); cancel() }
	return finishSignIn(ctx, m.opts.Store, v.provider, v.da, v.gen)
}

func (m *Model) signInDone(msg signInDoneMsg) tea.Cmd {
	v := m.signIn
	if v == nil || msg.gen != v.gen {
		return nil
	}
	if msg.err != nil {
		v.err, v.da = msg.err, nil
		return nil
	}
	return resumeSession(m.opts.Store, m.opts.Client)
}

// signInKey: esc continues without signing in (the catalog is public),
// r tries again after a failure, c copies the approval URL.
func (m *Model) signInKey(msg tea.KeyPressMsg) tea.Cmd {
	v := m.signIn
	switch msg.String() {
	case "esc":
		m.closeSignIn()
		return m.toast.Push(m.com.Text.SignInSkipped, false)
	case "r":
		if v.err != nil {
			return m.openSignIn(v.reason)
		}
	case "c":
		if v.da != nil {
			return common.Copy(m.com, m.com.Text.SignInURL, v.da.VerificationURIComplete)
		}
	}
	return nil
}

func (m *Model) signInScreen() string {
	st, t, v := m.com.Styles, m.com.Text, m.signIn
	lines := []string{st.Bold.Render(t.SignInTitle)}
	if v.reason != "" {
		lines = append(lines, st.Warning.Render(v.reason))
	}
	lines = append(lines, "")
	switch {
	case v.err != nil:
		lines = append(lines, st.Error.Render(fmt.Sprintf(t.SignInFailed, common.Explain(t, v.err))), "",
			st.Subtle.Render(t.SignInRetryHint))
	case v.da == nil:
		lines = append(lines, st.Subtle.Render(t.SignInStarting))
	default:
		lines = append(lines,
			st.Text.Render(t.SignInOpen),
			"   "+st.URL.Render(v.da.VerificationURI),
			st.Text.Render(t.SignInType),
			"   "+st.AppName.Render(v.da.UserCode),
			"",
			st.Subtle.Render(t.SignInWaiting),
			st.Subtle.Render(t.SignInKeys),
		)
		if m.opts.SignInHint != "" {
			lines = append(lines, "", st.Warning.Render(lipgloss.Wrap(m.opts.SignInHint, max(20, m.width), "")))
		}
		qr := strings.TrimRight(v.qr, "\n")
		if qr != "" && lipgloss.Height(qr)+len(lines)+1 <= m.bodyHeight() && ansi.StringWidth(strings.Split(qr, "\n")[0]) <= m.width {
			lines = append(lines, "", st.Subtle.Render(t.SignInQR), qr)
		}
	}
	return strings.Join(lines, "\n")
}
