package api

import (
	"fmt"
	"net/url"
	"regexp"
	"unicode/utf8"
)

// AuthTypes are how an API's callers authenticate.
var AuthTypes = []string{"oauth2_client_credentials", "api_key", "mtls"}

// APIWrite is POST /api/v1/apis and PUT /api/v1/apis/{id}: an API as an
// administrator describes it. Terms and the OpenAPI document are uploaded
// apart; the id is fixed at creation.
type APIWrite struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Acronym      string           `json:"acronym"`
	Description  string           `json:"description"`
	Category     Category         `json:"category"`
	SystemType   SystemType       `json:"system_type"`
	Owner        string           `json:"owner"`
	AuthType     string           `json:"auth_type"`
	Environments []APIEnvironment `json:"environments"`
	CustomFields []CustomField    `json:"custom_fields"`
	// Rule overrides the approval matrix of the system type (nil: the
	// matrix decides).
	Rule *RuleSet `json:"rule,omitempty"`
}

var customFieldName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate lists what is wrong with w, field by field.
func (w APIWrite) Validate() []FieldError {
	var out []FieldError
	if err := ValidateAPIID(w.ID); err != nil {
		out = append(out, RefuseErr("id", err))
	}
	for _, c := range []struct {
		field, value string
		min, max     int
	}{{"name", w.Name, 3, MaxNameLen}, {"acronym", w.Acronym, 2, 20}, {"description", w.Description, 10, 2000}, {"owner", w.Owner, 2, MaxNameLen}} {
		if n := VisibleLen(c.value); n < c.min || utf8.RuneCountInString(c.value) > c.max || (c.field != "description" && MultiLine(c.value)) {
			out = append(out, Refuse(c.field, Sayf(Say("de %d a %d caracteres visíveis", "%d to %d visible characters"), c.min, c.max)))
		}
	}
	if !w.Category.Valid() {
		out = append(out, Refuse("category", Say("categoria desconhecida", "unknown category")))
	}
	if !w.SystemType.Valid() {
		out = append(out, Refuse("system_type", Say("tipo de sistema desconhecido", "unknown system type")))
	}
	known := false
	for _, t := range AuthTypes {
		known = known || t == w.AuthType
	}
	if !known {
		out = append(out, Refuse("auth_type", Say("oauth2_client_credentials, api_key ou mtls", "oauth2_client_credentials, api_key or mtls")))
	}
	seen := map[Environment]bool{}
	for i, e := range w.Environments {
		field := fmt.Sprintf("environments[%d]", i)
		if !e.Name.Valid() || seen[e.Name] {
			out = append(out, Refuse(field+".name", Say("hmg ou prd, cada um uma vez", "hmg or prd, each once")))
		}
		seen[e.Name] = true
		if u, err := url.Parse(e.BaseURL); err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || len(e.BaseURL) > 500 {
			out = append(out, Refuse(field+".base_url", msgURL))
		}
	}
	if len(w.CustomFields) > 20 {
		out = append(out, Refuse("custom_fields", Say("no máximo 20 campos", "at most 20 fields")))
	}
	names := map[string]bool{}
	for i, f := range w.CustomFields {
		field := fmt.Sprintf("custom_fields[%d]", i)
		if !customFieldName.MatchString(f.Name) || names[f.Name] {
			out = append(out, Refuse(field+".name", Say("minúsculas, dígitos e _, começando por letra, sem repetir", "lower-case letters, digits and _, starting with a letter, none twice")))
		}
		names[f.Name] = true
		if VisibleLen(f.Label) < 2 || utf8.RuneCountInString(f.Label) > 100 || MultiLine(f.Label) {
			out = append(out, Refuse(field+".label", Say("de 2 a 100 caracteres", "2 to 100 characters")))
		}
		if f.Type != "string" && f.Type != "integer" {
			out = append(out, Refuse(field+".type", Say("string ou integer", "string or integer")))
		}
		if f.Pattern != "" {
			if _, err := regexp.Compile(f.Pattern); err != nil || len(f.Pattern) > 200 {
				out = append(out, Refuse(field+".pattern", Say("expressão regular válida, até 200 caracteres", "a valid regular expression, up to 200 characters")))
			}
		}
	}
	if w.Rule != nil && (!w.Rule.HMG.Valid() || !w.Rule.PRD.Valid()) {
		out = append(out, Refuse("rule", Say("regra desconhecida", "unknown rule")))
	}
	return out
}

// TermsVersion is one published version of an API's terms of use.
type TermsVersion struct {
	ID          string `json:"id"`
	Version     string `json:"version"`
	SHA256      string `json:"sha256"`
	PublishedAt string `json:"published_at"`
	Current     bool   `json:"current"`
}

// MaxOpenAPIDocBytes bounds an API's OpenAPI document.
const MaxOpenAPIDocBytes = 5 << 20

// Problem codes of catalog administration.
const (
	CodeAPIExists       Code = "api_exists"
	CodeAPINotReady     Code = "api_not_ready" // publish without terms or environments
	CodeAPINotPublished Code = "api_not_published"
	CodeBadOpenAPI      Code = "invalid_openapi"
)
