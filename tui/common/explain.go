package common

import (
	"errors"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/tui/i18n"
)

// Explain turns an error into the FAQ's cause and suggested action (FAQ
// 4.1 and 4.2), in the UI's language. Unknown errors keep their detail.
func Explain(t *i18n.Text, err error) string {
	if err == nil {
		return ""
	}
	if client.IsOffline(err) {
		return t.RetryHint
	}
	code := client.ProblemCode(err)
	switch {
	case code == api.CodeTokenExpired || code == api.CodeInvalidToken:
		return t.Explain401
	case code == api.CodeForbiddenRole:
		return t.Explain403
	case code == api.CodeInstitutionNotLinked:
		return t.ExplainNotLinked
	case code == api.CodeNotFound || code == api.CodeAPINotFound || code == "http_404":
		return t.Explain404
	case code == api.CodeInternal || strings.HasPrefix(string(code), "http_5"):
		return t.Explain500
	}
	return err.Error()
}

// SignedOut reports whether err means the session is over (as opposed to
// the server being unreachable): the sign-in screen is then the answer.
func SignedOut(err error) bool {
	code := client.ProblemCode(err)
	return errors.Is(err, session.ErrNoSession) || errors.Is(err, client.ErrSignedOut) ||
		code == api.CodeInvalidToken || code == api.CodeTokenExpired
}
