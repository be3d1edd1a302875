package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// userRoutes: people (FAQ 3.7, 4.2), by whoever has users:admin. An
// administrator never knows a password: a new person gets a one-time
// activation code and sets their own on /device/activate.
func (s *Server) userRoutes() {
	s.handle("GET", "/api/v1/users", s.withPermission(s.listUsers, api.PermUsersAdmin))
	s.handle("POST", "/api/v1/users", s.withPermission(s.createUser, api.PermUsersAdmin))
	s.handle("PATCH", "/api/v1/users/{id}", s.withPermission(s.patchUser, api.PermUsersAdmin))
	s.handle("POST", "/api/v1/users/{id}/activation", s.withPermission(s.newActivation, api.PermUsersAdmin))
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	q := r.URL.Query().Get("q")
	if utf8.RuneCountInString(q) > api.MaxQueryLen {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeQueryTooLong, api.Say("busca longa demais", "search too long")).
			WithFields(api.Refuse("q", api.Say("até 200 caracteres", "up to 200 characters"))))
		return
	}
	const page = 500
	items, err := s.db.ListUserEntries(r.Context(), q, r.URL.Query().Get("cursor"), page)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := api.List[api.UserEntry]{Items: items}
	if len(items) == page {
		out.NextCursor = items[len(items)-1].Username // keyset: the next page starts after it
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// activation makes a code, keeping only its hash, and the answer that
// shows it this once.
func (s *Server) activation(r *http.Request, u api.UserEntry) (db.Activation, api.UserCreated) {
	code, hash := identity.NewActivationCode()
	exp := time.Now().Add(identity.ActivationTTL).UTC()
	return db.Activation{Hash: hash, Expires: exp}, api.UserCreated{User: u, ActivationCode: code,
		ActivationURL: s.publicBase(r) + "/device/activate", ExpiresAt: exp.Format(time.RFC3339)}
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	if !s.auth.Meta.Embedded {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeValidation, api.Say("com um emissor externo, as pessoas entram pelo emissor e aparecem aqui no primeiro acesso", "with an external issuer, people sign in at the issuer and show up here at their first call")))
		return
	}
	var in api.UserCreate
	if !s.decodeJSON(w, r, &in) {
		return
	}
	in.Name = api.TrimText(in.Name)
	if bad := in.Validate(); len(bad) > 0 {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("usuário inválido; nada foi gravado", "invalid user; nothing was saved")).WithFields(bad...))
		return
	}
	b := make([]byte, 8)
	rand.Read(b)
	id := "u-" + hex.EncodeToString(b)
	act, answer := s.activation(r, api.UserEntry{})
	switch err := s.db.AddUser(r.Context(), id, in, act); {
	case errors.Is(err, db.ErrConflict):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeUserExists, api.Sayf(api.Say("já há um usuário %s", "there is already a user %s"), in.Username)).
			WithFields(api.Refuse("username", api.Say("já existe", "already exists"))))
		return
	case errors.Is(err, db.ErrUnknownInstitution):
		s.unknownInstitution(w, r, err)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	u, err := s.db.UserEntry(r.Context(), id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	answer.User = u
	s.log.Info("user created", "user", in.Username, "role", in.Role, "by", p.Subject) // never the code
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusCreated, answer)
}

func (s *Server) patchUser(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	var in api.UserPatch
	if !s.decodeJSON(w, r, &in) {
		return
	}
	if bad := in.Validate(); len(bad) > 0 {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("mudança inválida; nada foi gravado", "invalid change; nothing was saved")).WithFields(bad...))
		return
	}
	switch err := s.db.PatchUser(r.Context(), id, in); {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeUserNotFound, api.Sayf(api.Say("não há usuário %s", "there is no user %s"), id)))
		return
	case errors.Is(err, db.ErrLastProfilesAdmin):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeLastProfilesAdmin, api.Say("a mudança deixaria nenhum usuário ativo com profiles:admin; ninguém poderia desfazê-la", "the change would leave no enabled user with profiles:admin; nobody could undo it")))
		return
	case errors.Is(err, db.ErrUnknownInstitution):
		s.unknownInstitution(w, r, err)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	// Disabling (or a new role or institutions, which end the sessions)
	// must stop the person's tokens at their next call, not a second later:
	// this replica forgets what it knew of them.
	if in.Disabled != nil && *in.Disabled || in.Role != nil || in.Institutions != nil {
		s.sessions.forget(id)
	}
	s.log.Info("user changed", "user", id, "by", p.Subject)
	u, err := s.db.UserEntry(r.Context(), id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, u)
}

func (s *Server) newActivation(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	if !s.auth.Meta.Embedded {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeValidation, api.Say("com um emissor externo, as senhas são do emissor: não há código de ativação aqui", "with an external issuer, passwords are the issuer's: there is no activation code here")))
		return
	}
	u, err := s.db.UserEntry(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeUserNotFound, api.Sayf(api.Say("não há usuário %s", "there is no user %s"), id)))
		return
	} else if err != nil {
		s.internal(w, r, err)
		return
	}
	act, answer := s.activation(r, u)
	switch err := s.db.SetActivation(r.Context(), id, act); {
	case errors.Is(err, db.ErrExternalUser):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeValidation, api.Say("esta pessoa entra pelo emissor externo: não tem senha aqui", "this person signs in at the external issuer: they have no password here")))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("activation code issued", "user", u.Username, "by", p.Subject)
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusOK, answer)
}

// unknownInstitution answers a link to an institution not registered,
// naming its CNPJ.
func (s *Server) unknownInstitution(w http.ResponseWriter, r *http.Request, err error) {
	cnpj := strings.TrimSuffix(err.Error(), ": "+db.ErrUnknownInstitution.Error())
	s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Sayf(api.Say("instituição não cadastrada: %s", "institution not registered: %s"), cnpj)).
		WithFields(api.Refuse("institutions", api.Sayf(api.Say("%s não está cadastrada; cadastre a instituição antes", "%s is not registered; register the institution first"), cnpj))))
}
