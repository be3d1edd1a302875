package session

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorsAreTypedAndEnglish(t *testing.T) {
	cause := errors.New("cause")
	for _, k := range ErrorKinds() {
		e := &Error{Kind: k, Err: cause}
		if s := e.Error(); strings.HasPrefix(s, "session error") || strings.ContainsAny(s, "ãçéíóúâêõ") {
			t.Errorf("kind %d: developer text %q", k, s)
		}
		if !errors.Is(e, cause) || !errors.Is(fmt.Errorf("x: %w", e), &Error{Kind: k}) {
			t.Errorf("kind %d: does not wrap its cause or match its kind", k)
		}
	}
	if errors.Is(&Error{Kind: KindDenied}, ErrNoSession) || !errors.Is(&Error{Kind: KindNoSession}, ErrNoSession) {
		t.Error("ErrNoSession must match no-session errors only")
	}
}
