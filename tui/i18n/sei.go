package i18n

// SEIText is the wording of a request's SEI administrative process
// (issue 16, FAQ 6.3): its line and section in the detail, and the retry
// of what SEI refused.
type SEIText struct {
	// The "Processo SEI" line. Pending and Failed stand alone; ToCheck
	// (%s the number the requester typed) and Typed (%s the same) follow
	// them in parentheses.
	Pending, ToCheck, Failed, Typed string

	// The section: labels, indented under the line.
	Type, Units, LastMovement, Link, Sends string
	// NotRefreshed: SEI did not answer the look-up just now.
	NotRefreshed string
	// Unavailable: %s why the section could not be read.
	Unavailable string

	// The sends' summary: plural forms ("%s one|%s many").
	SendCount, SentCount, PendingCount, FailedCount string
	// NextAttempt: %s a time; NoSends: nothing was sent yet.
	NextAttempt, NoSends string

	// Keys and toasts. Retrying: %s request. Retried: %s request, %s the
	// sends back in line. NothingToRetry: nothing failed any more.
	KeyCopyLink, KeyRetry, LinkLabel  string
	Retrying, Retried, NothingToRetry string
}

var seiPtBR = SEIText{
	Pending: "processo SEI pendente", ToCheck: "%s a conferir", Failed: "falhou", Typed: "informado: %s",

	Type: "  Tipo", Units: "  Aberto nas unidades", LastMovement: "  Último andamento", Link: "  Link", Sends: "  Envios",
	NotRefreshed: "O SEI não respondeu agora; abaixo, o que o gecli sabe.",
	Unavailable:  "Dados do SEI indisponíveis agora: %s",

	SendCount: "%s envio|%s envios", SentCount: "%s enviado|%s enviados",
	PendingCount: "%s pendente|%s pendentes", FailedCount: "%s falhou|%s falharam",
	NextAttempt: "próxima tentativa %s", NoSends: "nenhum envio ainda",

	KeyCopyLink: "copiar link SEI", KeyRetry: "reenviar ao SEI", LinkLabel: "Link do processo SEI",
	Retrying:       "Reenviando ao SEI o que falhou em %s…",
	Retried:        "%s: %s de volta à fila do SEI.",
	NothingToRetry: "Nada a reenviar: nenhum envio desta solicitação está falho agora (talvez já reenviado).",
}

var seiEn = SEIText{
	Pending: "SEI process pending", ToCheck: "%s to be checked", Failed: "failed", Typed: "typed: %s",

	Type: "  Type", Units: "  Open in units", LastMovement: "  Last movement", Link: "  Link", Sends: "  Sends",
	NotRefreshed: "SEI did not answer just now; below is what gecli knows.",
	Unavailable:  "SEI data unavailable now: %s",

	SendCount: "%s send|%s sends", SentCount: "%s sent|%s sent",
	PendingCount: "%s pending|%s pending", FailedCount: "%s failed|%s failed",
	NextAttempt: "next attempt %s", NoSends: "nothing sent yet",

	KeyCopyLink: "copy SEI link", KeyRetry: "retry SEI", LinkLabel: "SEI process link",
	Retrying:       "Sending again to SEI what failed on %s…",
	Retried:        "%s: %s back in SEI's queue.",
	NothingToRetry: "Nothing to retry: no send of this request has failed now (perhaps already retried).",
}
