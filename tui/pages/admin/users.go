package admin

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/components/table"
)

// users lists people as administrators see them and changes them; a new
// person gets a one-time activation code to set their own password.
type users struct {
	*env
	list
	items []api.UserEntry
	keys  struct{ New, Edit, Disable, Activation key.Binding }
}

type usersMsg struct {
	items []api.UserEntry
	err   error
}

// userCreated is the create form's result and a new code's answer: the
// code goes straight into its box and is kept nowhere else.
type userCreated struct {
	created api.UserCreated
	isNew   bool
	err     error
}

// userChanged is a change's answer; disabled is the access the change
// set, if it set one (the toast says so).
type userChanged struct {
	user     api.UserEntry
	disabled *bool
	err      error
}

// patchConfirmed and activationConfirmed are the questions' yes.
type patchConfirmed struct {
	id    string
	patch api.UserPatch
}

type activationConfirmed struct{ user api.UserEntry }

func newUsers(e *env) *users {
	t, b := e.com.Text, common.Bind
	s := &users{env: e}
	s.search = search.New(t.Admin.UserSearch, api.MaxQueryLen)
	s.keys.New = b("n", t.Admin.KeyNew, "n")
	s.keys.Edit = b("e/enter", t.Admin.KeyEdit, "e", "enter")
	s.keys.Disable = b("d", t.Admin.KeyDisable, "d")
	s.keys.Activation = b("a", t.Admin.KeyActivation, "a")
	return s
}

func (s *users) title() string        { return s.com.Text.Admin.SecUsers }
func (s *users) perm() api.Permission { return api.PermUsersAdmin }
func (s *users) loaded() bool         { return s.done }
func (s *users) capturing() bool      { return s.search.Active }

func (s *users) load() tea.Cmd {
	return s.mb.Latest("users", loadUsers(s.com.Authed, strings.TrimSpace(s.search.Value())))
}

func (s *users) help() []key.Binding {
	if s.search.Active {
		return s.env.keys.searching()
	}
	k := s.keys
	return []key.Binding{k.New, k.Edit, k.Disable, k.Activation, s.env.keys.Search}
}

func (s *users) selected() *api.UserEntry {
	if s.sel < len(s.items) {
		return &s.items[s.sel]
	}
	return nil
}

func (s *users) selectedID() string {
	if u := s.selected(); u != nil {
		return u.ID
	}
	return ""
}

func (s *users) update(msg tea.Msg) (tea.Cmd, bool) {
	t := s.com.Text.Admin
	switch msg := msg.(type) {
	case usersMsg:
		s.done, s.err = true, msg.err
		if msg.err == nil {
			s.items = msg.items
			s.pick(len(s.items), func(i int) string { return s.items[i].ID })
		}
	case userCreated:
		if msg.err != nil {
			s.problem = common.Explain(s.com.Text, msg.err)
			return nil, true
		}
		s.problem = ""
		if msg.isNew {
			// The new person is selected, in sight: the next key acts on them.
			s.search.Clear()
			s.want = msg.created.User.ID
		}
		s.com.Overlays.Push(newCodeBox(s.env, msg.created, msg.isNew))
		return s.load(), true
	case patchConfirmed:
		s.problem = ""
		return s.mb.Every(changeUser(s.com.Authed, msg.id, msg.patch)), true
	case activationConfirmed:
		s.problem = ""
		return s.mb.Every(newActivation(s.com.Authed, msg.user.ID)), true
	case userChanged:
		if msg.err != nil {
			s.problem = common.Explain(s.com.Text, msg.err)
			return nil, true
		}
		s.problem = ""
		text := fmt.Sprintf(t.UserSaved, msg.user.Username)
		switch {
		case msg.disabled != nil && *msg.disabled:
			text = fmt.Sprintf(t.UserDisabled, msg.user.Username)
		case msg.disabled != nil:
			text = fmt.Sprintf(t.UserEnabled, msg.user.Username)
		}
		cmds := []tea.Cmd{common.Toast(text, false), s.load()}
		if me := s.com.Me; me != nil && (msg.user.ID == me.Subject || msg.user.Username == me.Username) {
			cmds = append(cmds, s.reloadMe()) // their own access may have changed
		}
		return tea.Batch(cmds...), true
	default:
		return nil, false
	}
	return nil, true
}

func (s *users) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.search.Active {
		cmd, changed := s.searchKey(msg, s.selectedID())
		if changed {
			return tea.Batch(cmd, s.load())
		}
		return cmd
	}
	k, t, u := s.keys, s.com.Text.Admin, s.selected()
	if s.env.keys.move(msg, &s.sel, len(s.items), s.height-6) {
		return nil
	}
	switch {
	case key.Matches(msg, s.env.keys.Search):
		return s.search.Focus()
	case key.Matches(msg, s.env.keys.Back):
		s.problem = ""
		if s.clear(s.selectedID()) {
			return s.load()
		}
	case key.Matches(msg, k.New):
		return s.open(createUserForm(s.env))
	case u == nil: // the keys below act on the selected person
	case key.Matches(msg, k.Edit):
		return s.open(editUserForm(s.env, *u))
	case key.Matches(msg, k.Disable):
		if u.Disabled {
			return s.mb.Every(changeUser(s.com.Authed, u.ID, api.UserPatch{Disabled: ptr(false)}))
		}
		s.ask(fmt.Sprintf(t.ConfirmDisable, u.Name, u.Username), patchConfirmed{id: u.ID, patch: api.UserPatch{Disabled: ptr(true)}})
	case key.Matches(msg, k.Activation):
		s.ask(fmt.Sprintf(t.ConfirmActivation, u.Name, u.Username), activationConfirmed{user: *u})
	}
	return nil
}

func (s *users) ask(question string, yes tea.Msg) {
	s.com.Overlays.Push(confirm.New(s.com, s.mb.ID(), question, yes, "s", "y"))
}

func ptr[T any](v T) *T { return &v }

func (s *users) view(width, height int) []string {
	st, t := s.com.Styles, s.com.Text
	lines := []string{common.Truncate(searchLine(s.env, &s.list, t.Admin.UserSearch)+
		st.Subtle.Render("  · "+t.Plural(len(s.items), t.Admin.UserCount)), width)}
	lines = append(lines, status(s.env, &s.list)...)
	if !s.done {
		return lines
	}
	if len(s.items) == 0 {
		return append(lines, st.Subtle.Render(t.Admin.Empty))
	}
	cols := []table.Column{{Title: t.Admin.ColUsername, Width: 14}, {Title: t.Admin.ColName, Flex: true},
		{Title: t.Admin.ColRole, Width: 13}, {Title: t.Admin.ColInstitutions, Width: 21}, {Title: t.Admin.ColAccess, Width: 11}}
	wide := width >= 110
	if wide {
		cols[3].Width = 40
	}
	cells := make([][]table.Cell, len(s.items))
	for i, u := range s.items {
		access, style := t.Admin.Active, st.Success
		switch {
		case u.Disabled:
			access, style = t.Admin.Disabled, st.Error
		case !u.Activated:
			access, style = t.Admin.NotActivated, st.Warning
		}
		cells[i] = []table.Cell{cell(u.Username, st.Text), cell(u.Name, st.Text), cell(u.Role.Label(t.Lang), st.Subtle),
			cell(institutionList(u.Institutions, wide), st.Subtle), cell(access, style)}
	}
	return append(lines, rows(s.env, cols, cells, s.sel, height-len(lines))...)
}

// institutionList names institutions by CNPJ; narrow, the first and how
// many more (the edit form lists them all), so no CNPJ is half shown.
func institutionList(ins []api.Institution, wide bool) string {
	var out []string
	for _, in := range ins {
		out = append(out, api.FormatCNPJ(in.CNPJ))
	}
	switch {
	case len(out) == 0:
		return "—"
	case !wide && len(out) > 1:
		return fmt.Sprintf("%s +%d", out[0], len(out)-1)
	}
	return strings.Join(out, ", ")
}
