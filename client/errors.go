package client

import (
	"errors"
	"fmt"

	"github.com/gecli/gecli/api"
)

// ProblemError is a problem+json answer (or any non-2xx) from the server.
type ProblemError struct{ Problem api.Problem }

func (e *ProblemError) Error() string { return e.Problem.Error() }

// NetworkError means the server could not be reached or did not answer in
// time: the caller should go offline, not report a refusal.
type NetworkError struct{ Err error }

func (e *NetworkError) Error() string { return "server unreachable: " + e.Err.Error() }
func (e *NetworkError) Unwrap() error { return e.Err }

// IsOffline reports whether err means the server could not be reached.
func IsOffline(err error) bool {
	var ne *NetworkError
	return errors.As(err, &ne)
}

// ProblemCode returns the problem code of err, or "".
func ProblemCode(err error) api.Code {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe.Problem.Code
	}
	return ""
}

// ErrorKind says what went wrong on the client's side of a call, when it
// is neither a refusal (*ProblemError) nor an unreachable server
// (*NetworkError).
type ErrorKind int

const (
	KindBadServerURL      ErrorKind = iota + 1 // URL: the address as given
	KindBadResponse                            // Path: what answered; Err: the decoding error
	KindNoIssuer                               // the server's /api/v1/meta names no issuer
	KindNoDeviceFlow                           // URL: the issuer
	KindDiscoveryFailed                        // URL: the issuer; Status, or Err when unreadable
	KindRevocationRefused                      // Status
	KindSaveToken                              // Err: why the refreshed token was not stored
	KindSignedOut                              // Code: the issuer's OAuth error code, if any
	KindBadOpenAPI                             // Err: the parser's complaint
	KindBadGateway                             // URL: the gateway check; Err: the decoding error
	KindBadTerms                               // ID: the API; Err: why it is not a PDF
	kindEnd                                    // keep last: ErrorKinds lists what comes before
)

// ErrorKinds lists every kind, so the UI's texts can be checked for all.
func ErrorKinds() []ErrorKind {
	out := make([]ErrorKind, 0, kindEnd-1)
	for k := ErrorKind(1); k < kindEnd; k++ {
		out = append(out, k)
	}
	return out
}

// Error is a typed client failure: a kind and the values a sentence about
// it needs. Error() is English developer text for logs; the TUI words it
// for people (tui/common.Explain).
type Error struct {
	Kind   ErrorKind
	URL    string // server, issuer or gateway address
	Path   string // API path that answered
	ID     string // API id
	Status int    // HTTP status
	Code   string // OAuth error code
	Err    error  // the cause, when there is one
}

func (e *Error) Error() string {
	var s string
	switch e.Kind {
	case KindBadServerURL:
		s = fmt.Sprintf("invalid server URL %q: want http(s)://host[:port]", e.URL)
	case KindBadResponse:
		s = "invalid response from " + e.Path
	case KindNoIssuer:
		s = "the server announces no token issuer"
	case KindNoDeviceFlow:
		s = fmt.Sprintf("issuer %s offers no device flow (RFC 8628)", e.URL)
	case KindDiscoveryFailed:
		s = "issuer discovery at " + e.URL
		if e.Status != 0 {
			s += fmt.Sprintf(": HTTP %d", e.Status)
		}
	case KindRevocationRefused:
		s = fmt.Sprintf("revocation refused: HTTP %d", e.Status)
	case KindSaveToken:
		s = "save the refreshed token"
	case KindSignedOut:
		s = "signed out"
		if e.Code != "" {
			s += " (" + e.Code + ")"
		}
	case KindBadOpenAPI:
		s = "unreadable OpenAPI document"
	case KindBadGateway:
		s = "invalid answer from the gateway " + e.URL
	case KindBadTerms:
		s = "terms of use of " + e.ID
	default:
		s = fmt.Sprintf("client error %d", e.Kind)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches errors of the same kind, so errors.Is(err, ErrSignedOut)
// holds whatever code the issuer gave.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

// ErrSignedOut means there is no usable session: sign in again.
var ErrSignedOut error = &Error{Kind: KindSignedOut}
