package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

func (s *Server) requestRoutes() {
	s.handle("GET", "/api/v1/requests", s.signedIn(s.listRequests))
	s.handle("POST", "/api/v1/requests", s.withPermission(s.idempotent(s.createRequest, keepAnswer), api.PermRequestsSubmit))
	s.handle("GET", "/api/v1/requests/{id}", s.signedIn(s.getRequest))
	s.handle("POST", "/api/v1/requests/{id}/cancel", s.withPermission(s.idempotent(s.cancelRequest, keepAnswer), api.PermRequestsSubmit))
	s.handle("POST", "/api/v1/requests/{id}/attachments", s.withPermission(s.uploadAttachment, api.PermRequestsSubmit))
	s.handle("GET", "/api/v1/requests/{id}/attachments/{aid}", s.signedIn(s.downloadAttachment))
}

// visibleInstitutions is nil for whoever has requests:read (every
// request) and the linked CNPJs for everyone else (FAQ 4.2).
func (s *Server) visibleInstitutions(r *http.Request, p identity.Principal) ([]string, error) {
	if can(r, api.PermRequestsRead) {
		return nil, nil
	}
	return s.linkedInstitutions(r, p)
}

// linkedInstitutions are the CNPJs the person acts for: from the token, or
// from gecli's table for external tokens without the claim.
func (s *Server) linkedInstitutions(r *http.Request, p identity.Principal) ([]string, error) {
	if len(p.Institutions) > 0 || p.Username == "" {
		return append([]string{}, p.Institutions...), nil
	}
	ins, err := s.db.InstitutionsOf(r.Context(), p.Username)
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.CNPJ
	}
	return out, err
}

func (s *Server) listRequests(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	f, prob := parseRequestFilter(r)
	if prob != nil {
		s.problem(w, r, prob)
		return
	}
	var err error
	if f.Institutions, err = s.visibleInstitutions(r, p); err != nil {
		s.internal(w, r, err)
		return
	}
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		ids, err := s.db.APIIDsMatching(r.Context(), q)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		f.APIIDs = intersect(f.APIIDs, ids)
	}
	items, cursor, seq, err := s.db.ListRequests(r.Context(), f)
	if errors.Is(err, db.ErrCursor) {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("cursor inválido: use o next_cursor da página anterior", "invalid cursor: use the previous page's next_cursor")).
			WithFields(api.Refuse("cursor", api.Say("inválido", "invalid"))))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if f.SinceSet && seq == 0 {
		seq = f.Since // nothing changed: the client keeps its sequence
	}
	s.writeJSON(w, r, http.StatusOK, api.RequestList{Items: items, NextCursor: cursor, Seq: seq})
}

// intersect narrows an optional id filter (nil: none yet) by ids.
func intersect(filter, ids []string) []string {
	if filter == nil {
		return ids
	}
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	out := []string{}
	for _, id := range filter {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out
}

func parseRequestFilter(r *http.Request) (db.RequestFilter, *api.Problem) {
	q := r.URL.Query()
	f := db.RequestFilter{Limit: 100, Env: api.Environment(q.Get("env")), Cursor: q.Get("cursor")}
	var bad []api.FieldError
	for _, st := range strings.Split(q.Get("status"), ",") {
		if st = strings.TrimSpace(st); st == "" {
			continue
		}
		if !api.Status(st).Valid() {
			bad = append(bad, api.Refuse("status", api.Sayf(msgAccepted, join(api.Statuses))))
			break
		}
		f.Statuses = append(f.Statuses, api.Status(st))
	}
	if f.Env != "" && !f.Env.Valid() {
		bad = append(bad, api.Refuse("env", api.Sayf(msgAccepted, join(api.Environments))))
	}
	if id := q.Get("api"); id != "" {
		if api.ValidateAPIID(id) != nil {
			bad = append(bad, api.Refuse("api", api.Say("identificador de API inválido", "invalid API id")))
		}
		f.APIIDs = []string{id}
	}
	if v := q.Get("q"); utf8.RuneCountInString(v) > api.MaxQueryLen {
		bad = append(bad, api.Refuse("q", api.Sayf(api.Say("até %d caracteres", "up to %d characters"), api.MaxQueryLen)))
	}
	if v := q.Get("since"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			bad = append(bad, api.Refuse("since", api.Say("número de sequência (inteiro ≥ 0)", "a sequence number (an integer ≥ 0)")))
		}
		f.SinceSet, f.Since = true, n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			bad = append(bad, api.Refuse("limit", api.Say("entre 1 e 1000", "from 1 to 1000")))
		}
		f.Limit = n
	}
	if bad != nil {
		return f, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("parâmetro de filtro inválido", "invalid filter parameter")).WithFields(bad...)
	}
	return f, nil
}

// createRequest validates a submission and applies the API's approval
// rule at once (FAQ 3.18): automatic approvals are recorded as such.
func (s *Server) createRequest(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	var c api.RequestCreate
	if !s.decodeJSON(w, r, &c) {
		return
	}
	a, err := s.db.GetAPI(r.Context(), c.APIID)
	if err == nil && a.State == api.APIRetired {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeAPINotPublished, api.Say("esta API foi retirada do catálogo e não aceita novas solicitações", "this API was retired from the catalog and takes no new requests")).
			WithFields(api.Refuse("api_id", api.Say("API retirada", "API retired"))))
		return
	}
	if errors.Is(err, db.ErrNotFound) || err == nil && a.State != api.APIPublished || api.ValidateAPIID(c.APIID) != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("API inexistente no catálogo", "no such API in the catalog")).
			WithFields(api.Refuse("api_id", api.Say("escolha uma API do catálogo", "choose an API of the catalog"))))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var bad []api.FieldError
	if !c.Environment.Valid() || !a.Offers(c.Environment) {
		bad = append(bad, api.Refuse("environment", api.Say("ambiente não oferecido por esta API", "environment not offered by this API")))
	}
	if err := api.ValidateCNPJ(c.InstitutionCNPJ); err != nil {
		bad = append(bad, api.RefuseErr("institution_cnpj", err))
	}
	bad = append(bad, c.TechnicalContact.Validate()...)
	if fe := api.ValidatePurpose(c.Purpose); fe != nil {
		bad = append(bad, *fe)
	}
	bad = append(bad, api.ValidateCustomFields(a.CustomFields, c.CustomFields)...)
	c.SEIProcess = api.NormalizeSEI(c.SEIProcess)
	if err := api.ValidateSEI(c.SEIProcess); err != nil {
		bad = append(bad, api.RefuseErr("sei_process", err))
	}
	if bad != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("falha ao enviar formulário: confira os campos obrigatórios", "the form was not sent: check the required fields")).WithFields(bad...))
		return
	}
	linked, err := s.linkedInstitutions(r, p)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !contains(linked, api.NormalizeCNPJ(c.InstitutionCNPJ)) {
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeInstitutionNotLinked,
			api.Sayf(api.Say("CNPJ %s ainda não vinculado ao seu cadastro: solicite a atualização cadastral à equipe CNJ/PDPJ",
				"CNPJ %s is not linked to your registration yet: ask the CNJ/PDPJ team to update it"), api.FormatCNPJ(c.InstitutionCNPJ))).
			WithFields(api.Refuse("institution_cnpj", api.Say("instituição não vinculada", "institution not linked"))))
		return
	}
	// A deactivated institution keeps what it has and asks for nothing new.
	if in, err := s.db.Institution(r.Context(), c.InstitutionCNPJ); err != nil && !errors.Is(err, db.ErrNotFound) {
		s.internal(w, r, err)
		return
	} else if err == nil && !in.Active {
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeInstitutionInactive,
			api.Sayf(api.Say("a instituição %s está inativa e não pode fazer novas solicitações; fale com a equipe CNJ/PDPJ",
				"the institution %s is inactive and cannot make new requests; talk to the CNJ/PDPJ team"), api.FormatCNPJ(c.InstitutionCNPJ))).
			WithFields(api.Refuse("institution_cnpj", api.Say("instituição inativa", "institution inactive"))))
		return
	}
	if !c.Terms.Accepted || c.Terms.ID != a.Terms.ID || c.Terms.Version != a.Terms.Version {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeTermsNotAccepted,
			api.Sayf(api.Say("aceite o termo de uso vigente (%s, versão %s) para enviar a solicitação",
				"accept the current terms of use (%s, version %s) to send the request"), a.Terms.ID, a.Terms.Version)).
			WithFields(api.Refuse("terms", api.Say("termo vigente não aceito", "current terms not accepted"))))
		return
	}
	rule := a.Rule.For(c.Environment)
	n := db.NewRequest{Create: c, Requester: db.Actor{ID: p.Subject, Name: p.Name}, CPF: s.requesterCPF(r, p),
		Rule: rule, Status: api.StatusPending, At: time.Now(), SEI: s.cfg.SEI != nil}
	if rule == api.RuleAuto {
		n.Status = api.StatusApproved
		n.Reason = api.AutoApprovalReason(a.SystemType, c.Environment)
	}
	req, err := s.db.CreateRequest(r.Context(), n)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/requests/"+req.ID)
	s.writeJSON(w, r, http.StatusCreated, req)
}

// requesterCPF is the requester's CPF from gecli's table (tokens of an
// external issuer may not carry it).
func (s *Server) requesterCPF(r *http.Request, p identity.Principal) string {
	if u, err := s.db.UserByUsername(r.Context(), p.Username); err == nil {
		return u.CPF
	}
	return ""
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// visibleRequest loads {id} (its row, without history) if the caller may see it. Another
// institution's request is a 404, as if it did not exist.
func (s *Server) visibleRequest(w http.ResponseWriter, r *http.Request, p identity.Principal) (api.Request, bool) {
	notFound := func() {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFoundReq, api.Say("solicitação inexistente ou de outra instituição", "no such request, or one of another institution")))
	}
	req, err := s.db.RequestRow(r.Context(), r.PathValue("id"))
	if errors.Is(err, db.ErrNotFound) {
		notFound()
		return req, false
	}
	if err != nil {
		s.internal(w, r, err)
		return req, false
	}
	visible, err := s.visibleInstitutions(r, p)
	if err != nil {
		s.internal(w, r, err)
		return req, false
	}
	if visible != nil && !contains(visible, req.Institution.CNPJ) {
		notFound()
		return req, false
	}
	return req, true
}

func (s *Server) getRequest(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	req, err := s.db.RequestDetails(r.Context(), req)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, req)
}

// ownRequest is visibleRequest for acting: the requester must be linked
// to the request's institution (evaluators see all but act elsewhere).
func (s *Server) ownRequest(w http.ResponseWriter, r *http.Request, p identity.Principal) (api.Request, bool) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return req, false
	}
	linked, err := s.linkedInstitutions(r, p)
	if err != nil {
		s.internal(w, r, err)
		return req, false
	}
	if !contains(linked, req.Institution.CNPJ) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFoundReq, api.Say("solicitação inexistente ou de outra instituição", "no such request, or one of another institution")))
		return req, false
	}
	return req, true
}

func (s *Server) cancelRequest(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.ownRequest(w, r, p)
	if !ok {
		return
	}
	out, err := s.db.ApplyTransition(r.Context(), req.ID, db.Transition{From: []api.Status{api.StatusPending},
		To: api.StatusCancelled, Actor: db.Actor{ID: p.Subject, Name: p.Name}, Action: "cancelled", At: time.Now()})
	if errors.Is(err, db.ErrState) {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say(
			"só solicitações em análise podem ser canceladas; esta está "+strings.ToLower(req.Status.Label(api.PtBR)),
			"only requests under review can be cancelled; this one is "+strings.ToLower(req.Status.Label(api.En)))))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// uploadAttachment takes a raw PDF body (Content-Type application/pdf,
// ?filename=). The content decides, not the name; 10 MB at most (413).
func (s *Server) uploadAttachment(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.ownRequest(w, r, p)
	if !ok {
		return
	}
	if req.Status != api.StatusPending && req.Status != api.StatusApproved {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say("esta solicitação não aceita mais anexos", "this request takes no more attachments")))
		return
	}
	// The name is stored as given, or refused: what the evaluator sees is
	// what the requester sent.
	name := r.URL.Query().Get("filename")
	if err := api.ValidateFilename(name); err != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("nome de arquivo recusado: ", "file name refused: ").Plus(api.MsgOf(err))).
			WithFields(api.RefuseErr("filename", err)))
		return
	}
	body, ok := s.readPDF(w, r, api.Say("o anexo", "the attachment"))
	if !ok {
		return
	}
	id := make([]byte, 8)
	rand.Read(id)
	a, err := s.db.AddAttachment(r.Context(), req.ID, "att-"+hex.EncodeToString(id), name, body,
		db.Actor{ID: p.Subject, Name: p.Name}, time.Now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, a)
}

func (s *Server) downloadAttachment(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	a, content, err := s.db.AttachmentContent(r.Context(), req.ID, r.PathValue("aid"))
	if errors.Is(err, db.ErrNotFound) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("anexo inexistente", "no such attachment")))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", contentDisposition(a.Filename))
	writeCacheable(w, r, "application/pdf", content)
}

// contentDisposition names a download (RFC 6266): an ASCII filename for
// old clients (other characters as "_"), and the UTF-8 name in filename*
// (RFC 5987) when it is not plain ASCII. Names have no quote or
// backslash (api.ValidateFilename).
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	v := `attachment; filename="` + ascii + `"`
	if ascii != name {
		v += "; filename*=UTF-8''" + url.PathEscape(name)
	}
	return v
}
