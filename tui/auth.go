package tui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
	"github.com/gecli/gecli/tui/signin"
)

// sessionMsg is the outcome of resuming the stored session.
type sessionMsg struct {
	authed *client.Client
	me     api.Me
	err    error
	// reason is said on the sign-in screen when the session is over
	// ("": the usual sentence).
	reason string
}

// resumeSession turns the stored tokens into an authenticated client and
// asks who we are; the refresh, if due, happens (and is saved) here.
func resumeSession(s *store.Store, c *client.Client) tea.Cmd { return rereadMe(s, c, "") }

// rereadMe is resumeSession saying reason should the session be over.
func rereadMe(s *store.Store, c *client.Client, reason string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return sessionMsg{err: err, reason: reason}
		}
		me, err := authed.Me(ctx)
		return sessionMsg{authed: authed, me: me, err: err, reason: reason}
	}
}

// openSignIn shows the sign-in screen over whatever is open (a new
// attempt replaces one already there). automatic: the root opened it (no
// session at start, a session that ended), not the person: should the
// server be unreachable it closes, and the cache shows, offline.
func (m *Model) openSignIn(reason string, automatic bool) tea.Cmd {
	m.closeSignIn()
	v, cmd := signin.New(m.com, m.opts.Client, m.opts.Store, reason, m.opts.SignInHint)
	if automatic {
		v.Automatic()
	}
	m.stack.Push(v)
	return cmd
}

// closeSignIn closes the sign-in screen, if open; it reports whether it was.
func (m *Model) closeSignIn() bool {
	v, ok := overlay.Of[*signin.Model](m.stack, route.Root)
	if ok {
		v.Stop()
		m.stack.Remove(v.Mailbox().ID())
	}
	return ok
}

// sessionResumed records who is signed in, or opens the sign-in screen
// when the session is over. An unreachable server changes nothing but the
// online state: the session may still be fine.
func (m *Model) sessionResumed(msg sessionMsg) tea.Cmd {
	t := m.com.Text
	switch {
	case msg.err == nil:
		m.authed, m.me = msg.authed, &msg.me
		m.com.Authed, m.com.Me = m.authed, m.me
		m.keys.SignIn.SetEnabled(false) // help lists L only while it works
		if !m.active().Allowed(m.me) {
			m.page = 0 // the permissions changed: this page is no longer theirs
		}
		cmds := []tea.Cmd{m.online(m.sync.SetOnline(true)), m.sync.SignedIn(m.authed, *m.me), readGrace(m.opts.Store)}
		if hook := m.opts.SignedIn; hook != nil {
			authed, me := msg.authed, msg.me
			cmds = append(cmds, func() tea.Msg { hook(authed, me); return nil })
		}
		if m.closeSignIn() {
			cmds = append(cmds, m.toast.Push(fmt.Sprintf(t.SignInDone, msg.me.Name), false))
		}
		return tea.Batch(cmds...)
	case common.SignedOut(msg.err):
		reason := msg.reason
		if reason == "" && m.me != nil {
			reason = t.SessionExpired
		}
		m.authed, m.me = nil, nil
		m.com.Authed, m.com.Me = nil, nil
		m.keys.SignIn.SetEnabled(true)
		notices := m.sync.SignedOut()
		if !m.active().Allowed(nil) {
			m.page = 0
		}
		if _, open := overlay.Of[*signin.Model](m.stack, route.Root); !open {
			return tea.Batch(notices, m.openSignIn(reason, true))
		}
		return notices
	case client.IsOffline(msg.err):
		return m.online(m.sync.SetOnline(false))
	}
	return m.toast.Push(common.Explain(t, msg.err), true)
}
