package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// listAPIs serves the public catalog, filtered by q, category and env.
func (s *Server) listAPIs(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Has("state") { // the catalog as administrators see it
		s.withPermission(s.listAdminAPIs, api.PermCatalogAdmin)(w, r)
		return
	}
	f, p := parseCatalogFilter(r)
	if p != nil {
		s.problem(w, r, p)
		return
	}
	// The ETag comes from the catalog revision, the filter and the link
	// base, so a revalidation (304) costs one query and builds nothing.
	rev, err := s.db.CatalogRevision(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	etag := etagOf([]byte(fmt.Sprint(rev)), []byte(f.Query), []byte(f.Category), []byte(f.Env), []byte(s.publicBase(r)))
	if notModified(w, r, etag) {
		return
	}
	items, err := s.db.ListAPIs(r.Context(), f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for i := range items {
		s.decorate(r, &items[i])
	}
	body, err := encodeJSON(api.List[api.API]{Items: items})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeBody(w, r, "application/json", body)
}

func parseCatalogFilter(r *http.Request) (db.CatalogFilter, *api.Problem) {
	q := r.URL.Query()
	f := db.CatalogFilter{
		Query:    strings.TrimSpace(q.Get("q")),
		Category: api.Category(q.Get("category")),
		Env:      api.Environment(q.Get("env")),
	}
	if !utf8.ValidString(f.Query) {
		return f, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("a busca não é texto UTF-8 válido", "the search is not valid UTF-8 text")).
			WithFields(api.Refuse("q", api.Say("texto inválido", "invalid text")))
	}
	if n := utf8.RuneCountInString(f.Query); n > api.MaxQueryLen {
		return f, api.Refusal(http.StatusBadRequest, api.CodeQueryTooLong,
			api.Sayf(api.Say("a busca tem %d caracteres; o limite é %d", "the search has %d characters; the limit is %d"), n, api.MaxQueryLen)).
			WithFields(api.Refuse("q", api.Sayf(api.Say("até %d caracteres", "up to %d characters"), api.MaxQueryLen)))
	}
	var bad []api.FieldError
	if f.Category != "" && !f.Category.Valid() {
		bad = append(bad, api.Refuse("category", api.Sayf(msgAccepted, join(api.Categories))))
	}
	if f.Env != "" && !f.Env.Valid() {
		bad = append(bad, api.Refuse("env", api.Sayf(msgAccepted, join(api.Environments))))
	}
	if bad != nil {
		return f, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("parâmetro de filtro inválido", "invalid filter parameter")).WithFields(bad...)
	}
	return f, nil
}

func (s *Server) getAPI(w http.ResponseWriter, r *http.Request) {
	a, ok := s.lookupAPI(w, r)
	if !ok {
		return
	}
	s.decorate(r, &a)
	s.writeCacheableJSON(w, r, a)
}

func (s *Server) getTerms(w http.ResponseWriter, r *http.Request) {
	a, ok := s.lookupAPI(w, r)
	if !ok {
		return
	}
	t, pdf, err := s.db.TermsPDF(r.Context(), a.ID)
	if errors.Is(err, db.ErrNotFound) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("esta API ainda não tem termo de uso publicado", "this API has no published terms of use yet")))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+t.ID+`.pdf"`)
	writeCacheable(w, r, "application/pdf", pdf)
}

// getAPIDoc serves the stored copy of an API's OpenAPI document.
func (s *Server) getAPIDoc(w http.ResponseWriter, r *http.Request) {
	a, ok := s.lookupAPI(w, r)
	if !ok {
		return
	}
	doc, err := s.db.OpenAPIDoc(r.Context(), a.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if len(doc) == 0 {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("esta API ainda não tem documento OpenAPI publicado", "this API has no published OpenAPI document yet")))
		return
	}
	writeCacheable(w, r, "application/json", doc)
}

// lookupAPI validates {id} and loads the API, answering 400 or 404 itself.
func (s *Server) lookupAPI(w http.ResponseWriter, r *http.Request) (api.API, bool) {
	id := r.PathValue("id")
	if err := api.ValidateAPIID(id); err != nil {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidID, api.MsgOf(err)).
			WithFields(api.RefuseErr("id", err)))
		return api.API{}, false
	}
	a, err := s.db.GetAPI(r.Context(), id)
	hidden := err == nil && a.State != api.APIPublished && !s.catalogAdmin(r)
	if errors.Is(err, db.ErrNotFound) || hidden { // drafts and retired APIs are not public
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAPINotFound,
			api.Sayf(api.Say("não há API %q no catálogo; confira o identificador", "there is no API %q in the catalog; check the id"), id)))
		return api.API{}, false
	}
	if err != nil {
		s.internal(w, r, err)
		return api.API{}, false
	}
	return a, true
}

// decorate fills the fields that depend on how the client reached us.
func (s *Server) decorate(r *http.Request, a *api.API) {
	a.OpenAPIURL = s.publicBase(r) + "/api/v1/apis/" + a.ID + "/openapi.json"
}

func join[T ~string](vals []T) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}
