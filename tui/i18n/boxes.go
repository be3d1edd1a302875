package i18n

// BoxText is the wording of the keys and notes of overlays and of what
// routes between them.
type BoxText struct {
	// CacheNotSaved: the server's answer is on screen, but the local
	// cache could not keep it (%s: the reason).
	CacheNotSaved string
	KeyChoose     string
	KeyClose      string
	KeyGrace      string
	KeyCopySecret string
	KeySave       string
	KeyField      string
	KeyTyping     string
	KeyConfirm    string
	KeyComplete   string
	KeyAccept     string
	KeyUnattach   string
}

var boxPtBR = BoxText{
	CacheNotSaved: "Resposta do servidor exibida, mas o cache local não a guardou (%s): offline ela não estará disponível.",
	KeyChoose:     "escolher", KeyClose: "fechar", KeyGrace: "carência", KeyCopySecret: "copiar o secret",
	KeySave: "salvar", KeyField: "campo", KeyTyping: "digitar",
	KeyConfirm: "avançar", KeyComplete: "completar o caminho", KeyAccept: "aceitar os termos", KeyUnattach: "remover o último anexo",
}

var boxEn = BoxText{
	CacheNotSaved: "Server answer shown, but the local cache could not keep it (%s): it will not be there offline.",
	KeyChoose:     "choose", KeyClose: "close", KeyGrace: "grace", KeyCopySecret: "copy the secret",
	KeySave: "save", KeyField: "field", KeyTyping: "type",
	KeyConfirm: "next", KeyComplete: "complete the path", KeyAccept: "accept the terms", KeyUnattach: "remove the last attachment",
}
