package session

import "fmt"

// ErrorKind says how signing in or out failed.
type ErrorKind int

const (
	KindNoSession         ErrorKind = iota + 1 // nobody is signed in on this cache
	KindDenied                                 // the person refused on the approval page
	KindCodeExpired                            // the user code expired before approval
	KindStartFailed                            // the issuer gave no user code (Err)
	KindFinishFailed                           // the device flow did not complete (Err)
	KindRevokeUnconfirmed                      // tokens deleted here; the issuer did not confirm (Err)
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

var kindNames = [kindEnd]string{"", "no session on this cache", "sign-in denied", "user code expired",
	"start sign-in", "finish sign-in", "tokens deleted here, revocation not confirmed by the issuer"}

// Error is a sign-in or sign-out failure. Error() is English developer
// text; the TUI words it for people.
type Error struct {
	Kind ErrorKind
	Err  error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("session error %d", e.Kind)
	if e.Kind > 0 && e.Kind < kindEnd {
		s = kindNames[e.Kind]
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches errors of the same kind (errors.Is(err, ErrNoSession)).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}
