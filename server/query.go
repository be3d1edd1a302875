package server

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
)

// strictQuery refuses, on every route, a query string that does not
// decode, or a parameter (name or value) that is not valid UTF-8 or holds
// a control or direction-changing character: each handler then reads
// only text a person could have typed.
func (s *Server) strictQuery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "" {
			next.ServeHTTP(w, r)
			return
		}
		values, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			s.problem(w, r, api.NewProblem(http.StatusBadRequest, api.CodeInvalidParameter,
				"a query string não pôde ser lida (um % sem dois dígitos hexadecimais?)"))
			return
		}
		for name, vs := range values {
			for _, text := range append([]string{name}, vs...) {
				msg := ""
				switch {
				case !utf8.ValidString(text):
					msg = "não é texto UTF-8 válido"
				case strings.ContainsAny(text, "\n\r\t"):
					msg = "quebra de linha ou tabulação"
				default:
					msg = api.BadText(text)
				}
				if msg != "" {
					s.problem(w, r, api.NewProblem(http.StatusBadRequest, api.CodeInvalidParameter, "parâmetro "+name+" inválido: "+msg).
						WithFields(api.FieldError{Field: name, Message: msg}))
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
