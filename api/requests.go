package api

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

// TechnicalContact is the person responsible for the integration.
type TechnicalContact struct {
	Name  string `json:"name"`
	CPF   string `json:"cpf"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// TermsAcceptance names the terms accepted; they must be the API's current.
type TermsAcceptance struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Accepted bool   `json:"accepted"`
}

// RequestCreate is the body of POST /api/v1/requests.
type RequestCreate struct {
	APIID            string            `json:"api_id"`
	Environment      Environment       `json:"environment"`
	InstitutionCNPJ  string            `json:"institution_cnpj"`
	TechnicalContact TechnicalContact  `json:"technical_contact"`
	Purpose          string            `json:"purpose"`
	CustomFields     map[string]string `json:"custom_fields"`
	Terms            TermsAcceptance   `json:"terms"`
	SEIProcess       string            `json:"sei_process"`
}

// Person is a requester as shown on a request. ID is the subject of
// their sign-in (what /me calls subject): how a TUI tells its person's
// own requests apart from a colleague's of the same name.
type Person struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	CPF  string `json:"cpf"`
}

// Request is an access request as listed and detailed.
type Request struct {
	ID               string            `json:"id"`
	APIID            string            `json:"api_id"`
	APIName          string            `json:"api_name"`
	Environment      Environment       `json:"environment"`
	Institution      Institution       `json:"institution"`
	Requester        Person            `json:"requester"`
	TechnicalContact TechnicalContact  `json:"technical_contact"`
	Purpose          string            `json:"purpose"`
	CustomFields     map[string]string `json:"custom_fields"`
	Terms            TermsAcceptance   `json:"terms"`
	Status           Status            `json:"status"`
	Rule             Rule              `json:"rule"`
	SEIProcess       string            `json:"sei_process"`
	// SEIState is where the link to SEI is (issue 16): "" when gecli has
	// no SEI integration (the number is what the requester typed), pending
	// while the process is being generated or checked, linked, failed.
	SEIState        string         `json:"sei_state,omitempty"`
	CreatedAt       string         `json:"created_at"`
	DecidedAt       string         `json:"decided_at"`
	UpdatedAt       string         `json:"updated_at"`
	Seq             int64          `json:"seq"`
	CredentialState string         `json:"credential_state"`
	History         []HistoryEvent `json:"history,omitempty"`
	Attachments     []Attachment   `json:"attachments,omitempty"`
	Opinions        []Opinion      `json:"opinions,omitempty"`
}

// HistoryEvent is one entry of a request's append-only history.
type HistoryEvent struct {
	N             int    `json:"n"`
	At            string `json:"at"`
	Actor         string `json:"actor"`
	Action        string `json:"action"`
	FromStatus    string `json:"from_status"`
	ToStatus      string `json:"to_status"`
	Justification string `json:"justification"`
	Hash          string `json:"hash"`
}

// Attachment is a PDF's metadata.
type Attachment struct {
	ID         string `json:"id"`
	Filename   string `json:"filename"`
	Size       int64  `json:"size"`
	SHA256     string `json:"sha256"`
	UploadedAt string `json:"uploaded_at"`
}

// RequestList is a page of requests; Seq is the highest change sequence
// in the page (for incremental sync with since=).
type RequestList struct {
	Items      []Request `json:"items"`
	NextCursor string    `json:"next_cursor"`
	Seq        int64     `json:"seq"`
}

// Problem codes of requests.
const (
	CodeValidation   Code = "validation_failed"
	CodeRequestState Code = "invalid_state"
	CodeNotFoundReq  Code = "request_not_found"
)

var (
	seiPattern   = regexp.MustCompile(`^\d{5}\.\d{6}/\d{4}-\d{2}$`)
	phonePattern = regexp.MustCompile(`^\d{10,11}$`)
)

// ErrSEI explains the SEI process number format.
var ErrSEI = sayErr("número SEI no formato 00000.000000/0000-00", "SEI number in the form 00000.000000/0000-00")

// ValidateSEI checks an SEI process number (empty is allowed: the number
// is often assigned after submission).
func ValidateSEI(s string) error {
	if s == "" || seiPattern.MatchString(s) {
		return nil
	}
	return ErrSEI
}

// validEmail is one plain address (no display name) whose domain has a
// dot: mail.ParseAddress alone takes "a@b", which no one can write to
// across the internet.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != strings.TrimSpace(s) || len(s) > 254 {
		return false
	}
	domain := a.Address[strings.LastIndex(a.Address, "@")+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}

// NormalizeSEI writes a number typed as its 17 digits alone in the form
// SEI shows it (00000.000000/0000-00); anything else is left as it is for
// ValidateSEI to judge.
func NormalizeSEI(s string) string {
	s = strings.TrimSpace(s)
	if len(s) != 17 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	return s[:5] + "." + s[5:11] + "/" + s[11:15] + "-" + s[15:]
}

// Digits keeps the digits 0-9 of s: a number typed with or without its
// punctuation ("00001.004213/2026-51", "(61) 3222-1100").
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// NormalizePhone keeps the digits of a Brazilian phone number.
func NormalizePhone(s string) string { return Digits(s) }

// Validate checks the fields a request needs before the server looks at
// the API's rules; the TUI runs the same checks step by step.
func (c TechnicalContact) Validate() []FieldError {
	var out []FieldError
	if Blank(c.Name) || utf8.RuneCountInString(c.Name) > MaxNameLen || MultiLine(c.Name) {
		out = append(out, Refuse("technical_contact.name", Say("informe o nome do responsável técnico (até 200 caracteres)", "enter the technical contact's name (up to 200 characters)")))
	}
	if err := ValidateCPF(c.CPF); err != nil || len(c.CPF) > 14 {
		if err == nil {
			err = ErrCPFLength
		}
		out = append(out, RefuseErr("technical_contact.cpf", err))
	}
	if !validEmail(c.Email) {
		out = append(out, Refuse("technical_contact.email", msgEmail))
	}
	if !phonePattern.MatchString(NormalizePhone(c.Phone)) || len(c.Phone) > 20 {
		out = append(out, Refuse("technical_contact.phone", msgPhone))
	}
	return out
}

// ValidatePurpose checks the purpose text.
func ValidatePurpose(p string) *FieldError {
	n := VisibleLen(p)
	if n < 20 || utf8.RuneCountInString(p) > MaxPurposeLen {
		fe := Refuse("purpose", Say("descreva a finalidade em 20 a 2.000 caracteres", "describe the purpose in 20 to 2,000 characters"))
		return &fe
	}
	return nil
}

// ValidateCustomFields checks values against an API's definitions:
// unknown fields, required ones, integer type and patterns.
func ValidateCustomFields(defs []CustomField, values map[string]string) []FieldError {
	var out []FieldError
	known := map[string]bool{}
	for _, d := range defs {
		known[d.Name] = true
		v := TrimText(values[d.Name])
		field := "custom_fields." + d.Name
		if v == "" {
			if d.Required {
				out = append(out, Refuse(field, Sayf(Say("%s: obrigatório", "%s: required"), d.Label)))
			}
			continue
		}
		if MultiLine(values[d.Name]) {
			out = append(out, Refuse(field, Sayf(Say("%s: uma linha só", "%s: one line only"), d.Label)))
			continue
		}
		if utf8.RuneCountInString(values[d.Name]) > MaxCustomFieldLen {
			out = append(out, Refuse(field, Sayf(Say("%s: até %d caracteres", "%s: up to %d characters"), d.Label, MaxCustomFieldLen)))
			continue
		}
		if d.Type == "integer" && !regexp.MustCompile(`^-?\d+$`).MatchString(v) {
			out = append(out, Refuse(field, Sayf(Say("%s: informe um número inteiro", "%s: enter a whole number"), d.Label)))
			continue
		}
		if d.Pattern != "" {
			if re, err := regexp.Compile(d.Pattern); err == nil && !re.MatchString(v) {
				out = append(out, Refuse(field, Sayf(Say("%s: formato inválido; esperado: ", "%s: invalid format; expected: "), d.Label).Plus(ExpectedFormat(d.Pattern))))
			}
		}
	}
	for name := range values {
		if !known[name] {
			out = append(out, Refuse("custom_fields."+name, Say("campo desconhecido para esta API", "a field this API does not have")))
		}
	}
	return out
}

// AutoApprovalReason is the justification recorded for an automatic
// approval, e.g. "aprovação automática em homologação (regra: Demais APIs)".
func AutoApprovalReason(st SystemType, env Environment) string {
	return "aprovação automática em " + strings.ToLower(env.Label(PtBR)) + " (regra: " + st.Label(PtBR) + ")"
}

var actionLabels = map[string]label{
	"submitted":      {"enviada", "submitted"},
	"auto_approved":  {"aprovada automaticamente", "approved automatically"},
	"approved":       {"aprovada", "approved"},
	"rejected":       {"reprovada", "rejected"},
	"cancelled":      {"cancelada", "cancelled"},
	"revoked":        {"revogada", "revoked"},
	"form_saved":     {"formulário técnico salvo", "technical form saved"},
	"form_completed": {"formulário técnico completo", "technical form completed"},
	"opinion":        {"parecer técnico", "technical opinion"},
}

// ActionLabel names a history action; unknown actions keep their code.
func ActionLabel(action string, lang Lang) string {
	if l, ok := actionLabels[action]; ok {
		return l.in(lang)
	}
	return action
}

// Decision is the body of POST /api/v1/requests/{id}/decision.
type Decision struct {
	Decision      string `json:"decision"` // approve | reject
	Justification string `json:"justification"`
}

// VerificationForm is the technical verification form (FAQ 3.19):
// entity identification, technical contact, project and justification,
// and at least one PDF (ids of the request's attachments).
type VerificationForm struct {
	EntityName       string           `json:"entity_name"`
	EntityCNPJ       string           `json:"entity_cnpj"`
	TechnicalContact TechnicalContact `json:"technical_contact"`
	Project          string           `json:"project"`
	Justification    string           `json:"justification"`
	Documents        []string         `json:"documents"`
	Complete         bool             `json:"complete"`
	UpdatedAt        string           `json:"updated_at,omitempty"`
}

// Malformed lists the form's fields over their limits, or with a line
// break where there is one line: such a form is refused, not saved (a
// partial form is saved; a malformed one is not).
func (f VerificationForm) Malformed() []FieldError {
	var out []FieldError
	for _, c := range []struct {
		field, value string
		max          int
	}{
		{"entity_name", f.EntityName, MaxNameLen}, {"entity_cnpj", f.EntityCNPJ, 18}, {"project", f.Project, MaxNameLen},
		{"justification", f.Justification, MaxJustificationLen}, {"technical_contact.name", f.TechnicalContact.Name, MaxNameLen},
		{"technical_contact.cpf", f.TechnicalContact.CPF, 14}, {"technical_contact.email", f.TechnicalContact.Email, 254},
		{"technical_contact.phone", f.TechnicalContact.Phone, 20},
	} {
		if n := utf8.RuneCountInString(c.value); n > c.max {
			out = append(out, Refuse(c.field, Sayf(Say("até %d caracteres (tem %d)", "up to %d characters (it has %d)"), c.max, n)))
		}
	}
	for _, c := range [][2]string{{"entity_name", f.EntityName}, {"project", f.Project}, {"technical_contact.name", f.TechnicalContact.Name}} {
		if MultiLine(c[1]) {
			out = append(out, Refuse(c[0], Say("uma linha só, sem quebras nem tabulações", "one line, with no line breaks or tabs")))
		}
	}
	if len(f.Documents) > MaxFormDocuments {
		out = append(out, Refuse("documents", Sayf(Say("até %d documentos", "up to %d documents"), MaxFormDocuments)))
	}
	for i, d := range f.Documents {
		if len(d) > 64 {
			out = append(out, Refuse(fmt.Sprintf("documents[%d]", i), Say("identificador de anexo inválido", "invalid attachment id")))
		}
	}
	return out
}

// Missing lists what the form still lacks; empty means complete. known
// are the request's attachment ids (documents must be among them).
func (f VerificationForm) Missing(known []string) []FieldError {
	var out []FieldError
	if Blank(f.EntityName) {
		out = append(out, Refuse("entity_name", Say("identifique a entidade solicitante", "name the requesting entity")))
	}
	if err := ValidateCNPJ(f.EntityCNPJ); err != nil {
		out = append(out, RefuseErr("entity_cnpj", err))
	}
	out = append(out, f.TechnicalContact.Validate()...)
	if VisibleLen(f.Project) < 5 {
		out = append(out, Refuse("project", Say("informe o nome do projeto", "name the project")))
	}
	if VisibleLen(f.Justification) < 20 {
		out = append(out, Refuse("justification", Say("justifique o uso em ao menos 20 caracteres", "justify the use in at least 20 characters")))
	}
	if len(f.Documents) == 0 {
		out = append(out, Refuse("documents", Say("anexe ao menos um documento comprobatório em PDF", "attach at least one supporting PDF document")))
	}
	for _, d := range f.Documents {
		ok := false
		for _, k := range known {
			ok = ok || k == d
		}
		if !ok {
			out = append(out, Refuse("documents", Sayf(Say("documento %s não é anexo desta solicitação", "document %s is not an attachment of this request"), d)))
		}
	}
	return out
}

// Problem codes of triage.
const CodeAlreadyDecided Code = "already_decided"
