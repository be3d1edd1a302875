package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/identity"
)

// allowlistInstitution resolves {cnpj} for the allowlist endpoints: a valid
// CNPJ of an existing institution, linked to the caller unless they
// administer institutions (users:admin).
func (s *Server) allowlistInstitution(w http.ResponseWriter, r *http.Request, p identity.Principal) (string, bool) {
	raw := r.PathValue("cnpj")
	if err := api.ValidateCNPJ(raw); err != nil {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("CNPJ inválido: ", "invalid CNPJ: ").Plus(api.MsgOf(err))))
		return "", false
	}
	cnpj := api.NormalizeCNPJ(raw)
	if !can(r, api.PermUsersAdmin) {
		linked, err := s.linkedInstitutions(r, p)
		if err != nil {
			s.internal(w, r, err)
			return "", false
		}
		if !contains(linked, cnpj) {
			s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeInstitutionNotLinked, api.Say("você não está vinculado a esta instituição; solicite a atualização cadastral junto à equipe CNJ/PDPJ", "you are not linked to this institution; ask the CNJ/PDPJ team to update your registration")))
			return "", false
		}
	}
	found, err := s.db.InstitutionExists(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return "", false
	}
	if !found {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("instituição não cadastrada", "institution not registered")))
		return "", false
	}
	return cnpj, true
}

func (s *Server) getAllowlist(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, ok := s.allowlistInstitution(w, r, p)
	if !ok {
		return
	}
	s.writeAllowlist(w, r, cnpj)
}

// putAllowlist replaces the ranges after validating every entry; one bad
// entry refuses the whole list, naming each bad entry.
func (s *Server) putAllowlist(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, ok := s.allowlistInstitution(w, r, p)
	if !ok {
		return
	}
	var body api.IPAllowlist
	if !s.decodeJSON(w, r, &body) {
		return
	}
	if body.Ranges == nil { // absent or null: a client bug, not a wish to clear
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("envie ranges como uma lista (uma lista vazia, [], limpa a allowlist); nada foi alterado", "send ranges as a list (an empty list, [], clears the allowlist); nothing was changed")).
			WithFields(api.Refuse("ranges", api.Say("obrigatório: uma lista", "required: a list"))))
		return
	}
	ranges, errs := api.ParseRanges(body.Ranges)
	for i, v := range body.Ranges { // the API takes ranges as written; only people's input is trimmed
		if v != strings.TrimSpace(v) {
			errs = append(errs, api.Refuse(fmt.Sprintf("ranges[%d]", i), api.Say("sem espaços antes ou depois da faixa", "no spaces before or after the range")))
		}
	}
	if len(errs) > 0 {
		prob := api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("faixas de IP inválidas; nada foi alterado", "invalid IP ranges; nothing was changed"))
		prob.Fields = errs
		s.problem(w, r, prob)
		return
	}
	if err := s.db.SetAllowlist(r.Context(), cnpj, ranges); err != nil {
		s.internal(w, r, err)
		return
	}
	s.log.Info("ip allowlist replaced", "institution", cnpj, "ranges", len(ranges), "by", p.Subject)
	s.writeAllowlist(w, r, cnpj)
}

func (s *Server) writeAllowlist(w http.ResponseWriter, r *http.Request, cnpj string) {
	ranges, err := s.db.Allowlist(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := api.IPAllowlist{Ranges: make([]string, len(ranges))}
	for i, p := range ranges {
		out.Ranges[i] = p.String()
	}
	s.writeJSON(w, r, http.StatusOK, out)
}
