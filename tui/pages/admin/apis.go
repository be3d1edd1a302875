package admin

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/components/table"
)

// apis is the catalog in every state: drafts, published and retired.
type apis struct {
	*env
	list
	all  []api.API
	keys struct{ New, Edit, OpenAPI, Terms, Versions, Publish, Retire key.Binding }
}

type apisMsg struct {
	items []api.API
	err   error
}

// apiSaved is the form's result; uploaded an upload box's.
type apiSaved struct {
	api     api.API
	created bool
}

type uploaded struct{ text string }

// stateConfirmed is the publish or retire question's yes.
type stateConfirmed struct {
	id    string
	state api.APIState
}

type stateMsg struct {
	id    string
	api   api.API
	state api.APIState
	err   error
}

func newAPIs(e *env) *apis {
	t, b := e.com.Text, common.Bind
	s := &apis{env: e}
	s.search = search.New(t.Admin.APISearch, api.MaxQueryLen)
	s.keys.New = b("n", t.Admin.KeyNew, "n")
	s.keys.Edit = b("e/enter", t.Admin.KeyEdit, "e", "enter")
	s.keys.OpenAPI = b("o", t.Admin.KeyOpenAPI, "o")
	s.keys.Terms = b("t", t.Admin.KeyTerms, "t")
	s.keys.Versions = b("v", t.Admin.KeyVersions, "v")
	s.keys.Publish = b("p", t.Admin.KeyPublish, "p")
	s.keys.Retire = b("x", t.Admin.KeyRetire, "x")
	return s
}

func (s *apis) title() string        { return s.com.Text.Admin.SecAPIs }
func (s *apis) perm() api.Permission { return api.PermCatalogAdmin }
func (s *apis) loaded() bool         { return s.done }
func (s *apis) capturing() bool      { return s.search.Active }

func (s *apis) load() tea.Cmd { return s.mb.Latest("apis", loadAPIs(s.com.Authed)) }

func (s *apis) help() []key.Binding {
	if s.search.Active {
		return s.env.keys.searching()
	}
	k := s.keys
	return []key.Binding{k.New, k.Edit, k.OpenAPI, k.Terms, k.Versions, k.Publish, k.Retire, s.env.keys.Search}
}

// visible are the APIs whose id, name or acronym hold the search.
func (s *apis) visible() []api.API {
	q := api.Fold(strings.TrimSpace(s.search.Value()))
	if q == "" {
		return s.all
	}
	var out []api.API
	for _, a := range s.all {
		if strings.Contains(api.Fold(a.ID+" "+a.Name+" "+a.Acronym), q) {
			out = append(out, a)
		}
	}
	return out
}

func (s *apis) selected() *api.API {
	if v := s.visible(); s.sel < len(v) {
		return &v[s.sel]
	}
	return nil
}

func (s *apis) update(msg tea.Msg) (tea.Cmd, bool) {
	t := s.com.Text.Admin
	switch msg := msg.(type) {
	case apisMsg:
		s.done, s.err = true, msg.err
		if msg.err == nil {
			s.all = msg.items
			v := s.visible()
			s.pick(len(v), func(i int) string { return v[i].ID })
		}
	case apiSaved:
		text := fmt.Sprintf(t.APIUpdated, msg.api.ID)
		if msg.created {
			// The new API is selected, in sight: the next key acts on it.
			text = fmt.Sprintf(t.APICreated, msg.api.ID)
			s.search.Clear()
			s.want = msg.api.ID
		}
		s.problem = "" // an older refusal no longer holds
		return tea.Batch(common.Toast(text, false), s.load(), syncCatalog), true
	case uploaded:
		s.problem = ""
		return tea.Batch(common.Toast(msg.text, false), s.load(), syncCatalog), true
	case stateConfirmed:
		s.problem = ""
		return s.mb.Every(setState(s.com.Authed, msg.id, msg.state)), true
	case stateMsg:
		if msg.err != nil {
			s.problem = s.refusal(msg)
			return nil, true
		}
		s.problem = ""
		text := fmt.Sprintf(t.Published, msg.api.ID)
		if msg.state == api.APIRetired {
			text = fmt.Sprintf(t.Retired, msg.api.ID)
		}
		return tea.Batch(common.Toast(text, false), s.load(), syncCatalog), true
	default:
		return nil, false
	}
	return nil, true
}

// syncCatalog asks the root to read the public catalog again: an API
// changed on the server, and the Catálogo must show it without ctrl+r.
func syncCatalog() tea.Msg { return common.SyncCatalogMsg{} }

// refusal words a publish or retire refusal; a publish refused for want
// of terms or environments names only what this API lacks.
func (s *apis) refusal(msg stateMsg) string {
	t := s.com.Text
	if client.ProblemCode(msg.err) == api.CodeAPINotReady {
		for _, a := range s.all {
			if a.ID != msg.id {
				continue
			}
			noTerms, noEnvs := a.Terms.Version == "", len(a.Environments) == 0
			switch {
			case noTerms && !noEnvs:
				return t.Admin.NotReadyTerms
			case noEnvs && !noTerms:
				return t.Admin.NotReadyEnvs
			}
		}
	}
	return common.Explain(t, msg.err)
}

func (s *apis) selectedID() string {
	if a := s.selected(); a != nil {
		return a.ID
	}
	return ""
}

func (s *apis) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.search.Active {
		cmd, _ := s.searchKey(msg, s.selectedID())
		v := s.visible()
		s.pick(len(v), func(i int) string { return v[i].ID }) // filtered here: at once
		return cmd
	}
	k, t, a := s.keys, s.com.Text.Admin, s.selected()
	if s.env.keys.move(msg, &s.sel, len(s.visible()), s.height-6) {
		return nil
	}
	switch {
	case key.Matches(msg, s.env.keys.Search):
		return s.search.Focus()
	case key.Matches(msg, s.env.keys.Back):
		s.clear(s.selectedID())
		v := s.visible()
		s.pick(len(v), func(i int) string { return v[i].ID })
		s.problem = ""
	case key.Matches(msg, k.New):
		return s.open(apiForm(s.env, nil))
	case a == nil:
	case key.Matches(msg, k.Edit):
		return s.open(apiForm(s.env, a))
	case key.Matches(msg, k.OpenAPI):
		return s.open(uploadForm(s.env, *a, false))
	case key.Matches(msg, k.Terms):
		return s.open(uploadForm(s.env, *a, true))
	case key.Matches(msg, k.Versions):
		box, cmd := newVersions(s.env, *a)
		s.com.Overlays.Push(box)
		return cmd
	case key.Matches(msg, k.Publish):
		s.ask(fmt.Sprintf(t.ConfirmPublish, a.Name, a.ID), stateConfirmed{id: a.ID, state: api.APIPublished})
	case key.Matches(msg, k.Retire):
		s.ask(fmt.Sprintf(t.ConfirmRetire, a.Name, a.ID), stateConfirmed{id: a.ID, state: api.APIRetired})
	}
	return nil
}

// ask confirms with s or y only: enter edits on this list, and a
// published API cannot be quietly taken back.
func (s *apis) ask(question string, yes tea.Msg) {
	s.com.Overlays.Push(confirm.New(s.com, s.mb.ID(), question, yes, "s", "y"))
}

func (s *apis) view(width, height int) []string {
	st, t := s.com.Styles, s.com.Text
	lines := []string{common.Truncate(searchLine(s.env, &s.list, t.Admin.APISearch)+
		st.Subtle.Render(fmt.Sprintf("  · "+t.Admin.APICount, len(s.visible()), t.Plural(len(s.all), t.Admin.APITotal))), width)}
	lines = append(lines, status(s.env, &s.list)...)
	if !s.done {
		return lines
	}
	v := s.visible()
	if len(v) == 0 {
		return append(lines, st.Subtle.Render(t.Admin.Empty))
	}
	idW := 8 // the id is what every other key acts on: never cut
	for _, a := range v {
		idW = max(idW, min(len(a.ID), api.MaxAPIIDLen))
	}
	cols := []table.Column{{Title: "ID", Width: idW}, {Title: t.Admin.ColName, Flex: true}, {Title: t.Admin.ColState, Width: 10},
		{Title: t.ColEnv, Width: max(8, len([]rune(t.ColEnv)))}, {Title: t.Admin.ColTerms, Width: 6}}
	if width >= 110 {
		cols = append(cols[:2], append([]table.Column{{Title: t.Admin.ColAcronym, Width: 10}, {Title: t.CategoryLabel, Width: 22}}, cols[2:]...)...)
	}
	cells := make([][]table.Cell, len(v))
	for i, a := range v {
		var envs []string
		for _, e := range a.Environments {
			envs = append(envs, e.Name.Badge())
		}
		terms := a.Terms.Version
		if terms == "" {
			terms = "—"
		}
		row := []table.Cell{cell(a.ID, st.Text), cell(a.Name, st.Text)}
		if width >= 110 {
			row = append(row, cell(a.Acronym, st.Subtle), cell(a.Category.Label(t.Lang), st.Subtle))
		}
		cells[i] = append(row, cell(stateName(t, a.State), stateStyle(s.env, a.State)), cell(strings.Join(envs, " "), st.Subtle), cell(terms, st.Subtle))
	}
	return append(lines, rows(s.env, cols, cells, s.sel, height-len(lines))...)
}
