package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/notices"
	"github.com/gecli/gecli/tui/components/palette"
	"github.com/gecli/gecli/tui/pages/wizard"
	"github.com/gecli/gecli/tui/route"
)

// globalKey handles the keys that mean the same on every page.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit, true
	case key.Matches(msg, k.Help):
		keys := m.opts.Keys // the help shows the keys as remapped
		m.stack.Push(newHelp(m.com, m.help, keys.KeyMap(m.active()), keys.Columns(m.globalHelp())))
		return nil, true
	case key.Matches(msg, k.Refresh):
		return m.refresh(), true
	case key.Matches(msg, k.Notices):
		l := notices.NewList(m.com, m.opts.Store, route.Root, m.notices, m.com.Now())
		l.SetSize(m.width, m.bodyHeight())
		m.stack.Push(l)
		return nil, true
	case key.Matches(msg, k.SignIn) && !m.com.ForcedOffline:
		return m.openSignIn("", false), true
	case key.Matches(msg, k.Next):
		m.turn(1)
		return nil, true
	case key.Matches(msg, k.Prev):
		m.turn(-1)
		return nil, true
	case key.Matches(msg, k.Jump):
		if n := int(msg.Code - '1'); n >= 0 && n < len(m.pages) && m.pages[n].Allowed(m.me) {
			m.page = n
		}
		return nil, true
	}
	return nil, false
}

// refresh is ctrl+r: ask the server now and say what happened; signed in,
// also check the session (a revoked one opens the sign-in screen over the
// current page, which is kept) and sync requests.
func (m *Model) refresh() tea.Cmd {
	cmd := m.sync.Refresh()
	if cmd == nil || m.com.ForcedOffline || m.me == nil {
		return m.online(cmd)
	}
	return m.online(tea.Batch(cmd, resumeSession(m.opts.Store, m.opts.Client)))
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

// openWizard opens the request form on a draft, or a new one pre-filled
// with an API from the catalog (FAQ 3.12).
func (m *Model) openWizard(msg common.OpenWizardMsg) tea.Cmd {
	d := store.Draft{APIID: msg.APIID, Environment: msg.Env}
	if msg.Draft != nil {
		d = *msg.Draft
	}
	w := wizard.New(m.com, m.opts.Store, d)
	w.SetWidth(m.width)
	m.stack.Push(w)
	return w.Init()
}

func (m *Model) background(msg tea.BackgroundColorMsg) {
	if m.opts.Theme == "" || m.opts.Theme == themes.Auto {
		m.com.Styles = themes.Get(themes.Resolve(m.opts.Theme, m.opts.NoColor, msg.IsDark()))
		m.applyTheme()
	}
}

// environment reads the session's terminal from its environment, not the
// process's (over SSH they differ).
func (m *Model) environment(msg tea.EnvMsg) {
	// ssh does not pass TMUX along, but the client's TERM says tmux (or
	// screen, tmux's older default) all the same.
	term := msg.Getenv("TERM")
	m.com.Clip.Tmux = msg.Getenv("TMUX") != "" || strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "screen")
	// Over SSH the system clipboard is the server's, not the person's.
	m.com.Clip.Local = !m.opts.Remote && msg.Getenv("SSH_CONNECTION") == "" && msg.Getenv("SSH_TTY") == "" && msg.Getenv("SSH_CLIENT") == ""
	m.notifier = common.DetectNotifier(msg.Getenv)
}

func (m *Model) applyTheme() {
	st := m.com.Styles
	m.help.Styles.ShortKey, m.help.Styles.FullKey = st.HelpKey, st.HelpKey
	m.help.Styles.ShortDesc, m.help.Styles.FullDesc = st.HelpDesc, st.HelpDesc
	m.help.Styles.ShortSeparator, m.help.Styles.FullSeparator = st.HelpSep, st.HelpSep
	m.help.Styles.Ellipsis = st.HelpSep
}

// resize gives the pages (and the wizard) the body's size.
func (m *Model) resize() tea.Cmd {
	for _, o := range m.stack.OwnedBy(route.Root) {
		if w, ok := o.(*wizard.Model); ok {
			w.SetWidth(m.width)
		}
		if p, ok := o.(*palette.Model); ok {
			p.SetSize(m.width, m.bodyHeight())
		}
		if l, ok := o.(*notices.List); ok {
			l.SetSize(m.width, m.bodyHeight())
		}
	}
	cmds := make([]tea.Cmd, len(m.pages))
	for i, p := range m.pages {
		cmds[i] = p.SetSize(m.width, m.bodyHeight())
	}
	return tea.Batch(cmds...)
}

// paletteKey opens the command palette: ctrl+p on any page, : only
// outside text fields (in one, : is text).
func (m *Model) paletteKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if key.Matches(msg, m.keys.PaletteInField) || (!m.active().Capturing() && key.Matches(msg, m.keys.Palette)) {
		p := palette.New(m.com, route.Root, m.active().Title(), m.paletteActions())
		p.SetSize(m.width, m.bodyHeight())
		m.stack.Push(p)
		return p.Init(), true
	}
	return nil, false
}

// paletteActions are the actions a press would run now, with their keys
// as remapped (remap.go).
func (m *Model) paletteActions() []key.Binding { return m.shown(m.actionsNow()) }

// actionsNow are the page's keys (its full help, then any only its footer
// lists), then the global ones, with a jump to each other page the
// person may open. A focused text field takes printable keys and the
// global ones as text, so then only the page's other keys are listed.
func (m *Model) actionsNow() []key.Binding {
	page, capturing := m.active(), m.active().Capturing()
	out := []key.Binding{}
	for _, col := range append(page.FullHelp(), page.ShortHelp()) {
		for _, b := range col {
			if len(b.Keys()) == 0 {
				continue
			}
			if press, _ := palette.Press(b.Keys()[0]); capturing && press.Text != "" {
				continue
			}
			out = append(out, b)
		}
	}
	if capturing {
		return out
	}
	k, t := m.keys, m.com.Text
	if len(m.jumpKeys().Keys()) > 0 {
		out = append(out, k.Next, k.Prev)
	}
	for i, p := range m.pages {
		if i != m.page && p.Allowed(m.me) {
			n := strconv.Itoa(i + 1)
			out = append(out, key.NewBinding(key.WithKeys(n), key.WithHelp(n, fmt.Sprintf(t.Palette.GoTo, p.Title()))))
		}
	}
	out = append(out, k.Refresh, k.Notices, k.Help) // Notices disabled when none: the palette leaves it out
	if !m.com.ForcedOffline {
		out = append(out, k.SignIn) // disabled while signed in: the palette leaves it out
	}
	return append(out, k.Quit)
}
