package api

import (
	"encoding/json"
	"regexp"
)

// Profile is what one role may do (GET /api/v1/profiles).
type Profile struct {
	Role        Role         `json:"role"`
	Permissions []Permission `json:"permissions"`
}

// ProfileWrite is PUT /api/v1/profiles/{role}: the whole set, replacing it.
type ProfileWrite struct {
	Permissions []Permission `json:"permissions"`
}

// UserEntry is a person as administrators see it (GET /api/v1/users).
// Activated says the person has set a password (embedded issuer) or has
// signed in at least once (external issuer).
type UserEntry struct {
	ID           string        `json:"id"`
	Username     string        `json:"username"`
	Name         string        `json:"name"`
	Role         Role          `json:"role"`
	Institutions []Institution `json:"institutions"`
	Disabled     bool          `json:"disabled"`
	Activated    bool          `json:"activated"`
	CreatedAt    string        `json:"created_at"`
}

// UserCreate is POST /api/v1/users. The person sets their own password
// with the activation code the answer carries: an admin never knows it.
type UserCreate struct {
	Username     string   `json:"username"`
	Name         string   `json:"name"`
	CPF          string   `json:"cpf"`
	Role         Role     `json:"role"`
	Institutions []string `json:"institutions"` // CNPJs of registered institutions
}

// UserCreated answers POST /api/v1/users and POST .../activation: the
// activation code is shown this once and is stored only as a hash.
type UserCreated struct {
	User           UserEntry `json:"user"`
	ActivationCode string    `json:"activation_code,omitempty"`
	ActivationURL  string    `json:"activation_url,omitempty"`
	ExpiresAt      string    `json:"expires_at,omitempty"`
}

// UserPatch is PATCH /api/v1/users/{id}: what is given changes.
type UserPatch struct {
	Name         *string   `json:"name,omitempty"`
	Role         *Role     `json:"role,omitempty"`
	Institutions *[]string `json:"institutions,omitempty"`
	Disabled     *bool     `json:"disabled,omitempty"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// Validate lists what is wrong with a new user, field by field.
func (u UserCreate) Validate() []FieldError {
	var out []FieldError
	if !usernamePattern.MatchString(u.Username) {
		out = append(out, Refuse("username", Say("3 a 64 letras minúsculas, dígitos, ponto, hífen ou sublinhado, começando por letra ou dígito", "3 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or a digit")))
	}
	if f := validateName("name", u.Name); f != nil {
		out = append(out, *f)
	}
	if u.CPF != "" {
		if err := ValidateCPF(u.CPF); err != nil {
			out = append(out, RefuseErr("cpf", err))
		}
	}
	if !u.Role.Valid() {
		out = append(out, Refuse("role", msgRole))
	}
	out = append(out, validateCNPJList(u.Institutions)...)
	return out
}

// Validate lists what is wrong with a change to a user.
func (p UserPatch) Validate() []FieldError {
	var out []FieldError
	if p.Name != nil {
		if f := validateName("name", *p.Name); f != nil {
			out = append(out, *f)
		}
	}
	if p.Role != nil && !p.Role.Valid() {
		out = append(out, Refuse("role", msgRole))
	}
	if p.Institutions != nil {
		out = append(out, validateCNPJList(*p.Institutions)...)
	}
	if p.Name == nil && p.Role == nil && p.Institutions == nil && p.Disabled == nil {
		out = append(out, Refuse("", Say("nada a mudar: informe name, role, institutions ou disabled", "nothing to change: send name, role, institutions or disabled")))
	}
	return out
}

func validateName(field, s string) *FieldError {
	var why Msg
	switch n := VisibleLen(s); {
	case Blank(s):
		why = msgRequired
	case n > 200:
		why = Sayf(msgAtMostChars, 200)
	case MultiLine(s):
		why = msgOneLine
	case BadText(s) != "":
		why = BadTextMsg(s)
	default:
		return nil
	}
	fe := Refuse(field, why)
	return &fe
}

func validateCNPJList(cnpjs []string) []FieldError {
	if len(cnpjs) > 50 {
		return []FieldError{Refuse("institutions", Say("no máximo 50 instituições", "at most 50 institutions"))}
	}
	for _, c := range cnpjs {
		if err := ValidateCNPJ(c); err != nil {
			return []FieldError{Refuse("institutions", Say(c+": ", c+": ").Plus(MsgOf(err)))}
		}
	}
	return nil
}

// MinPasswordLen is the shortest password the activation form accepts.
const MinPasswordLen = 12

// Opinion is a technical opinion (parecer técnico, FAQ 3.17) on a request,
// by whoever analyses it; the evaluator who decides reads them.
type Opinion struct {
	ID         string      `json:"id"`
	Author     string      `json:"author"`
	AuthorName string      `json:"author_name"`
	At         string      `json:"at"`
	Text       string      `json:"text"`
	Attachment *Attachment `json:"attachment,omitempty"`
}

// MaxOpinionLen bounds an opinion's text.
const MaxOpinionLen = 8000

// Revocation is POST /api/v1/requests/{id}/revoke: why the request ends.
type Revocation struct {
	Justification string `json:"justification"`
}

// AuditEvent is one entry of the audit trail (GET /api/v1/audit): who did
// what to which target, with the target's state before and after for
// administrative changes. Values of secrets are never part of it.
type AuditEvent struct {
	Seq       int64           `json:"seq"`
	At        string          `json:"at"`
	Actor     string          `json:"actor"`
	ActorName string          `json:"actor_name"`
	Action    string          `json:"action"`
	Target    string          `json:"target"` // kind:id, e.g. request:SOL-…, api:datajud, user:ana
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`
	Detail    string          `json:"detail,omitempty"`
	Hash      string          `json:"hash"`
}

// AuditPage is a page of the audit trail, newest first.
type AuditPage struct {
	Items      []AuditEvent `json:"items"`
	NextCursor string       `json:"next_cursor"`
}

// AuditCheckpoint is the audit chain's head at a moment, signed with the
// issuer's key: kept outside the database, it shows that the past up to
// Count was not rewritten since.
type AuditCheckpoint struct {
	Count     int64  `json:"count"`
	Head      string `json:"head"`
	At        string `json:"at"`
	KeyID     string `json:"kid"`
	Signature string `json:"signature"` // base64url of the signature over Payload()
}

// Payload is what a checkpoint's signature covers.
func (c AuditCheckpoint) Payload() []byte {
	b, _ := json.Marshal(struct {
		Count int64  `json:"count"`
		Head  string `json:"head"`
		At    string `json:"at"`
	}{c.Count, c.Head, c.At})
	return append([]byte("gecli-audit-checkpoint\n"), b...)
}

// AuditVerification answers GET /api/v1/audit/verify.
type AuditVerification struct {
	OK          bool        `json:"ok"`
	Events      int64       `json:"events"`      // audit events checked
	Requests    int         `json:"requests"`    // request histories checked
	Checkpoints int         `json:"checkpoints"` // signed checkpoints checked
	Broken      *AuditBreak `json:"broken,omitempty"`
}

// AuditBreak names the first broken link.
type AuditBreak struct {
	Chain  string `json:"chain"` // "audit", "request:ID" or "checkpoint"
	At     int64  `json:"at"`    // the event's seq or n, or the checkpoint's count
	Reason string `json:"reason"`
}

// Problem codes of administration.
const (
	CodeLastProfilesAdmin Code = "last_profiles_admin"
	CodeUserExists        Code = "user_exists"
	CodeUserNotFound      Code = "user_not_found"
	CodeBadActivation     Code = "invalid_activation"
)
