package reqdetail

import (
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

// StatusStyle colours a status by meaning; the mono theme relies on the
// label itself.
func StatusStyle(com *common.Common, s api.Status) lipgloss.Style {
	st := com.Styles
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
