package common

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/i18n"
)

// Explain turns an error into a sentence in the UI's language: the FAQ's
// cause and suggested action for the server's problem codes (FAQ 4.1 and
// 4.2), the wording of the typed errors of client, store, session and the
// attachment checks, and for anything else a generic sentence that keeps
// the developer detail.
func Explain(t *i18n.Text, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := Known(t, err); ok {
		return s
	}
	return t.Unexpected(err.Error())
}

// Known words err when gecli knows what it means, and reports whether it
// did. The outermost known error of the chain speaks, its cause completes
// the sentence; for the rest, callers keep their own text (the CLI prints
// its own errors as they are).
func Known(t *i18n.Text, err error) (string, bool) {
	return known(t, err, true)
}

// known walks err's chain (errors.Unwrap, and errors.Join's branches) from
// the outside in. top is false for a cause inside another sentence.
func known(t *i18n.Text, err error, top bool) (string, bool) {
	for err != nil {
		if s := explainOne(t, err, top); s != "" {
			return s, true
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if s, ok := known(t, e, top); ok {
					return s, true
				}
			}
			return "", false
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		default:
			return "", false
		}
	}
	return "", false
}

// explainOne words err itself (not its chain), or returns "".
func explainOne(t *i18n.Text, err error, top bool) string {
	if err == ErrNoDownloadDir {
		return t.NoDownloadDir
	}
	if err == ErrHostFiles {
		return t.Remote.NoHostFiles
	}
	switch e := err.(type) {
	case *client.NetworkError:
		if top {
			return t.RetryHint
		}
		return t.Err.Unreachable
	case *client.ProblemError:
		return explainProblem(t, &e.Problem)
	case *client.Error:
		return t.ClientError(e, cause(t, e.Err))
	case *store.Error:
		return t.StoreError(e, cause(t, e.Err))
	case *session.Error:
		return t.SessionError(e, cause(t, e.Err))
	case *api.AttachmentError:
		return t.AttachmentError(e, cause(t, e.Err))
	}
	return ""
}

func explainProblem(t *i18n.Text, p *api.Problem) string {
	code := p.Code
	switch {
	case code == api.CodeBadOpenAPI:
		// The server's detail is "documento OpenAPI inválido: " (or its
		// English) and the parser's own (English) message: the sentence
		// says the first part in the UI's language.
		detail := p.Detail
		if _, parser, ok := strings.Cut(detail, ": "); ok {
			detail = parser
		}
		return fmt.Sprintf(t.Admin.ExplainBadOpenAPI, detail)
	case code == api.CodeValidation && len(p.Fields) > 0:
		names := make([]string, len(p.Fields))
		for i, f := range p.Fields {
			names[i] = f.Field
		}
		return fmt.Sprintf(t.Opinion.ExplainInvalid, strings.Join(names, ", "))
	case code == "http_404":
		return t.Explain404
	case strings.HasPrefix(string(code), "http_5"):
		return t.Explain500
	}
	if s, ok := t.CodeText(code); ok {
		return s
	}
	// A code this gecli does not know (a newer server's): the server's
	// detail, which it words in the UI's language (client.WithLang).
	if p.Detail != "" {
		return fmt.Sprintf(t.Err.RefusedDetail, p.Status, code, p.Detail)
	}
	return fmt.Sprintf(t.Err.Refused, p.Status, code)
}

// cause words the cause of a typed error for the middle of its sentence:
// a known error's own wording, else the developer detail (for a file
// error, without the path the sentence already names).
func cause(t *i18n.Text, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := known(t, err, false); ok {
		return s
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
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
