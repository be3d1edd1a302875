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

	// The SEI box (S): the process, every send and the full log of calls.
	// KeyBox opens it; BoxTitle: %s request, %s API. The headings: Sends
	// and Calls take %s the count.
	KeyBox, BoxTitle                         string
	ProcessHeading, SendsHeading, LogHeading string
	Number, State, RefreshFailed, NoCalls    string
	LinkPending, LinkLinked, LinkFailed      string
	SentState, PendingState, FailedState     string
	KindProcess, KindDocument, KindMovement  string
	// The items in words: ItemAttachment %s the file name, ItemOpinion %s
	// who wrote it, ItemMovement %s the action.
	ItemProcess, ItemAttachment, ItemOpinion string
	ItemForm, ItemMovement                   string
	// A send's line: Attempts plural forms; DoneAt %s a time; Result %s
	// SEI's answer or the failure.
	Attempts, DoneAt, Result string
	// A call's line: Attempt %d the attempt; the outcomes.
	Attempt, OutcomeOK, OutcomeFault, OutcomeUnavailable string
	// Scrolled: %s first line, %s last, %s all of them.
	Scrolled string
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

	KeyBox: "processo SEI e chamadas", BoxTitle: "SEI · %s · %s",
	ProcessHeading: "Processo", SendsHeading: "Envios (%s)", LogHeading: "Chamadas ao SEI (%s), da mais recente",
	Number: "Número", State: "Situação", RefreshFailed: "O SEI não respondeu agora: %s", NoCalls: "nenhuma chamada ao SEI ainda",
	LinkPending: "pendente", LinkLinked: "vinculado", LinkFailed: "falhou",
	SentState: "enviado", PendingState: "pendente", FailedState: "falhou",
	KindProcess: "processo", KindDocument: "documento", KindMovement: "andamento",
	ItemProcess: "resumo da solicitação (abre o processo)", ItemAttachment: "anexo %s", ItemOpinion: "parecer técnico de %s",
	ItemForm: "formulário técnico", ItemMovement: "andamento: %s",
	Attempts: "%s tentativa|%s tentativas", DoneAt: "concluído %s", Result: "resultado: %s",
	Attempt: "tentativa %d", OutcomeOK: "ok", OutcomeFault: "recusada pelo SEI", OutcomeUnavailable: "SEI indisponível",
	Scrolled: "linhas %s–%s de %s",
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

	KeyBox: "SEI process and calls", BoxTitle: "SEI · %s · %s",
	ProcessHeading: "Process", SendsHeading: "Sends (%s)", LogHeading: "Calls to SEI (%s), newest first",
	Number: "Number", State: "State", RefreshFailed: "SEI did not answer just now: %s", NoCalls: "no call to SEI yet",
	LinkPending: "pending", LinkLinked: "linked", LinkFailed: "failed",
	SentState: "sent", PendingState: "pending", FailedState: "failed",
	KindProcess: "process", KindDocument: "document", KindMovement: "movement",
	ItemProcess: "request summary (opens the process)", ItemAttachment: "attachment %s", ItemOpinion: "technical opinion by %s",
	ItemForm: "technical form", ItemMovement: "movement: %s",
	Attempts: "%s attempt|%s attempts", DoneAt: "done %s", Result: "result: %s",
	Attempt: "attempt %d", OutcomeOK: "ok", OutcomeFault: "refused by SEI", OutcomeUnavailable: "SEI unavailable",
	Scrolled: "lines %s–%s of %s",
}
