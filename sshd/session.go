package sshd

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui"
)

// conn is one SSH session being served.
type conn struct {
	id          string
	fingerprint string
	remote      string
	lang        api.Lang
	started     time.Time
	store       *store.Store

	mu sync.Mutex
	// authed and me are the person signed in (reported to the audit
	// trail), nil until then.
	authed *client.Client
	me     *api.Me
	// idle is set when the session ended for want of keys.
	idle    bool
	program *tea.Program
	timer   *time.Timer
}

type connKey struct{}

// guard runs first for every session: it refuses what gecli ssh does not
// serve (a command, no terminal, a full server), opens the key's cache,
// and when the TUI has ended, closes the books on the session.
func (s *Server) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		lang := langOf(sess.Environ(), s.cfg.Lang)
		say := func(text string, code int) {
			fmt.Fprint(sess.Stderr(), strings.ReplaceAll(text, "\n", "\r\n")+"\r\n")
			sess.Exit(code)
		}
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			say(words(lang).NoCommands, 1)
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			say(words(lang).NoTerminal, 1)
			return
		}
		if !s.slots.take() {
			s.log.Warn("ssh session refused: server full", "remote", sess.RemoteAddr().String(), "max", s.cfg.MaxSessions)
			say(words(lang).Full, 1)
			return
		}
		defer s.slots.give()
		c := &conn{id: newUUID(), fingerprint: gossh.FingerprintSHA256(sess.PublicKey()), remote: sess.RemoteAddr().String(),
			lang: lang, started: s.cfg.Now()}
		st, release, err := s.caches.acquire(sess.Context(), c.fingerprint)
		if err != nil {
			s.log.Error("ssh session: cache unavailable", "fingerprint", c.fingerprint, "err", err)
			say(words(lang).NoCache, 1)
			return
		}
		defer release()
		c.store = st
		s.log.Info("ssh session started", "session", c.id, "fingerprint", c.fingerprint, "remote", c.remote)
		sess.Context().SetValue(connKey{}, c)
		next(sess)

		c.mu.Lock()
		idle, authed, me := c.idle, c.authed, c.me
		if c.timer != nil {
			c.timer.Stop()
		}
		c.mu.Unlock()
		user := ""
		if me != nil {
			user = me.Subject
			s.report(authed, c, "end")
		}
		s.log.Info("ssh session ended", "session", c.id, "fingerprint", c.fingerprint, "remote", c.remote, "user", user,
			"duration", s.cfg.Now().Sub(c.started).Round(time.Second), "idle", idle)
		if idle {
			say(fmt.Sprintf(words(lang).Idle, s.cfg.IdleTimeout), 0)
		}
	}
}

// program builds the session's TUI: the person's own cache, the client's
// terminal (its TERM, COLORTERM and TMUX come as the session's
// environment, wish's MakeOptions passes them on), OSC 52 for copies and
// no system clipboard.
func (s *Server) program(sess ssh.Session) *tea.Program {
	c, _ := sess.Context().Value(connKey{}).(*conn)
	if c == nil {
		return nil
	}
	env := sess.Environ()
	m := tui.New(tui.Options{
		ServerURL: s.cfg.ServerURL, Client: s.client, Store: c.store, Lang: c.lang, Theme: themeOr(s.cfg.Theme),
		NoColor: envValue(env, "NO_COLOR") != "", Build: s.cfg.Build, SignInHint: s.cfg.SignInHint,
		ClipboardClear: s.cfg.ClipboardClear, Remote: true, ReviewOverdueDays: s.cfg.ReviewOverdueDays,
		SignedIn: func(authed *client.Client, me api.Me) { s.signedIn(c, authed, me) },
	})
	opts := append(bubbletea.MakeOptions(sess), tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
			c.touch(s.cfg.IdleTimeout)
		}
		return msg
	}))
	p := tea.NewProgram(m, opts...)
	c.mu.Lock()
	c.program = p
	c.timer = time.AfterFunc(s.cfg.IdleTimeout, c.expire)
	c.mu.Unlock()
	return p
}

// touch pushes the idle deadline back.
func (c *conn) touch(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil && !c.idle {
		c.timer.Reset(d)
	}
}

// expire ends a session nobody typed in for the idle timeout.
func (c *conn) expire() {
	c.mu.Lock()
	c.idle = true
	p := c.program
	c.mu.Unlock()
	if p != nil {
		p.Quit()
	}
}

// signedIn hears of each sign-in (or resumed session) of the TUI: the
// first of each person is reported to the server's audit trail.
func (s *Server) signedIn(c *conn, authed *client.Client, me api.Me) {
	c.mu.Lock()
	if c.me != nil && c.me.Subject == me.Subject {
		c.authed = authed
		c.mu.Unlock()
		return
	}
	prevAuthed, prev := c.authed, c.me
	c.authed, c.me = authed, &me
	c.mu.Unlock()
	if prev != nil {
		s.report(prevAuthed, c, "end") // another person signed in in the same session
	}
	s.log.Info("ssh session signed in", "session", c.id, "fingerprint", c.fingerprint, "user", me.Subject)
	s.report(authed, c, "start")
}

// report records a start or an end in the server's audit trail, as the
// person (their token): best effort, the local log has it anyway.
func (s *Server) report(authed *client.Client, c *conn, event string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := authed.ReportSSHSession(ctx, api.SSHSession{Session: c.id, Event: event, Fingerprint: c.fingerprint, RemoteAddr: c.remote})
	if err != nil {
		s.log.Warn("ssh session not audited on the server", "session", c.id, "event", event, "err", err)
	}
}

// langOf is the language the client's locale names (LC_ALL, then
// LC_MESSAGES, then LANG, as POSIX orders them), else def.
func langOf(env []string, def api.Lang) api.Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(envValue(env, name))
		switch {
		case v == "" || v == "c" || v == "posix" || strings.HasPrefix(v, "c."):
			continue
		case strings.HasPrefix(v, "en"):
			return api.En
		case strings.HasPrefix(v, "pt"):
			return api.PtBR
		}
		return def
	}
	return def
}

func envValue(env []string, name string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], name+"="); ok {
			return v
		}
	}
	return ""
}

func themeOr(t string) string {
	if t == "" {
		return themes.Auto
	}
	return t
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
