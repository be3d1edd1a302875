package identity

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// ActivationTTL is how long an activation code works.
const ActivationTTL = 72 * time.Hour

// NewActivationCode returns a one-time code like "BDKM-QRTX-FGHJ-WXYC"
// (16 of 18 letters: 66 bits, guessed at most a few times a minute per
// address) and the hash the database keeps.
func NewActivationCode() (code, hash string) {
	const limit = 256 - 256%len(userCodeAlphabet)
	out := make([]byte, 0, 19)
	b := make([]byte, 1)
	for len(out) < 19 {
		if len(out)%5 == 4 {
			out = append(out, '-')
		}
		rand.Read(b)
		if int(b[0]) < limit {
			out = append(out, userCodeAlphabet[int(b[0])%len(userCodeAlphabet)])
		}
	}
	code = string(out)
	return code, HashActivationCode(code)
}

// HashActivationCode hashes a code however it was typed (case, dashes,
// spaces).
func HashActivationCode(code string) string {
	return hashToken(strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code)))
}

//go:embed activation.html
var activationHTML string

var activationTmpl = template.Must(template.Must(template.New("activation").Parse(activationHTML)).Parse(pageHead))

type activationData struct {
	T                       activationText
	CSRF, Code, Error, Done string
}

func (e *Endpoints) renderActivation(w http.ResponseWriter, status int, data activationData) {
	if data.Done == "" {
		data.CSRF = newCSRF(w, time.Hour)
	}
	writePage(w, status, activationTmpl, data)
}

// activationPage shows the form where a person added by an administrator
// sets their password with the one-time code.
func (e *Endpoints) activationPage(w http.ResponseWriter, r *http.Request) {
	e.renderActivation(w, http.StatusOK, activationData{T: activationTextFor(r)})
}

// activationSubmit checks CSRF, the password's rules and the code (guesses
// limited per address), then sets the password: the code is spent, and
// every earlier sign-in of the person ends.
func (e *Endpoints) activationSubmit(w http.ResponseWriter, r *http.Request) {
	t := activationTextFor(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		e.renderActivation(w, http.StatusBadRequest, activationData{T: t, Error: t.BadForm})
		return
	}
	f := r.PostForm
	data := activationData{T: t, Code: strings.ToUpper(strings.TrimSpace(f.Get("code")))}
	cookie, err := r.Cookie(csrfCookie)
	if err != nil || f.Get("csrf") == "" || subtle.ConstantTimeCompare([]byte(cookie.Value), []byte(f.Get("csrf"))) != 1 {
		data.Error = t.Expired
		e.renderActivation(w, http.StatusForbidden, data)
		return
	}
	password := f.Get("password")
	switch n := utf8.RuneCountInString(password); {
	case n < api.MinPasswordLen:
		data.Error = t.Short
	case n > 256:
		data.Error = t.Long
	case password != f.Get("confirm"):
		data.Error = t.Mismatch
	}
	if data.Error != "" {
		e.renderActivation(w, http.StatusBadRequest, data)
		return
	}
	ctx := r.Context()
	ok, wait, found := e.codeFailures.reserve(ctx, addrKey(e.addr(r)))
	if !ok {
		w.Header().Set("Retry-After", retryAfter(wait))
		data.Error = devicePageTextOf(t).TooMany(wait)
		e.renderActivation(w, http.StatusTooManyRequests, data)
		return
	}
	// The code first: a wrong one costs no password hash (tens of
	// milliseconds of CPU each, and a guesser could ask for many).
	codeHash := HashActivationCode(data.Code)
	switch pending, err := e.DB.ActivationPending(ctx, codeHash, e.Issuer.now()); {
	case err != nil:
		e.activationError(w, err, data)
		return
	case !pending:
		data.Error = t.UnknownCode
		e.renderActivation(w, http.StatusBadRequest, data)
		return
	}
	hash, err := hashPasswordBounded(ctx, password)
	if err != nil {
		e.activationError(w, err, data)
		return
	}
	username, err := e.DB.Activate(ctx, codeHash, hash, e.Issuer.now())
	switch {
	case errors.Is(err, db.ErrNotFound):
		data.Error = t.UnknownCode
		e.renderActivation(w, http.StatusBadRequest, data)
		return
	case err != nil:
		found()
		e.activationError(w, err, data)
		return
	}
	found() // a code that works is no guess
	e.Log.Info("account activated", "user", username)
	e.renderActivation(w, http.StatusOK, activationData{T: t, Done: t.DoneFor(username)})
}

func (e *Endpoints) activationError(w http.ResponseWriter, err error, data activationData) {
	e.Log.Error("activation failed", "err", err)
	data.Error = data.T.Internal
	e.renderActivation(w, http.StatusInternalServerError, data)
}
