// Package api is the wire contract shared by the gecli client and server:
// types, enums with their pt-BR and English labels, validators and the
// problem+json error codes. It imports nothing from the rest of gecli.
package api

import "fmt"

// Lang selects the language of labels. The UI speaks pt-BR by default.
type Lang string

const (
	PtBR Lang = "pt-BR"
	En   Lang = "en"
)

// ParseLang accepts the spellings people type ("pt", "pt_BR", "en-US").
func ParseLang(s string) (Lang, error) {
	switch s {
	case "", "pt", "pt-BR", "pt_BR", "pt-br":
		return PtBR, nil
	case "en", "en-US", "en_US", "en-GB":
		return En, nil
	}
	return "", fmt.Errorf("idioma desconhecido %q (use pt-BR ou en)", s)
}

// label is a pt-BR/en pair. Every enum value carries one.
type label struct{ pt, en string }

func (l label) in(lang Lang) string {
	if lang == En {
		return l.en
	}
	return l.pt
}

// Labels is the wire form of a label pair, as /api/v1/meta publishes it.
type Labels struct {
	PtBR string `json:"pt-BR"`
	En   string `json:"en"`
}

// Environment is where an API is offered: homologation or production.
type Environment string

const (
	EnvHMG Environment = "hmg"
	EnvPRD Environment = "prd"
)

// Environments lists every environment in display order.
var Environments = []Environment{EnvHMG, EnvPRD}

var envLabels = map[Environment]label{
	EnvHMG: {"Homologação", "Staging"},
	EnvPRD: {"Produção", "Production"},
}

func (e Environment) Valid() bool            { _, ok := envLabels[e]; return ok }
func (e Environment) Label(lang Lang) string { return envLabels[e].in(lang) }

// Badge is the short upper-case form shown on cards (HMG, PRD).
func (e Environment) Badge() string {
	switch e {
	case EnvHMG:
		return "HMG"
	case EnvPRD:
		return "PRD"
	}
	return string(e)
}

// Category is the functional classification of a catalog API (FAQ 3.20).
type Category string

const (
	CatData          Category = "data"
	CatNotification  Category = "notification"
	CatConfiguration Category = "configuration"
	CatCoreServices  Category = "core_services"
)

// Categories lists every category in display order.
var Categories = []Category{CatData, CatNotification, CatConfiguration, CatCoreServices}

var catLabels = map[Category]label{
	CatData:          {"Dados", "Data"},
	CatNotification:  {"Notificação", "Notification"},
	CatConfiguration: {"Configurações", "Configuration"},
	CatCoreServices:  {"Serviços Estruturantes", "Core services"},
}

func (c Category) Valid() bool            { _, ok := catLabels[c]; return ok }
func (c Category) Label(lang Lang) string { return catLabels[c].in(lang) }

// SystemType drives the approval rule (FAQ 3.18).
type SystemType string

const (
	SysDJE      SystemType = "dje"
	SysSNGB     SystemType = "sngb"
	SysDatalake SystemType = "datalake"
	SysOther    SystemType = "other"
)

// SystemTypes lists every system type in display order.
var SystemTypes = []SystemType{SysDJE, SysSNGB, SysDatalake, SysOther}

var sysLabels = map[SystemType]label{
	SysDJE:      {"DJE", "DJE"},
	SysSNGB:     {"SNGB", "SNGB"},
	SysDatalake: {"Datalake", "Datalake"},
	SysOther:    {"Demais APIs", "Other APIs"},
}

func (s SystemType) Valid() bool            { _, ok := sysLabels[s]; return ok }
func (s SystemType) Label(lang Lang) string { return sysLabels[s].in(lang) }

// Role is what a signed-in person may do.
type Role string

const (
	RoleRequester Role = "requester"
	RoleEvaluator Role = "evaluator"
	RoleAdmin     Role = "admin"
)

// Roles lists every role in display order.
var Roles = []Role{RoleRequester, RoleEvaluator, RoleAdmin}

var roleLabels = map[Role]label{
	RoleRequester: {"Solicitante", "Requester"},
	RoleEvaluator: {"Avaliador", "Evaluator"},
	RoleAdmin:     {"Administrador", "Administrator"},
}

func (r Role) Valid() bool            { _, ok := roleLabels[r]; return ok }
func (r Role) Label(lang Lang) string { return roleLabels[r].in(lang) }

// Status is the state of an access request (FAQ 3.2).
type Status string

const (
	StatusPending   Status = "pending"
	StatusApproved  Status = "approved"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
	StatusRevoked   Status = "revoked"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusPending, StatusApproved, StatusRejected, StatusCancelled, StatusRevoked}

var statusLabels = map[Status]label{
	StatusPending:   {"Em análise", "Under review"},
	StatusApproved:  {"Aprovada", "Approved"},
	StatusRejected:  {"Reprovada", "Rejected"},
	StatusCancelled: {"Cancelada", "Cancelled"},
	StatusRevoked:   {"Revogada", "Revoked"},
}

func (s Status) Valid() bool            { _, ok := statusLabels[s]; return ok }
func (s Status) Label(lang Lang) string { return statusLabels[s].in(lang) }

// Rule is how a request is approved for one (system type, environment).
type Rule string

const (
	RuleAuto         Rule = "auto"
	RuleCustomFields Rule = "custom_fields"
	RuleFormRes316   Rule = "form_res316"
	RuleFormStandard Rule = "form_standard"
)

// Rules lists every rule in display order.
var Rules = []Rule{RuleAuto, RuleCustomFields, RuleFormRes316, RuleFormStandard}

var ruleLabels = map[Rule]label{
	RuleAuto:         {"Aprovação automática", "Automatic approval"},
	RuleCustomFields: {"Aprovação com coleta de campos personalizados", "Approval with custom fields"},
	RuleFormRes316:   {"Aprovação com formulário (Res. 316/2020)", "Approval with form (Res. 316/2020)"},
	RuleFormStandard: {"Aprovação com formulário padrão", "Approval with standard form"},
}

func (r Rule) Valid() bool            { _, ok := ruleLabels[r]; return ok }
func (r Rule) Label(lang Lang) string { return ruleLabels[r].in(lang) }

// RuleSet is the rule of an API per environment.
type RuleSet struct {
	HMG Rule `json:"hmg"`
	PRD Rule `json:"prd"`
}

// For returns the rule of one environment.
func (r RuleSet) For(env Environment) Rule {
	if env == EnvPRD {
		return r.PRD
	}
	return r.HMG
}

// ApprovalMatrix is FAQ 3.18's table: the default rule per system type and
// environment. An API may override it.
var ApprovalMatrix = map[SystemType]RuleSet{
	SysDJE:      {HMG: RuleAuto, PRD: RuleAuto},
	SysSNGB:     {HMG: RuleCustomFields, PRD: RuleCustomFields},
	SysDatalake: {HMG: RuleAuto, PRD: RuleFormRes316},
	SysOther:    {HMG: RuleAuto, PRD: RuleFormStandard},
}

// EnumValue is one enum value with its labels, as /api/v1/meta lists it.
type EnumValue struct {
	Value  string `json:"value"`
	Labels Labels `json:"labels"`
}

func enumValues[T ~string](values []T, lbl func(T, Lang) string) []EnumValue {
	out := make([]EnumValue, len(values))
	for i, v := range values {
		out[i] = EnumValue{Value: string(v), Labels: Labels{PtBR: lbl(v, PtBR), En: lbl(v, En)}}
	}
	return out
}
