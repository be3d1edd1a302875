package wizard

import (
	"context"
	"maps"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// save writes the draft now (on every step change).
func (m *Model) save() tea.Cmd {
	m.storeFields()
	m.draft.Step = int(m.step)
	m.draft.UpdatedAt = m.com.Now()
	return m.Mailbox().Every(saveDraft(m.store, m.snapshot()))
}

// closingSave writes the draft as the wizard closes. It answers the root
// (the wizard is gone by then): the pages hear the drafts changed once the
// draft is written, or a toast says why it was not.
func (m *Model) closingSave() tea.Cmd {
	if m.draft.APIID == "" && !m.form() {
		return nil // opened and closed before choosing an API: nothing to keep
	}
	m.storeFields()
	m.draft.Step = int(m.step)
	m.draft.UpdatedAt = m.com.Now()
	s, d, t := m.store, m.snapshot(), m.com.Text
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		if err := s.SaveDraft(ctx, d); err != nil {
			return common.ToastMsg{Text: common.Explain(t, err), Error: true}
		}
		return common.DraftsChangedMsg{}
	}
}

// deleteDraft removes the draft of what was just submitted, then asks the
// root to sync (the new request shows) and tells the pages the drafts
// changed.
func deleteDraft(s *store.Store, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		s.DeleteDraft(ctx, id) // a draft left behind is listed, not lost
		return tea.Batch(func() tea.Msg { return common.SyncRequestsMsg{} },
			func() tea.Msg { return common.DraftsChangedMsg{} })()
	}
}

// snapshot is a deep copy of the draft: a Cmd runs on another goroutine
// while Update keeps editing the map and slice of the live draft.
func (m *Model) snapshot() store.Draft {
	d := m.draft
	d.CustomFields = maps.Clone(d.CustomFields)
	d.Attachments = slices.Clone(d.Attachments)
	return d
}

func (m *Model) submit() tea.Cmd {
	if m.com.Authed == nil {
		m.problem = m.com.Text.WizSignIn
		return nil
	}
	if m.form() {
		m.submitting, m.problem = true, ""
		d := m.snapshot()
		return tea.Batch(m.save(), m.Mailbox().Every(submitForm(m.com.Authed, m.com.Remote, d.FormFor, m.formValue(nil), d.Attachments)))
	}
	d := m.snapshot()
	m.submitting, m.problem = true, ""
	req := api.RequestCreate{APIID: d.APIID, Environment: d.Environment, InstitutionCNPJ: d.CNPJ, TechnicalContact: d.Contact,
		Purpose: d.Purpose, CustomFields: d.CustomFields, SEIProcess: d.SEIProcess,
		Terms: api.TermsAcceptance{ID: d.TermsID, Version: d.TermsVersion, Accepted: d.TermsAccepted}}
	return tea.Batch(m.save(), m.Mailbox().Every(submit(m.com.Authed, m.com.Remote, req, d.Attachments)))
}

// submitted shows the outcome. On a refusal the draft stays and the
// problem (FAQ 4.1 wording) is shown; fields the server named go back to
// their step.
func (m *Model) submitted(msg submittedMsg) tea.Cmd {
	m.submitting = false
	if msg.err != nil {
		m.problem = common.Explain(m.com.Text, msg.err)
		var pe *client.ProblemError
		if asProblem(msg.err, &pe) {
			for _, f := range pe.Problem.Fields {
				m.errs[f.Field] = m.fieldError(f)
			}
			if len(pe.Problem.Fields) > 0 {
				m.problem = m.refusal(pe)
			}
		}
		return nil
	}
	m.result = &msg.req
	if msg.uploadErr != nil {
		m.problem = m.com.Text.WizUploadFailed + common.Explain(m.com.Text, msg.uploadErr)
	}
	m.step = stepDone
	return deleteDraft(m.store, m.draft.ID)
}

// refusal is the sentence over a refusal whose fields are marked: the
// server's own (pt-BR) detail in Portuguese, the UI's wording otherwise.
func (m *Model) refusal(pe *client.ProblemError) string {
	if m.com.Text.Lang == api.PtBR && pe.Problem.Detail != "" {
		return pe.Problem.Detail
	}
	return common.Explain(m.com.Text, pe)
}

// formSubmitted: a complete form unblocks the credential; an incomplete
// one is saved on the server and says what is missing.
func (m *Model) formSubmitted(msg formSubmittedMsg) tea.Cmd {
	m.submitting = false
	if msg.err != nil {
		m.problem = common.Explain(m.com.Text, msg.err)
		var pe *client.ProblemError
		if asProblem(msg.err, &pe) && len(pe.Problem.Fields) > 0 {
			m.problem = m.refusal(pe)
			for _, f := range pe.Problem.Fields {
				m.errs[f.Field] = m.fieldError(f)
			}
		}
		return nil
	}
	m.formDone, m.step = true, stepDone
	return deleteDraft(m.store, m.draft.ID)
}
