package i18n

// RuleText words the rules the administration forms check, one sentence
// per rule: the api package's validators and the server's 422 fields
// speak Portuguese, so a refusal is shown in the UI's language by the
// field it names (tui/pages/admin/rules.go). Each sentence says the rule
// whole, so the person knows what to type.
type RuleText struct {
	// An API (api.APIWrite.Validate). Length takes the minimum and the
	// maximum; Length is for one-line fields, LengthLines for the
	// description.
	APIID, Length, LengthLines, Category, SystemType, AuthType, EnvName, EnvURL string
	CFName, CFLabel, CFType, CFPattern, CFMax                                   string

	// A person (api.UserCreate.Validate, UserPatch.Validate). NameLength
	// takes the maximum; InstBadCNPJ the CNPJ and why; InstNotRegistered
	// the CNPJ; InstMax the maximum.
	Username, UsernameTaken, Required, NameLength, OneLine, BadText, Role string
	CPFLength, CPFChars, CPFRepeated, CPFCheckDigit                       string
	CNPJLength, CNPJChars, CNPJRepeated, CNPJCheckDigit                   string
	InstBadCNPJ, InstNotRegistered, InstMax, InstAny                      string

	// An institution's legal name, a terms version, the audit filter
	// (takes the maximum).
	LegalName, TermsVersion, FilterLength string

	// NotSaved is the line under a form the server refused field by
	// field; Refused stands, in English, for a server message gecli does
	// not know (pt-BR shows the server's own).
	NotSaved, Refused string
}

var rulePtBR = RuleText{
	APIID:       "identificador de API inválido: use letras minúsculas, dígitos e hífens (até %d caracteres)",
	Length:      "de %d a %d caracteres visíveis, em uma linha",
	LengthLines: "de %d a %d caracteres visíveis",
	Category:    "categoria desconhecida: escolha uma da lista (←/→)",
	SystemType:  "tipo de sistema desconhecido: escolha um da lista (←/→)",
	AuthType:    "escolha OAuth2 (client credentials), chave de API ou mTLS (←/→)",
	EnvName:     "ambiente hmg ou prd, cada um uma vez",
	EnvURL:      "URL http(s) completa, com o host, até 500 caracteres (ex.: https://api.exemplo.gov.br)",
	CFName:      "minúsculas, dígitos e _, começando por letra, até 40, sem repetir o nome de outro campo",
	CFLabel:     "de 2 a 100 caracteres, em uma linha",
	CFType:      "texto ou inteiro (←/→)",
	CFPattern:   "expressão regular válida, até 200 caracteres",
	CFMax:       "no máximo %d campos personalizados",

	Username:          "3 a 64 letras minúsculas, dígitos, ponto, hífen ou sublinhado, começando por letra ou dígito",
	UsernameTaken:     "já existe uma pessoa com este usuário: escolha outro",
	Required:          "obrigatório",
	NameLength:        "no máximo %d caracteres",
	OneLine:           "em uma linha só",
	BadText:           "sem caracteres de controle nem que invertem a direção do texto",
	Role:              "escolha um dos perfis da lista (←/→)",
	CPFLength:         "CPF deve ter 11 dígitos",
	CPFChars:          "CPF aceita apenas dígitos (pontos e hífen são ignorados)",
	CPFRepeated:       "CPF com todos os dígitos iguais não é válido",
	CPFCheckDigit:     "dígitos verificadores do CPF não conferem: confira o número",
	CNPJLength:        "CNPJ deve ter 14 caracteres (pontos, barra e hífen são ignorados)",
	CNPJChars:         "CNPJ aceita apenas letras A-Z e dígitos, com os dois últimos numéricos",
	CNPJRepeated:      "CNPJ com todos os caracteres iguais não é válido",
	CNPJCheckDigit:    "dígitos verificadores do CNPJ não conferem: confira o número",
	InstBadCNPJ:       "%s: %s",
	InstNotRegistered: "%s não está cadastrada: cadastre a instituição antes (Instituições, n)",
	InstMax:           "no máximo %d instituições",
	InstAny:           "uma instituição da lista não está cadastrada: cadastre-a antes (Instituições, n)",

	LegalName:    "a razão social, em uma linha de 2 a 200 caracteres",
	TermsVersion: "letras, dígitos, . e -, começando por letra ou dígito, até 32 (ex.: 2.1)",
	FilterLength: "até %d caracteres",

	NotSaved: "Nada foi gravado: corrija o que está marcado abaixo dos campos e grave de novo.",
	Refused:  "o servidor recusou este valor",
}

var ruleEn = RuleText{
	APIID:       "an API identifier is lower-case letters, digits and hyphens only (at most %d characters)",
	Length:      "%d to %d visible characters, on one line",
	LengthLines: "%d to %d visible characters",
	Category:    "unknown category: pick one from the list (←/→)",
	SystemType:  "unknown system type: pick one from the list (←/→)",
	AuthType:    "pick OAuth2 (client credentials), API key or mTLS (←/→)",
	EnvName:     "environment hmg or prd, each once",
	EnvURL:      "a full http(s) URL with its host, at most 500 characters (e.g. https://api.example.gov)",
	CFName:      "lower-case letters, digits and _, starting with a letter, at most 40, not repeating another field's name",
	CFLabel:     "2 to 100 characters, on one line",
	CFType:      "text or integer (←/→)",
	CFPattern:   "a valid regular expression, at most 200 characters",
	CFMax:       "at most %d custom fields",

	Username:          "3 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or a digit",
	UsernameTaken:     "there is already a person with this username: choose another",
	Required:          "required",
	NameLength:        "at most %d characters",
	OneLine:           "on one line only",
	BadText:           "no control characters and none that reverse the text's direction",
	Role:              "pick one of the profiles in the list (←/→)",
	CPFLength:         "a CPF has 11 digits",
	CPFChars:          "a CPF is digits only (dots and the hyphen are ignored)",
	CPFRepeated:       "a CPF with every digit the same is not valid",
	CPFCheckDigit:     "the CPF's check digits do not match: check the number",
	CNPJLength:        "a CNPJ has 14 characters (dots, the slash and the hyphen are ignored)",
	CNPJChars:         "a CNPJ is letters A-Z and digits only, the last two numeric",
	CNPJRepeated:      "a CNPJ with every character the same is not valid",
	CNPJCheckDigit:    "the CNPJ's check digits do not match: check the number",
	InstBadCNPJ:       "%s: %s",
	InstNotRegistered: "%s is not registered: register the institution first (Institutions, n)",
	InstMax:           "at most %d institutions",
	InstAny:           "an institution in the list is not registered: register it first (Institutions, n)",

	LegalName:    "the legal name, on one line of 2 to 200 characters",
	TermsVersion: "letters, digits, . and -, starting with a letter or a digit, at most 32 (e.g. 2.1)",
	FilterLength: "at most %d characters",

	NotSaved: "Nothing was saved: fix what is marked under the fields and save again.",
	Refused:  "the server refused this value",
}
