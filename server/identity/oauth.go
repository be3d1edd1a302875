package identity

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gecli/gecli/server/db"
)

// Device flow parameters (RFC 8628).
const (
	DeviceCodeTTL  = 10 * time.Minute
	DevicePollWait = 5 * time.Second
	grantDevice    = "urn:ietf:params:oauth:grant-type:device_code"
	maxFormBytes   = 16 << 10
)

// Endpoints are the embedded issuer's HTTP endpoints.
type Endpoints struct {
	Issuer   *Issuer
	Keys     *Keys
	Verifier *Verifier
	DB       *db.DB
	ClientID string // the TUI's public client
	Log      *slog.Logger
	// Clients authenticates client-credentials grants (nil: the grant is
	// not offered) and the callers of introspection.
	Clients ClientAuthenticator
	// ClientTokens verifies the client-credentials tokens introspection
	// is asked about.
	ClientTokens *ClientVerifier
	// ClientsOnly serves only what machine clients need (token with
	// client_credentials, JWKS): people sign in through an external issuer.
	ClientsOnly bool

	// TrustedProxies are reverse proxies whose X-Forwarded-For names the
	// caller: its address is what the rate limits count.
	TrustedProxies []netip.Prefix

	deviceLimit, tokenLimit, codeFailures *limiter
	passwordFailures, clientFailures      *failures
}

// addr is the caller's address as the rate limits count it.
func (e *Endpoints) addr(r *http.Request) string { return ClientAddress(r, e.TrustedProxies).String() }

// Route registers a handler for "METHOD /path".
type Route func(method, path string, h http.HandlerFunc)

// Register mounts the endpoints with their rate limits.
func (e *Endpoints) Register(route Route) {
	e.deviceLimit = newLimiter(20, 10).sharedIn(e.DB, "device") // a person starts a few sign-ins
	e.tokenLimit = newLimiter(120, 20).sharedIn(e.DB, "token")  // polling every 5 s plus refreshes
	e.codeFailures = newLimiter(10, 10).sharedIn(e.DB, "user-code-failures")
	// Failures only (a gateway behind one address asks for many tokens;
	// a person who types the right password is never refused for others'
	// mistakes). {per minute, burst}: per address, per account and
	// address, per account from addresses that failed at it.
	e.passwordFailures = newFailures(e.DB, "password-failures", [2]float64{10, 20}, [2]float64{1, 5}, [2]float64{30, 50}).
		withFresh(e.DB, "password-failures", 60, 30)
	e.clientFailures = newFailures(e.DB, "client-failures", [2]float64{30, 30}, [2]float64{6, 10}, [2]float64{60, 60})
	// The limits keep the issuer's time, so tests that move it see them
	// refill (or not) without sleeping.
	for _, l := range []*limiter{e.deviceLimit, e.tokenLimit, e.codeFailures, e.passwordFailures.addr, e.passwordFailures.pair,
		e.passwordFailures.target, e.passwordFailures.fresh, e.clientFailures.addr, e.clientFailures.pair, e.clientFailures.target} {
		l.now = func() time.Time { return e.Issuer.now() }
	}
	route("GET", "/oauth2/jwks", e.jwks)
	route("POST", "/oauth2/token", e.token)
	if e.ClientsOnly {
		return
	}
	// RFC 8414 metadata; the TUI (and OIDC-minded tools) read the same
	// document at OpenID's address.
	route("GET", "/.well-known/oauth-authorization-server", e.discovery)
	route("GET", "/.well-known/openid-configuration", e.discovery)
	route("POST", "/oauth2/device_authorization", e.deviceLimit.limit(e.addr, e.deviceAuthorization))
	route("POST", "/oauth2/introspect", e.tokenLimit.limit(e.addr, e.introspect))
	route("POST", "/oauth2/revoke", e.tokenLimit.limit(e.addr, e.revoke))
	route("GET", "/device", e.devicePage)
	route("POST", "/device", e.deviceSubmit)
	route("GET", "/device/activate", e.activationPage)
	route("POST", "/device/activate", e.activationSubmit)
}

// discovery advertises what exists and nothing else: the device flow,
// refresh and client-credentials grants, introspection for confidential
// clients, revocation, the keys. There is no authorization endpoint (no
// browser redirect flow) and no ID token, so neither is announced.
func (e *Endpoints) discovery(w http.ResponseWriter, r *http.Request) {
	base := e.Issuer.URL
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                        base,
		"device_authorization_endpoint":                 base + "/oauth2/device_authorization",
		"token_endpoint":                                base + "/oauth2/token",
		"introspection_endpoint":                        base + "/oauth2/introspect",
		"revocation_endpoint":                           base + "/oauth2/revoke",
		"jwks_uri":                                      base + "/oauth2/jwks",
		"grant_types_supported":                         e.grantTypes(),
		"response_types_supported":                      []string{},
		"scopes_supported":                              []string{"vault:resolve"},
		"token_endpoint_auth_methods_supported":         []string{"none", "client_secret_basic", "client_secret_post"},
		"introspection_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"revocation_endpoint_auth_methods_supported":    []string{"none"},
	})
}

func (e *Endpoints) jwks(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, e.Keys.JWKS())
}

// form parses a bounded urlencoded body.
func form(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "corpo do formulário inválido ou grande demais")
		return nil, false
	}
	return r.PostForm, true
}

func (e *Endpoints) checkClient(w http.ResponseWriter, f url.Values) bool {
	if f.Get("client_id") != e.ClientID {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client_id desconhecido")
		return false
	}
	return true
}

func (e *Endpoints) deviceAuthorization(w http.ResponseWriter, r *http.Request) {
	f, ok := form(w, r)
	if !ok || !e.checkClient(w, f) {
		return
	}
	device := randomToken("")
	var userCode string
	for attempt := 0; ; attempt++ {
		userCode = newUserCode()
		err := e.DB.CreateDeviceCode(r.Context(), db.DeviceCode{DeviceHash: hashToken(device), UserCode: userCode,
			ClientID: e.ClientID, ExpiresAt: e.Issuer.now().Add(DeviceCodeTTL), Interval: DevicePollWait})
		if err == nil {
			break
		}
		if !errors.Is(err, db.ErrConflict) || attempt == 3 {
			e.serverError(w, err)
			return
		}
	}
	verify := e.Issuer.URL + "/device"
	writeJSON(w, http.StatusOK, map[string]any{
		"device_code": device, "user_code": userCode,
		"verification_uri": verify, "verification_uri_complete": verify + "?user_code=" + userCode,
		"expires_in": int(DeviceCodeTTL / time.Second), "interval": int(DevicePollWait / time.Second),
	})
}

func (e *Endpoints) grantTypes() []string {
	g := []string{grantDevice, "refresh_token"}
	if e.Clients != nil {
		g = append(g, "client_credentials")
	}
	return g
}

func (e *Endpoints) token(w http.ResponseWriter, r *http.Request) {
	f, ok := form(w, r)
	if !ok {
		return
	}
	grant := f.Get("grant_type")
	if grant == "client_credentials" && e.Clients != nil {
		e.clientGrant(w, r, f)
		return
	}
	if e.ClientsOnly {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "aqui só client_credentials; pessoas entram pelo emissor OIDC")
		return
	}
	if ok, wait := e.tokenLimit.take(r.Context(), e.addr(r)); !ok {
		tooMany(w, wait)
		return
	}
	if grant != grantDevice && grant != "refresh_token" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "use "+strings.Join(e.grantTypes(), ", "))
		return
	}
	if !e.checkClient(w, f) {
		return
	}
	if grant == grantDevice {
		e.deviceGrant(w, r, f.Get("device_code"))
		return
	}
	res, err := e.Issuer.Refresh(r.Context(), f.Get("refresh_token"), e.ClientID)
	e.tokenResult(w, res, err)
}

func (e *Endpoints) deviceGrant(w http.ResponseWriter, r *http.Request, deviceCode string) {
	now := e.Issuer.now()
	c, tooFast, err := e.DB.PollDevice(r.Context(), hashToken(deviceCode), now)
	switch {
	case errors.Is(err, db.ErrNotFound):
		oauthError(w, http.StatusBadRequest, "invalid_grant", "device_code desconhecido")
		return
	case err != nil:
		e.serverError(w, err)
		return
	case !now.Before(c.ExpiresAt):
		oauthError(w, http.StatusBadRequest, "expired_token", "o código expirou; comece a entrada de novo")
		return
	case tooFast:
		oauthError(w, http.StatusBadRequest, "slow_down", "consultas rápidas demais; o intervalo aumentou 5 s")
		return
	}
	switch c.Status {
	case db.DevicePending:
		oauthError(w, http.StatusBadRequest, "authorization_pending", "aguardando a aprovação em /device")
	case db.DeviceDenied:
		oauthError(w, http.StatusBadRequest, "access_denied", "a entrada foi negada")
	case db.DeviceApproved:
		u, err := e.DB.UserByID(r.Context(), c.UserID)
		if err != nil || u.Disabled {
			oauthError(w, http.StatusBadRequest, "access_denied", "usuário indisponível")
			return
		}
		res, err := e.Issuer.StartSession(r.Context(), u, c.ClientID)
		e.tokenResult(w, res, err)
	default: // consumed: tokens were already issued for this code
		oauthError(w, http.StatusBadRequest, "invalid_grant", "código já utilizado")
	}
}

func (e *Endpoints) tokenResult(w http.ResponseWriter, res TokenResponse, err error) {
	var ge errGrant
	switch {
	case errors.As(err, &ge):
		oauthError(w, http.StatusBadRequest, ge.code, ge.description)
	case err != nil:
		e.serverError(w, err)
	default:
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, res)
	}
}

// introspect is RFC 7662: a confidential client (a gateway's credential
// or a service client) authenticates as at the token endpoint and asks
// about an access token of its own institution: a person's linked to it,
// or a client's of it. Anything else (another institution's, a refresh
// token, a token whose session ended or whose credential was revoked) is
// inactive, as RFC 7662 2.2 allows: the caller learns nothing more. A
// person's bearer token does not authenticate here.
func (e *Endpoints) introspect(w http.ResponseWriter, r *http.Request) {
	f, ok := form(w, r)
	if !ok {
		return
	}
	caller, ok := e.authenticateClient(w, r, f)
	if !ok {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	ctx, tok := r.Context(), f.Get("token")
	inactive := map[string]any{"active": false}
	if e.Verifier != nil {
		if p, err := e.Verifier.Verify(ctx, tok); err == nil {
			if !slices.Contains(p.Institutions, caller.Institution) {
				writeJSON(w, http.StatusOK, inactive)
				return
			}
			// Active means usable: not once its session ended or its user
			// was disabled (introspection is only served by the embedded
			// issuer, whose sessions these are).
			live, err := e.DB.SessionLive(ctx, p.Subject, p.Session)
			if err != nil {
				e.serverError(w, err)
				return
			}
			if !live {
				writeJSON(w, http.StatusOK, inactive)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"active": true, "token_type": "access_token", "sub": p.Subject,
				"username": p.Username, "client_id": p.ClientID, "exp": p.Expiry.Unix(), "iss": e.Issuer.URL,
				"roles": p.Roles, "institutions": p.Institutions})
			return
		}
	}
	if e.ClientTokens != nil {
		if c, err := e.ClientTokens.Verify(ctx, tok); err == nil {
			if c.Institution != caller.Institution {
				writeJSON(w, http.StatusOK, inactive)
				return
			}
			active, err := e.Clients.ClientActive(ctx, c.ClientID)
			if err != nil {
				e.serverError(w, err)
				return
			}
			if !active {
				writeJSON(w, http.StatusOK, inactive)
				return
			}
			out := map[string]any{"active": true, "token_type": "access_token", "sub": c.ClientID, "client_id": c.ClientID,
				"exp": c.Expiry.Unix(), "iss": e.Issuer.URL, "institution": c.Institution}
			if c.Scope != "" {
				out["scope"] = c.Scope
			}
			if c.APIID != "" {
				out["api"], out["env"] = c.APIID, c.Environment
			}
			writeJSON(w, http.StatusOK, out)
			return
		}
	}
	writeJSON(w, http.StatusOK, inactive)
}

// revoke is RFC 7009 for refresh tokens: logout ends the whole family.
func (e *Endpoints) revoke(w http.ResponseWriter, r *http.Request) {
	f, ok := form(w, r)
	if !ok || !e.checkClient(w, f) {
		return
	}
	token := f.Get("token")
	var err error
	if strings.Count(token, ".") == 2 && e.Verifier != nil {
		// An access token: its session ends, and with it every access
		// token of that sign-in (RFC 7009 2.1 allows either kind). One
		// that does not verify is unknown: nothing to do (2.2).
		if p, verr := e.Verifier.Verify(r.Context(), token); verr == nil && p.Session != "" {
			err = e.DB.RevokeSession(r.Context(), p.Session)
		}
	} else {
		err = e.DB.RevokeRefreshFamily(r.Context(), hashToken(token))
	}
	if err != nil {
		e.serverError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (e *Endpoints) serverError(w http.ResponseWriter, err error) {
	if errors.Is(err, db.ErrBusy) {
		// Nothing was written; the client's retry will be.
		w.Header().Set("Retry-After", "1")
		oauthError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "servidor ocupado; tente de novo em instantes")
		return
	}
	e.Log.Error("oauth endpoint failed", "err", err)
	oauthError(w, http.StatusInternalServerError, "server_error", "erro interno; tente novamente")
}

// oauthError writes an RFC 6749 5.2 error body.
func oauthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
