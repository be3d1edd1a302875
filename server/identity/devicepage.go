package identity

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gecli/gecli/server/db"
)

//go:embed device.html
var devicePageHTML string

// pageHead is what the /device pages share: language, title, style.
//
//go:embed head.html
var pageHead string

var devicePageTmpl = template.Must(template.Must(template.New("device").Parse(devicePageHTML)).Parse(pageHead))

const csrfCookie = "gecli_csrf"

var userCodePattern = regexp.MustCompile(`^[` + userCodeAlphabet + `]{4}-[` + userCodeAlphabet + `]{4}$`)

// dummyHash is checked when the username does not exist, so a wrong
// username and a wrong password take the same time. It is made on first
// use: hashing takes tens of milliseconds, which every gecli command (the
// TUI too) would otherwise pay at start.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("gecli-dummy-password")
	return h
})

type devicePageData struct {
	T                                     deviceText
	CSRF, UserCode, Username, Error, Done string
}

// devicePage shows the form, with a fresh CSRF token in a cookie and in
// the form (double submit: a cross-site form cannot read the cookie).
func (e *Endpoints) devicePage(w http.ResponseWriter, r *http.Request) {
	e.renderDevice(w, http.StatusOK, devicePageData{T: deviceTextFor(r), UserCode: NormalizeUserCode(r.URL.Query().Get("user_code"))})
}

func (e *Endpoints) renderDevice(w http.ResponseWriter, status int, data devicePageData) {
	if data.Done == "" {
		data.CSRF = newCSRF(w, DeviceCodeTTL)
	}
	writePage(w, status, devicePageTmpl, data)
}

// newCSRF sets a fresh CSRF token in a cookie for the /device pages and
// returns it for the form (double submit: a cross-site form cannot read
// the cookie).
func newCSRF(w http.ResponseWriter, life time.Duration) string {
	token := randomToken("")
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: token, Path: "/device", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, MaxAge: int(life.Seconds())})
	return token
}

// writePage answers one of the /device pages: never cached, never framed,
// no script, forms posting only back here.
func writePage(w http.ResponseWriter, status int, tmpl *template.Template, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	tmpl.Execute(w, data)
}

// deviceSubmit checks CSRF, the code and the password, then records the
// person's decision. On any error the form comes back with what was typed
// (but the password) and a sentence saying what to do.
func (e *Endpoints) deviceSubmit(w http.ResponseWriter, r *http.Request) {
	t := deviceTextFor(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		e.renderDevice(w, http.StatusBadRequest, devicePageData{T: t, Error: t.BadForm})
		return
	}
	f := r.PostForm
	data := devicePageData{T: t, UserCode: NormalizeUserCode(f.Get("user_code")), Username: f.Get("username")}
	cookie, err := r.Cookie(csrfCookie)
	if err != nil || f.Get("csrf") == "" || subtle.ConstantTimeCompare([]byte(cookie.Value), []byte(f.Get("csrf"))) != 1 {
		data.Error = t.Expired
		e.renderDevice(w, http.StatusForbidden, data)
		return
	}
	if !userCodePattern.MatchString(data.UserCode) {
		data.Error = t.BadCodeFormat
		e.renderDevice(w, http.StatusBadRequest, data)
		return
	}
	ctx, addr := r.Context(), e.addr(r)
	// Guessing codes is limited per address; guessing a password per
	// address, per account and address, and per account (failures.refused):
	// only failures count, so the right password is never the one refused.
	ok, wait, codeFound := e.codeFailures.reserve(ctx, addrKey(addr))
	if !ok {
		e.tooManyPage(w, data, wait)
		return
	}
	now := e.Issuer.now()
	dc, err := e.DB.DeviceByUserCode(ctx, data.UserCode)
	if errors.Is(err, db.ErrNotFound) || err == nil && (dc.Status != db.DevicePending || !now.Before(dc.ExpiresAt)) {
		data.Error = t.UnknownCode
		e.renderDevice(w, http.StatusBadRequest, data)
		return
	}
	codeFound() // a known code is not a guess
	if err != nil {
		e.serverErrorPage(w, err, data)
		return
	}
	refused, wait, succeeded := e.passwordFailures.attempt(ctx, accountKey(data.Username), addr)
	if refused {
		e.tooManyPage(w, data, wait)
		return
	}
	u, err := e.DB.UserByUsername(ctx, data.Username)
	hash := dummyHash()
	switch {
	case err == nil && u.PasswordHash != "":
		hash = u.PasswordHash
	case err == nil: // added by an admin, not yet activated: no password works
	case !errors.Is(err, db.ErrNotFound):
		e.serverErrorPage(w, err, data)
		return
	}
	match, cerr := checkPasswordBounded(ctx, hash, f.Get("password"))
	if cerr != nil {
		succeeded()
		e.serverErrorPage(w, cerr, data)
		return
	}
	match = match && u.PasswordHash != ""
	if err == nil && match {
		succeeded() // the right password (even of a disabled user) is no guess
	}
	if err != nil || !match || u.Disabled {
		data.Error = t.BadPassword
		e.renderDevice(w, http.StatusUnauthorized, data)
		return
	}
	status, done := db.DeviceApproved, t.Approved
	if f.Get("action") == "deny" {
		status, done = db.DeviceDenied, t.Denied
	}
	ok, err = e.DB.DecideDevice(ctx, data.UserCode, status, u.ID, now)
	if err != nil {
		e.serverErrorPage(w, err, data)
		return
	}
	if !ok {
		data.Error = t.JustExpired
		e.renderDevice(w, http.StatusConflict, data)
		return
	}
	e.Log.Info("device authorization decided", "user", u.Username, "status", status)
	e.renderDevice(w, http.StatusOK, devicePageData{T: t, Done: done})
}

// tooManyPage is the form again, saying when to try: 429 with
// Retry-After, in the person's language.
func (e *Endpoints) tooManyPage(w http.ResponseWriter, data devicePageData, wait time.Duration) {
	w.Header().Set("Retry-After", retryAfter(wait))
	data.Error = data.T.TooMany(wait)
	e.renderDevice(w, http.StatusTooManyRequests, data)
}

// accountKey names an account in the rate limits however it was typed
// (and bounded: the key is stored).
func accountKey(username string) string {
	k := strings.ToLower(strings.TrimSpace(username))
	if len(k) > 128 {
		k = k[:128]
	}
	return k
}

func (e *Endpoints) serverErrorPage(w http.ResponseWriter, err error, data devicePageData) {
	e.Log.Error("device page failed", "err", err)
	data.Error = data.T.Internal
	e.renderDevice(w, http.StatusInternalServerError, data)
}

// passwordChecks bounds the password hashes computed at once: each costs
// tens of milliseconds of CPU, and a flood of sign-ins must not take the
// server's cores.
var passwordChecks = make(chan struct{}, 4)

func hashPasswordBounded(ctx context.Context, password string) (string, error) {
	select {
	case passwordChecks <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-passwordChecks }()
	return HashPassword(password)
}

func checkPasswordBounded(ctx context.Context, hash, password string) (bool, error) {
	select {
	case passwordChecks <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-passwordChecks }()
	return CheckPassword(hash, password)
}
