package identity

import (
	"fmt"
	"net/http"
)

// activationText is the activation form in one language.
type activationText struct {
	Lang, Title, Heading, Intro, Code, Password, Confirm, Submit, Footer string

	BadForm, Expired, Short, Long, Mismatch, UnknownCode, Internal string
	done                                                           string // with the username
}

var activationPT = activationText{
	Lang: "pt-BR", Title: "gecli · Ativar conta", Heading: "Gestão de Clientes · ativar sua conta",
	Intro: "Digite o código de ativação que a administração lhe entregou e escolha sua senha. Ninguém mais a conhece.",
	Code:  "Código de ativação", Password: "Nova senha (12 caracteres ou mais)", Confirm: "Repita a senha", Submit: "Ativar",
	Footer:      "O código vale uma vez, por 72 horas. Se expirou, peça um novo à administração.",
	BadForm:     "Formulário inválido ou grande demais.",
	Expired:     "A sessão desta página expirou ou o envio não veio dela. Envie de novo.",
	Short:       "A senha precisa de ao menos 12 caracteres.",
	Long:        "A senha pode ter no máximo 256 caracteres.",
	Mismatch:    "As duas senhas não conferem.",
	UnknownCode: "Código desconhecido, expirado ou já usado, ou conta desativada. Peça um novo código à administração.",
	Internal:    "Erro interno. Tente novamente em alguns minutos.",
	done:        "Conta %s ativada. Entre no terminal com gecli login.",
}

var activationEN = activationText{
	Lang: "en", Title: "gecli · Activate your account", Heading: "Gestão de Clientes · activate your account",
	Intro: "Type the activation code the administrators gave you and choose your password. No one else knows it.",
	Code:  "Activation code", Password: "New password (12 characters or more)", Confirm: "Repeat the password", Submit: "Activate",
	Footer:      "The code works once, for 72 hours. If it expired, ask the administrators for a new one.",
	BadForm:     "Invalid or oversized form.",
	Expired:     "This page's session expired or the form did not come from it. Send again.",
	Short:       "The password needs at least 12 characters.",
	Long:        "The password may have at most 256 characters.",
	Mismatch:    "The two passwords do not match.",
	UnknownCode: "Unknown, expired or already used code, or a disabled account. Ask the administrators for a new code.",
	Internal:    "Internal error. Try again in a few minutes.",
	done:        "Account %s activated. Sign in on the terminal with gecli login.",
}

func activationTextFor(r *http.Request) activationText {
	if deviceTextFor(r).Lang == "en" {
		return activationEN
	}
	return activationPT
}

// DoneFor is the success sentence naming the account.
func (t activationText) DoneFor(username string) string { return fmt.Sprintf(t.done, username) }

// devicePageTextOf is the device page's text in the same language (its
// rate-limit sentence).
func devicePageTextOf(t activationText) deviceText {
	if t.Lang == "en" {
		return deviceEN
	}
	return devicePT
}
