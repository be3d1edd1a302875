package server

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

func (s *Server) institutionRoutes() {
	s.handle("GET", "/api/v1/institutions", s.withPermission(s.listInstitutions, api.PermUsersAdmin))
	s.handle("POST", "/api/v1/institutions", s.withPermission(s.createInstitution, api.PermUsersAdmin))
	s.handle("PATCH", "/api/v1/institutions/{cnpj}", s.withPermission(s.patchInstitution, api.PermUsersAdmin))
}

func (s *Server) listInstitutions(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	q := r.URL.Query().Get("q")
	if utf8.RuneCountInString(q) > api.MaxQueryLen {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeQueryTooLong, api.Say("busca longa demais", "search too long")).
			WithFields(api.Refuse("q", api.Say("até 100 caracteres", "up to 100 characters"))))
		return
	}
	items, err := s.db.ListInstitutions(r.Context(), q)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.List[api.InstitutionEntry]{Items: items})
}

// institutionName checks a legal name: one visible line, 200 at most.
func institutionName(name string) *api.FieldError {
	if api.VisibleLen(name) < 2 || utf8.RuneCountInString(name) > api.MaxNameLen || api.MultiLine(name) {
		return api.Refuse("name", api.Say("a razão social, em uma linha de até 200 caracteres", "the legal name, on one line of up to 200 characters")).Ptr()
	}
	return nil
}

func (s *Server) createInstitution(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	var in api.InstitutionCreate
	if !s.decodeJSON(w, r, &in) {
		return
	}
	in.Name = api.TrimText(in.Name)
	var bad []api.FieldError
	if err := api.ValidateCNPJ(in.CNPJ); err != nil {
		bad = append(bad, api.RefuseErr("cnpj", err))
	}
	if fe := institutionName(in.Name); fe != nil {
		bad = append(bad, *fe)
	}
	if bad != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("instituição inválida", "invalid institution")).WithFields(bad...))
		return
	}
	switch err := s.db.CreateInstitution(r.Context(), in); {
	case errors.Is(err, db.ErrConflict):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeInstitutionExists, api.Sayf(api.Say("o CNPJ %s já está cadastrado", "CNPJ %s is already registered"), api.FormatCNPJ(in.CNPJ))))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("institution created", "cnpj", api.NormalizeCNPJ(in.CNPJ), "by", p.Subject)
	s.writeInstitution(w, r, http.StatusCreated, in.CNPJ)
}

func (s *Server) patchInstitution(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj := r.PathValue("cnpj")
	if api.ValidateCNPJ(cnpj) != nil {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("CNPJ inválido no caminho", "invalid CNPJ in the path")))
		return
	}
	var patch api.InstitutionPatch
	if !s.decodeJSON(w, r, &patch) {
		return
	}
	if patch.Name != nil {
		name := api.TrimText(*patch.Name)
		if fe := institutionName(name); fe != nil {
			s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("instituição inválida", "invalid institution")).WithFields(*fe))
			return
		}
		patch.Name = &name
	}
	switch err := s.db.UpdateInstitution(r.Context(), cnpj, patch); {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("instituição não cadastrada", "institution not registered")))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("institution changed", "cnpj", api.NormalizeCNPJ(cnpj), "by", p.Subject)
	s.writeInstitution(w, r, http.StatusOK, cnpj)
}

func (s *Server) writeInstitution(w http.ResponseWriter, r *http.Request, status int, cnpj string) {
	e, err := s.db.Institution(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, status, e)
}
