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
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("a query string não pôde ser lida (um % sem dois dígitos hexadecimais?)", "the query string could not be read (a % without two hex digits?)")))
			return
		}
		for name, vs := range values {
			for _, text := range append([]string{name}, vs...) {
				var msg api.Msg
				switch {
				case !utf8.ValidString(text):
					msg = api.Say("não é texto UTF-8 válido", "not valid UTF-8 text")
				case strings.ContainsAny(text, "\n\r\t"):
					msg = api.Say("quebra de linha ou tabulação", "a line break or a tab")
				default:
					msg = api.BadTextMsg(text)
				}
				if msg.PtBR != "" {
					s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter,
						api.Sayf(api.Say("parâmetro %s inválido: ", "invalid parameter %s: "), name).Plus(msg)).
						WithFields(api.Refuse(name, msg)))
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
