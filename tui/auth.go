package tui

import (
	"bytes"
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/mdp/qrterminal/v3"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// sessionMsg is the outcome of resuming the stored session.
type sessionMsg struct {
	authed *client.Client
	me     api.Me
	err    error
}

// signInStartedMsg carries the device code to show.
type signInStartedMsg struct {
	gen      int
	provider client.Provider
	da       *oauth2.DeviceAuthResponse
	qr       string
	err      error
}

// signInDoneMsg says the person approved (or not) in the browser.
type signInDoneMsg struct {
	gen int
	err error
}

// resumeSession turns the stored tokens into an authenticated client and
// asks who we are; the refresh, if due, happens (and is saved) here.
func resumeSession(s *store.Store, c *client.Client) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return sessionMsg{err: err}
		}
		me, err := authed.Me(ctx)
		return sessionMsg{authed: authed, me: me, err: err}
	}
}

// signedOut reports whether err means the session is over (as opposed to
// the server being unreachable).
func signedOut(err error) bool {
	code := client.ProblemCode(err)
	return errors.Is(err, session.ErrNoSession) || errors.Is(err, client.ErrSignedOut) ||
		code == api.CodeInvalidToken || code == api.CodeTokenExpired
}

func startSignIn(ctx context.Context, c *client.Client, gen int) tea.Cmd {
	return func() tea.Msg {
		p, da, err := session.Start(ctx, c)
		msg := signInStartedMsg{gen: gen, provider: p, da: da, err: err}
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
func finishSignIn(ctx context.Context, s *store.Store, p client.Provider, da *oauth2.DeviceAuthResponse, gen int) tea.Cmd {
	return func() tea.Msg {
		return signInDoneMsg{gen: gen, err: session.Finish(ctx, s, p, da)}
	}
}
