package requests

import (
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
)

// statusStyle colours a status by meaning; the mono theme relies on the
// label itself.
func statusStyle(st themes.Styles, s api.Status) lipgloss.Style {
	switch s {
	case api.StatusApproved:
		return st.Success
	case api.StatusRejected, api.StatusRevoked:
		return st.Error
	case api.StatusPending:
		return st.Warning
	}
	return st.Subtle
}
