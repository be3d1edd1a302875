package i18n

// BoxText is the wording of the keys and notes of overlays and of what
// routes between them.
type BoxText struct {
	// CacheNotSaved: the server's answer is on screen, but the local
	// cache could not keep it (%s: the reason).
	CacheNotSaved string
	KeyChoose     string
	KeyClose      string
	// KeyCloseKeep: esc on a box whose text is kept for the next time.
	KeyCloseKeep  string
	KeyCancel     string
	KeyScroll     string
	KeyGrace      string
	KeyCopySecret string
	KeySave       string
	KeyField      string
	KeyTyping     string
	KeyConfirm    string
	KeyComplete   string
	KeyAccept     string
	KeyUnattach   string
	// DecisionRecovered: %s request, %s its status now.
	DecisionRecovered string
	// Deciding: %s request.
	Deciding string
	// Problems of retried writes (Idempotency-Key).
	ExplainBusy, ExplainSecretNotReplayed, ExplainAnswerLost string
}

var boxPtBR = BoxText{
	CacheNotSaved: "Resposta do servidor exibida, mas o cache local não a guardou (%s): offline ela não estará disponível.",
	KeyChoose:     "escolher", KeyClose: "fechar", KeyCloseKeep: "fechar (guarda o texto)", KeyCancel: "cancelar", KeyScroll: "rolar", KeyGrace: "carência", KeyCopySecret: "copiar o secret",
	KeySave: "salvar", KeyField: "campo", KeyTyping: "digitar",
	KeyConfirm: "avançar", KeyComplete: "completar o caminho", KeyAccept: "aceitar os termos", KeyUnattach: "remover o último anexo",
	DecisionRecovered: "A decisão de %s foi registrada (%s); a resposta se perdeu na rede e foi conferida no servidor.",
	Deciding:          "Enviando a decisão de %s…",
	ExplainBusy:       "Servidor ocupado: a operação ainda não foi feita. Tente de novo em instantes (nada será feito duas vezes).",
	ExplainAnswerLost: "A operação foi feita, mas a resposta do servidor se perdeu. Recarregue (ctrl+r) para ver o resultado.",
	ExplainSecretNotReplayed: "O secret desta operação já foi gerado e mostrado uma vez; ele não é guardado. " +
		"Se você não o copiou, gere outro (n).",
}

var boxEn = BoxText{
	CacheNotSaved: "Server answer shown, but the local cache could not keep it (%s): it will not be there offline.",
	KeyChoose:     "choose", KeyClose: "close", KeyCloseKeep: "close (keeps the text)", KeyCancel: "cancel", KeyScroll: "scroll", KeyGrace: "grace", KeyCopySecret: "copy the secret",
	KeySave: "save", KeyField: "field", KeyTyping: "type",
	KeyConfirm: "next", KeyComplete: "complete the path", KeyAccept: "accept the terms", KeyUnattach: "remove the last attachment",
	DecisionRecovered: "The decision on %s was registered (%s); its answer was lost on the network and checked on the server.",
	Deciding:          "Sending the decision on %s…",
	ExplainBusy:       "Server busy: the operation was not done yet. Try again in a moment (nothing will be done twice).",
	ExplainAnswerLost: "The operation was done, but the server's answer was lost. Reload (ctrl+r) to see the result.",
	ExplainSecretNotReplayed: "The secret of this operation was already generated and shown once; it is not kept. " +
		"If you did not copy it, generate another (n).",
}
