package admin

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/i18n"
)

// The api validators and the server's 422 fields word a refusal in
// Portuguese. A form shows it in the UI's language instead: by the field
// it names, the rule of that field (i18n.RuleText), the form's values
// telling which part of the rule is broken, any value the message names
// kept. A sayer returns "" for what it does not know.
type sayer func(v values, fe api.FieldError) string

var indexes = regexp.MustCompile(`\[\d+\]`)

// wireName is a field's name without its indexes, so that
// environments[1].base_url reads environments[].base_url.
func wireName(field string) string { return indexes.ReplaceAllString(field, "[]") }

// unknownRule is a message no rule words: a form's own check wrote it in
// the screen's language, and the server words its refusals in the
// language the client asks for (Accept-Language), so it shows as it is;
// only an empty one says the value was refused.
func unknownRule(t *i18n.Text, fe api.FieldError) string {
	if fe.In(t.Lang) != "" {
		return fe.In(t.Lang)
	}
	return t.Admin.Rule.Refused
}

// apiLengths are APIWrite.Validate's bounds of the text fields, in
// visible characters (rules_test.go holds them to Validate).
var apiLengths = map[string][2]int{
	"name": {3, api.MaxNameLen}, "acronym": {2, 20}, "description": {10, 2000}, "owner": {2, api.MaxNameLen},
}

// maxCustomFields is APIWrite.Validate's limit of custom fields.
const maxCustomFields = 20

func sayAPI(r i18n.RuleText) sayer {
	return func(v values, fe api.FieldError) string {
		switch f := wireName(fe.Field); f {
		case "id":
			if api.ValidateAPIID(v["id"]) != nil {
				return fmt.Sprintf(r.APIID, api.MaxAPIIDLen)
			}
		case "name", "acronym", "owner":
			return fmt.Sprintf(r.Length, apiLengths[f][0], apiLengths[f][1])
		case "description":
			return fmt.Sprintf(r.LengthLines, apiLengths[f][0], apiLengths[f][1])
		case "category":
			return r.Category
		case "system_type":
			return r.SystemType
		case "auth_type":
			return r.AuthType
		case "environments[].name":
			return r.EnvName
		case "environments[].base_url":
			return r.EnvURL
		case "custom_fields":
			return fmt.Sprintf(r.CFMax, maxCustomFields)
		case "custom_fields[].name":
			return r.CFName
		case "custom_fields[].label":
			return r.CFLabel
		case "custom_fields[].type":
			return r.CFType
		case "custom_fields[].pattern":
			return r.CFPattern
		}
		return ""
	}
}

func sayUser(r i18n.RuleText) sayer {
	return func(v values, fe api.FieldError) string {
		switch fe.Field {
		case "username":
			for _, bad := range (api.UserCreate{Username: v["username"]}).Validate() {
				if bad.Field == "username" {
					return r.Username
				}
			}
			return r.UsernameTaken // the server's "já existe"
		case "name":
			return sayName(r, v["name"])
		case "cpf":
			return cpfRule(r, api.ValidateCPF(v["cpf"]))
		case "role":
			return r.Role
		case "institutions":
			return sayInstitutions(r, v["institutions"], fe.Message)
		}
		return ""
	}
}

// sayName is the rule a person's name breaks (api's validateName).
func sayName(r i18n.RuleText, s string) string {
	switch {
	case api.Blank(s):
		return r.Required
	case api.VisibleLen(s) > api.MaxNameLen:
		return fmt.Sprintf(r.NameLength, api.MaxNameLen)
	case api.MultiLine(s):
		return r.OneLine
	case api.BadText(s) != "":
		return r.BadText
	}
	return ""
}

// maxInstitutions is how many institutions a person may be linked to.
const maxInstitutions = 50

// cnpjPattern finds a CNPJ in a message, bare or formatted.
var cnpjPattern = regexp.MustCompile(`[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?[0-9]{2}`)

// sayInstitutions names the CNPJ of the list that is refused: one typed
// wrong, or (the server's answer) one valid but not registered, which
// the message names.
func sayInstitutions(r i18n.RuleText, typed, message string) string {
	list := cnpjList(typed)
	if len(list) > maxInstitutions {
		return fmt.Sprintf(r.InstMax, maxInstitutions)
	}
	for _, c := range list {
		if err := api.ValidateCNPJ(c); err != nil {
			return fmt.Sprintf(r.InstBadCNPJ, c, cnpjRule(r, err))
		}
	}
	for _, c := range cnpjPattern.FindAllString(message, -1) {
		if api.ValidateCNPJ(c) == nil {
			return fmt.Sprintf(r.InstNotRegistered, api.FormatCNPJ(c))
		}
	}
	return r.InstAny
}

func sayInstitution(r i18n.RuleText) sayer {
	return func(v values, fe api.FieldError) string {
		switch fe.Field {
		case "cnpj":
			return cnpjRule(r, api.ValidateCNPJ(v["cnpj"]))
		case "name":
			if api.Blank(v["name"]) {
				return r.Required
			}
			return r.LegalName
		}
		return ""
	}
}

// sayUpload words the terms version; the path's refusals are the form's
// own, already in the UI's language.
func sayUpload(r i18n.RuleText) sayer {
	return func(_ values, fe api.FieldError) string {
		switch fe.Field {
		case "version":
			return r.TermsVersion
		case "path":
			return fe.Message
		}
		return ""
	}
}

func sayFilter(r i18n.RuleText) sayer {
	return func(_ values, fe api.FieldError) string {
		switch fe.Field {
		case "actor", "action", "target":
			return fmt.Sprintf(r.FilterLength, api.MaxQueryLen)
		}
		return ""
	}
}

func cpfRule(r i18n.RuleText, err error) string {
	switch {
	case errors.Is(err, api.ErrCPFLength):
		return r.CPFLength
	case errors.Is(err, api.ErrCPFChars):
		return r.CPFChars
	case errors.Is(err, api.ErrCPFRepeated):
		return r.CPFRepeated
	case errors.Is(err, api.ErrCPFCheckDigit):
		return r.CPFCheckDigit
	}
	return ""
}

func cnpjRule(r i18n.RuleText, err error) string {
	switch {
	case errors.Is(err, api.ErrCNPJLength):
		return r.CNPJLength
	case errors.Is(err, api.ErrCNPJChars):
		return r.CNPJChars
	case errors.Is(err, api.ErrCNPJRepeated):
		return r.CNPJRepeated
	case errors.Is(err, api.ErrCNPJCheckDigit):
		return r.CNPJCheckDigit
	}
	return ""
}
