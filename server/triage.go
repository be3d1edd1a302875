package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

func (s *Server) triageRoutes() {
	s.handle("POST", "/api/v1/requests/{id}/decision", s.withPermission(s.idempotent(s.decide, keepAnswer), api.PermRequestsApprove))
	s.handle("POST", "/api/v1/requests/{id}/revoke", s.withPermission(s.idempotent(s.revoke, keepAnswer), api.PermRequestsRevoke))
	s.handle("GET", "/api/v1/requests/{id}/verification-form", s.signedIn(s.getForm))
	s.handle("PUT", "/api/v1/requests/{id}/verification-form", s.withPermission(s.putForm, api.PermRequestsSubmit))
}

// decide approves or rejects a pending request (FAQ 3.18). The status is
// checked inside the transaction, so of two evaluators deciding at once the
// second gets 409 saying who decided and when.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	var d api.Decision
	if !s.decodeJSON(w, r, &d) {
		return
	}
	d.Justification = api.TrimText(d.Justification)
	to := map[string]api.Status{"approve": api.StatusApproved, "reject": api.StatusRejected}[d.Decision]
	switch {
	case to == "":
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("decisão deve ser approve ou reject", "the decision must be approve or reject")).
			WithFields(api.Refuse("decision", api.Say("approve ou reject", "approve or reject"))))
		return
	case to == api.StatusRejected && api.VisibleLen(d.Justification) < 10:
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("a reprovação exige uma justificativa (ao menos 10 caracteres): ela aparece no histórico do solicitante", "a rejection needs a justification (at least 10 characters): it shows in the requester's history")).
			WithFields(api.Refuse("justification", api.Say("obrigatória para reprovar", "required to reject"))))
		return
	case utf8.RuneCountInString(d.Justification) > api.MaxJustificationLen:
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("justificativa de até 2.000 caracteres", "a justification of up to 2,000 characters")).
			WithFields(api.Refuse("justification", api.Say("longa demais", "too long"))))
		return
	}
	out, err := s.db.ApplyTransition(r.Context(), req.ID, db.Transition{From: []api.Status{api.StatusPending}, To: to,
		Actor: db.Actor{ID: p.Subject, Name: p.Name}, Action: string(to), Justification: d.Justification, At: time.Now()})
	if errors.Is(err, db.ErrState) {
		s.alreadyDecided(w, r, req.ID)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) alreadyDecided(w http.ResponseWriter, r *http.Request, id string) {
	who, at, status, err := s.db.LastDecision(r.Context(), id)
	detail := api.Say("esta solicitação não está mais em análise", "this request is no longer under review")
	if err == nil {
		when, whenEn := at, at
		if t, perr := time.Parse(time.RFC3339, at); perr == nil {
			when, whenEn = t.Local().Format("02/01/2006 15:04"), t.Local().Format("2006-01-02 15:04")
		}
		detail = api.Say(fmt.Sprintf("já %s por %s em %s", strings.ToLower(status.Label(api.PtBR)), who, when),
			fmt.Sprintf("already %s by %s on %s", strings.ToLower(status.Label(api.En)), who, whenEn))
	}
	p := api.Refusal(http.StatusConflict, api.CodeAlreadyDecided, detail)
	p.DecidedBy, p.DecidedAt, p.CurrentStatus = who, at, status
	s.problem(w, r, p)
}

// revoke ends an approved request and with it its credential: the token
// endpoint and the gateway check refuse it from then on.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	var body api.Revocation
	if !s.decodeJSON(w, r, &body) {
		return
	}
	// Revoking stops an institution's integration at once: the reason is
	// part of the record (its history, and the requester reads it).
	if api.VisibleLen(body.Justification) < 10 {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("diga por que revoga (ao menos 10 caracteres)", "say why you revoke (at least 10 characters)")).
			WithFields(api.Refuse("justification", api.Say("obrigatória para revogar", "required to revoke"))))
		return
	}
	if utf8.RuneCountInString(body.Justification) > api.MaxJustificationLen {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("justificativa de até 2.000 caracteres", "a justification of up to 2,000 characters")).
			WithFields(api.Refuse("justification", api.Say("longa demais", "too long"))))
		return
	}
	out, err := s.db.ApplyTransition(r.Context(), req.ID, db.Transition{From: []api.Status{api.StatusApproved},
		To: api.StatusRevoked, Actor: db.Actor{ID: p.Subject, Name: p.Name}, Action: "revoked",
		Justification: api.TrimText(body.Justification), At: time.Now()})
	if errors.Is(err, db.ErrState) {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say("só solicitações aprovadas podem ser revogadas", "only approved requests can be revoked")))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func formRule(rule api.Rule) bool { return rule == api.RuleFormRes316 || rule == api.RuleFormStandard }

func (s *Server) getForm(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	if !formRule(req.Rule) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Sayf(api.Say("esta solicitação não tem formulário técnico (regra %s)", "this request has no technical form (rule %s)"), req.Rule)))
		return
	}
	f, _, err := s.db.VerificationForm(r.Context(), req.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if f.Documents == nil {
		f.Documents = []string{}
	}
	s.writeJSON(w, r, http.StatusOK, f)
}

// putForm saves the form of an approved form_* request. A partial form is
// kept (complete=false, with what is missing); only a complete one
// unblocks the credential.
func (s *Server) putForm(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.ownRequest(w, r, p)
	if !ok {
		return
	}
	if !formRule(req.Rule) || req.Status != api.StatusApproved {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say("o formulário técnico é preenchido depois da aprovação, nas solicitações com regra de formulário", "the technical form is filled in after approval, on requests whose rule has a form")))
		return
	}
	var f api.VerificationForm
	if !s.decodeJSON(w, r, &f) {
		return
	}
	if bad := f.Malformed(); len(bad) > 0 {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("campos longos demais ou em várias linhas; nada foi salvo", "fields too long or on several lines; nothing was saved")).
			WithFields(bad...))
		return
	}
	req, err := s.db.RequestDetails(r.Context(), req)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	known := make([]string, len(req.Attachments))
	for i, a := range req.Attachments {
		known[i] = a.ID
	}
	missing := f.Missing(known)
	f.Complete = len(missing) == 0
	f.UpdatedAt = time.Now().UTC().Format(time.RFC3339)
	if err := s.db.SaveVerificationForm(r.Context(), req.ID, f, db.Actor{ID: p.Subject, Name: p.Name}, time.Now()); err != nil {
		s.internal(w, r, err)
		return
	}
	status := http.StatusOK
	if !f.Complete {
		// Saved, but say what is missing: the credential stays blocked.
		prob := api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("formulário salvo, mas incompleto: a credencial continua bloqueada", "form saved, but incomplete: the credential stays blocked")).
			WithFields(missing...)
		s.problem(w, r, prob)
		return
	}
	s.writeJSON(w, r, status, f)
}
