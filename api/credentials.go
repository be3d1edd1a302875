package api

import (
	"fmt"
	"net/netip"
	"strings"
)

// Credential states. A request carries one; so does its credential.
const (
	CredentialNone      = "none"          // not approved
	CredentialBlocked   = "blocked_form"  // approved, verification form pending
	CredentialAvailable = "not_generated" // approved, secret not generated yet
	CredentialActive    = "active"        // a secret exists and works
	CredentialRevoked   = "revoked"       // the request was revoked
)

// CredentialStates lists every credential state in display order.
var CredentialStates = []string{CredentialNone, CredentialBlocked, CredentialAvailable, CredentialActive, CredentialRevoked}

var credentialStateLabels = map[string]label{
	CredentialNone:      {"sem credencial", "no credential"},
	CredentialBlocked:   {"bloqueada até o formulário técnico", "blocked until the technical form"},
	CredentialAvailable: {"liberada (secret ainda não gerado)", "available (secret not generated yet)"},
	CredentialActive:    {"ativa (secret gerado)", "active (secret generated)"},
	CredentialRevoked:   {"revogada", "revoked"},
}

// CredentialStateLabel names a credential state; an unknown state keeps
// its code.
func CredentialStateLabel(state string, lang Lang) string {
	if l, ok := credentialStateLabels[state]; ok {
		return l.in(lang)
	}
	return state
}

// MaxGraceSeconds bounds how long a regenerated secret's predecessor keeps
// working: long enough to roll a deployment, short enough to end a leak.
const MaxGraceSeconds = 24 * 60 * 60

// Credential is one approved request's OAuth2 client as its institution
// sees it. The secret itself is never part of it.
type Credential struct {
	RequestID   string      `json:"request_id"`
	ClientID    string      `json:"client_id"`
	APIID       string      `json:"api_id"`
	APIName     string      `json:"api_name"`
	Environment Environment `json:"environment"`
	Institution Institution `json:"institution"`
	State       string      `json:"state"`
	// CreatedAt is when the client was created (the request's approval):
	// what tells apart a request's credentials of the same API.
	CreatedAt string `json:"created_at"`
	// SecretHint is the prefix and last four characters of the current
	// secret ("gecli_cs_…a1B2"), empty before one is generated.
	SecretHint      string `json:"secret_hint"`
	SecretCreatedAt string `json:"secret_created_at"`
	// PreviousValidUntil is set while a regenerated secret's predecessor
	// still works (grace period).
	PreviousValidUntil string `json:"previous_valid_until"`
	TokenURL           string `json:"token_url"`
	GatewayURL         string `json:"gateway_url"`
}

// CredentialList is the answer of GET /api/v1/credentials.
type CredentialList struct {
	Items []Credential `json:"items"`
}

// SecretRequest asks for a new secret; GraceSeconds > 0 keeps the current
// one working that long.
type SecretRequest struct {
	GraceSeconds int `json:"grace_seconds"`
}

// SecretResponse is the only response that ever contains a client secret.
type SecretResponse struct {
	ClientID           string `json:"client_id"`
	ClientSecret       string `json:"client_secret"`
	PreviousValidUntil string `json:"previous_valid_until"`
}

// IPAllowlist is an institution's list of source ranges for the gateway.
type IPAllowlist struct {
	Ranges []string `json:"ranges"`
}

// MaxAllowlistRanges bounds an allowlist (input limit, and a linear check
// per gateway call).
const MaxAllowlistRanges = 100

// ParseRanges validates an allowlist: each entry an IPv4 or IPv6 CIDR (a
// bare address means that single host), no duplicates. It returns the
// canonical prefixes (host bits cleared) or one error per bad entry.
func ParseRanges(in []string) ([]netip.Prefix, []FieldError) {
	var out []netip.Prefix
	var errs []FieldError
	if len(in) > MaxAllowlistRanges {
		return nil, []FieldError{Refuse("ranges", Sayf(Say("no máximo %d faixas", "at most %d ranges"), MaxAllowlistRanges))}
	}
	seen := map[netip.Prefix]bool{}
	for i, s := range in {
		field := fmt.Sprintf("ranges[%d]", i)
		p, err := ParseRange(s)
		if err != nil {
			errs = append(errs, RefuseErr(field, err))
			continue
		}
		if seen[p] {
			errs = append(errs, Refuse(field, Sayf(Say("faixa repetida: %s", "range given twice: %s"), p)))
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	return out, errs
}

// ParseRange reads one CIDR ("200.152.0.0/16", "2001:db8::/32") or address.
func ParseRange(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netip.Prefix{}, sayErr("faixa vazia", "empty range")
	}
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, errorf(Say("%q não é um endereço IP nem uma faixa CIDR (ex.: 200.152.0.0/16)", "%q is neither an IP address nor a CIDR range (e.g. 200.152.0.0/16)"), s)
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, errorf(Say("%q não é uma faixa CIDR válida (ex.: 200.152.0.0/16)", "%q is not a valid CIDR range (e.g. 200.152.0.0/16)"), s)
	}
	if p.Addr().Zone() != "" {
		return netip.Prefix{}, errorf(Say("%q: zonas IPv6 não são aceitas", "%q: IPv6 zones are not accepted"), s)
	}
	if p.Bits() == 0 {
		return netip.Prefix{}, errorf(Say("%q liberaria qualquer origem; cadastre as faixas de saída da instituição", "%q would let any source in; register the institution's outgoing ranges"), s)
	}
	return p.Masked(), nil
}

// GatewayPong is the gateway check's answer: the token works here.
type GatewayPong struct {
	ClientID        string      `json:"client_id"`
	API             APIRef      `json:"api"`
	Environment     Environment `json:"environment"`
	InstitutionCNPJ string      `json:"institution_cnpj"`
	SourceIP        string      `json:"source_ip"`
}

// APIRef names an API.
type APIRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}
