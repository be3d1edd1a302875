package identity

import (
	"crypto/subtle"
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"regexp"
	"sync"

	"github.com/gecli/gecli/server/db"
)

//go:embed device.html
var devicePageHTML string

var devicePageTmpl = template.Must(template.New("device").Parse(devicePageHTML))

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
	CSRF, UserCode, Username, Error, Done string
}

// devicePage shows the form, with a fresh CSRF token in a cookie and in
// the form (double submit: a cross-site form cannot read the cookie).
func (e *Endpoints) devicePage(w http.ResponseWriter, r *http.Request) {
	e.renderDevice(w, http.StatusOK, devicePageData{UserCode: NormalizeUserCode(r.URL.Query().Get("user_code"))})
}

func (e *Endpoints) renderDevice(w http.ResponseWriter, status int, data devicePageData) {
	if data.Done == "" {
		data.CSRF = randomToken("")
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: data.CSRF, Path: "/device", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, MaxAge: int(DeviceCodeTTL.Seconds())})
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	devicePageTmpl.Execute(w, data)
}

// deviceSubmit checks CSRF, the code and the password, then records the
// person's decision. On any error the form comes back with what was typed
// (but the password) and a sentence saying what to do.
func (e *Endpoints) deviceSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		e.renderDevice(w, http.StatusBadRequest, devicePageData{Error: "Formulário inválido ou grande demais."})
		return
	}
	f := r.PostForm
	data := devicePageData{UserCode: NormalizeUserCode(f.Get("user_code")), Username: f.Get("username")}
	cookie, err := r.Cookie(csrfCookie)
	if err != nil || f.Get("csrf") == "" || subtle.ConstantTimeCompare([]byte(cookie.Value), []byte(f.Get("csrf"))) != 1 {
		data.Error = "A sessão desta página expirou ou o envio não veio dela. Confira os dados e envie de novo."
		e.renderDevice(w, http.StatusForbidden, data)
		return
	}
	if !userCodePattern.MatchString(data.UserCode) {
		data.Error = "Código em formato inválido: são 8 letras, como BCDF-GHJK."
		e.renderDevice(w, http.StatusBadRequest, data)
		return
	}
	now := e.Issuer.now()
	dc, err := e.DB.DeviceByUserCode(r.Context(), data.UserCode)
	if errors.Is(err, db.ErrNotFound) || err == nil && (dc.Status != db.DevicePending || !now.Before(dc.ExpiresAt)) {
		data.Error = "Código desconhecido, expirado ou já usado. Peça um novo código ao gecli (gecli login)."
		e.renderDevice(w, http.StatusBadRequest, data)
		return
	}
	if err != nil {
		e.serverErrorPage(w, err, data)
		return
	}
	u, err := e.DB.UserByUsername(r.Context(), data.Username)
	hash := dummyHash()
	if err == nil {
		hash = u.PasswordHash
	} else if !errors.Is(err, db.ErrNotFound) {
		e.serverErrorPage(w, err, data)
		return
	}
	match, _ := CheckPassword(hash, f.Get("password"))
	if err != nil || !match || u.Disabled {
		data.Error = "Usuário ou senha incorretos (ou usuário desativado)."
		e.renderDevice(w, http.StatusUnauthorized, data)
		return
	}
	status, done := db.DeviceApproved, "Terminal autorizado. O gecli vai concluir a entrada em alguns segundos."
	if f.Get("action") == "deny" {
		status, done = db.DeviceDenied, "Entrada negada. O terminal foi avisado."
	}
	ok, err := e.DB.DecideDevice(r.Context(), data.UserCode, status, u.ID, now)
	if err != nil {
		e.serverErrorPage(w, err, data)
		return
	}
	if !ok {
		data.Error = "Este código acabou de expirar ou já foi usado. Peça um novo código ao gecli."
		e.renderDevice(w, http.StatusConflict, data)
		return
	}
	e.Log.Info("device authorization decided", "user", u.Username, "status", status)
	e.renderDevice(w, http.StatusOK, devicePageData{Done: done})
}

func (e *Endpoints) serverErrorPage(w http.ResponseWriter, err error, data devicePageData) {
	e.Log.Error("device page failed", "err", err)
	data.Error = "Erro interno. Tente novamente em alguns minutos."
	e.renderDevice(w, http.StatusInternalServerError, data)
}
