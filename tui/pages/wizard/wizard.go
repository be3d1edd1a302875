// Package wizard is the request form, step by step: API and environment,
// institution, technical contact, purpose, the API's custom fields,
// attachments, terms of use, review and submit. Each step validates
// inline; the draft is saved on every step and shortly after every edit.
package wizard

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
)

type step int

const (
	stepAPI step = iota
	stepInstitution
	stepContact
	stepPurpose
	stepFields
	stepAttachments
	stepTerms
	stepReview
	stepDone
	stepFormEntity  // verification form: entity identification
	stepFormProject // verification form: project and justification
)

// ClosedMsg tells the root the wizard closed; Submitted is set when a
// request was created (the root then syncs and shows the requests page).
type ClosedMsg struct{ Submitted bool }

// field is one text input of a step, bound to a draft value.
type field struct {
	key, label string
	input      textinput.Model
}

// Model is the wizard.
type Model struct {
	com   *common.Common
	store *store.Store
	draft store.Draft
	step  step

	apis     []api.API
	filter   textinput.Model // API search on the first step
	apiIndex int
	instIdx  int

	fields []field
	focus  int
	errs   map[string]string // field key -> message

	cols       int // terminal width
	saveGen    int
	submitting bool
	result     *api.Request
	formDone   bool
	problem    string // why the last submit or check failed
}

// New opens the wizard on a draft (a new one when d.ID is empty).
func New(com *common.Common, s *store.Store, d store.Draft) *Model {
	if d.ID == "" {
		b := make([]byte, 6)
		rand.Read(b)
		d.ID = "draft-" + hex.EncodeToString(b)
	}
	if d.CustomFields == nil {
		d.CustomFields = map[string]string{}
	}
	f := search.NewInput(com.Text.SearchAPIPlaceholder, api.MaxQueryLen)
	f.Prompt = "/ "
	f.SetWidth(40)
	m := &Model{com: com, store: s, draft: d, step: step(d.Step), filter: f, errs: map[string]string{}}
	switch {
	case m.form() && !slices.Contains(m.steps(), m.step):
		m.step = stepFormEntity
	case !m.form() && m.step >= stepDone: // a request draft never resumes past the review
		m.step = stepReview
	}
	return m
}

// Init loads the catalog (the wizard works offline until it submits).
func (m *Model) Init() tea.Cmd { return tea.Batch(loadCatalog(m.store), m.enter(m.step)) }

// Capturing: the wizard takes every key but ctrl+c.
func (m *Model) Capturing() bool { return true }

// form reports whether this is a verification form rather than a request.
func (m *Model) form() bool { return m.draft.FormFor != "" }

func (m *Model) api() (api.API, bool) {
	i := slices.IndexFunc(m.apis, func(a api.API) bool { return a.ID == m.draft.APIID })
	if i < 0 {
		return api.API{}, false
	}
	return m.apis[i], true
}

// visibleAPIs are the catalog entries matching the filter text.
func (m *Model) visibleAPIs() []api.API {
	q := api.Fold(strings.TrimSpace(m.filter.Value()))
	if q == "" {
		return m.apis
	}
	var out []api.API
	for _, a := range m.apis {
		if strings.Contains(api.Fold(a.Name+" "+a.Acronym), q) {
			out = append(out, a)
		}
	}
	return out
}

// steps lists the steps this request has (custom fields only when the API
// defines some).
func (m *Model) steps() []step {
	if m.form() {
		return []step{stepFormEntity, stepContact, stepFormProject, stepAttachments, stepReview}
	}
	out := []step{stepAPI, stepInstitution, stepContact, stepPurpose}
	if a, ok := m.api(); ok && len(a.CustomFields) > 0 {
		out = append(out, stepFields)
	}
	return append(out, stepAttachments, stepTerms, stepReview)
}

// enter builds the inputs of a step from the draft and focuses the first.
func (m *Model) enter(s step) tea.Cmd {
	m.step, m.focus, m.fields, m.problem = s, 0, nil, ""
	t := m.com.Text
	add := func(key, label, value string, limit int) {
		in := search.NewInput("", limit)
		in.SetValue(value)
		m.fields = append(m.fields, field{key: key, label: label, input: in})
	}
	switch s {
	case stepAPI:
		return m.filter.Focus()
	case stepContact:
		c := m.draft.Contact
		add("technical_contact.name", t.WizName, c.Name, 200)
		add("technical_contact.cpf", "CPF", c.CPF, 14)
		add("technical_contact.email", "E-mail", c.Email, 254)
		add("technical_contact.phone", t.WizPhone, c.Phone, 20)
	case stepPurpose:
		add("purpose", t.DetailPurpose, m.draft.Purpose, 2000)
		add("sei_process", t.WizSEI, m.draft.SEIProcess, 20)
	case stepFormEntity:
		add("entity_name", t.FormEntity, m.draft.EntityName, 200)
		add("entity_cnpj", "CNPJ", m.draft.EntityCNPJ, 18)
	case stepFormProject:
		add("project", t.FormProject, m.draft.Project, 200)
		add("justification", t.JustificationLabel, m.draft.FormJustification, 2000)
	case stepFields:
		if a, ok := m.api(); ok {
			for _, f := range a.CustomFields {
				label := f.Label
				if f.Required {
					label += " *"
				}
				add("custom_fields."+f.Name, label, m.draft.CustomFields[f.Name], 500)
			}
		}
	case stepAttachments:
		add("attachment", t.WizPath, "", 1024)
	case stepInstitution:
		m.instIdx = max(0, slices.IndexFunc(m.institutions(), func(in api.Institution) bool { return in.CNPJ == m.draft.CNPJ }))
	}
	m.SetWidth(m.cols)
	if len(m.fields) > 0 {
		return m.fields[0].input.Focus()
	}
	return nil
}

// SetWidth fits the inputs to the terminal.
func (m *Model) SetWidth(w int) {
	m.cols = w
	for i := range m.fields {
		m.fields[i].input.SetWidth(max(10, w-m.labelWidth()-2))
	}
}

func (m *Model) width() int { return max(40, m.cols) }

// labelWidth fits the longest label of the step (within reason).
func (m *Model) labelWidth() int {
	w := 12
	for _, f := range m.fields {
		w = max(w, len([]rune(f.label))+2)
	}
	return min(w, 42)
}

func (m *Model) institutions() []api.Institution {
	if m.com.Me == nil {
		return nil
	}
	return m.com.Me.Institutions
}

// store writes the inputs of the step back into the draft.
func (m *Model) storeFields() {
	for _, f := range m.fields {
		v := strings.TrimSpace(f.input.Value())
		switch f.key {
		case "technical_contact.name":
			m.draft.Contact.Name = v
		case "technical_contact.cpf":
			m.draft.Contact.CPF = v
		case "technical_contact.email":
			m.draft.Contact.Email = v
		case "technical_contact.phone":
			m.draft.Contact.Phone = v
		case "purpose":
			m.draft.Purpose = v
		case "sei_process":
			m.draft.SEIProcess = v
		case "entity_name":
			m.draft.EntityName = v
		case "entity_cnpj":
			m.draft.EntityCNPJ = v
		case "project":
			m.draft.Project = v
		case "justification":
			m.draft.FormJustification = v
		default:
			if name, ok := strings.CutPrefix(f.key, "custom_fields."); ok {
				if v == "" {
					delete(m.draft.CustomFields, name)
				} else {
					m.draft.CustomFields[name] = v
				}
			}
		}
	}
}

// save writes the draft now (on every step change).
func (m *Model) save() tea.Cmd {
	m.storeFields()
	m.draft.Step = int(m.step)
	m.draft.UpdatedAt = m.com.Now()
	return saveDraft(m.store, m.snapshot())
}

// snapshot is a deep copy of the draft: a Cmd runs on another goroutine
// while Update keeps editing the map and slice of the live draft.
func (m *Model) snapshot() store.Draft {
	d := m.draft
	d.CustomFields = maps.Clone(d.CustomFields)
	d.Attachments = slices.Clone(d.Attachments)
	return d
}

// Update handles keys and the wizard's own messages.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case catalogMsg:
		m.apis = msg.apis
		if msg.err != nil {
			m.problem = common.Explain(m.com.Text, msg.err)
		}
		if i := slices.IndexFunc(m.visibleAPIs(), func(a api.API) bool { return a.ID == m.draft.APIID }); i >= 0 {
			m.apiIndex = i
		}
		if m.step == stepFields {
			return m.enter(m.step) // its inputs come from the API's definitions
		}
	case saveTickMsg:
		if msg.gen == m.saveGen {
			return m.save()
		}
	case savedMsg:
		if msg.err != nil {
			return common.Toast(common.Explain(m.com.Text, msg.err), true)
		}
	case fileCheckedMsg:
		return m.fileChecked(msg)
	case completedMsg:
		if m.step == stepAttachments && len(m.fields) > 0 && m.fields[0].input.Value() == msg.input {
			m.fields[0].input.SetValue(msg.completion)
			m.fields[0].input.CursorEnd()
		}
	case submittedMsg:
		return m.submitted(msg)
	case formSubmittedMsg:
		return m.formSubmitted(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		return m.edit(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.submitting {
		return nil
	}
	switch msg.String() {
	case "esc":
		return m.back()
	case "enter":
		return m.next()
	case "tab", "down":
		if m.step == stepAttachments && msg.String() == "tab" {
			return complete(m.fields[0].input.Value())
		}
		m.move(1)
		return nil
	case "shift+tab", "up":
		m.move(-1)
		return nil
	case "left", "right":
		if m.step == stepAPI {
			m.toggleEnv()
			return nil
		}
	case "space":
		if m.step == stepTerms {
			m.draft.TermsAccepted = !m.draft.TermsAccepted
			return m.changed()
		}
	case "ctrl+x":
		if m.step == stepAttachments && len(m.draft.Attachments) > 0 {
			m.draft.Attachments = m.draft.Attachments[:len(m.draft.Attachments)-1]
			return m.changed()
		}
	}
	return m.edit(msg)
}

// edit passes a key or paste to the focused input.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.step == stepAPI:
		before := m.filter.Value()
		m.filter, cmd = m.filter.Update(msg)
		if m.filter.Value() != before {
			m.apiIndex = 0
		}
		return cmd
	case m.focus < len(m.fields):
		before := m.fields[m.focus].input.Value()
		m.fields[m.focus].input, cmd = m.fields[m.focus].input.Update(msg)
		if m.fields[m.focus].input.Value() != before {
			delete(m.errs, m.fields[m.focus].key)
			return tea.Batch(cmd, m.changed())
		}
	}
	return cmd
}

// changed schedules a debounced save.
func (m *Model) changed() tea.Cmd {
	m.saveGen++
	return debounce(m.saveGen)
}

func (m *Model) move(d int) {
	switch m.step {
	case stepAPI:
		n := len(m.visibleAPIs())
		if n > 0 {
			m.apiIndex = (m.apiIndex + d + n) % n
		}
	case stepInstitution:
		if n := len(m.institutions()); n > 0 {
			m.instIdx = (m.instIdx + d + n) % n
		}
	default:
		if len(m.fields) > 1 {
			m.fields[m.focus].input.Blur()
			m.focus = (m.focus + d + len(m.fields)) % len(m.fields)
			m.fields[m.focus].input.Focus()
		}
	}
}

func (m *Model) toggleEnv() {
	list := m.visibleAPIs()
	if m.apiIndex >= len(list) {
		return
	}
	a := list[m.apiIndex]
	envs := a.Environments
	if len(envs) < 2 {
		return
	}
	if m.draft.Environment == envs[0].Name {
		m.draft.Environment = envs[1].Name
	} else {
		m.draft.Environment = envs[0].Name
	}
}

// back goes one step back; from the first step it closes (the draft is
// kept and listed on the requests page).
func (m *Model) back() tea.Cmd {
	steps := m.steps()
	i := slices.Index(steps, m.step)
	if m.step == stepDone || i <= 0 {
		save := m.save()
		done := m.step == stepDone
		return tea.Batch(save, func() tea.Msg { return ClosedMsg{Submitted: done} })
	}
	m.storeFields()
	return tea.Batch(m.enter(steps[i-1]), m.save())
}

// next validates the step; when valid it moves on (and saves).
func (m *Model) next() tea.Cmd {
	if m.step == stepDone {
		return func() tea.Msg { return ClosedMsg{Submitted: true} }
	}
	if m.step == stepAttachments && strings.TrimSpace(m.fields[0].input.Value()) != "" {
		return checkFile(strings.TrimSpace(m.fields[0].input.Value()))
	}
	if m.step == stepAttachments && m.form() && len(m.draft.Attachments) == 0 {
		m.problem = m.com.Text.FormNeedsPDF
		return nil
	}
	m.storeFields()
	if !m.validate() {
		return nil
	}
	if m.step == stepReview {
		return m.submit()
	}
	steps := m.steps()
	i := slices.Index(steps, m.step)
	return tea.Batch(m.enter(steps[i+1]), m.save())
}

func (m *Model) fileChecked(msg fileCheckedMsg) tea.Cmd {
	if msg.err != nil {
		m.errs["attachment"] = common.Explain(m.com.Text, msg.err)
		return nil
	}
	delete(m.errs, "attachment")
	if !slices.Contains(m.draft.Attachments, msg.path) {
		m.draft.Attachments = append(m.draft.Attachments, msg.path)
	}
	m.fields[0].input.SetValue("")
	return m.save()
}

// validate checks the step with the same rules as the server.
func (m *Model) validate() bool {
	t := m.com.Text
	m.errs = map[string]string{}
	d := m.draft
	switch m.step {
	case stepAPI:
		list := m.visibleAPIs()
		if m.apiIndex >= len(list) {
			m.problem = t.WizPickAPI
			return false
		}
		a := list[m.apiIndex]
		if m.draft.APIID != a.ID {
			m.draft.CustomFields = map[string]string{}
			m.draft.TermsAccepted = false
		}
		m.draft.APIID, m.draft.APIName = a.ID, a.Name
		m.draft.TermsID, m.draft.TermsVersion = a.Terms.ID, a.Terms.Version
		if !a.Offers(m.draft.Environment) {
			m.draft.Environment = a.Environments[0].Name
		}
	case stepInstitution:
		ins := m.institutions()
		if len(ins) == 0 {
			m.problem = t.WizNoInstitution
			return false
		}
		m.draft.CNPJ = ins[m.instIdx].CNPJ
	case stepContact:
		for _, fe := range d.Contact.Validate() {
			m.errs[fe.Field] = fe.Message
		}
	case stepPurpose:
		if fe := api.ValidatePurpose(d.Purpose); fe != nil {
			m.errs[fe.Field] = fe.Message
		}
		if err := api.ValidateSEI(d.SEIProcess); err != nil {
			m.errs["sei_process"] = err.Error()
		}
	case stepFields:
		a, _ := m.api()
		for _, fe := range api.ValidateCustomFields(a.CustomFields, d.CustomFields) {
			m.errs[fe.Field] = fe.Message
		}
	case stepFormEntity, stepFormProject:
		// The form's own rules (api.VerificationForm.Missing), for the
		// fields of this step.
		ofStep := map[step][]string{stepFormEntity: {"entity_name", "entity_cnpj"}, stepFormProject: {"project", "justification"}}[m.step]
		for _, fe := range m.formValue(nil).Missing(nil) {
			if slices.Contains(ofStep, fe.Field) {
				m.errs[fe.Field] = fe.Message
			}
		}
	case stepTerms:
		if !d.TermsAccepted {
			m.problem = t.WizAcceptTerms
			return false
		}
	}
	return len(m.errs) == 0
}

// formValue is the verification form the draft describes.
func (m *Model) formValue(documents []string) api.VerificationForm {
	d := m.draft
	return api.VerificationForm{EntityName: d.EntityName, EntityCNPJ: d.EntityCNPJ, TechnicalContact: d.Contact,
		Project: d.Project, Justification: d.FormJustification, Documents: documents}
}

func (m *Model) submit() tea.Cmd {
	if m.com.Authed == nil {
		m.problem = m.com.Text.WizSignIn
		return nil
	}
	if m.form() {
		m.submitting, m.problem = true, ""
		d := m.snapshot()
		return tea.Batch(m.save(), submitForm(m.com.Authed, d.FormFor, m.formValue(nil), d.Attachments))
	}
	d := m.snapshot()
	m.submitting, m.problem = true, ""
	req := api.RequestCreate{APIID: d.APIID, Environment: d.Environment, InstitutionCNPJ: d.CNPJ, TechnicalContact: d.Contact,
		Purpose: d.Purpose, CustomFields: d.CustomFields, SEIProcess: d.SEIProcess,
		Terms: api.TermsAcceptance{ID: d.TermsID, Version: d.TermsVersion, Accepted: d.TermsAccepted}}
	return tea.Batch(m.save(), submit(m.com.Authed, req, d.Attachments))
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
				m.errs[f.Field] = f.Message
			}
			if len(pe.Problem.Fields) > 0 {
				m.problem = pe.Problem.Detail
			}
		}
		return nil
	}
	m.result = &msg.req
	if msg.uploadErr != nil {
		m.problem = m.com.Text.WizUploadFailed + common.Explain(m.com.Text, msg.uploadErr)
	}
	m.step = stepDone
	id := m.draft.ID
	s := m.store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		s.DeleteDraft(ctx, id)
		return common.SyncRequestsMsg{}
	}
}

// formSubmitted: a complete form unblocks the credential; an incomplete
// one is saved on the server and says what is missing.
func (m *Model) formSubmitted(msg formSubmittedMsg) tea.Cmd {
	m.submitting = false
	if msg.err != nil {
		m.problem = common.Explain(m.com.Text, msg.err)
		var pe *client.ProblemError
		if asProblem(msg.err, &pe) && len(pe.Problem.Fields) > 0 {
			m.problem = pe.Problem.Detail
			for _, f := range pe.Problem.Fields {
				m.errs[f.Field] = f.Message
			}
		}
		return nil
	}
	m.formDone, m.step = true, stepDone
	id, s := m.draft.ID, m.store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		s.DeleteDraft(ctx, id)
		return common.SyncRequestsMsg{}
	}
}
