// Package admin is the Administração page (tab 6): the catalog's APIs,
// the profiles' permissions, people, institutions and the audit trail,
// one section each, shown to whoever holds the permission a section
// needs. Every change goes to the server (nothing is cached); refusals
// are shown where they happened, with what was typed kept.
package admin

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/route"
)

// section is one part of the page. Sections share the page's mailbox
// (their questions are named after them) and push boxes owned by the page.
type section interface {
	title() string
	perm() api.Permission
	loaded() bool
	load() tea.Cmd
	// update takes an answer or a box's result; ok is false when the
	// message is not the section's.
	update(msg tea.Msg) (cmd tea.Cmd, ok bool)
	key(msg tea.KeyPressMsg) tea.Cmd
	view(width, height int) []string
	help() []key.Binding
	capturing() bool
}

// env is what sections share with the page: read when they draw or ask.
type env struct {
	com           *common.Common
	mb            *route.Mailbox
	keys          listKeys
	width, height int
	// drafts are the forms left with esc, kept until saved or discarded.
	drafts drafts
}

// open pushes a form, with its draft if one was kept.
func (e *env) open(sp spec) tea.Cmd {
	f, cmd := newForm(e.com, e.mb.ID(), sp, e.width, e.drafts)
	e.com.Overlays.Push(f)
	return cmd
}

// Page is the Administração page.
type Page struct {
	*env
	sections []section
	current  int
	prev     key.Binding
	next     key.Binding
	arrows   key.Binding
}

// New builds the page and its sections.
func New(com *common.Common) *Page {
	t, b := com.Text, common.Bind
	e := &env{com: com, mb: route.NewMailbox("admin"), keys: newListKeys(com), drafts: drafts{}}
	return &Page{env: e,
		sections: []section{newAPIs(e), newProfiles(e), newUsers(e), newInstitutions(e), newNotices(e), newAudit(e)},
		prev:     b("[", t.Admin.KeySection, "["), next: b("]", t.Admin.KeySection, "]"),
		arrows: b("←/→", t.Admin.KeySection, "left", "right")}
}

func (p *Page) Title() string           { return p.com.Text.Admin.Tab }
func (p *Page) Mailbox() *route.Mailbox { return p.mb }
func (p *Page) Init() tea.Cmd           { return nil }
func (p *Page) Capturing() bool         { return p.visible() && p.sections[p.current].capturing() }

// Allowed: any administration permission opens the page; each section
// needs its own.
func (p *Page) Allowed(me *api.Me) bool {
	return me != nil && (me.Can(api.PermCatalogAdmin) || me.Can(api.PermProfilesAdmin) ||
		me.Can(api.PermUsersAdmin) || me.Can(api.PermAuditRead))
}

func (p *Page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	return nil
}

// visible reports whether the current section may be shown; it moves to
// the first allowed one when the person's permissions changed.
func (p *Page) visible() bool {
	me := p.com.Me
	if me == nil {
		return false
	}
	if me.Can(p.sections[p.current].perm()) {
		return true
	}
	for i, s := range p.sections {
		if me.Can(s.perm()) {
			p.current = i
			return true
		}
	}
	return false
}

func (p *Page) ShortHelp() []key.Binding {
	if !p.visible() {
		return nil
	}
	s := p.sections[p.current]
	if s.capturing() {
		return s.help() // typing, or unsaved changes: the section's keys only
	}
	if turn := p.turnKeys(); len(turn) > 0 {
		return append([]key.Binding{turn[0]}, s.help()...)
	}
	return s.help()
}

// turnKeys change section, when the person may open more than one: ] [
// and, outside the profile matrix (whose cells they move across), ←/→.
func (p *Page) turnKeys() []key.Binding {
	allowed := 0
	for _, s := range p.sections {
		if p.com.Me.Can(s.perm()) {
			allowed++
		}
	}
	if allowed < 2 {
		return nil
	}
	keys := []key.Binding{p.next, p.prev}
	if p.sections[p.current].perm() != api.PermProfilesAdmin {
		keys = append(keys, p.arrows)
	}
	return keys
}

func (p *Page) FullHelp() [][]key.Binding {
	if !p.visible() {
		return nil
	}
	s := p.sections[p.current]
	if s.capturing() {
		return [][]key.Binding{s.help()}
	}
	if c, ok := s.(counted); ok && c.count() < 2 {
		return [][]key.Binding{p.turnKeys(), s.help()} // nothing to move between
	}
	return [][]key.Binding{p.turnKeys(), s.help(), p.keys.moves()}
}

// counted is a section that may have fewer than two rows (the others
// always have several): it says how many, and the moves are listed only
// when there is somewhere to move.
type counted interface{ count() int }

// show loads the current section the first time it is on screen.
func (p *Page) show() tea.Cmd {
	if s := p.sections[p.current]; p.com.Authed != nil && p.visible() && !s.loaded() {
		return s.load()
	}
	return nil
}

func (p *Page) turn(dir int) tea.Cmd {
	for i := 1; i <= len(p.sections); i++ {
		n := (p.current + dir*i + len(p.sections)) % len(p.sections)
		if p.com.Me.Can(p.sections[n].perm()) {
			p.current = n
			break
		}
	}
	return p.show()
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.RequestsSyncedMsg:
		// Signed in (or synced again): the section on screen fills.
		return p, p.show()
	case tea.KeyPressMsg:
		if !p.visible() {
			return p, nil
		}
		s := p.sections[p.current]
		if !s.capturing() {
			switch {
			case key.Matches(msg, p.prev):
				return p, p.turn(-1)
			case key.Matches(msg, p.next):
				return p, p.turn(1)
			case key.Matches(msg, p.arrows) && len(p.turnKeys()) > 2:
				// The matrix moves with ←/→; elsewhere they change section.
				if msg.Code == tea.KeyLeft {
					return p, p.turn(-1)
				}
				return p, p.turn(1)
			}
		}
		return p, s.key(msg)
	}
	for _, s := range p.sections {
		if cmd, ok := s.update(msg); ok {
			// A refusal of the session also opens the sign-in screen.
			return p, tea.Batch(cmd, p.env.sessionOver(answerErr(msg)))
		}
	}
	return p, nil
}

// answerErr is the error a section's answer carries, if any.
func answerErr(msg tea.Msg) error {
	switch m := msg.(type) {
	case apisMsg:
		return m.err
	case stateMsg:
		return m.err
	case profilesMsg:
		return m.err
	case profilesSavedMsg:
		return m.err
	case usersMsg:
		return m.err
	case userCreated:
		return m.err
	case userChanged:
		return m.err
	case institutionsMsg:
		return m.err
	case institutionSaved:
		return m.err
	case auditMsg:
		return m.err
	case verifiedMsg:
		return m.err
	}
	return nil
}

// sessionOver answers a refusal of the session itself (401): the server
// ends a person's sessions when their role, institutions or access
// change, so the sign-in screen opens saying so; nil for anything else.
func (e *env) sessionOver(err error) tea.Cmd { return sessionEnded(e.com, err) }

func sessionEnded(com *common.Common, err error) tea.Cmd {
	if err == nil || !common.SignedOut(err) {
		return nil
	}
	reason := ""
	if client.ProblemCode(err) == api.CodeInvalidToken {
		reason = com.Text.SessionAccessChanged
	}
	return func() tea.Msg { return common.SessionEndedMsg{Err: err, Reason: reason} }
}

// reloadMe asks the root to read the person's permissions again.
func (e *env) reloadMe() tea.Cmd {
	reason := e.com.Text.SessionAccessChanged
	return func() tea.Msg { return common.ReloadMeMsg{Reason: reason} }
}

// View draws the section bar, then the section.
func (p *Page) View() string {
	st, t := p.com.Styles, p.com.Text.Admin
	switch {
	case p.com.Me == nil:
		return st.Subtle.Render(t.SignIn)
	case !p.visible():
		return st.Subtle.Render(t.Only)
	}
	var tabs []string
	for i, s := range p.sections {
		switch {
		case !p.com.Me.Can(s.perm()):
		case i == p.current:
			tabs = append(tabs, st.TabActive.Render(s.title()))
		default:
			tabs = append(tabs, st.Tab.Render(s.title()))
		}
	}
	bar := strings.Join(tabs, " ") + st.Subtle.Render("  [ ] "+t.KeySection)
	lines := []string{common.Truncate(bar, p.width), ""}
	room := max(1, p.height-2)
	boxes := p.com.Overlays.OwnedBy(p.mb.ID())
	if len(boxes) == 0 {
		return strings.Join(append(lines, p.sections[p.current].view(p.width, room)...), "\n")
	}
	// A question sits over the list it is about; any other box takes the
	// section's room.
	top := boxes[len(boxes)-1]
	if q, ok := top.(*confirm.Box); ok {
		lines = append(append(lines, wrap(st.Warning, q.Question(), p.width)...), "")
		return strings.Join(append(lines, p.sections[p.current].view(p.width, room-len(lines)+2)...), "\n")
	}
	return strings.Join(append(lines, top.View(p.width, room)), "\n")
}
