package admin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

// createUserForm registers a person; the answer's activation code is
// shown once, in its own box.
func createUserForm(e *env) spec {
	at, c := e.com.Text.Admin, e.com.Authed
	roles := enumOptions(api.Roles, e.com.Text.Lang)
	return spec{kind: "user", title: at.NewUser, note: at.NewUserNote, draft: "user:",
		fields: []field{
			textField("username", at.ColUsername, "", 64),
			textField("name", at.ColName, "", 200),
			textField("cpf", at.FieldCPF, "", 14),
			choiceField("role", at.ColRole, roles.values, roles.names, string(api.RoleRequester)),
			textField("institutions", at.FieldInstitutions, "", 50*20),
		},
		check: func(v values) []api.FieldError { return newUser(v).Validate() },
		say:   sayUser(at.Rule),
		send:  func(v values) tea.Cmd { return createUser(c, newUser(v)) },
	}
}

func newUser(v values) api.UserCreate {
	return api.UserCreate{Username: v["username"], Name: v["name"], CPF: v["cpf"], Role: api.Role(v["role"]),
		Institutions: cnpjList(v["institutions"])}
}

// editUserForm changes a person's name, role and institutions; only what
// changed is sent.
func editUserForm(e *env, u api.UserEntry) spec {
	at, c := e.com.Text.Admin, e.com.Authed
	roles := enumOptions(api.Roles, e.com.Text.Lang)
	var cnpjs []string
	for _, in := range u.Institutions {
		cnpjs = append(cnpjs, api.FormatCNPJ(in.CNPJ))
	}
	user := textField("username", at.ColUsername, u.Username, 64)
	user.locked = true
	patch := func(v values) api.UserPatch {
		var p api.UserPatch
		if v["name"] != u.Name {
			p.Name = ptr(v["name"])
		}
		if r := api.Role(v["role"]); r != u.Role {
			p.Role = &r
		}
		if now := cnpjList(v["institutions"]); !slices.Equal(now, normalized(u.Institutions)) {
			p.Institutions = &now
		}
		return p
	}
	return spec{kind: "user-edit", title: fmt.Sprintf(at.EditUser, u.Username), draft: "user:" + u.ID,
		fields: []field{user,
			textField("name", at.ColName, u.Name, 200),
			choiceField("role", at.ColRole, roles.values, roles.names, string(u.Role)),
			textField("institutions", at.FieldInstitutions, strings.Join(cnpjs, ", "), 50*20),
		},
		check: func(v values) []api.FieldError { return patch(v).Validate() },
		say:   sayUser(at.Rule),
		send:  func(v values) tea.Cmd { return patchUser(c, u.ID, patch(v)) },
	}
}

var listSep = regexp.MustCompile(`[,;\s]+`)

// cnpjList reads CNPJs separated by commas, semicolons or blanks; each is
// sent bare (the alphanumeric ones in upper case).
func cnpjList(s string) []string {
	out := []string{}
	for _, c := range listSep.Split(strings.TrimSpace(s), -1) {
		if c != "" {
			out = append(out, api.NormalizeCNPJ(c))
		}
	}
	return out
}

func normalized(ins []api.Institution) []string {
	out := []string{}
	for _, in := range ins {
		out = append(out, api.NormalizeCNPJ(in.CNPJ))
	}
	return out
}

func loadUsers(c *client.Client, q string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.Users(ctx, q)
		return usersMsg{items: items, err: err}
	}
}

func createUser(c *client.Client, u api.UserCreate) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		created, err := c.CreateUser(ctx, u)
		return formAnswer{result: userCreated{created: created, isNew: true}, err: err}
	}
}

// patchUser answers the edit form; changeUser the disable question.
func patchUser(c *client.Client, id string, p api.UserPatch) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		u, err := c.UpdateUser(ctx, id, p)
		return formAnswer{result: userChanged{user: u}, err: err}
	}
}

func changeUser(c *client.Client, id string, p api.UserPatch) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		u, err := c.UpdateUser(ctx, id, p)
		return userChanged{user: u, disabled: p.Disabled, err: err}
	}
}

func newActivation(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		created, err := c.NewActivation(ctx, id)
		return userCreated{created: created, err: err}
	}
}
