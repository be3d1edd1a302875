package api

import (
	"fmt"
	"net/http"

	"golang.org/x/text/language"
)

// Msg is a sentence for people in both of gecli's languages. The server
// words every problem with one, and answers in the language the request's
// Accept-Language prefers (Problem.In).
type Msg struct{ PtBR, En string }

// Say pairs a sentence with its translation.
func Say(pt, en string) Msg { return Msg{PtBR: pt, En: en} }

// Sayf fills m's verbs with args, in each language (args are values, the
// same in both: numbers, identifiers, what was refused).
func Sayf(m Msg, args ...any) Msg {
	return Msg{PtBR: fmt.Sprintf(m.PtBR, args...), En: fmt.Sprintf(m.En, args...)}
}

// In is m in lang (pt-BR unless lang is English and m has English).
func (m Msg) In(lang Lang) string {
	if lang == En && m.En != "" {
		return m.En
	}
	return m.PtBR
}

// Plus joins two sentences' parts in each language.
func (m Msg) Plus(o Msg) Msg { return Msg{PtBR: m.PtBR + o.PtBR, En: m.En + o.En} }

var acceptLanguages = language.NewMatcher([]language.Tag{language.BrazilianPortuguese, language.English})

// AcceptLang is the language an Accept-Language header prefers among
// gecli's: pt-BR by default (no header, or none of the two), English when
// the header prefers it. The server's problems and the /device pages
// both pick theirs with it.
func AcceptLang(header string) Lang {
	tags, _, _ := language.ParseAcceptLanguage(header)
	if len(tags) == 0 {
		return PtBR
	}
	if _, i, conf := acceptLanguages.Match(tags...); i == 1 && conf != language.No {
		return En
	}
	return PtBR
}

// AcceptLanguage is the header value a client sends to be answered in lang.
func AcceptLanguage(lang Lang) string {
	if lang == En {
		return "en"
	}
	return "pt-BR"
}

// Refusal builds a problem whose detail is worded in both languages; the
// server sends it In the request's language.
func Refusal(status int, code Code, detail Msg) *Problem {
	p := NewProblem(status, code, detail.PtBR)
	p.detailEn = detail.En
	return p
}

// Refuse names a refused field and says why, in both languages.
func Refuse(field string, why Msg) FieldError {
	return FieldError{Field: field, Message: why.PtBR, en: why.En}
}

// In is the message in lang: what the validator said in English when
// lang is English and it said it, else the message as it is.
func (f FieldError) In(lang Lang) string {
	if lang == En && f.en != "" {
		return f.en
	}
	return f.Message
}

// Msg is the refusal in both languages (the message twice when it was
// built without a translation).
func (f FieldError) Msg() Msg {
	if f.en == "" {
		return Msg{PtBR: f.Message, En: f.Message}
	}
	return Msg{PtBR: f.Message, En: f.en}
}

// In is a copy of p worded in lang: its title, detail and field messages.
// pt-BR is the default; a problem built with one language (NewProblem)
// keeps it.
func (p *Problem) In(lang Lang) *Problem {
	cp := *p
	if lang == En {
		cp.Title = http.StatusText(p.Status)
		if p.detailEn != "" {
			cp.Detail = p.detailEn
		}
	} else if t, ok := ptTitles[p.Status]; ok && p.Title == http.StatusText(p.Status) {
		cp.Title = t
	}
	cp.Fields = make([]FieldError, len(p.Fields))
	for i, f := range p.Fields {
		cp.Fields[i] = FieldError{Field: f.Field, Message: f.In(lang)}
	}
	if len(p.Fields) == 0 {
		cp.Fields = nil
	}
	return &cp
}

// ptTitles are the titles (RFC 9110's reason phrases) of the statuses the
// server answers with, in Portuguese.
var ptTitles = map[int]string{
	http.StatusBadRequest:            "Requisição inválida",
	http.StatusUnauthorized:          "Não autenticado",
	http.StatusForbidden:             "Proibido",
	http.StatusNotFound:              "Não encontrado",
	http.StatusMethodNotAllowed:      "Método não permitido",
	http.StatusConflict:              "Conflito",
	http.StatusRequestEntityTooLarge: "Conteúdo grande demais",
	http.StatusUnsupportedMediaType:  "Tipo de mídia não suportado",
	http.StatusUnprocessableEntity:   "Conteúdo não processável",
	http.StatusTooManyRequests:       "Pedidos demais",
	http.StatusInternalServerError:   "Erro interno do servidor",
	http.StatusServiceUnavailable:    "Serviço indisponível",
}

// Ptr is f for validators that answer one *FieldError.
func (f FieldError) Ptr() *FieldError { return &f }

func refusal(field string, why Msg) *FieldError { return Refuse(field, why).Ptr() }
