// Package i18n holds every sentence the TUI shows, in pt-BR (the default)
// and English. A struct, not a map: a missing translation is a compile
// error, not a blank on screen.
package i18n

import (
	"time"

	"github.com/gecli/gecli/api"
)

// Text is the UI's wording in one language.
type Text struct {
	Lang api.Lang
	Box  BoxText

	AppName, Version                         string
	Online, Offline, OfflineForced, Syncing  string
	OfflineBanner                            string // %s server, %s last sync
	OfflineBannerNever                       string // %s server
	Refreshed, RefreshedUnchanged, RetryHint string
	OfflineNoRefresh                         string
	Copied                                   string // %s what, %s channels tried
	CopyNothing                              string
	TabCatalog                               string

	// Sign-in.
	SignInTitle, SignInStarting, SignInOpen, SignInType, SignInWaiting, SignInPublic, SignInQR string
	SignInFailed, SignInSkipped, SignInURL, SignInDone, SessionExpired                         string
	SessionAccessChanged                                                                       string
	NotSignedIn, KeySignIn, KeySkipSignIn, KeyCopyURL, KeyRetry                                string

	// FAQ 4.1/4.2 explanations of server answers.
	Explain401, Explain403, Explain404, Explain500, ExplainNotLinked string

	// Requests page.
	TabRequests, KeyDetail, KeySort, KeyToggleStatus, KeyStatusFocus, KeyCancelRequest                   string
	KeyDownload, KeyConfirm, SearchAPIPlaceholder, StatusLabel, SortLabel, SortNewest, SortOldest        string
	SortAPI, ColNumber, ColAPI, ColCNPJ, ColDate, ColEnv, ColStatus, ColActions, RowsCount, RowsCounting string
	ColEnvShort                                                                                          string
	RequestsSignIn, RequestsEmpty, RequestsNoMatch, RequestsSyncing, ConfirmCancel, Cancelled            string
	DetailTitle, DetailRequester, DetailInstitution, DetailContact, DetailPurpose, DetailCreated         string
	DetailDecided, DetailSEI, DetailRule, DetailCredential, DetailAttachments, DetailHistory             string
	DetailFields, DetailNoAttachments, DetailCached, Downloaded                                          string
	// DetailOnlyList: offline (or signed out) with no detail in the cache:
	// what the list keeps is shown, and the rest comes later.
	DetailOnlyList string
	// NoDownloadDir: no --download-dir and no home folder.
	NoDownloadDir string

	// Wizard.
	WizTitle, WizDraftSaved, WizSteps, WizName, WizPhone, WizSEI, WizPath, WizPickAPI, WizNoAPIMatch          string
	WizNoInstitution, WizAcceptTerms, WizSignIn, SignInToRequest, WizUploadFailed, WizSubmitting, WizKeyClose string
	WizKeyAddOrNext, WizKeySend, WizKeyFix, WizKeyDone, WizTermsSummary                                       string
	WizTermsAccept, WizPendingWhy, WizFormLater, WizSubmitted, KeyNewRequest, KeyRequestAPI                   string
	KeyResumeDraft                                                                                            string
	// Solicitações' search (by API, number, SEI process or CNPJ) and the
	// drafts picker's delete.
	KeySearchRequests, SearchRequestsPlaceholder, KeyDeleteDraft, ConfirmDeleteDraft string
	DraftDeleted, DraftsTitle, DraftsCount                                           string

	// Verification form and triage.
	FormTitle, FormComplete, FormIncomplete, TabReview, QueueEmpty                   string
	KeyApprove, KeyReject, ApprovePrompt, RejectPrompt, JustificationLabel, Decided  string
	JustificationRequired, SystemTypeLabel, KeyFilterSystem, ReviewOnly              string
	FormEntity, FormProject, FormNeedsPDF, FormCompleted, KeyForm, FormNotApplicable string
	// KeyCopyID copies a request's number, RequestNumber names it.
	KeyCopyID, RequestNumber string

	// Keys (help).
	KeyNext, KeyPrev, KeySearch, KeyRefresh, KeyHelp, KeyQuit, KeyMove, KeyOpen, KeyBack string
	KeyJump                                                                              string
	KeyCategory, KeyEnv, KeyPage, KeyCopyDoc, KeyCopyHMG, KeyCopyPRD                     string
	KeyFirst, KeyLast, KeySearchKeep, KeySearchClear                                     string
	HelpTitle, HelpGlobal, HelpPage, HelpClose                                           string

	// Catalog.
	SearchPlaceholder, SearchLabel, CategoryLabel, EnvLabel, AllFem, AllMasc string
	Count                                                                    string // %d shown, %d total
	NoMatch, NoMatchHint, EmptyCache, EmptyCacheOffline                      string
	Loading                                                                  string
	Owner, NotOffered                                                        string

	// Documentation.
	DocsTitle, DocsEndpoints, DocsDocument, DocsTerms, DocsRule, DocsOwner                   string
	DetailLoading, DocsLoading, DocsFromCache, DocsUnavailable, DocsNoEndpoints, DocsNoCache string
	DocsTermsVersion                                                                         string // %s id, %s version
	URLDoc, URLHMG, URLPRD                                                                   string
	// Docs: an endpoint's detail.
	Docs DocsText

	Cred  CredText
	Vault VaultText
	// Notice words the announcements and the maintenance countdown;
	// NoticeAdmin, Administração's section that publishes them.
	Notice      NoticeText
	NoticeAdmin NoticeAdminText
	Admin       AdminText
	Err         ErrText
	// Opinion: technical opinions (FAQ 3.17).
	Opinion OpinionText
	// SEI: the request's administrative process (issue 16).
	SEI SEIText
	// PDFView: the PDF viewer and what opens it.
	PDFView PDFViewText
	// Remote: served by gecli ssh (issue 17).
	Remote RemoteText
	// Review: Avaliação's queue, filters, drafts and bulk decisions.
	Review ReviewText
	// Palette: the command palette (ctrl+p, :).
	Palette PaletteText
}

// For returns the text of a language.
func For(lang api.Lang) *Text {
	if lang == api.En {
		return &en
	}
	return &ptBR
}

var ptBR = Text{
	Lang:    api.PtBR,
	Box:     boxPtBR,
	Cred:    credPtBR,
	Vault:   vaultPtBR,
	Admin:   adminPtBR,
	Err:     errPtBR,
	Opinion: opinionPtBR,
	SEI:     seiPtBR,
	PDFView: pdfViewPtBR,
	Remote:  remotePtBR,
	Review:  reviewPtBR,
	Palette: palettePtBR,
	Notice:  noticePtBR, NoticeAdmin: noticeAdminPtBR,
	AppName: "gecli · Gestão de Clientes", Version: "Versão %s",
	Online: "● online", Offline: "○ offline", OfflineForced: "○ offline (--offline)", Syncing: "◌ sincronizando",
	OfflineBanner:      "OFFLINE · sem conexão com %s · cache de %s · ctrl+r tenta de novo",
	OfflineBannerNever: "OFFLINE · sem conexão com %s · ctrl+r tenta de novo",
	Refreshed:          "Catálogo atualizado: %d APIs", RefreshedUnchanged: "Catálogo já estava atualizado",
	RetryHint:        "Sem conexão com o servidor; exibindo o cache. ctrl+r tenta de novo.",
	OfflineNoRefresh: "Modo offline (--offline): nada é buscado no servidor.",
	Copied:           "Enviado à área de transferência: %s (%s). Terminais não confirmam: se não colar, o terminal bloqueia OSC 52.",
	CopyNothing:      "Nada para copiar aqui.",
	TabCatalog:       "Catálogo",

	Explain401:       "401 – token inválido ou expirado (tokens valem 5 minutos): entre novamente (L).",
	Explain403:       "403 – sem permissão: o seu perfil não tem a permissão para esta ação; peça a quem administra os perfis.",
	Explain404:       "404 – rota ou recurso inexistente: confira o endereço e o ambiente (Homologação ou Produção).",
	Explain500:       "500 – erro interno do servidor: tente de novo em alguns minutos; se persistir, informe o suporte com data e hora.",
	ExplainNotLinked: "CNPJ ainda não vinculado ao seu cadastro: solicite a atualização cadastral à equipe CNJ/PDPJ.",

	TabRequests: "Solicitações", KeyDetail: "detalhes", KeySort: "ordenar",
	KeyToggleStatus: "marcar status", KeyStatusFocus: "escolher status", KeyCancelRequest: "cancelar solicitação",
	KeyDownload: "baixar anexos", KeyConfirm: "confirmar",
	SearchAPIPlaceholder: "nome da API", StatusLabel: "Status", SortLabel: "Ordem",
	SortNewest: "mais recentes", SortOldest: "mais antigas", SortAPI: "API A–Z",
	ColNumber: "Nº", ColAPI: "API", ColCNPJ: "CNPJ/CPF", ColDate: "Data", ColEnv: "Ambiente", ColEnvShort: "Amb.", ColStatus: "Status", ColActions: "Ações",
	RowsCount: "%s solicitação|%s solicitações", RowsCounting: "contando…",
	RequestsSignIn:  "Entre (L) para ver as solicitações das suas instituições.",
	RequestsEmpty:   "Nenhuma solicitação no cache ainda. ctrl+r sincroniza com o servidor.",
	RequestsNoMatch: "Nenhuma solicitação com estes filtros. Marque mais status ou limpe a busca (esc).",
	RequestsSyncing: "Sincronizando solicitações…",
	ConfirmCancel:   "Cancelar a solicitação %s (%s)? s confirma · esc desiste",
	Cancelled:       "Solicitação %s cancelada.",
	DetailTitle:     "Solicitação", DetailRequester: "Solicitante", DetailInstitution: "Instituição",
	DetailContact: "Responsável técnico", DetailPurpose: "Finalidade", DetailCreated: "Enviada em",
	DetailDecided: "Decidida em", DetailSEI: "Processo SEI", DetailRule: "Regra de aprovação",
	DetailCredential: "Credencial", DetailAttachments: "Anexos", DetailHistory: "Histórico",
	DetailFields: "Campos personalizados", DetailNoAttachments: "nenhum anexo",
	DetailCached: "cópia em cache de %s (sem conexão)", Downloaded: "Anexo salvo em %s",
	NoDownloadDir:  "Não há pasta para salvar o anexo: informe uma com --download-dir.",
	DetailOnlyList: "Sem conexão: este computador guarda só o que a lista mostra; histórico, anexos e pareceres aparecem quando o servidor responder e você estiver identificado.",

	WizTitle: "Nova solicitação", WizDraftSaved: "(rascunho salvo automaticamente)",
	WizSteps: "API e ambiente|Instituição|Responsável técnico|Finalidade|Campos da API|Anexos|Termo de uso|Revisão|Enviada|Entidade|Projeto",
	WizName:  "Nome", WizPhone: "Telefone (com DDD)", WizSEI: "Processo SEI (opcional)", WizPath: "Arquivo PDF",
	WizNoAPIMatch:    "Nenhuma API com “%s”: apague parte da busca (backspace).",
	WizPickAPI:       "Escolha uma API da lista (↑/↓).",
	WizNoInstitution: "Nenhuma instituição vinculada ao seu cadastro: CNPJ ainda não vinculado. Solicite a atualização cadastral à equipe CNJ/PDPJ (FAQ 4.2).",
	WizAcceptTerms:   "Aceite o termo de uso (espaço) para continuar: o aceite é condição para a aprovação (FAQ 3.6).",
	WizSignIn:        "Entre (L) para enviar; o rascunho fica salvo.",
	SignInToRequest:  "Entre (L) para solicitar acesso a uma API.",
	WizUploadFailed:  "A solicitação foi criada, mas um anexo não foi enviado: ",
	WizSubmitting:    "Enviando…",
	WizKeyClose:      "fechar (rascunho salvo)",
	WizKeyAddOrNext:  "adicionar (vazio: avançar)",
	WizKeySend:       "enviar",
	WizKeyFix:        "voltar para corrigir",
	WizKeyDone:       "voltar às solicitações",
	WizTermsSummary:  "Uso restrito à finalidade declarada; credenciais da instituição, não compartilháveis; LGPD; chamadas auditadas pelo Gateway PDPJ; descumprimento autoriza revogação.",
	WizTermsAccept:   "Li e aceito o termo de uso vigente",
	WizPendingWhy:    "aguardando a análise de um avaliador",
	WizFormLater:     "após a aprovação, preencha o formulário técnico para liberar a credencial",
	WizSubmitted:     "Solicitação %s enviada.",
	KeyNewRequest:    "nova solicitação", KeyRequestAPI: "solicitar",
	KeySearchRequests: "buscar", SearchRequestsPlaceholder: "API, nº SOL, processo SEI ou CNPJ",
	KeyDeleteDraft: "apagar rascunho", ConfirmDeleteDraft: "Apagar o rascunho %s? Não há como desfazer. s apaga · esc desiste",
	DraftDeleted: "Rascunho apagado: %s.", DraftsTitle: "Rascunhos (%d)", DraftsCount: "Rascunhos: %d",
	KeyResumeDraft: "retomar rascunho",

	FormTitle: "Formulário técnico", FormComplete: "completo", FormIncomplete: "incompleto (a credencial segue bloqueada)",
	TabReview: "Avaliação", QueueEmpty: "Nenhuma solicitação em análise com estes filtros.",
	KeyApprove: "aprovar", KeyReject: "reprovar",
	ApprovePrompt: "Aprovar %s (%s)? Justificativa (opcional):", RejectPrompt: "Reprovar %s (%s). Justificativa (obrigatória):",
	JustificationLabel: "Justificativa", Decided: "%s: %s.",
	JustificationRequired: "Escreva a justificativa (ao menos 10 caracteres): ela aparece no histórico do solicitante.",
	SystemTypeLabel:       "Tipo", KeyFilterSystem: "tipo de sistema",
	ReviewOnly: "A Avaliação é do perfil Avaliador.",
	FormEntity: "Entidade solicitante", FormProject: "Projeto",
	FormNeedsPDF:  "Anexe ao menos um documento comprobatório em PDF (FAQ 3.19).",
	FormCompleted: "Formulário técnico completo: a credencial foi liberada.",
	KeyForm:       "formulário técnico",
	KeyCopyID:     "copiar o nº", RequestNumber: "Nº da solicitação",
	FormNotApplicable: "O formulário técnico é preenchido depois da aprovação, nas solicitações com regra de formulário.",

	SignInTitle:    "Entrar no gecli",
	SignInStarting: "Pedindo um código ao emissor…",
	SignInOpen:     "Abra no navegador (neste ou em outro aparelho):",
	SignInType:     "e digite o código:",
	SignInWaiting:  "Aguardando a aprovação no navegador…",
	SignInPublic:   "O catálogo é público: dá para continuar sem entrar.",
	SignInQR:       "Ou leia o QR code, que já leva o código:",
	SignInFailed:   "Não foi possível entrar: %s",
	SignInSkipped:  "Sem entrar: o catálogo é público. L entra quando quiser.",
	SignInURL:      "Endereço de aprovação",
	SignInDone:     "Entrou como %s.",
	SessionExpired: "Sua sessão terminou (401 – token inválido ou expirado). Entre de novo; a página atual foi mantida.",
	SessionAccessChanged: "Sua sessão terminou porque o seu acesso mudou (perfil, instituições ou desativação). " +
		"Entre de novo para seguir com o que você pode fazer agora.",
	NotSignedIn:   "não identificado · L entrar",
	KeySignIn:     "entrar",
	KeySkipSignIn: "continuar sem entrar",
	KeyCopyURL:    "copiar endereço",
	KeyRetry:      "tentar de novo",

	KeyJump: "ir à página da aba",
	KeyNext: "próxima página", KeyPrev: "página anterior", KeySearch: "buscar", KeyRefresh: "atualizar",
	KeyHelp: "ajuda", KeyQuit: "sair", KeyMove: "mover", KeyOpen: "documentação", KeyBack: "voltar",
	KeyCategory: "categoria", KeyEnv: "ambiente", KeyPage: "página",
	KeyFirst: "início", KeyLast: "fim", KeySearchKeep: "manter a busca", KeySearchClear: "limpar a busca",
	KeyCopyDoc: "copiar URL do documento", KeyCopyHMG: "copiar URL HMG", KeyCopyPRD: "copiar URL PRD",
	HelpTitle: "Ajuda — atalhos", HelpGlobal: "Em todas as páginas", HelpPage: "Nesta página", HelpClose: "? ou esc fecha a ajuda",

	SearchPlaceholder: "nome, sigla, descrição ou responsável", SearchLabel: "Buscar",
	CategoryLabel: "Categoria", EnvLabel: "Ambiente", AllFem: "Todas", AllMasc: "Todos",
	Count:   "%d de %d APIs",
	NoMatch: "Nenhuma API encontrada.", NoMatchHint: "Mude a busca ou os filtros; esc limpa a busca.",
	EmptyCache:        "O catálogo ainda não foi baixado.",
	EmptyCacheOffline: "O catálogo ainda não foi baixado e o servidor está inacessível. ctrl+r tenta de novo.",
	Loading:           "Carregando o catálogo…",
	Owner:             "Responsável", NotOffered: "não oferecido",

	DocsTitle: "Documentação", DocsEndpoints: "Endpoints", DocsDocument: "Documento OpenAPI",
	DocsTerms: "Termo de uso", DocsRule: "Regra de aprovação", DocsOwner: "Responsável técnico",
	DetailLoading: "Carregando a solicitação…", DocsLoading: "Carregando a documentação…", DocsFromCache: "cópia em cache de %s",
	DocsUnavailable: "Documentação indisponível: %s", DocsNoEndpoints: "O documento não descreve endpoints.",
	DocsNoCache:      "sem conexão e sem cópia em cache; abra esta documentação uma vez online para guardá-la",
	DocsTermsVersion: "%s (versão %s)",
	Docs:             docsPtBR,
	URLDoc:           "URL do documento", URLHMG: "URL de homologação", URLPRD: "URL de produção",
}

var en = Text{
	Box:     boxEn,
	Cred:    credEn,
	Vault:   vaultEn,
	Admin:   adminEn,
	Err:     errEn,
	Opinion: opinionEn,
	SEI:     seiEn,
	PDFView: pdfViewEn,
	Remote:  remoteEn,
	Review:  reviewEn,
	Palette: paletteEn,
	Notice:  noticeEn, NoticeAdmin: noticeAdminEn,
	Lang:    api.En,
	AppName: "gecli · Client Management", Version: "Version %s",
	Online: "● online", Offline: "○ offline", OfflineForced: "○ offline (--offline)", Syncing: "◌ syncing",
	OfflineBanner:      "OFFLINE · cannot reach %s · cache from %s · ctrl+r retries",
	OfflineBannerNever: "OFFLINE · cannot reach %s · ctrl+r retries",
	Refreshed:          "Catalog updated: %d APIs", RefreshedUnchanged: "Catalog was already up to date",
	RetryHint:        "Cannot reach the server; showing the cache. ctrl+r retries.",
	OfflineNoRefresh: "Offline mode (--offline): nothing is fetched from the server.",
	Copied:           "Sent to the clipboard: %s (%s). Terminals do not confirm: if it does not paste, the terminal blocks OSC 52.",
	CopyNothing:      "Nothing to copy here.",
	TabCatalog:       "Catalog",

	Explain401:       "401 – invalid or expired token (tokens last 5 minutes): sign in again (L).",
	Explain403:       "403 – forbidden: your profile lacks the permission for this action; ask whoever administers the profiles.",
	Explain404:       "404 – no such route or resource: check the address and the environment (Staging or Production).",
	Explain500:       "500 – internal server error: try again in a few minutes; if it persists, tell support the date and time.",
	ExplainNotLinked: "CNPJ not yet linked to your account: ask the CNJ/PDPJ team to update your registration.",

	TabRequests: "Requests", KeyDetail: "details", KeySort: "sort",
	KeyToggleStatus: "toggle status", KeyStatusFocus: "pick status", KeyCancelRequest: "cancel request",
	KeyDownload: "download attachments", KeyConfirm: "confirm",
	SearchAPIPlaceholder: "API name", StatusLabel: "Status", SortLabel: "Order",
	SortNewest: "newest", SortOldest: "oldest", SortAPI: "API A–Z",
	ColNumber: "No.", ColAPI: "API", ColCNPJ: "CNPJ/CPF", ColDate: "Date", ColEnv: "Environment", ColEnvShort: "Env.", ColStatus: "Status", ColActions: "Actions",
	RowsCount: "%s request|%s requests", RowsCounting: "counting…",
	RequestsSignIn:  "Sign in (L) to see your institutions' requests.",
	RequestsEmpty:   "No request cached yet. ctrl+r syncs with the server.",
	RequestsNoMatch: "No request with these filters. Tick more statuses or clear the search (esc).",
	RequestsSyncing: "Syncing requests…",
	ConfirmCancel:   "Cancel request %s (%s)? s confirms · esc keeps it",
	Cancelled:       "Request %s cancelled.",
	DetailTitle:     "Request", DetailRequester: "Requester", DetailInstitution: "Institution",
	DetailContact: "Technical contact", DetailPurpose: "Purpose", DetailCreated: "Submitted",
	DetailDecided: "Decided", DetailSEI: "SEI process", DetailRule: "Approval rule",
	DetailCredential: "Credential", DetailAttachments: "Attachments", DetailHistory: "History",
	DetailFields: "Custom fields", DetailNoAttachments: "no attachment",
	DetailCached: "cached copy from %s (offline)", Downloaded: "Attachment saved to %s",
	NoDownloadDir:  "There is no folder to save the attachment in: name one with --download-dir.",
	DetailOnlyList: "Offline: this computer keeps only what the list shows; history, attachments and opinions appear once the server answers and you are signed in.",

	WizTitle: "New request", WizDraftSaved: "(draft saved automatically)",
	WizSteps: "API and environment|Institution|Technical contact|Purpose|API fields|Attachments|Terms of use|Review|Sent|Entity|Project",
	WizName:  "Name", WizPhone: "Phone (with area code)", WizSEI: "SEI process (optional)", WizPath: "PDF file",
	WizNoAPIMatch:    "No API matches “%s”: delete part of the search (backspace).",
	WizPickAPI:       "Pick an API from the list (↑/↓).",
	WizNoInstitution: "No institution is linked to your account: CNPJ not yet linked. Ask the CNJ/PDPJ team to update your registration (FAQ 4.2).",
	WizAcceptTerms:   "Accept the terms of use (space) to continue: acceptance is required for approval (FAQ 3.6).",
	WizSignIn:        "Sign in (L) to send; the draft is saved.",
	SignInToRequest:  "Sign in (L) to request access to an API.",
	WizUploadFailed:  "The request was created, but an attachment was not sent: ",
	WizSubmitting:    "Sending…",
	WizKeyClose:      "close (draft kept)",
	WizKeyAddOrNext:  "add (empty: next)",
	WizKeySend:       "send",
	WizKeyFix:        "go back to fix",
	WizKeyDone:       "back to the requests",
	WizTermsSummary:  "Use limited to the declared purpose; credentials belong to the institution and are not shared; LGPD; calls audited by the PDPJ Gateway; breaches allow revocation.",
	WizTermsAccept:   "I have read and accept the current terms of use",
	WizPendingWhy:    "waiting for an evaluator",
	WizFormLater:     "after approval, fill in the technical form to unlock the credential",
	WizSubmitted:     "Request %s sent.",
	KeyNewRequest:    "new request", KeyRequestAPI: "request",
	KeySearchRequests: "search", SearchRequestsPlaceholder: "API, SOL number, SEI process or CNPJ",
	KeyDeleteDraft: "delete draft", ConfirmDeleteDraft: "Delete the draft %s? It cannot be undone. s deletes · esc keeps it",
	DraftDeleted: "Draft deleted: %s.", DraftsTitle: "Drafts (%d)", DraftsCount: "Drafts: %d",
	KeyResumeDraft: "resume draft",

	FormTitle: "Technical form", FormComplete: "complete", FormIncomplete: "incomplete (the credential stays blocked)",
	TabReview: "Review", QueueEmpty: "No request under review with these filters.",
	KeyApprove: "approve", KeyReject: "reject",
	ApprovePrompt: "Approve %s (%s)? Justification (optional):", RejectPrompt: "Reject %s (%s). Justification (required):",
	JustificationLabel: "Justification", Decided: "%s: %s.",
	JustificationRequired: "Write the justification (at least 10 characters): the requester sees it in the history.",
	SystemTypeLabel:       "Type", KeyFilterSystem: "system type",
	ReviewOnly: "Review belongs to the Evaluator role.",
	FormEntity: "Requesting entity", FormProject: "Project",
	FormNeedsPDF:  "Attach at least one supporting PDF document (FAQ 3.19).",
	FormCompleted: "Technical form complete: the credential is unblocked.",
	KeyForm:       "technical form",
	KeyCopyID:     "copy the number", RequestNumber: "Request number",
	FormNotApplicable: "The technical form is filled in after approval, for requests with a form rule.",

	SignInTitle:    "Sign in to gecli",
	SignInStarting: "Asking the issuer for a code…",
	SignInOpen:     "Open in a browser (on this or another device):",
	SignInType:     "and type the code:",
	SignInWaiting:  "Waiting for approval in the browser…",
	SignInPublic:   "The catalog is public: you may go on without signing in.",
	SignInQR:       "Or scan the QR code, which carries the code:",
	SignInFailed:   "Could not sign in: %s",
	SignInSkipped:  "Not signed in: the catalog is public. L signs in any time.",
	SignInURL:      "Approval URL",
	SignInDone:     "Signed in as %s.",
	SessionExpired: "Your session ended (401 – invalid or expired token). Sign in again; this page was kept.",
	SessionAccessChanged: "Your session ended because your access changed (profile, institutions or disabling). " +
		"Sign in again to go on with what you may do now.",
	NotSignedIn:   "not signed in · L sign in",
	KeySignIn:     "sign in",
	KeySkipSignIn: "continue without signing in",
	KeyCopyURL:    "copy URL",
	KeyRetry:      "retry",

	KeyJump: "go to that tab's page",
	KeyNext: "next page", KeyPrev: "previous page", KeySearch: "search", KeyRefresh: "refresh",
	KeyHelp: "help", KeyQuit: "quit", KeyMove: "move", KeyOpen: "documentation", KeyBack: "back",
	KeyCategory: "category", KeyEnv: "environment", KeyPage: "page",
	KeyFirst: "first", KeyLast: "last", KeySearchKeep: "keep the search", KeySearchClear: "clear the search",
	KeyCopyDoc: "copy document URL", KeyCopyHMG: "copy staging URL", KeyCopyPRD: "copy production URL",
	HelpTitle: "Help — keys", HelpGlobal: "On every page", HelpPage: "On this page", HelpClose: "? or esc closes help",

	SearchPlaceholder: "name, acronym, description or owner", SearchLabel: "Search",
	CategoryLabel: "Category", EnvLabel: "Environment", AllFem: "All", AllMasc: "All",
	Count:   "%d of %d APIs",
	NoMatch: "No API found.", NoMatchHint: "Change the search or filters; esc clears the search.",
	EmptyCache:        "The catalog has not been downloaded yet.",
	EmptyCacheOffline: "The catalog has not been downloaded yet and the server is unreachable. ctrl+r retries.",
	Loading:           "Loading the catalog…",
	Owner:             "Owner", NotOffered: "not offered",

	DocsTitle: "Documentation", DocsEndpoints: "Endpoints", DocsDocument: "OpenAPI document",
	DocsTerms: "Terms of use", DocsRule: "Approval rule", DocsOwner: "Technical owner",
	DetailLoading: "Loading the request…", DocsLoading: "Loading the documentation…", DocsFromCache: "cached copy from %s",
	DocsUnavailable: "Documentation unavailable: %s", DocsNoEndpoints: "The document describes no endpoints.",
	DocsNoCache:      "offline and no cached copy; open this documentation once while online to keep it",
	DocsTermsVersion: "%s (version %s)",
	Docs:             docsEn,
	URLDoc:           "Document URL", URLHMG: "Staging URL", URLPRD: "Production URL",
}

// Date writes a local day the way each language does.
func (t *Text) Date(tm time.Time) string {
	if t.Lang == api.En {
		return tm.Local().Format("2006-01-02")
	}
	return tm.Local().Format("02/01/2006")
}

// DateTime writes a local timestamp the way each language does.
func (t *Text) DateTime(tm time.Time) string {
	if t.Lang == api.En {
		return tm.Local().Format("2006-01-02 15:04")
	}
	return tm.Local().Format("02/01/2006 15:04")
}
