package admin

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/i18n"
)

// Cmds capture the client and values, never the page.

func loadAPIs(c *client.Client) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.AdminAPIs(ctx, "", "")
		return apisMsg{items: items, err: err}
	}
}

func saveAPI(c *client.Client, w api.APIWrite, create bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		var a api.API
		var err error
		if create {
			a, err = c.CreateAPI(ctx, w)
		} else {
			a, err = c.UpdateAPI(ctx, w)
		}
		return formAnswer{result: apiSaved{api: a, created: create}, err: err}
	}
}

func setState(c *client.Client, id string, state api.APIState) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		var a api.API
		var err error
		if state == api.APIPublished {
			a, err = c.PublishAPI(ctx, id)
		} else {
			a, err = c.RetireAPI(ctx, id)
		}
		return stateMsg{id: id, api: a, state: state, err: err}
	}
}

func stateName(t *i18n.Text, s api.APIState) string {
	switch s {
	case api.APIDraft:
		return t.Admin.StateDraft
	case api.APIRetired:
		return t.Admin.StateRetired
	}
	return t.Admin.StatePublished // the public catalog omits the state
}

func stateStyle(e *env, s api.APIState) lipgloss.Style {
	switch s {
	case api.APIDraft:
		return e.com.Styles.Warning
	case api.APIRetired:
		return e.com.Styles.Subtle
	}
	return e.com.Styles.Success
}
