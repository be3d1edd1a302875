package api

import (
	"regexp"
)

// API is one item of the public catalog.
type API struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Acronym      string           `json:"acronym"`
	Description  string           `json:"description"`
	Category     Category         `json:"category"`
	SystemType   SystemType       `json:"system_type"`
	Owner        string           `json:"owner"`
	AuthType     string           `json:"auth_type"`
	Environments []APIEnvironment `json:"environments"`
	OpenAPIURL   string           `json:"openapi_url"`
	Terms        Terms            `json:"terms"`
	CustomFields []CustomField    `json:"custom_fields"`
	Rule         RuleSet          `json:"rule"`
	// State is published for every API the public catalog shows; drafts
	// and retired APIs are seen by catalog administrators only.
	State APIState `json:"state,omitempty"`
}

// APIState is where an API is in its life (FAQ 3.5, 3.6).
type APIState string

// API states: a draft is being written, a published API is in the
// catalog, a retired one takes no new request (its requests stay).
const (
	APIDraft     APIState = "draft"
	APIPublished APIState = "published"
	APIRetired   APIState = "retired"
)

// APIEnvironment is one environment an API is offered in.
type APIEnvironment struct {
	Name    Environment `json:"name"`
	BaseURL string      `json:"base_url"`
}

// Terms identifies the current terms of use of an API (FAQ 3.6).
type Terms struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// CustomField is an extra field an API asks for on request (SNGB).
type CustomField struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
	Pattern  string `json:"pattern,omitempty"`
}

// BaseURL returns the base URL of env, or "" when the API is not offered there.
func (a API) BaseURL(env Environment) string {
	for _, e := range a.Environments {
		if e.Name == env {
			return e.BaseURL
		}
	}
	return ""
}

// Offers reports whether the API has the environment.
func (a API) Offers(env Environment) bool { return a.BaseURL(env) != "" }

// List is the envelope of every list response.
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

var apiIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidateAPIID checks a catalog slug before it reaches a query.
func ValidateAPIID(id string) error {
	if len(id) == 0 || len(id) > MaxAPIIDLen || !apiIDPattern.MatchString(id) {
		return errorf(Say("identificador de API inválido: use letras minúsculas, dígitos e hífens (até %d caracteres)",
			"invalid API id: use lower-case letters, digits and hyphens (up to %d characters)"), MaxAPIIDLen)
	}
	return nil
}
