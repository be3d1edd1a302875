package admin

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
)

// profiles is the permission matrix: a row per permission, a column per
// role. Edits stay on screen until saved; a refusal keeps them.
type profiles struct {
	*env
	saved   map[api.Role][]api.Permission // as the server has them
	edited  map[api.Role]map[api.Permission]bool
	row     int
	col     int
	done    bool
	err     error
	problem string
	keys    struct{ Toggle, Save, Undo, Left, Right, Leave key.Binding }
}

type profilesMsg struct {
	items []api.Profile
	err   error
}

// profilesSavedMsg: saved are the roles the server took, err the refusal
// that stopped the rest.
type profilesSavedMsg struct {
	saved []api.Profile
	err   error
}

func newProfiles(e *env) *profiles {
	t, b := e.com.Text, common.Bind
	s := &profiles{env: e}
	s.keys.Toggle = b("space", t.Admin.KeyToggle, "space")
	s.keys.Save = b("s", t.Admin.KeySaveProfiles, "s")
	s.keys.Undo = b("u", t.Admin.KeyUndo, "u")
	s.keys.Left = b("←/→", t.Admin.KeyRole, "left", "h")
	s.keys.Right = key.NewBinding(key.WithKeys("right", "l"))
	// While the matrix has unsaved changes the page captures keys: these
	// would leave it (quit, another page or section, help, a refresh)
	// and are answered with what to do instead. ctrl+c still quits.
	s.keys.Leave = key.NewBinding(key.WithKeys("q", "tab", "shift+tab", "[", "]", "?", "L", "ctrl+r",
		"1", "2", "3", "4", "5", "6", "7", "8", "9"))
	return s
}

func (s *profiles) title() string        { return s.com.Text.Admin.SecProfiles }
func (s *profiles) perm() api.Permission { return api.PermProfilesAdmin }
func (s *profiles) loaded() bool         { return s.done }
func (s *profiles) capturing() bool      { return s.done && s.err == nil && len(s.dirty()) > 0 }

func (s *profiles) load() tea.Cmd { return s.mb.Latest("profiles", loadProfiles(s.com.Authed)) }

func (s *profiles) help() []key.Binding {
	return []key.Binding{s.keys.Toggle, s.keys.Save, s.keys.Undo, s.keys.Left, s.env.keys.Down}
}

// dirty lists the roles whose column differs from the server's.
func (s *profiles) dirty() []api.Role {
	var out []api.Role
	for _, r := range api.Roles {
		if !slices.Equal(s.column(r), s.saved[r]) {
			out = append(out, r)
		}
	}
	return out
}

// column is a role's ticked permissions, in api.Permissions order.
func (s *profiles) column(r api.Role) []api.Permission {
	var out []api.Permission
	for _, p := range api.Permissions {
		if s.edited[r][p] {
			out = append(out, p)
		}
	}
	return out
}

func (s *profiles) reset(role api.Role, perms []api.Permission) {
	s.saved[role] = nil
	s.edited[role] = map[api.Permission]bool{}
	for _, p := range api.Permissions { // the server's order may differ
		if slices.Contains(perms, p) {
			s.saved[role] = append(s.saved[role], p)
			s.edited[role][p] = true
		}
	}
}

func (s *profiles) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case profilesMsg:
		s.done, s.err = true, msg.err
		if msg.err == nil {
			s.saved, s.edited = map[api.Role][]api.Permission{}, map[api.Role]map[api.Permission]bool{}
			for _, r := range api.Roles {
				s.reset(r, nil)
			}
			for _, p := range msg.items {
				s.reset(p.Role, p.Permissions)
			}
		}
	case profilesSavedMsg:
		// What the server took is the new baseline; the refused column
		// stays as edited, so nothing typed is lost.
		for _, p := range msg.saved {
			s.reset(p.Role, p.Permissions)
		}
		if msg.err != nil {
			// The toast replaces an older "saved": the refusal is below.
			s.problem = common.Explain(s.com.Text, msg.err)
			return common.Toast(s.com.Text.Admin.ProfilesRefused, true), true
		}
		// The person's own profile may have changed: tabs, sections and
		// keys follow what /me says now.
		return tea.Batch(common.Toast(s.com.Text.Admin.ProfilesSaved, false), s.reloadMe()), true
	default:
		return nil, false
	}
	return nil, true
}

func (s *profiles) key(msg tea.KeyPressMsg) tea.Cmd {
	if !s.done || s.err != nil || s.mb.Pending("profiles.save") {
		return nil
	}
	k := s.keys
	switch {
	case s.capturing() && key.Matches(msg, k.Leave):
		return common.Toast(s.com.Text.Admin.UnsavedLeave, true)
	case s.env.keys.move(msg, &s.row, len(api.Permissions), len(api.Permissions)):
	case key.Matches(msg, k.Left):
		s.col = (s.col + len(api.Roles) - 1) % len(api.Roles)
	case key.Matches(msg, k.Right):
		s.col = (s.col + 1) % len(api.Roles)
	case key.Matches(msg, k.Toggle):
		r, p := api.Roles[s.col], api.Permissions[s.row]
		s.edited[r][p] = !s.edited[r][p]
		s.problem = ""
	case key.Matches(msg, k.Undo):
		for _, r := range api.Roles {
			s.reset(r, s.saved[r])
		}
		s.problem = ""
	case key.Matches(msg, k.Save):
		changes := map[api.Role][]api.Permission{}
		for _, r := range s.dirty() {
			changes[r] = s.column(r)
		}
		if len(changes) == 0 {
			return common.Toast(s.com.Text.Admin.NothingToSave, false)
		}
		s.problem = ""
		return s.mb.Latest("profiles.save", saveProfiles(s.com.Authed, changes))
	}
	return nil
}

func loadProfiles(c *client.Client) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.Profiles(ctx)
		return profilesMsg{items: items, err: err}
	}
}

// saveProfiles sends each changed role in the matrix's order, the admin
// last (removing profiles:admin from it is what the server may refuse).
func saveProfiles(c *client.Client, changes map[api.Role][]api.Permission) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		var out profilesSavedMsg
		for _, r := range api.Roles {
			perms, ok := changes[r]
			if !ok {
				continue
			}
			p, err := c.SetProfile(ctx, r, perms)
			if err != nil {
				out.err = err
				return out
			}
			out.saved = append(out.saved, p)
		}
		return out
	}
}

func (s *profiles) view(width, height int) []string {
	st, t := s.com.Styles, s.com.Text
	switch {
	case s.err != nil:
		return wrap(st.Error, common.Explain(t, s.err), width)
	case !s.done:
		return []string{st.Subtle.Render(t.Admin.Loading)}
	}
	const cw = 15 // a role's column
	codeW := 20
	descW := max(0, width-codeW-len(api.Roles)*cw-1)
	if descW < 24 {
		descW = 0 // cut words help nobody: the focused one is said below
	}
	head := common.PadRight(t.Admin.ColPermission, codeW) + common.PadRight("", descW)
	for _, r := range api.Roles {
		head += common.PadRight(" "+r.Label(t.Lang), cw)
	}
	lines := []string{st.Bold.Underline(true).Render(common.Truncate(head, width))}
	dirty := s.dirty()
	for i, p := range api.Permissions {
		line := st.Text.Render(common.PadRight(string(p), codeW))
		if descW > 0 {
			line += st.Subtle.Render(common.PadRight(common.Truncate(t.Admin.Perms[p], descW-1), descW))
		}
		for j, r := range api.Roles {
			box := "[ ]"
			if s.edited[r][p] {
				box = "[x]"
			}
			if slices.Contains(s.saved[r], p) != s.edited[r][p] {
				box += "*" // changed, not saved yet
			}
			if i == s.row && j == s.col {
				// A mark as well as the colour: without colour (NO_COLOR)
				// the focus must still show.
				line += st.FilterOn.Padding(0).Render(common.PadRight("›"+box, cw))
			} else {
				line += st.Text.Render(common.PadRight(" "+box, cw))
			}
		}
		lines = append(lines, common.Truncate(line, width))
	}
	lines = append(lines, "")
	if p := api.Permissions[s.row]; descW == 0 {
		// Too narrow for the descriptions column: the focused one here.
		lines = append(lines, st.Subtle.Render(common.Truncate(string(p)+": "+t.Admin.Perms[p], width)))
	}
	if len(dirty) > 0 {
		var names []string
		for _, r := range dirty {
			names = append(names, r.Label(t.Lang))
		}
		lines = append(lines, st.Warning.Render(common.Truncate(fmt.Sprintf(t.Admin.Unsaved, strings.Join(names, ", ")), width)))
	}
	if s.mb.Pending("profiles.save") {
		lines = append(lines, st.Subtle.Render(t.Admin.Saving))
	}
	if s.problem != "" {
		lines = append(lines, wrap(st.Error, "✖ "+s.problem, width)...)
	}
	return append(lines, st.Subtle.Render(common.Truncate(t.Admin.ProfilesKeys, width)))
}
