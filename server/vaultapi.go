package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/vault"
)

// ScopeVaultResolve lets a service client read a stored login back.
const ScopeVaultResolve = "vault:resolve"

func (s *Server) vaultRoutes() {
	s.handle("GET", "/api/v1/vault/systems", s.signedIn(s.listVaultSystems))
	s.handle("POST", "/api/v1/vault/credentials", s.withPermission(s.idempotent(s.vaultWrite, keepAnswer), api.PermVaultWrite))
	s.handle("GET", "/api/v1/vault/credentials", s.withPermission(s.vaultList, api.PermVaultWrite))
	s.handle("DELETE", "/api/v1/vault/credentials", s.withPermission(s.idempotent(s.vaultDelete, keepAnswer), api.PermVaultWrite))
	s.handle("POST", "/api/v1/vault/resolve", s.vaultResolve)
}

// openVault decides at start whether the vault can be used: a master key
// is needed, and it must be the one that sealed the entries. A wrong key
// locks the vault instead of sealing new rows no one could open with the
// right one.
func (s *Server) openVault(key *vault.MasterKey) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The tribunal systems are reference data that only migrations change:
	// read once here, not on every write and resolve.
	systems, err := s.db.VaultSystems(ctx)
	if err != nil {
		s.vaultLocked = api.Say("o cofre não pôde ser aberto; veja os logs do servidor", "the vault could not be opened; see the server's logs")
		s.log.Error("vault: reading the systems", "err", err)
		return
	}
	s.vaultSystems = systems
	s.twoFactor = make(map[string]bool, len(systems))
	for _, sys := range systems {
		s.twoFactor[sys.Name] = sys.TwoFactor
	}
	if key == nil {
		s.vaultLocked = api.Say("o servidor foi iniciado sem a chave mestra do cofre (--vault-key-file ou GECLI_VAULT_KEY)", "the server was started without the vault's master key (--vault-key-file or GECLI_VAULT_KEY)")
		return
	}
	check, err := s.db.VaultKeyCheck(ctx)
	if err == nil && check == "" {
		err = s.db.SetVaultKeyCheck(ctx, key.Check())
		check = key.Check()
	}
	switch {
	case err != nil:
		s.vaultLocked = api.Say("o cofre não pôde ser aberto; veja os logs do servidor", "the vault could not be opened; see the server's logs")
		s.log.Error("vault: reading the key check", "err", err)
	case check != key.Check():
		s.vaultLocked = api.Say("a chave mestra dada ao servidor não é a que selou o cofre; nada foi alterado", "the master key given to the server is not the one that sealed the vault; nothing was changed")
		s.log.Error("vault locked: wrong master key", "key_id", key.ID)
	default:
		s.vaultKey = key
	}
}

// vaultOpen answers 503 vault_locked when the vault cannot be used.
func (s *Server) vaultOpen(w http.ResponseWriter, r *http.Request) bool {
	if s.vaultKey == nil {
		w.Header().Set("Retry-After", "300")
		s.problem(w, r, api.Refusal(http.StatusServiceUnavailable, api.CodeVaultLocked, s.vaultLocked))
		return false
	}
	return true
}

// vaultCaller is the prologue of the person-facing vault endpoints: the
// vault must be open, and the institution is the caller's.
func (s *Server) vaultCaller(w http.ResponseWriter, r *http.Request, p identity.Principal) (string, bool) {
	if !s.vaultOpen(w, r) {
		return "", false
	}
	return s.vaultInstitution(w, r, p)
}

// vaultInstitution is the institution whose entries a person manages:
// ?institution=CNPJ when linked to several, otherwise the first linked.
func (s *Server) vaultInstitution(w http.ResponseWriter, r *http.Request, p identity.Principal) (string, bool) {
	linked, err := s.linkedInstitutions(r, p)
	if err != nil {
		s.internal(w, r, err)
		return "", false
	}
	want := api.NormalizeCNPJ(r.URL.Query().Get("institution"))
	if want == "" && len(linked) > 0 {
		want = api.NormalizeCNPJ(linked[0])
	}
	if want != "" && contains(linked, want) {
		// Entries belong to institutions gecli has registered (an external
		// issuer may name others).
		known, err := s.db.InstitutionExists(r.Context(), want)
		if err != nil {
			s.internal(w, r, err)
			return "", false
		}
		if known {
			return want, true
		}
	}
	s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeInstitutionNotLinked, api.Say("o cofre pertence à instituição: você não está vinculado a ela; solicite a atualização cadastral à equipe CNJ/PDPJ", "the vault belongs to the institution: you are not linked to it; ask the CNJ/PDPJ team to update your registration")))
	return "", false
}

func (s *Server) listVaultSystems(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	s.writeJSON(w, r, http.StatusOK, api.List[api.VaultSystem]{Items: s.vaultSystems})
}

// sealedLogin is what an entry holds once opened.
type sealedLogin struct {
	Username string `json:"u"`
	Password string `json:"p"`
	TOTPSeed string `json:"t,omitempty"`
}

// vaultWrite stores or overwrites each valid item: a bad item gets its
// error message and the others are still stored (JUDIT's contract), all
// in one transaction.
func (s *Server) vaultWrite(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	inst, ok := s.vaultCaller(w, r, p)
	if !ok {
		return
	}
	var body api.VaultWrite
	if !s.decodeJSON(w, r, &body) {
		return
	}
	if len(body.Credentials) == 0 || len(body.Credentials) > api.MaxVaultItems {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation,
			api.Sayf(api.Say("envie de 1 a %d credenciais em \"credentials\"", "send 1 to %d credentials in \"credentials\""), api.MaxVaultItems)))
		return
	}
	out := make([]api.VaultResult, len(body.Credentials))
	by := db.Actor{ID: p.Subject, Name: p.Name}
	var puts []db.VaultPut
	var stored []int // which results the puts answer
	for i, e := range body.Credentials {
		out[i].SystemName = e.SystemName
		if msg := api.CheckVaultEntry(&e, s.systemInfo); msg != "" {
			out[i].Message = msg
			continue
		}
		login := sealedLogin{Username: e.Username, Password: e.Password}
		if e.CustomData != nil {
			login.TOTPSeed = e.CustomData.Secret
		}
		plain, _ := json.Marshal(login)
		key := db.VaultKey{Institution: inst, CustomerKey: e.CustomerKey, System: e.SystemName}
		sealed, err := s.vaultKey.Seal(key.Identity(), plain)
		clear(plain)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		puts = append(puts, db.VaultPut{Key: key, Sealed: sealed})
		stored = append(stored, i)
	}
	if len(puts) > 0 {
		// One transaction: a failure stores none, so a retry (with the
		// same Idempotency-Key) stores them all.
		created, err := s.db.PutVaultEntries(r.Context(), puts, s.vaultKey.Check(), by, s.now())
		if errors.Is(err, db.ErrVaultKey) {
			s.keyRotated(w, r)
			return
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
		for j, i := range stored {
			out[i].Message = api.VaultUpdated
			if created[j] {
				out[i].Message = api.VaultCreated
			}
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// systemInfo reports whether a system is known and needs a TOTP seed.
func (s *Server) systemInfo(name string) (twoFactor, known bool) {
	twoFactor, known = s.twoFactor[name]
	return twoFactor, known
}

// vaultList answers every known system with its status: one row per stored
// customer_key, or one "not exists" row (JUDIT's listing).
func (s *Server) vaultList(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	inst, ok := s.vaultCaller(w, r, p)
	if !ok {
		return
	}
	ck := r.URL.Query().Get("customer_key")
	if ck != "" && !api.ValidCustomerKey(ck) {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("customer_key inválida", "invalid customer_key")))
		return
	}
	systems := s.vaultSystems
	entries, err := s.db.VaultEntries(r.Context(), inst, ck)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	bySystem := map[string][]string{}
	for _, e := range entries {
		bySystem[e.System] = append(bySystem[e.System], e.CustomerKey)
	}
	out := api.VaultSystems{Systems: make([]api.VaultSystemStatus, 0, len(systems))}
	for _, sys := range systems {
		keys := bySystem[sys.Name]
		if len(keys) == 0 {
			out.Systems = append(out.Systems, api.VaultSystemStatus{Name: sys.Name, CredentialStatus: api.VaultNotExists})
		}
		for _, k := range keys {
			out.Systems = append(out.Systems, api.VaultSystemStatus{Name: sys.Name, CustomerKey: k, CredentialStatus: api.VaultActive})
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// vaultDelete removes a system's entries (one customer_key's, or all) and
// answers {} as JUDIT does.
func (s *Server) vaultDelete(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	inst, ok := s.vaultCaller(w, r, p)
	if !ok {
		return
	}
	var body api.VaultDelete
	if !s.decodeJSON(w, r, &body) {
		return
	}
	var fields []api.FieldError
	if _, known := s.systemInfo(body.SystemName); !known {
		fields = append(fields, api.Refuse("system_name", api.Sayf(api.Say("sistema desconhecido: %s", "unknown system: %s"), body.SystemName)))
	}
	if body.CustomerKey != "" && !api.ValidCustomerKey(body.CustomerKey) {
		fields = append(fields, api.Refuse("customer_key", api.Say("customer_key inválida", "invalid customer_key")))
	}
	if len(fields) > 0 {
		prob := api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("nada foi apagado", "nothing was deleted"))
		prob.Fields = fields
		s.problem(w, r, prob)
		return
	}
	if _, err := s.db.DeleteVaultEntries(r.Context(), db.VaultKey{Institution: inst, CustomerKey: body.CustomerKey, System: body.SystemName},
		db.Actor{ID: p.Subject, Name: p.Name}, s.now()); err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, struct{}{})
}

// vaultResolve is the only way a stored login leaves the server: to a
// service client with scope vault:resolve, for its own institution, with
// the wildcard fallback. Every call is audited without the values.
func (s *Server) vaultResolve(w http.ResponseWriter, r *http.Request) {
	raw, _ := identity.BearerToken(r)
	c, err := s.auth.Clients.Verify(r.Context(), raw)
	if err != nil {
		if _, userErr := s.auth.Verifier.Verify(r.Context(), raw); userErr == nil {
			s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeForbiddenRole, api.Say("nenhum perfil de pessoa lê o cofre: só clientes de serviço com escopo vault:resolve (gecli service add)", "no person's profile reads the vault: only service clients with the vault:resolve scope (gecli service add)")))
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeInvalidToken, api.Say("envie um token de cliente de serviço obtido com client_credentials", "send a service client's token obtained with client_credentials")))
		return
	}
	if !strings.Contains(" "+c.Scope+" ", " "+ScopeVaultResolve+" ") {
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="vault:resolve"`)
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeVaultScope, api.Say("este cliente não tem o escopo vault:resolve", "this client lacks the vault:resolve scope")))
		return
	}
	if svc, err := s.db.ServiceClientByID(r.Context(), c.ClientID); err != nil || svc.Disabled {
		s.problem(w, r, api.Refusal(http.StatusUnauthorized, api.CodeInvalidToken, api.Say("cliente de serviço desativado ou inexistente", "service client disabled or unknown")))
		return
	}
	if !s.vaultOpen(w, r) {
		return
	}
	var body api.VaultResolveRequest
	if !s.decodeJSON(w, r, &body) {
		return
	}
	if _, known := s.systemInfo(body.SystemName); !known || !api.ValidCustomerKey(body.CustomerKey) {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("system_name desconhecido ou customer_key inválida", "unknown system_name or invalid customer_key")))
		return
	}
	actor := db.Actor{ID: c.ClientID, Name: "serviço " + c.ClientID}
	key := db.VaultKey{Institution: c.Institution, CustomerKey: body.CustomerKey, System: body.SystemName}
	sealed, err := s.db.VaultEntry(r.Context(), key)
	if errors.Is(err, db.ErrNotFound) && body.SystemName != api.VaultWildcard {
		key.System = api.VaultWildcard
		sealed, err = s.db.VaultEntry(r.Context(), key)
	}
	audit := func(outcome string) {
		if err := s.db.AuditVault(r.Context(), db.VaultAudit{Actor: actor, Action: "resolve", Key: key, Outcome: outcome, At: s.now()}); err != nil {
			s.log.Error("vault audit", "err", err)
		}
	}
	if errors.Is(err, db.ErrNotFound) {
		key.System = body.SystemName
		audit("not_found")
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeVaultNotFound, api.Say("nenhuma credencial para esta customer_key neste sistema, nem a coringa (*)", "no credential for this customer_key in this system, nor the wildcard (*)")))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if sealed.KeyID != s.vaultKey.ID {
		s.keyRotated(w, r)
		return
	}
	plain, err := s.vaultKey.Open(key.Identity(), sealed)
	if err != nil {
		// Moved, copied or tampered with: refuse, audit, and tell the
		// operator; never fall back to another entry.
		audit("unreadable")
		s.log.Error("vault entry does not open", "institution", key.Institution, "customer_key", key.CustomerKey, "system", key.System)
		s.problem(w, r, api.Refusal(http.StatusInternalServerError, api.CodeVaultUnread, api.Say("a credencial guardada não pôde ser aberta (registro alterado ou movido); cadastre-a de novo", "the stored credential could not be opened (its record was changed or moved); register it again")))
		return
	}
	var login sealedLogin
	err = json.Unmarshal(plain, &login)
	clear(plain)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := api.VaultResolved{SystemName: body.SystemName, MatchedSystem: key.System, CustomerKey: key.CustomerKey,
		Username: login.Username, Password: login.Password}
	if login.TOTPSeed != "" {
		now := s.now()
		if out.TOTP, err = totp.GenerateCode(login.TOTPSeed, now); err != nil {
			s.internal(w, r, err)
			return
		}
		out.TOTPExpiresIn = 30 - int(now.Unix()%30)
	}
	audit("resolved")
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusOK, out)
}

// keyRotated answers a vault call on a server whose master key was
// replaced (gecli vault rotate-key) while it ran, as replicas may be:
// 503 until it is restarted with the new key, and nothing written.
func (s *Server) keyRotated(w http.ResponseWriter, r *http.Request) {
	s.log.Error("vault: the master key was rotated under this server; restart it with the new key", "key_id", s.vaultKey.ID)
	w.Header().Set("Retry-After", "300")
	s.problem(w, r, api.Refusal(http.StatusServiceUnavailable, api.CodeVaultLocked, api.Say("a chave mestra do cofre foi trocada (gecli vault rotate-key) e este servidor ainda usa a anterior; nada foi feito: reinicie-o com a nova chave", "the vault's master key was replaced (gecli vault rotate-key) and this server still uses the old one; nothing was done: restart it with the new key")))
}
