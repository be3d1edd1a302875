package wizard

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
)

// enter builds the inputs of a step from the draft and focuses the first.
func (m *Model) enter(s step) tea.Cmd {
	m.step, m.focus, m.fields, m.problem = s, 0, nil, ""
	t := m.com.Text
	add := func(key, label, value string, limit int) {
		m.fields = append(m.fields, newLine(key, label, value, "", limit))
	}
	long := func(key, label, value string) { m.fields = append(m.fields, newArea(m.com, key, label, value)) }
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
		long("purpose", t.DetailPurpose, m.draft.Purpose)
		// Room past the 20 characters of a number, so that a longer one
		// is refused with the format, not cut while typing.
		m.fields = append(m.fields, newLine("sei_process", t.WizSEI, m.draft.SEIProcess, "00000.000000/0000-00", 40))
	case stepFormEntity:
		add("entity_name", t.FormEntity, m.draft.EntityName, 200)
		add("entity_cnpj", "CNPJ", m.draft.EntityCNPJ, 18)
	case stepFormProject:
		add("project", t.FormProject, m.draft.Project, 200)
		long("justification", t.JustificationLabel, m.draft.FormJustification)
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
		return m.fields[0].focus()
	}
	return nil
}

// store writes the inputs of the step back into the draft.
func (m *Model) storeFields() {
	for _, f := range m.fields {
		v := strings.TrimSpace(f.value())
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
			m.draft.SEIProcess = api.NormalizeSEI(v)
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
			m.errs[fe.Field] = m.fieldError(fe)
		}
	case stepPurpose:
		if fe := api.ValidatePurpose(d.Purpose); fe != nil {
			m.errs[fe.Field] = m.fieldError(*fe)
		}
		if err := api.ValidateSEI(d.SEIProcess); err != nil {
			m.errs["sei_process"] = m.fieldError(api.RefuseErr("sei_process", err))
		}
	case stepFields:
		a, _ := m.api()
		for _, fe := range api.ValidateCustomFields(a.CustomFields, d.CustomFields) {
			m.errs[fe.Field] = m.fieldError(fe)
		}
	case stepFormEntity, stepFormProject:
		// The form's own rules (api.VerificationForm.Missing), for the
		// fields of this step.
		ofStep := map[step][]string{stepFormEntity: {"entity_name", "entity_cnpj"}, stepFormProject: {"project", "justification"}}[m.step]
		for _, fe := range m.formValue(nil).Missing(nil) {
			if slices.Contains(ofStep, fe.Field) {
				m.errs[fe.Field] = m.fieldError(fe)
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

// fieldError is a refused field in the UI's language: the validators
// and the server word every refusal in both.
func (m *Model) fieldError(fe api.FieldError) string { return fe.In(m.com.Lang) }

// formValue is the verification form the draft describes.
func (m *Model) formValue(documents []string) api.VerificationForm {
	d := m.draft
	return api.VerificationForm{EntityName: d.EntityName, EntityCNPJ: d.EntityCNPJ, TechnicalContact: d.Contact,
		Project: d.Project, Justification: d.FormJustification, Documents: documents}
}
