package i18n

// CredText is the Credenciais page's wording (FAQ 3.3, 3.14–3.16, 4.1;
// Conecta FAQ 3–5).
type CredText struct {
	Tab, Title, SignIn, Only, Empty, Loading                            string
	ClientID, Secret, Institution, Request, TokenURL, GatewayURL, State string
	// Created labels when the client was made (the request's approval).
	Created                                                                 string
	NoSecret, Blocked, Revoked, PrevValid, Masked, SecretSince              string
	KeyCopyID, KeyNewSecret, KeyTest, KeyAllowlist, KeyCopySecret, KeyClose string
	ConfirmGenerate, ConfirmRegenerate, GraceLabel, GraceOptions            string
	Generating, RevealTitle, RevealWarn, RevealClosed, NotNow               string
	TestTitle, TestPaste, Testing, TestOK, TestRefusedToken                 string
	TestRefusedGateway, CauseBadClient, CauseUnauthorized, CauseWrongEnv    string
	CauseIP, CauseToken, CauseOther, TestNeedsSecret                        string
	AllowTitle, AllowHint, AllowSaved, AllowLoading, AllowInvalid           string
	ClipboardCleared, ClearIn, ChannelOSC52, ChannelTmux, ChannelNative     string
	// TmuxKeeps: inside tmux a copied secret may stay in tmux's buffers,
	// which gecli cannot clear (said on the copy and in the reveal).
	TmuxKeeps                                                                 string
	ChannelNativeFailed, SecretLabel, ExplainNotApproved, NotRequester, Stale string
	// The list at scale: its search, and Solicitações' key to a request's
	// credential (KeyShow).
	SearchHint, TitleFound, NoMatch, NotListed, KeyShow string
}

var credPtBR = CredText{
	Tab: "Credenciais", Title: "Credenciais (%d)",
	SignIn:   "Entre (L) para ver as credenciais das suas instituições.",
	Only:     "Credenciais pertencem a instituições: entre como Solicitante vinculado a uma.",
	Empty:    "Nenhuma credencial ainda: cada solicitação aprovada ganha a sua (FAQ 3.3).",
	Loading:  "Carregando credenciais…",
	ClientID: "Client ID", Secret: "Secret ID", Institution: "Instituição", Request: "Solicitação", Created: "Criada em",
	TokenURL: "Token (OAuth2)", GatewayURL: "Gateway", State: "Situação",
	NoSecret:    "ainda não gerado · n gera o secret",
	Blocked:     "bloqueada até o formulário técnico (Solicitações → f)",
	Revoked:     "revogada com a solicitação: não emite mais tokens",
	PrevValid:   "o secret anterior ainda vale até %s",
	Masked:      "mascarado: o secret só aparece quando é gerado",
	SecretSince: "gerado em %s",
	KeyCopyID:   "copiar client id", KeyNewSecret: "novo secret", KeyTest: "testar", KeyAllowlist: "IPs autorizados",
	KeyCopySecret: "copiar secret", KeyClose: "fechar",
	ConfirmGenerate:    "Gerar o secret de %s (%s)?",
	ConfirmRegenerate:  "Regenerar o secret de %s (%s)? O secret atual será invalidado (FAQ 3.16).",
	GraceLabel:         "Carência do secret atual: ",
	GraceOptions:       "nenhuma, invalida já|1 hora|24 horas",
	Generating:         "Gerando o secret…",
	RevealTitle:        "Novo secret · copie agora",
	RevealWarn:         "⚠ Este secret não será exibido de novo. Copie-o (s) para o sistema integrador; se perdê-lo, gere outro (FAQ 3.16).",
	RevealClosed:       "Secret removido da tela. Se não o copiou, gere outro (n).",
	NotNow:             "Aguarde: ainda há uma operação em andamento.",
	TestTitle:          "Testar credencial %s",
	TestPaste:          "Cole o secret (não é guardado): ",
	Testing:            "Pedindo um token (client_credentials) e chamando o gateway…",
	TestOK:             "✔ Gateway aceitou: %s · %s · instituição %s · IP de origem %s (%d ms)",
	TestRefusedToken:   "✖ O endpoint de token recusou (%d %s): %s",
	TestRefusedGateway: "✖ O gateway recusou (%d %s): %s",
	CauseBadClient:     "Causa: client_id ou secret incorretos, ou secret já substituído. Ação: cole o secret inteiro; se o perdeu, gere outro (n).",
	CauseUnauthorized:  "Causa: a solicitação não está mais aprovada. Ação: verifique o status em Solicitações (FAQ 4.1).",
	CauseWrongEnv:      "Causa: a credencial é de outro ambiente. Ação: use a credencial do ambiente (Homologação, Produção) e da API chamados (Conecta FAQ 5).",
	CauseIP:            "Causa: o IP de saída não está entre os autorizados da instituição. Ação: cadastre a faixa de saída (i) (Conecta FAQ 3 e 4).",
	CauseToken:         "Causa: o token JWT expirou ou está inválido. Ação: peça um novo token pelo fluxo OAuth2 Client Credentials (FAQ 4.1).",
	CauseOther:         "Tente de novo em alguns minutos; se persistir, informe o suporte com data e hora (FAQ 4.1).",
	TestNeedsSecret:    "Cole o secret para testar.",
	AllowTitle:         "IPs autorizados · %s",
	AllowHint:          "Faixas CIDR separadas por vírgula (ex.: 200.152.0.0/16, 2001:db8::/32). Sem faixas, homologação aceita qualquer origem e produção nenhuma.",
	AllowSaved:         "IPs autorizados salvos: %d faixa(s).",
	AllowLoading:       "Carregando a lista…",
	AllowInvalid:       "Faixa inválida: %s",
	ClipboardCleared:   "Área de transferência limpa (OSC 52).",
	ClearIn:            " Será limpa em %s.",
	TmuxKeeps:          " O tmux pode guardar uma cópia no histórico de buffers, que o gecli não apaga (tmux delete-buffer).",
	ChannelOSC52:       "OSC 52", ChannelTmux: "passthrough do tmux", ChannelNative: "área de transferência do sistema",
	ChannelNativeFailed: "sem área de transferência do sistema",
	SecretLabel:         "Secret",
	ExplainNotApproved:  "Erro ao gerar credencial: a solicitação precisa estar Aprovada e ativa, com o formulário técnico completo quando exigido (FAQ 4.1).",
	NotRequester:        "Só Solicitantes da instituição geram secrets e editam IPs.",
	Stale:               "Lista do cache de %s.",
	SearchHint:          "API, nº ou instituição",
	TitleFound:          "Credenciais (%d de %d)",
	NoMatch:             "Nenhuma credencial com essa busca · esc limpa a busca",
	NotListed:           "A credencial de %s não está na lista: ctrl+r atualiza.",
	KeyShow:             "ver credencial",
}

var credEn = CredText{
	Tab: "Credentials", Title: "Credentials (%d)",
	SignIn:   "Sign in (L) to see your institutions' credentials.",
	Only:     "Credentials belong to institutions: sign in as a Requester linked to one.",
	Empty:    "No credentials yet: each approved request gets its own (FAQ 3.3).",
	Loading:  "Loading credentials…",
	ClientID: "Client ID", Secret: "Secret ID", Institution: "Institution", Request: "Request", Created: "Created",
	TokenURL: "Token (OAuth2)", GatewayURL: "Gateway", State: "State",
	NoSecret:    "not generated yet · n generates it",
	Blocked:     "blocked until the technical form (Requests → f)",
	Revoked:     "revoked with its request: issues no more tokens",
	PrevValid:   "the previous secret still works until %s",
	Masked:      "masked: a secret is shown only when generated",
	SecretSince: "generated %s",
	KeyCopyID:   "copy client id", KeyNewSecret: "new secret", KeyTest: "test", KeyAllowlist: "allowed IPs",
	KeyCopySecret: "copy secret", KeyClose: "close",
	ConfirmGenerate:    "Generate the secret of %s (%s)?",
	ConfirmRegenerate:  "Regenerate the secret of %s (%s)? The current secret will be invalidated (FAQ 3.16).",
	GraceLabel:         "Grace for the current secret: ",
	GraceOptions:       "none, invalidate now|1 hour|24 hours",
	Generating:         "Generating the secret…",
	RevealTitle:        "New secret · copy it now",
	RevealWarn:         "⚠ This secret will not be shown again. Copy it (s) into the integrating system; if you lose it, generate another (FAQ 3.16).",
	RevealClosed:       "Secret removed from the screen. If you did not copy it, generate another (n).",
	NotNow:             "Wait: an operation is still running.",
	TestTitle:          "Test credential %s",
	TestPaste:          "Paste the secret (not stored): ",
	Testing:            "Requesting a token (client_credentials) and calling the gateway…",
	TestOK:             "✔ Gateway accepted: %s · %s · institution %s · source IP %s (%d ms)",
	TestRefusedToken:   "✖ The token endpoint refused (%d %s): %s",
	TestRefusedGateway: "✖ The gateway refused (%d %s): %s",
	CauseBadClient:     "Cause: wrong client_id or secret, or a secret already replaced. Action: paste the whole secret; if lost, generate another (n).",
	CauseUnauthorized:  "Cause: the request is no longer approved. Action: check its status in Requests (FAQ 4.1).",
	CauseWrongEnv:      "Cause: the credential belongs to the other environment. Action: use the credential of the environment (Staging, Production) and API you call (Conecta FAQ 5).",
	CauseIP:            "Cause: the egress IP is not among the institution's allowed ranges. Action: register the egress range (i) (Conecta FAQ 3 and 4).",
	CauseToken:         "Cause: the JWT expired or is invalid. Action: request a new token with the OAuth2 Client Credentials flow (FAQ 4.1).",
	CauseOther:         "Try again in a few minutes; if it persists, tell support the date and time (FAQ 4.1).",
	TestNeedsSecret:    "Paste the secret to test.",
	AllowTitle:         "Allowed IPs · %s",
	AllowHint:          "CIDR ranges separated by commas (e.g. 200.152.0.0/16, 2001:db8::/32). With none, staging accepts any source and production none.",
	AllowSaved:         "Allowed IPs saved: %d range(s).",
	AllowLoading:       "Loading the list…",
	AllowInvalid:       "Invalid range: %s",
	ClipboardCleared:   "Clipboard cleared (OSC 52).",
	ClearIn:            " It will be cleared in %s.",
	TmuxKeeps:          " tmux may keep a copy in its buffer history, which gecli cannot clear (tmux delete-buffer).",
	ChannelOSC52:       "OSC 52", ChannelTmux: "tmux passthrough", ChannelNative: "system clipboard",
	ChannelNativeFailed: "no system clipboard",
	SecretLabel:         "Secret",
	ExplainNotApproved:  "Could not generate the credential: the request must be Approved and active, with the technical form complete where required (FAQ 4.1).",
	NotRequester:        "Only the institution's Requesters generate secrets and edit IPs.",
	Stale:               "List cached at %s.",
	SearchHint:          "API, number or institution",
	TitleFound:          "Credentials (%d of %d)",
	NoMatch:             "No credential matches · esc clears the search",
	NotListed:           "The credential of %s is not in the list: ctrl+r refreshes.",
	KeyShow:             "open credential",
}
