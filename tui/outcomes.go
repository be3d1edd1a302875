package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/common"
)

// outcomeText words what a sync brought to the person's requests: one in
// full, with its justification; several by number and outcome.
func outcomeText(com *common.Common, outcomes []common.Outcome) string {
	t := &com.Text.Notice
	if len(outcomes) == 1 {
		o := outcomes[0]
		r := o.Request
		format := map[common.OutcomeKind]string{common.OutcomeApproved: t.Approved, common.OutcomeRejected: t.Rejected,
			common.OutcomeRevoked: t.Revoked, common.OutcomeReleased: t.Released}[o.Kind]
		text := fmt.Sprintf(format, r.ID, common.Plain(r.APIName), r.Environment.Badge())
		if why := strings.Join(strings.Fields(common.Plain(o.Justification)), " "); why != "" {
			text += fmt.Sprintf(t.Because, why)
		}
		return text
	}
	parts := make([]string, len(outcomes))
	for i, o := range outcomes {
		format := map[common.OutcomeKind]string{common.OutcomeApproved: t.ShortApproved, common.OutcomeRejected: t.ShortRejected,
			common.OutcomeRevoked: t.ShortRevoked, common.OutcomeReleased: t.ShortReleased}[o.Kind]
		parts[i] = fmt.Sprintf(format, common.Plain(o.Request.ID))
	}
	return fmt.Sprintf(t.Many, len(outcomes), strings.Join(parts, ", "))
}

// outcomes says at once what a sync brought: a toast (an error's colour
// for a rejection or a revocation) and, where the terminal shows them, a
// desktop notification.
func (m *Model) outcomes(msg common.OutcomesMsg) tea.Cmd {
	text := outcomeText(m.com, msg.Outcomes)
	bad := false
	for _, o := range msg.Outcomes {
		bad = bad || o.Kind == common.OutcomeRejected || o.Kind == common.OutcomeRevoked
	}
	return tea.Batch(m.toast.Push(text, bad), common.Notification(m.notifier, "gecli", text))
}
