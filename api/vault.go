package api

import (
	"encoding/base32"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The vault's wire shapes follow the JUDIT "Cofre de Credenciais" document
// field for field, so a JUDIT integration can point at gecli.

// VaultWildcard is the system name whose entry serves every system without
// its own ("credencial coringa").
const VaultWildcard = "*"

// Vault statuses and per-item messages, spelled as in the JUDIT document.
const (
	VaultActive    = "active"
	VaultNotExists = "not exists"

	VaultCreated = "CREDENTIAL_CREATED"
	VaultUpdated = "CREDENTIAL_UPDATED"

	VaultErrSystem      = "INVALID_SYSTEM_NAME"
	VaultErrCustomerKey = "INVALID_CUSTOMER_KEY"
	VaultErrUsername    = "INVALID_USERNAME"
	VaultErrPassword    = "INVALID_PASSWORD"
	VaultErrTOTP        = "INVALID_TOTP_SECRET"
	VaultErrTOTPMissing = "TOTP_SECRET_REQUIRED"
)

// Limits of a vault write.
const (
	MaxVaultItems       = 100
	MaxVaultPasswordLen = 256
	MaxCustomerKeyLen   = 64
)

// VaultEntry is one credential to store: a lawyer's login at a tribunal
// system, for one customer_key.
type VaultEntry struct {
	SystemName  string           `json:"system_name"`
	CustomerKey string           `json:"customer_key"`
	Username    string           `json:"username"`
	Password    string           `json:"password"`
	CustomData  *VaultCustomData `json:"custom_data,omitempty"`
}

// VaultCustomData holds the two-factor seed (base32, as authenticator apps
// take it).
type VaultCustomData struct {
	Secret string `json:"secret"`
}

// VaultWrite is the body of POST /api/v1/vault/credentials.
type VaultWrite struct {
	Credentials []VaultEntry `json:"credentials"`
}

// VaultResult is one item of the POST answer (a JSON array).
type VaultResult struct {
	SystemName string `json:"system_name"`
	Message    string `json:"message"`
}

// VaultSystemStatus is one row of GET /api/v1/vault/credentials.
type VaultSystemStatus struct {
	Name             string `json:"name"`
	CustomerKey      string `json:"customer_key"`
	CredentialStatus string `json:"credential_status"`
}

// VaultSystems is the GET answer.
type VaultSystems struct {
	Systems []VaultSystemStatus `json:"systems"`
}

// VaultDelete is the body of DELETE /api/v1/vault/credentials; without a
// customer_key every entry of the system goes.
type VaultDelete struct {
	SystemName  string `json:"system_name"`
	CustomerKey string `json:"customer_key,omitempty"`
}

// VaultSystem is a tribunal system the vault knows.
type VaultSystem struct {
	Name      string `json:"name"`
	Tribunal  string `json:"tribunal"`
	Degree    string `json:"degree"`
	TwoFactor bool   `json:"two_factor"`
}

// VaultResolveRequest asks for the login to use at a system.
type VaultResolveRequest struct {
	CustomerKey string `json:"customer_key"`
	SystemName  string `json:"system_name"`
}

// VaultResolved is the only shape that carries a stored password out of
// the server, and only to a service client.
type VaultResolved struct {
	SystemName    string `json:"system_name"`
	MatchedSystem string `json:"matched_system"` // the system itself or "*"
	CustomerKey   string `json:"customer_key"`
	Username      string `json:"username"`
	Password      string `json:"password"`
	TOTP          string `json:"totp,omitempty"`
	TOTPExpiresIn int    `json:"totp_expires_in,omitempty"`
}

var customerKeyRE = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

// ValidCustomerKey reports whether k can name a customer.
func ValidCustomerKey(k string) bool {
	return len(k) <= MaxCustomerKeyLen && customerKeyRE.MatchString(k)
}

// NormalizeVaultUsername accepts a CPF (check digits verified) or an OAB
// number in any usual spelling, and returns its canonical form.
func NormalizeVaultUsername(s string) (string, bool) {
	if ValidateCPF(s) == nil {
		return NormalizeCPF(s), true
	}
	if oab, err := NormalizeOAB(s); err == nil {
		return oab, true
	}
	return "", false
}

// NormalizeTOTPSeed accepts a base32 seed as apps show it (spaces, lower
// case, no padding) and returns it canonical, or false.
func NormalizeTOTPSeed(s string) (string, bool) {
	if len(s) > 256 { // spaces and dashes included
		return "", false
	}
	seed := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s))
	seed = strings.TrimRight(seed, "=")
	if len(seed) < 16 || len(seed) > 128 {
		return "", false
	}
	if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(seed); err != nil {
		return "", false
	}
	return seed, true
}

// CheckVaultEntry validates one item; it returns "" or the item's error
// message. twoFactor reports whether the system exists and needs a seed.
func CheckVaultEntry(e *VaultEntry, twoFactor func(system string) (needs, known bool)) string {
	needs, known := twoFactor(e.SystemName)
	switch {
	case !known:
		return VaultErrSystem
	case !ValidCustomerKey(e.CustomerKey):
		return VaultErrCustomerKey
	}
	user, ok := NormalizeVaultUsername(e.Username)
	if !ok {
		return VaultErrUsername
	}
	if e.Password == "" || len(e.Password) > MaxVaultPasswordLen || !utf8.ValidString(e.Password) {
		return VaultErrPassword
	}
	e.Username = user
	if e.CustomData != nil && strings.TrimSpace(e.CustomData.Secret) != "" {
		seed, ok := NormalizeTOTPSeed(e.CustomData.Secret)
		if !ok {
			return VaultErrTOTP
		}
		e.CustomData.Secret = seed
	} else if needs {
		return VaultErrTOTPMissing
	}
	return ""
}
