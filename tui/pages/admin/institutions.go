package admin

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/components/table"
	"github.com/gecli/gecli/tui/i18n"
)

// institutions lists, registers, renames and (de)activates institutions;
// a deactivated one keeps its requests and submits no new one.
type institutions struct {
	*env
	list
	items []api.InstitutionEntry
	keys  struct{ New, Rename, Active key.Binding }
}

type institutionsMsg struct {
	items []api.InstitutionEntry
	err   error
}

// institutionSaved is a form's result and the (de)activation's answer.
type institutionSaved struct {
	in      api.InstitutionEntry
	created bool
	err     error
}

type activeConfirmed struct {
	cnpj   string
	active bool
}

func newInstitutions(e *env) *institutions {
	t, b := e.com.Text, common.Bind
	s := &institutions{env: e}
	s.search = search.New(t.Admin.InstSearch, api.MaxQueryLen)
	s.keys.New = b("n", t.Admin.KeyNew, "n")
	s.keys.Rename = b("e/enter", t.Admin.KeyRename, "e", "enter")
	s.keys.Active = b("d", t.Admin.KeyActive, "d")
	return s
}

func (s *institutions) title() string        { return s.com.Text.Admin.SecInstitutions }
func (s *institutions) perm() api.Permission { return api.PermUsersAdmin }
func (s *institutions) loaded() bool         { return s.done }
func (s *institutions) capturing() bool      { return s.search.Active }

func (s *institutions) load() tea.Cmd {
	return s.mb.Latest("institutions", loadInstitutions(s.com.Authed, strings.TrimSpace(s.search.Value())))
}

func (s *institutions) help() []key.Binding {
	if s.search.Active {
		return s.env.keys.searching()
	}
	return []key.Binding{s.keys.New, s.keys.Rename, s.keys.Active, s.env.keys.Search}
}

func (s *institutions) selectedCNPJ() string {
	if s.sel < len(s.items) {
		return s.items[s.sel].CNPJ
	}
	return ""
}

func (s *institutions) update(msg tea.Msg) (tea.Cmd, bool) {
	t := s.com.Text.Admin
	switch msg := msg.(type) {
	case institutionsMsg:
		s.done, s.err = true, msg.err
		if msg.err == nil {
			s.items = msg.items
			s.pick(len(s.items), func(i int) string { return s.items[i].CNPJ })
		}
	case activeConfirmed:
		s.problem = ""
		return s.mb.Every(setActive(s.com.Authed, msg.cnpj, msg.active)), true
	case institutionSaved:
		if msg.err != nil {
			s.problem = common.Explain(s.com.Text, msg.err)
			return nil, true
		}
		s.problem = ""
		text := fmt.Sprintf(t.InstSaved, msg.in.Name)
		if msg.created {
			// The new institution is selected, in sight.
			text = fmt.Sprintf(t.InstCreated, msg.in.Name, api.FormatCNPJ(msg.in.CNPJ))
			s.search.Clear()
			s.want = msg.in.CNPJ
		}
		return tea.Batch(common.Toast(text, false), s.load()), true
	default:
		return nil, false
	}
	return nil, true
}

func (s *institutions) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.search.Active {
		cmd, changed := s.searchKey(msg, s.selectedCNPJ())
		if changed {
			return tea.Batch(cmd, s.load())
		}
		return cmd
	}
	t := s.com.Text.Admin
	if s.env.keys.move(msg, &s.sel, len(s.items), s.height-6) {
		return nil
	}
	var in *api.InstitutionEntry
	if s.sel < len(s.items) {
		in = &s.items[s.sel]
	}
	switch {
	case key.Matches(msg, s.env.keys.Search):
		return s.search.Focus()
	case key.Matches(msg, s.env.keys.Back):
		s.problem = ""
		if s.clear(s.selectedCNPJ()) {
			return s.load()
		}
	case key.Matches(msg, s.keys.New):
		return s.open(createInstitutionForm(s.env))
	case in == nil: // the keys below act on the selected institution
	case key.Matches(msg, s.keys.Rename):
		return s.open(renameInstitutionForm(s.env, *in))
	case key.Matches(msg, s.keys.Active):
		q := fmt.Sprintf(t.ConfirmDeactivate, in.Name)
		if !in.Active {
			q = fmt.Sprintf(t.ConfirmActivate, in.Name)
		}
		s.com.Overlays.Push(confirm.New(s.com, s.mb.ID(), q, activeConfirmed{cnpj: in.CNPJ, active: !in.Active}, "s", "y"))
	}
	return nil
}

func (s *institutions) view(width, height int) []string {
	st, t := s.com.Styles, s.com.Text
	lines := []string{common.Truncate(searchLine(s.env, &s.list, t.Admin.InstSearch)+
		st.Subtle.Render("  · "+t.Plural(len(s.items), t.Admin.InstCount)), width)}
	lines = append(lines, status(s.env, &s.list)...)
	if !s.done {
		return lines
	}
	if len(s.items) == 0 {
		return append(lines, st.Subtle.Render(t.Admin.Empty))
	}
	cols := []table.Column{{Title: "CNPJ", Width: 18}, {Title: t.Admin.ColName, Flex: true}, {Title: t.Admin.ColInstState, Width: 12}}
	cells := make([][]table.Cell, len(s.items))
	for i, in := range s.items {
		state, style := t.Admin.InstActive, st.Success
		if !in.Active {
			state, style = t.Admin.Inactive, st.Error
		}
		cells[i] = []table.Cell{cell(api.FormatCNPJ(in.CNPJ), st.Text), cell(in.Name, st.Text), cell(state, style)}
	}
	return append(lines, rows(s.env, cols, cells, s.sel, height-len(lines))...)
}

// createInstitutionForm checks the CNPJ's digits (numeric or the
// alphanumeric form) before sending.
func createInstitutionForm(e *env) spec {
	at, c := e.com.Text.Admin, e.com.Authed
	return spec{kind: "institution", title: at.NewInstitution, note: at.CNPJNote, draft: "institution:",
		fields: []field{textField("cnpj", "CNPJ", "", 18), textField("name", at.FieldLegalName, "", 200)},
		check: func(v values) []api.FieldError {
			var out []api.FieldError
			if err := api.ValidateCNPJ(v["cnpj"]); err != nil {
				out = append(out, api.RefuseErr("cnpj", err))
			}
			return append(out, checkName(at, v["name"])...)
		},
		say: sayInstitution(at.Rule),
		send: func(v values) tea.Cmd {
			return createInstitution(c, api.InstitutionCreate{CNPJ: api.NormalizeCNPJ(v["cnpj"]), Name: v["name"]})
		}}
}

func renameInstitutionForm(e *env, in api.InstitutionEntry) spec {
	at, c := e.com.Text.Admin, e.com.Authed
	cnpj := textField("cnpj", "CNPJ", api.FormatCNPJ(in.CNPJ), 18)
	cnpj.locked = true
	return spec{kind: "institution-rename", title: fmt.Sprintf(at.RenameInstitution, in.Name), draft: "institution:" + in.CNPJ,
		fields: []field{cnpj, textField("name", at.FieldLegalName, in.Name, 200)},
		check:  func(v values) []api.FieldError { return checkName(at, v["name"]) },
		say:    sayInstitution(at.Rule),
		send:   func(v values) tea.Cmd { return renameInstitution(c, in.CNPJ, v["name"]) }}
}

// checkName is the server's rule for a legal name: one line, 2 to 200
// visible characters.
func checkName(at i18n.AdminText, name string) []api.FieldError {
	switch {
	case api.Blank(name):
		return []api.FieldError{{Field: "name", Message: at.Rule.Required}}
	case api.VisibleLen(name) < 2 || utf8.RuneCountInString(name) > api.MaxNameLen || api.MultiLine(name):
		return []api.FieldError{{Field: "name", Message: at.Rule.LegalName}}
	}
	return nil
}

func loadInstitutions(c *client.Client, q string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.Institutions(ctx, q)
		return institutionsMsg{items: items, err: err}
	}
}

func createInstitution(c *client.Client, in api.InstitutionCreate) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		out, err := c.CreateInstitution(ctx, in)
		return formAnswer{result: institutionSaved{in: out, created: true}, err: err}
	}
}

func renameInstitution(c *client.Client, cnpj, name string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		out, err := c.UpdateInstitution(ctx, cnpj, api.InstitutionPatch{Name: &name})
		return formAnswer{result: institutionSaved{in: out}, err: err}
	}
}

func setActive(c *client.Client, cnpj string, active bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		out, err := c.UpdateInstitution(ctx, cnpj, api.InstitutionPatch{Active: &active})
		return institutionSaved{in: out, err: err}
	}
}
