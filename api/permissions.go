package api

// Permission is one thing a profile may do (FAQ 3.7). The server checks
// permissions, not role names; each role's are its profile's.
type Permission string

// The permissions a profile can hold.
const (
	PermRequestsSubmit    Permission = "requests:submit"    // submit requests for linked institutions
	PermRequestsRead      Permission = "requests:read"      // every institution's requests
	PermRequestsAnalyze   Permission = "requests:analyze"   // the queue, and technical opinions
	PermRequestsApprove   Permission = "requests:approve"   // the decision
	PermRequestsRevoke    Permission = "requests:revoke"    // end an approved request
	PermCredentialsManage Permission = "credentials:manage" // secrets and IP allowlists
	PermVaultWrite        Permission = "vault:write"        // the credential vault
	PermCatalogAdmin      Permission = "catalog:admin"      // APIs, terms, documents
	PermProfilesAdmin     Permission = "profiles:admin"     // what each profile may do
	PermUsersAdmin        Permission = "users:admin"        // people and institutions
	PermAuditRead         Permission = "audit:read"         // the audit trail
	PermNoticesAdmin      Permission = "notices:admin"      // announcements and maintenance windows
)

// Permissions lists every permission, in the order screens show them.
var Permissions = []Permission{PermRequestsSubmit, PermRequestsRead, PermRequestsAnalyze, PermRequestsApprove,
	PermRequestsRevoke, PermCredentialsManage, PermVaultWrite, PermCatalogAdmin, PermProfilesAdmin, PermUsersAdmin,
	PermAuditRead, PermNoticesAdmin}

// DefaultPermissions are the profiles as gecli ships them: what each role
// could do before profiles were editable.
var DefaultPermissions = map[Role][]Permission{
	RoleRequester: {PermRequestsSubmit, PermCredentialsManage, PermVaultWrite},
	RoleEvaluator: {PermRequestsRead, PermRequestsAnalyze, PermRequestsApprove},
	RoleAdmin: {PermRequestsRead, PermRequestsRevoke, PermCatalogAdmin, PermProfilesAdmin, PermUsersAdmin, PermAuditRead,
		PermNoticesAdmin},
}

// InstitutionEntry is an institution as administrators see it (GET
// /api/v1/institutions): whether it is active, that is, whether its
// people may still submit requests.
type InstitutionEntry struct {
	CNPJ   string `json:"cnpj"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// InstitutionCreate is POST /api/v1/institutions.
type InstitutionCreate struct {
	CNPJ string `json:"cnpj"`
	Name string `json:"name"`
}

// InstitutionPatch is PATCH /api/v1/institutions/{cnpj}: what is given
// changes, what is absent stays.
type InstitutionPatch struct {
	Name   *string `json:"name,omitempty"`
	Active *bool   `json:"active,omitempty"`
}

// Problem codes of institutions: one that may no longer submit requests,
// and one that is already registered.
const (
	CodeInstitutionInactive Code = "institution_inactive"
	CodeInstitutionExists   Code = "institution_exists"
)
