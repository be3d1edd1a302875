package identity

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
)

// deviceText is the /device page in one language. It speaks the
// person's language (Accept-Language: Portuguese by default, English).
type deviceText struct {
	Lang, Title, Heading, Intro, Code, User, Password, Approve, Deny, Footer, Close string
	FirstTime                                                                       string // the link to /device/activate

	BadForm, Expired, BadCodeFormat, UnknownCode, BadPassword, Approved, Denied, JustExpired, Internal string
	tooMany                                                                                            string // with the time to wait
}

var devicePT = deviceText{
	Lang: "pt-BR", Title: "gecli · Entrar no terminal", Heading: "Gestão de Clientes · entrar no terminal",
	Intro: "Digite o código mostrado pelo gecli e entre com seu usuário para autorizar aquele terminal.",
	Code:  "Código", User: "Usuário", Password: "Senha", Approve: "Autorizar", Deny: "Negar",
	Footer:        "Só autorize se foi você quem iniciou a entrada no terminal. O código expira em 10 minutos.",
	Close:         "Pode fechar esta página e voltar ao terminal.",
	FirstTime:     "Primeiro acesso? Ative sua conta com o código que a administração lhe entregou.",
	BadForm:       "Formulário inválido ou grande demais.",
	Expired:       "A sessão desta página expirou ou o envio não veio dela. Confira os dados e envie de novo.",
	BadCodeFormat: "Código em formato inválido: são 8 letras, como BCDF-GHJK.",
	UnknownCode:   "Código desconhecido, expirado ou já usado. Peça um novo código ao gecli (gecli login).",
	BadPassword:   "Usuário ou senha incorretos (ou usuário desativado).",
	Approved:      "Terminal autorizado. O gecli vai concluir a entrada em alguns segundos.",
	Denied:        "Entrada negada. O terminal foi avisado.",
	JustExpired:   "Este código acabou de expirar ou já foi usado. Peça um novo código ao gecli.",
	Internal:      "Erro interno. Tente novamente em alguns minutos.",
	tooMany:       "Muitas tentativas sem sucesso daqui. Por segurança, tente de novo em %s.",
}

var deviceEN = deviceText{
	Lang: "en", Title: "gecli · Sign in on a terminal", Heading: "Gestão de Clientes · sign in on a terminal",
	Intro: "Type the code gecli shows and sign in with your user to authorize that terminal.",
	Code:  "Code", User: "User", Password: "Password", Approve: "Authorize", Deny: "Deny",
	Footer:        "Only authorize if you started the sign-in on the terminal yourself. The code expires in 10 minutes.",
	Close:         "You can close this page and go back to the terminal.",
	FirstTime:     "First time? Activate your account with the code the administrators gave you.",
	BadForm:       "Invalid or oversized form.",
	Expired:       "This page's session expired or the form did not come from it. Check the fields and send again.",
	BadCodeFormat: "Invalid code format: 8 letters, like BCDF-GHJK.",
	UnknownCode:   "Unknown, expired or already used code. Ask gecli for a new code (gecli login).",
	BadPassword:   "Wrong user or password (or the user is disabled).",
	Approved:      "Terminal authorized. gecli will finish signing in within a few seconds.",
	Denied:        "Sign-in denied. The terminal has been told.",
	JustExpired:   "This code has just expired or was already used. Ask gecli for a new code.",
	Internal:      "Internal error. Try again in a few minutes.",
	tooMany:       "Too many failed attempts from here. For safety, try again in %s.",
}

// deviceTextFor picks the page's language from Accept-Language, as the
// API's problems do (api.AcceptLang).
func deviceTextFor(r *http.Request) deviceText {
	if api.AcceptLang(r.Header.Get("Accept-Language")) == api.En {
		return deviceEN
	}
	return devicePT
}

// TooMany says when to try again, in minutes (or seconds under one).
func (t deviceText) TooMany(wait time.Duration) string {
	var when string
	switch secs := int((wait + time.Second - 1) / time.Second); {
	case secs < 60 && t.Lang == "en":
		when = fmt.Sprintf("%d seconds", max(secs, 1))
	case secs < 60:
		when = fmt.Sprintf("%d segundos", max(secs, 1))
	case t.Lang == "en":
		when = fmt.Sprintf("%d minutes", (secs+59)/60)
	default:
		when = fmt.Sprintf("%d minutos", (secs+59)/60)
	}
	return fmt.Sprintf(t.tooMany, when)
}
