package api

// Limits the server enforces; the TUI checks the same before sending.
const (
	MaxQueryLen        = 200      // characters in a search query
	MaxAttachmentBytes = 10 << 20 // 10 MB per PDF (FAQ 4.1)
	MaxJSONBodyBytes   = 1 << 20  // request bodies other than uploads
	MaxAPIIDLen        = 64       // catalog slugs
)

// Meta is the body of GET /api/v1/meta: everything a client needs to label
// and validate without hard-coding the server's rules.
type Meta struct {
	Version        BuildInfo              `json:"version"`
	Environments   []EnumValue            `json:"environments"`
	Categories     []EnumValue            `json:"categories"`
	SystemTypes    []EnumValue            `json:"system_types"`
	Roles          []EnumValue            `json:"roles"`
	Statuses       []EnumValue            `json:"statuses"`
	Rules          []EnumValue            `json:"rules"`
	ApprovalMatrix map[SystemType]RuleSet `json:"approval_matrix"`
	Limits         MetaLimits             `json:"limits"`
	Auth           Auth                   `json:"auth"`

	// The labels of the credential states requests and credentials carry.
	CredentialStates []EnumValue `json:"credential_states"`
}

// MetaLimits publishes the input limits.
type MetaLimits struct {
	MaxQueryLen        int `json:"max_query_len"`
	MaxAttachmentBytes int `json:"max_attachment_bytes"`
}

// NewMeta builds the meta document from the enums of this package.
func NewMeta(build BuildInfo) Meta {
	return Meta{
		Version:        build,
		Environments:   enumValues(Environments, Environment.Label),
		Categories:     enumValues(Categories, Category.Label),
		SystemTypes:    enumValues(SystemTypes, SystemType.Label),
		Roles:          enumValues(Roles, Role.Label),
		Statuses:       enumValues(Statuses, Status.Label),
		Rules:          enumValues(Rules, Rule.Label),
		ApprovalMatrix: ApprovalMatrix,
		Limits:         MetaLimits{MaxQueryLen: MaxQueryLen, MaxAttachmentBytes: MaxAttachmentBytes},

		CredentialStates: enumValues(CredentialStates, CredentialStateLabel),
	}
}

// BuildInfo is what /version answers and the footer shows (FAQ 5.2).
type BuildInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Date    string `json:"date"`
}

// Set at link time by the Makefile (-ldflags -X).
var (
	version = "0.1.0-dev"
	commit  = "unknown"
	date    = "unknown"
)

// Build returns this binary's build information.
func Build() BuildInfo { return BuildInfo{Version: version, Commit: commit, Date: date} }
