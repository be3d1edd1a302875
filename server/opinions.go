package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// opinionRoutes: technical opinions (pareceres técnicos, FAQ 3.17), so
// that analysis and approval can be separate people.
func (s *Server) opinionRoutes() {
	s.handle("POST", "/api/v1/requests/{id}/opinions", s.withPermission(s.idempotent(s.addOpinion, keepAnswer), api.PermRequestsAnalyze))
}

// addOpinion takes {"text"} as JSON, or multipart/form-data with a text
// field and an optional PDF in file.
func (s *Server) addOpinion(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	text, pdf, ok := s.readOpinion(w, r)
	if !ok {
		return
	}
	text = api.TrimText(text)
	var fe *api.FieldError
	switch {
	case api.VisibleLen(text) < 10:
		fe = api.Refuse("text", api.Say("o parecer precisa de ao menos 10 caracteres", "the opinion needs at least 10 characters")).Ptr()
	case utf8.RuneCountInString(text) > api.MaxOpinionLen:
		fe = api.Refuse("text", api.Say("no máximo 8.000 caracteres", "at most 8,000 characters")).Ptr()
	case api.BadText(text) != "":
		fe = api.Refuse("text", api.Say("texto ", "text ").Plus(api.BadTextMsg(text))).Ptr()
	}
	if fe != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("parecer inválido; nada foi gravado", "invalid opinion; nothing was saved")).WithFields(*fe))
		return
	}
	id := make([]byte, 8)
	rand.Read(id)
	if pdf != nil {
		pdf.ID = "att-" + hex.EncodeToString(id)
	}
	// The id begins with the time, so opinions of the same second keep
	// their order.
	now := time.Now()
	oid := fmt.Sprintf("op-%016x%s", now.UnixNano(), hex.EncodeToString(id[:4]))
	o, err := s.db.AddOpinion(r.Context(), req.ID, oid, text, pdf, db.Actor{ID: p.Subject, Name: p.Name}, now)
	switch {
	case errors.Is(err, db.ErrState):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say("só solicitações em análise recebem pareceres", "only requests under review take opinions")))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, o)
}

func (s *Server) readOpinion(w http.ResponseWriter, r *http.Request) (string, *db.PDF, bool) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		var in struct {
			Text string `json:"text"`
		}
		if !s.decodeJSON(w, r, &in) {
			return "", nil, false
		}
		return in.Text, nil, true
	}
	// The form's parts are read one by one within a bound: the PDF's 10 MB
	// and a little for the text and the headers.
	body := http.MaxBytesReader(w, r.Body, api.MaxAttachmentBytes+64<<10)
	mr := multipart.NewReader(body, params["boundary"])
	var text string
	var pdf *db.PDF
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.problem(w, r, api.Refusal(http.StatusRequestEntityTooLarge, api.CodeAttachmentTooLarge, api.Say("o parecer passa do limite de 10 MB", "the opinion exceeds the 10 MB limit")))
			return "", nil, false
		}
		if err != nil {
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("formulário multipart ilegível", "unreadable multipart form")))
			return "", nil, false
		}
		content, err := io.ReadAll(part)
		if errors.As(err, &tooLarge) {
			s.problem(w, r, api.Refusal(http.StatusRequestEntityTooLarge, api.CodeAttachmentTooLarge, api.Say("o parecer passa do limite de 10 MB", "the opinion exceeds the 10 MB limit")))
			return "", nil, false
		}
		if err != nil {
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("formulário multipart ilegível", "unreadable multipart form")))
			return "", nil, false
		}
		switch part.FormName() {
		case "text":
			if text != "" || !utf8.Valid(content) {
				s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("um só campo text, em UTF-8", "a single text field, in UTF-8")))
				return "", nil, false
			}
			text = string(content)
		case "file":
			if pdf != nil {
				s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Say("um só PDF por parecer", "a single PDF per opinion")))
				return "", nil, false
			}
			name := part.FileName()
			if err := api.ValidateFilename(name); err != nil {
				s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("nome de arquivo recusado: ", "file name refused: ").Plus(api.MsgOf(err))).
					WithFields(api.RefuseErr("file", err)))
				return "", nil, false
			}
			if err := api.ValidatePDF(content); err != nil {
				s.problem(w, r, api.Refusal(http.StatusUnsupportedMediaType, api.CodeNotPDF, api.Say("o anexo do parecer deve ser um PDF: ", "the opinion's attachment must be a PDF: ").Plus(api.MsgOf(err))))
				return "", nil, false
			}
			pdf = &db.PDF{Filename: name, Content: content}
		default:
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeValidation, api.Sayf(api.Say("campo desconhecido: %s (use text e file)", "unknown field: %s (use text and file)"), part.FormName())))
			return "", nil, false
		}
	}
	return text, pdf, true
}
