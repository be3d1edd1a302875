package i18n

// OpinionText is the wording of technical opinions (pareceres técnicos,
// FAQ 3.17): their section in a request's detail, the box that adds one
// on Avaliação, and the server's refusals of a write.
type OpinionText struct {
	// The detail's section.
	Section, None string
	// File: %s name, %d size in KB.
	File string

	// The box.
	KeyAdd, KeySend, Title, TextLabel, PathLabel, PathPlaceholder string
	// KeyToPDF and KeyToText move between the text and the PDF's path;
	// KeyComplete completes the path.
	KeyToPDF, KeyToText, KeyComplete, Sending string
	// Count: %s typed, %s the limit.
	Count string
	// TooLong: %s typed, %s the limit.
	TooShort, TooLong, BadText string
	// Added: %s request.
	Added string

	// Refusals of the server that any write may meet (common.Explain).
	// Invalid: %s the fields refused.
	ExplainState, ExplainTooLarge, ExplainNotPDF, ExplainMediaType, ExplainInvalid string
}

var opinionPtBR = OpinionText{
	Section: "Pareceres técnicos", None: "nenhum parecer",
	File: "PDF: %s (%d KB)",

	KeyAdd: "parecer técnico", KeySend: "enviar", KeyToPDF: "ir ao PDF", KeyToText: "voltar ao texto", KeyComplete: "completar",
	Title:           "Parecer técnico sobre %s · %s",
	TextLabel:       "Parecer (enter quebra a linha):",
	PathLabel:       "PDF (opcional): ",
	PathPlaceholder: "caminho do arquivo; tab completa",
	Sending:         "Enviando o parecer…",
	Count:           "%s de %s caracteres",
	TooShort:        "O parecer precisa de ao menos 10 caracteres visíveis.",
	TooLong:         "O parecer tem %s caracteres; o limite é %s. Encurte-o antes de enviar.",
	BadText:         "O texto tem um caractere invisível ou de controle que não é aceito: apague-o e envie de novo.",
	Added:           "Parecer técnico registrado em %s.",

	ExplainState:     "409 – a solicitação mudou de situação e não aceita mais esta operação: atualize (ctrl+r) para ver a situação atual.",
	ExplainTooLarge:  "413 – o arquivo passa do limite de 10 MB: reduza o PDF ou envie sem ele.",
	ExplainNotPDF:    "415 – o arquivo não é um PDF válido (ou está incompleto): exporte-o de novo em PDF e tente outra vez.",
	ExplainMediaType: "415 – o servidor não aceitou o formato do envio: atualize o gecli; se persistir, informe o suporte.",
	ExplainInvalid:   "422 – o servidor recusou os dados (%s) e nada foi gravado: corrija o que está marcado e envie de novo.",
}

var opinionEn = OpinionText{
	Section: "Technical opinions", None: "no opinion",
	File: "PDF: %s (%d KB)",

	KeyAdd: "technical opinion", KeySend: "send", KeyToPDF: "to the PDF", KeyToText: "back to the text", KeyComplete: "complete",
	Title:           "Technical opinion on %s · %s",
	TextLabel:       "Opinion (enter breaks the line):",
	PathLabel:       "PDF (optional): ",
	PathPlaceholder: "file path; tab completes",
	Sending:         "Sending the opinion…",
	Count:           "%s of %s characters",
	TooShort:        "An opinion needs at least 10 visible characters.",
	TooLong:         "The opinion has %s characters; the limit is %s. Shorten it before sending.",
	BadText:         "The text has an invisible or control character that is not accepted: delete it and send again.",
	Added:           "Technical opinion registered on %s.",

	ExplainState:     "409 – the request changed status and no longer takes this operation: refresh (ctrl+r) to see where it stands.",
	ExplainTooLarge:  "413 – the file is over the 10 MB limit: make the PDF smaller or send without it.",
	ExplainNotPDF:    "415 – the file is not a valid PDF (or is cut short): export it to PDF again and retry.",
	ExplainMediaType: "415 – the server did not accept the format of what was sent: update gecli; if it persists, tell support.",
	ExplainInvalid:   "422 – the server refused the data (%s) and nothing was saved: fix what is marked and send again.",
}
