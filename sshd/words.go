package sshd

import "github.com/gecli/gecli/api"

// sshWords are what gecli ssh says itself, before or after the TUI.
type sshWords struct {
	NoCommands, NoTerminal, Full, NoCache, Idle string
}

var wordsPtBR = sshWords{
	NoCommands: "gecli ssh serve só a interface interativa: conecte sem comando (ssh -p PORTA host).",
	NoTerminal: "gecli ssh precisa de um terminal: conecte com ssh -t.",
	Full:       "gecli ssh está com o máximo de sessões abertas; tente de novo em alguns minutos.",
	NoCache:    "gecli ssh não conseguiu abrir os dados desta chave; avise o administrador.",
	Idle:       "Sessão encerrada após %s sem uso. Conecte de novo quando quiser: você continua conectado.",
}

var wordsEn = sshWords{
	NoCommands: "gecli ssh serves only the interactive interface: connect without a command (ssh -p PORT host).",
	NoTerminal: "gecli ssh needs a terminal: connect with ssh -t.",
	Full:       "gecli ssh has the most sessions it serves open; try again in a few minutes.",
	NoCache:    "gecli ssh could not open this key's data; tell the administrator.",
	Idle:       "Session ended after %s unused. Connect again whenever you like: you stay signed in.",
}

func words(l api.Lang) sshWords {
	if l == api.En {
		return wordsEn
	}
	return wordsPtBR
}
