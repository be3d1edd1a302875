package i18n

// ReviewText is the wording of Avaliação that came with the queue as a
// window over every pending request, its filters, the working-day
// deadline, the decisions' drafts and the bulk decision. (The page's
// first texts, QueueEmpty, ApprovePrompt and the like, stay in Text.)
type ReviewText struct {
	// Pending: %s the count (Plural forms). Counting while it is counted.
	Pending, Counting string
	// Marked: %s marks (Plural forms).
	Marked string
	// Overdue: %d the working days; the queue's legend of "!".
	Overdue string
	// Scroll: %s first line, %s last line, %s lines of the detail.
	Scroll string

	// The filters: each field's label, the bar's hint, the keys.
	FilterAPI, FilterInstitution, FilterCNPJ, FilterID string
	FilterHint, FilterTyping                           string

	// Keys.
	KeyFilter, KeyClearFilters, KeyScroll, KeyMark, KeyMarkAll string
	KeyNextFilter, KeyPrevFilter, KeyClearFilter               string
	KeyBulkApprove, KeyBulkReject, KeyStop                     string

	// Marks: MarkedAll %s how many; Unmarked %s how many; MarkLimit %s
	// marked, %s in the filter, %s the limit.
	MarkedAll, Unmarked, MarkLimit string
	// BatchFull: %s the limit.
	BatchFull string

	// The decision dialog: a draft found for it; the checks of
	// the justification (TooLong: %s typed, %s the limit).
	DraftRestored, DialogSending, TooLong, BadText string
	// OnlyThis: the dialog decides the cursor's request while others are
	// marked (plural forms, %s how many): those stay, A/X decide them.
	OnlyThis string
	// AlreadyDecided: %s request, %s status, %s who, %s when; without
	// who or when, AlreadyDecidedStatus: %s request, %s status.
	AlreadyDecided, AlreadyDecidedStatus string

	// The bulk dialog: the title (%s the count, Plural forms), more
	// (%s the rest), its keys, the run (%s done, %s of all; esc stops).
	BulkApprove, BulkReject, BulkMore, BulkKeys, BulkRunning, BulkStopping string
	// The justification's label, for approving and for rejecting.
	BulkOptional, BulkRequired string
	// The summary: its title (%s count, Plural forms), its sections (%s
	// count), each elsewhere (%s status, %s who, %s when), not sent after
	// a stop, its keys.
	BulkDone, BulkDecided, BulkElsewhere, BulkFailed, BulkNotSent string
	ElsewhereBy, ElsewhereStatus, BulkSummaryKeys                 string
	// NoLongerPending: a request decided elsewhere, the server not saying how.
	NoLongerPending string
}

var reviewPtBR = ReviewText{
	Pending: "%s pendente|%s pendentes", Counting: "contando…",
	Marked:  "%s marcada|%s marcadas",
	Overdue: "! em análise há mais de %d dias úteis",
	Scroll:  "linhas %s–%s de %s · pgup/pgdn",

	FilterAPI: "API", FilterInstitution: "Instituição", FilterCNPJ: "CNPJ", FilterID: "Nº",
	FilterHint:   "/ filtrar: API, instituição, CNPJ, nº",
	FilterTyping: "tab próximo filtro · enter aplica · esc limpa este filtro",

	KeyFilter: "filtrar", KeyClearFilters: "limpar filtros", KeyScroll: "rolar o detalhe",
	KeyNextFilter: "próximo filtro", KeyPrevFilter: "filtro anterior", KeyClearFilter: "limpar este filtro",
	KeyMark: "marcar", KeyMarkAll: "marcar todas do filtro",
	KeyBulkApprove: "aprovar marcadas", KeyBulkReject: "reprovar marcadas", KeyStop: "parar o lote",

	MarkedAll: "%s marcadas: todas as do filtro.",
	Unmarked:  "Marcas retiradas de %s.",
	MarkLimit: "Marcadas as %s mais antigas das %s do filtro: um lote decide no máximo %s.",
	BatchFull: "Um lote decide no máximo %s solicitações: decida as marcadas antes de marcar mais.",

	DraftRestored: "rascunho recuperado",
	OnlyThis:      "Só esta solicitação: %s outra marcada fica como está (A/X decidem as marcadas).|Só esta solicitação: as %s marcadas ficam como estão (A/X decidem as marcadas).",
	DialogSending: "aguarde a resposta do servidor",
	TooLong:       "A justificativa tem %s caracteres; o limite é %s. Encurte-a antes de enviar.",
	BadText:       "A justificativa tem um caractere invisível ou de controle que não é aceito: apague-o e envie de novo.",

	AlreadyDecided:       "%s: já %s por %s em %s.",
	AlreadyDecidedStatus: "%s: já %s.",

	BulkApprove:  "Aprovar %s marcada:|Aprovar %s marcadas:",
	BulkReject:   "Reprovar %s marcada:|Reprovar %s marcadas:",
	BulkMore:     "… e mais %s",
	BulkOptional: "Justificativa, a mesma para todas (opcional):",
	BulkRequired: "Justificativa, a mesma para todas (obrigatória):",
	BulkKeys:     "enter decide cada uma (uma confirmação para todas) · esc fecha (o texto fica guardado)",
	BulkRunning:  "Decidindo: %s de %s · esc para depois das que estão em curso",
	BulkStopping: "Parando: aguardando %s em curso…",

	BulkDone:        "Lote: %s solicitação|Lote: %s solicitações",
	BulkDecided:     "✓ %s decididas agora",
	BulkElsewhere:   "↷ %s já decididas em outro lugar",
	BulkFailed:      "✖ %s falharam (seguem marcadas)",
	BulkNotSent:     "… %s não enviadas (o lote foi parado; seguem marcadas)",
	ElsewhereBy:     "%s por %s em %s",
	ElsewhereStatus: "já %s",
	BulkSummaryKeys: "j/k rola · enter ou esc fecha",
	NoLongerPending: "não está mais em análise",
}

var reviewEn = ReviewText{
	Pending: "%s pending|%s pending", Counting: "counting…",
	Marked:  "%s marked|%s marked",
	Overdue: "! under review for more than %d working days",
	Scroll:  "lines %s–%s of %s · pgup/pgdn",

	FilterAPI: "API", FilterInstitution: "Institution", FilterCNPJ: "CNPJ", FilterID: "No.",
	FilterHint:   "/ filter: API, institution, CNPJ, no.",
	FilterTyping: "tab next filter · enter applies · esc clears this filter",

	KeyFilter: "filter", KeyClearFilters: "clear filters", KeyScroll: "scroll the detail",
	KeyNextFilter: "next filter", KeyPrevFilter: "previous filter", KeyClearFilter: "clear this filter",
	KeyMark: "mark", KeyMarkAll: "mark all in the filter",
	KeyBulkApprove: "approve marked", KeyBulkReject: "reject marked", KeyStop: "stop the batch",

	MarkedAll: "%s marked: every one in the filter.",
	Unmarked:  "Marks taken off %s.",
	MarkLimit: "Marked the %s oldest of the %s in the filter: a batch decides at most %s.",
	BatchFull: "A batch decides at most %s requests: decide the marked ones before marking more.",

	DraftRestored: "draft restored",
	OnlyThis:      "This request only: %s other marked request stays as it is (A/X decide the marked ones).|This request only: the %s marked stay as they are (A/X decide the marked ones).",
	DialogSending: "waiting for the server's answer",
	TooLong:       "The justification has %s characters; the limit is %s. Shorten it before sending.",
	BadText:       "The justification has an invisible or control character that is not accepted: delete it and send again.",

	AlreadyDecided:       "%s: already %s by %s on %s.",
	AlreadyDecidedStatus: "%s: already %s.",

	BulkApprove:  "Approve %s marked request:|Approve %s marked requests:",
	BulkReject:   "Reject %s marked request:|Reject %s marked requests:",
	BulkMore:     "… and %s more",
	BulkOptional: "Justification, the same for all (optional):",
	BulkRequired: "Justification, the same for all (required):",
	BulkKeys:     "enter decides each one (one confirmation for all) · esc closes (the text is kept)",
	BulkRunning:  "Deciding: %s of %s · esc stops after those under way",
	BulkStopping: "Stopping: waiting for %s under way…",

	BulkDone:        "Batch: %s request|Batch: %s requests",
	BulkDecided:     "✓ %s decided now",
	BulkElsewhere:   "↷ %s already decided elsewhere",
	BulkFailed:      "✖ %s failed (still marked)",
	BulkNotSent:     "… %s not sent (the batch was stopped; still marked)",
	ElsewhereBy:     "%s by %s on %s",
	ElsewhereStatus: "already %s",
	BulkSummaryKeys: "j/k scrolls · enter or esc closes",
	NoLongerPending: "no longer under review",
}
