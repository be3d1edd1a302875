package api

// Institution is a legal entity that requests access (FAQ 4.2: users act
// only for institutions linked to them).
type Institution struct {
	CNPJ string `json:"cnpj"`
	Name string `json:"name"`
}

// Me is GET /api/v1/me: who the bearer token belongs to.
type Me struct {
	Subject      string        `json:"subject"`
	Username     string        `json:"username"`
	Name         string        `json:"name"`
	Roles        []Role        `json:"roles"`
	Institutions []Institution `json:"institutions"`
	// Permissions are what the person's profiles allow (screens offer
	// only what they allow; the server checks each call anyway).
	Permissions []Permission `json:"permissions"`
}

// Can reports whether the profile holds perm. A profile without the
// permissions field (a server from before profiles were editable, or a
// profile cached then) holds its roles' default permissions.
func (m Me) Can(perm Permission) bool {
	perms := m.Permissions
	if perms == nil {
		for _, r := range m.Roles {
			perms = append(perms, DefaultPermissions[r]...)
		}
	}
	for _, p := range perms {
		if p == perm {
			return true
		}
	}
	return false
}

// HasRole reports whether the profile carries role.
func (m Me) HasRole(role Role) bool {
	for _, r := range m.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Auth is the sign-in part of /api/v1/meta: where and as whom the TUI signs in.
type Auth struct {
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
	Audience string `json:"audience"`
	// Embedded is true when this server is the issuer itself.
	Embedded bool `json:"embedded"`
}

// Codes of identity problems.
const (
	CodeUnauthenticated Code = "unauthenticated"
)
