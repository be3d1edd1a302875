package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// writeJSON sends v as JSON with status.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// writeCacheable sends a body with a strong ETag derived from its bytes and
// answers 304 when the client already has it, so revalidation costs a hash
// and no transfer.
func writeCacheable(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	if notModified(w, r, etagOf(body)) {
		return
	}
	writeBody(w, r, contentType, body)
}

// etagOf derives a strong ETag from the parts that determine a response.
func etagOf(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// notModified sets the validators and answers 304 when the client's copy
// is current. It reports whether the response is done.
func notModified(w http.ResponseWriter, r *http.Request, etag string) bool {
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

func writeBody(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatches implements If-None-Match's weak comparison (RFC 9110 13.1.2).
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

func (s *Server) writeCacheableJSON(w http.ResponseWriter, r *http.Request, v any) {
	body, err := encodeJSON(v)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeCacheable(w, r, "application/json", body)
}

func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	err := json.NewEncoder(&buf).Encode(v)
	return buf.Bytes(), err
}

// problem sends an RFC 9457 problem+json body, worded in the language the
// request's Accept-Language prefers (pt-BR by default).
func (s *Server) problem(w http.ResponseWriter, r *http.Request, p *api.Problem) {
	p = p.In(api.AcceptLang(r.Header.Get("Accept-Language")))
	p.Instance = loggedPath(r)
	w.Header().Add("Vary", "Accept-Language")
	body, _ := json.Marshal(p) // only strings and ints
	w.Header().Set("Content-Type", api.ProblemContentType)
	w.WriteHeader(p.Status)
	w.Write(body)
}

// internal logs the detail and tells the client only that it failed, as
// FAQ 4.1 advises for 500s: try again later, report with date and time.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, db.ErrBusy) || db.Contended(err):
		// The write did not happen; the client may simply try again.
		w.Header().Set("Retry-After", "1")
		s.problem(w, r, api.Refusal(http.StatusServiceUnavailable, api.CodeBusy, api.Say("servidor ocupado: a operação não foi feita; tente de novo em instantes", "server busy: the operation was not done; try again in a moment")))
		return
	case db.Unavailable(err) && r.Context().Err() == nil:
		// PostgreSQL is out of reach: not this request's fault, and the
		// pool reconnects by itself when it is back.
		s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		s.problem(w, r, api.Refusal(http.StatusServiceUnavailable, api.CodeDBUnavailable, api.Say("banco de dados indisponível no momento; tente de novo em instantes", "the database is unavailable at the moment; try again in a moment")))
		return
	case r.Context().Err() != nil:
		return // the client went away: nobody to answer, nothing to log
	case errors.Is(err, db.ErrKeyTaken):
		// Another request with this Idempotency-Key wrote first; the
		// idempotency wrapper answers with that one's answer instead.
		w.Header().Set("Retry-After", "1")
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeIdempotencyInProgress, api.Say("o pedido com esta Idempotency-Key ainda está em andamento; tente de novo em instantes", "the call with this Idempotency-Key is still in progress; try again in a moment")))
		return
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.problem(w, r, api.Refusal(http.StatusInternalServerError, api.CodeInternal, api.Say("erro interno do servidor; tente novamente em alguns minutos e, se persistir, informe o suporte com data e hora", "internal server error; try again in a few minutes and, if it goes on, tell support the date and time")))
}
