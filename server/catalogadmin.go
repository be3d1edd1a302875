package server

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// catalogAdminRoutes are the catalog's administration (catalog:admin):
// drafts, publication, retirement, terms of use (FAQ 3.5, 3.6).
func (s *Server) catalogAdminRoutes() {
	s.handle("POST", "/api/v1/apis", s.withPermission(s.createAPI, api.PermCatalogAdmin))
	s.handle("PUT", "/api/v1/apis/{id}", s.withPermission(s.updateAPI, api.PermCatalogAdmin))
	s.handle("POST", "/api/v1/apis/{id}/publish", s.withPermission(s.stateAPI(api.APIPublished), api.PermCatalogAdmin))
	s.handle("POST", "/api/v1/apis/{id}/retire", s.withPermission(s.stateAPI(api.APIRetired), api.PermCatalogAdmin))
	s.handle("POST", "/api/v1/apis/{id}/terms", s.withPermission(s.uploadTerms, api.PermCatalogAdmin))
	s.handle("PUT", "/api/v1/apis/{id}/openapi", s.withPermission(s.uploadOpenAPI, api.PermCatalogAdmin))
	s.handle("GET", "/api/v1/apis/{id}/terms/versions", s.termsVersions)
}

func (s *Server) readAPIWrite(w http.ResponseWriter, r *http.Request) (api.APIWrite, bool) {
	var in api.APIWrite
	if !s.decodeJSON(w, r, &in) {
		return in, false
	}
	in.Name, in.Acronym, in.Owner = api.TrimText(in.Name), api.TrimText(in.Acronym), api.TrimText(in.Owner)
	in.Description = api.TrimText(in.Description)
	if bad := in.Validate(); len(bad) > 0 {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("API inválida; nada foi gravado", "invalid API; nothing was saved")).WithFields(bad...))
		return in, false
	}
	return in, true
}

func (s *Server) createAPI(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	in, ok := s.readAPIWrite(w, r)
	if !ok {
		return
	}
	switch err := s.db.CreateAPI(r.Context(), in); {
	case errors.Is(err, db.ErrConflict):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeAPIExists, api.Sayf(api.Say("já há uma API %s; escolha outro identificador", "there is already an API %s; choose another id"), in.ID)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("api created", "api", in.ID, "by", p.Subject)
	s.writeAdminAPI(w, r, http.StatusCreated, in.ID)
}

func (s *Server) updateAPI(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	in, ok := s.readAPIWrite(w, r)
	if !ok {
		return
	}
	if in.ID != id {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("o identificador de uma API não muda", "an API's id does not change")).
			WithFields(api.Refuse("id", api.Sayf(api.Say("deve ser %s", "must be %s"), id))))
		return
	}
	switch err := s.db.UpdateAPI(r.Context(), in); {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAPINotFound, api.Sayf(api.Say("não há API %s", "there is no API %s"), id)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("api updated", "api", id, "by", p.Subject)
	s.writeAdminAPI(w, r, http.StatusOK, id)
}

func (s *Server) stateAPI(state api.APIState) func(http.ResponseWriter, *http.Request, identity.Principal) {
	return func(w http.ResponseWriter, r *http.Request, p identity.Principal) {
		id := r.PathValue("id")
		switch err := s.db.SetAPIState(r.Context(), id, state); {
		case errors.Is(err, db.ErrNotFound):
			s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAPINotFound, api.Sayf(api.Say("não há API %s", "there is no API %s"), id)))
			return
		case errors.Is(err, db.ErrAPINotReady):
			s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeAPINotReady, api.Say("para publicar, a API precisa de um termo de uso vigente e de ao menos um ambiente (FAQ 3.6)", "to publish, the API needs current terms of use and at least one environment (FAQ 3.6)")))
			return
		case err != nil:
			s.internal(w, r, err)
			return
		}
		s.log.Info("api state", "api", id, "state", state, "by", p.Subject)
		s.writeAdminAPI(w, r, http.StatusOK, id)
	}
}

var termsVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}$`)

// uploadTerms makes a PDF body (?version=V) the API's current terms.
func (s *Server) uploadTerms(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id, version := r.PathValue("id"), r.URL.Query().Get("version")
	if !termsVersion.MatchString(version) {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("informe ?version= (letras, dígitos, . e -; até 32)", "give ?version= (letters, digits, . and -; up to 32)")).
			WithFields(api.Refuse("version", api.Say("versão inválida", "invalid version"))))
		return
	}
	body, ok := s.readPDF(w, r, api.Say("o termo de uso", "the terms of use"))
	if !ok {
		return
	}
	t, err := s.db.AddTerms(r.Context(), id, version, body, time.Now())
	switch {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAPINotFound, api.Sayf(api.Say("não há API %s", "there is no API %s"), id)))
		return
	case errors.Is(err, db.ErrConflict):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeInvalidParameter, api.Sayf(api.Say("a versão %s já existe; publique outra", "version %s already exists; publish another"), version)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("terms published", "api", id, "version", version, "by", p.Subject)
	s.writeJSON(w, r, http.StatusCreated, t)
}

func (s *Server) writeAdminAPI(w http.ResponseWriter, r *http.Request, status int, id string) {
	a, err := s.db.GetAPI(r.Context(), id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.decorate(r, &a)
	s.writeJSON(w, r, status, a)
}

// uploadOpenAPI stores an API's OpenAPI document, JSON or YAML, once
// kin-openapi has read and validated it; it is kept (and served) as JSON.
func (s *Server) uploadOpenAPI(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	body, ok := s.readBody(w, r, api.MaxOpenAPIDocBytes, api.CodeBodyTooLarge, api.Say("documento OpenAPI maior que 5 MB", "an OpenAPI document larger than 5 MB"))
	if !ok {
		return
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(body)
	if err == nil {
		err = doc.Validate(loader.Context)
	}
	if err != nil {
		msg := err.Error()
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeBadOpenAPI, api.Say("documento OpenAPI inválido: "+msg, "invalid OpenAPI document: "+msg)))
		return
	}
	out, err := doc.MarshalJSON()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	switch err := s.db.SetOpenAPIDoc(r.Context(), id, out); {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAPINotFound, api.Sayf(api.Say("não há API %s", "there is no API %s"), id)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("openapi document stored", "api", id, "bytes", len(out), "by", p.Subject)
	s.writeAdminAPI(w, r, http.StatusOK, id)
}

// termsVersions lists a published API's terms of use, newest first.
func (s *Server) termsVersions(w http.ResponseWriter, r *http.Request) {
	a, ok := s.lookupAPI(w, r)
	if !ok {
		return
	}
	items, err := s.db.TermsVersions(r.Context(), a.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.List[api.TermsVersion]{Items: items})
}

// listAdminAPIs is GET /api/v1/apis?state=draft|published|retired|all
// (several comma-separated): every API, whatever its state.
func (s *Server) listAdminAPIs(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	f, p := parseCatalogFilter(r)
	if p != nil {
		s.problem(w, r, p)
		return
	}
	for _, st := range strings.Split(r.URL.Query().Get("state"), ",") {
		switch st := api.APIState(strings.TrimSpace(st)); st {
		case "all":
			f.States = []api.APIState{api.APIDraft, api.APIPublished, api.APIRetired}
		case api.APIDraft, api.APIPublished, api.APIRetired:
			f.States = append(f.States, st)
		default:
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("state: use draft, published, retired ou all", "state: use draft, published, retired or all")).
				WithFields(api.Refuse("state", api.Sayf(api.Say("desconhecido: %s", "unknown: %s"), st))))
			return
		}
	}
	items, err := s.db.ListAPIs(r.Context(), f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for i := range items {
		s.decorate(r, &items[i])
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusOK, api.List[api.API]{Items: items})
}

// catalogAdmin says whether r carries a live token with catalog:admin:
// the public endpoints then show drafts and retired APIs too. A missing or
// bad token is no error there, just the public view.
func (s *Server) catalogAdmin(r *http.Request) bool {
	raw, ok := identity.BearerToken(r)
	if !ok || raw == "" {
		return false
	}
	p, err := s.auth.Verifier.Verify(r.Context(), raw)
	if err != nil {
		return false
	}
	if live, err := s.live(r.Context(), p); err != nil || !live {
		return false
	}
	perms, err := s.permissionsOf(r.Context(), p)
	return err == nil && slices.Contains(perms, api.PermCatalogAdmin)
}
