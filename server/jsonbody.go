package server

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/strictjson"
)

// decodeJSON reads a request's JSON body into v, strictly
// (internal/strictjson): declared as application/json (UTF-8), at most
// MaxJSONBodyBytes, one value, no key twice, no unknown field, no text
// with control or direction-changing characters. Otherwise it answers the
// problem (415, 413 or 400 naming the field) and returns false.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if p := jsonContentType(r.Header.Get("Content-Type")); p != nil {
		s.problem(w, r, p)
		return false
	}
	body, ok := s.readBody(w, r, api.MaxJSONBodyBytes, api.CodeBodyTooLarge,
		api.Sayf(api.Say("corpo maior que %d KiB", "a body larger than %d KiB"), api.MaxJSONBodyBytes>>10))
	if !ok {
		return false
	}
	if err := strictjson.Decode(body, v); err != nil {
		var e *strictjson.Error
		p := api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("corpo JSON inválido: ", "invalid JSON body: ").Plus(jsonErrorMsg(err)))
		if errors.As(err, &e) && e.Path != "" {
			p = p.WithFields(api.Refuse(e.Path, jsonErrorMsg(&strictjson.Error{Message: e.Message})))
		}
		s.problem(w, r, p)
		return false
	}
	return true
}

// jsonContentType refuses a body declared as anything but JSON in UTF-8
// (or not declared at all): a form or text/plain body is often a client
// that meant something else, and a browser's cross-site "simple" request.
func jsonContentType(header string) *api.Problem {
	refuse := api.Refusal(http.StatusUnsupportedMediaType, api.CodeUnsupportedMediaType, api.Say("envie o corpo como Content-Type: application/json", "send the body as Content-Type: application/json"))
	if header == "" {
		return refuse
	}
	typ, params, err := mime.ParseMediaType(header)
	if err != nil || typ != "application/json" {
		return refuse
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return api.Refusal(http.StatusUnsupportedMediaType, api.CodeUnsupportedMediaType,
			api.Sayf(api.Say("o corpo deve ser UTF-8 (charset=%s não é aceito)", "the body must be UTF-8 (charset=%s is not accepted)"), cs))
	}
	return nil
}

// readBody reads a request body of at most limit bytes; past it, it
// answers 413 with code and detail, and 400 when the body cannot be read.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int64, code api.Code, detail api.Msg) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.problem(w, r, api.Refusal(http.StatusRequestEntityTooLarge, code, detail))
		return nil, false
	case err != nil:
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("o corpo não pôde ser lido", "the body could not be read")))
		return nil, false
	}
	return body, true
}

// readPDF reads an uploaded PDF (an attachment, terms of use): at most
// 10 MB (413), a PDF by its content (415); what names it in the answers.
func (s *Server) readPDF(w http.ResponseWriter, r *http.Request, what api.Msg) ([]byte, bool) {
	body, ok := s.readBody(w, r, api.MaxAttachmentBytes, api.CodeAttachmentTooLarge, what.Plus(api.Say(" passa do limite de 10 MB por arquivo", " exceeds the 10 MB limit per file")))
	if !ok {
		return nil, false
	}
	if err := api.ValidatePDF(body); err != nil {
		s.problem(w, r, api.Refusal(http.StatusUnsupportedMediaType, api.CodeNotPDF, what.Plus(api.Say(" deve ser um PDF: ", " must be a PDF: ")).Plus(api.MsgOf(err))))
		return nil, false
	}
	return body, true
}
