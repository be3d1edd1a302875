package i18n

import "github.com/gecli/gecli/api"

// AdminText is the Administração page's wording, and revoking a request.
type AdminText struct {
	Tab, SignIn, Only, KeySection, Loading, LoadingMore, Empty, Saving, Fixed string
	SecAPIs, SecProfiles, SecUsers, SecInstitutions, SecAudit                 string
	KeyAddField, NoYes, KeyDiscard, KeyCloseDraft, DraftRestored              string
	KeyNew, KeyEdit                                                           string
	// Rule words each form field's rule (a refusal, local or the server's).
	Rule RuleText

	// APIs.
	APISearch, APICount, ColName, ColAcronym, ColState, ColTerms, StateDraft, StatePublished  string
	StateRetired, KeyOpenAPI, KeyTerms, KeyVersions, KeyPublish, KeyRetire, NewAPI, EditAPI   string
	APIFormNote, FieldID, FieldName, FieldAcronym, FieldDescription, FieldAuth, AuthNames     string
	CustomField, CFName, CFLabel, CFType, CFTypes, CFRequired, CFPattern, APICreated          string
	APIUpdated, ConfirmPublish, ConfirmRetire, Published, Retired, UploadOpenAPI, UploadTerms string
	UploadOpenAPINote, UploadTermsNote, FieldPath, FieldVersion, ErrPath                      string
	ErrDocTooLarge, OpenAPIUploaded, TermsUploaded, VersionsTitle, ColVersion, ColCurrent     string
	ErrDocIsDir, UploadTermsFirst                                                             string
	Current, NoTerms                                                                          string
	ExplainAPIExists, ExplainAPINotReady, ExplainBadOpenAPI, ExplainLastProfilesAdmin         string
	ExplainUserExists, ExplainUserNotFound, ExplainBadActivation, ExplainInstitutionExists    string
	ExplainInstitutionInactive, NotReadyTerms, NotReadyEnvs, APITotal                         string

	// Profiles.
	ColPermission, KeyToggle, KeySaveProfiles, KeyUndo, KeyRole, ProfilesKeys, Unsaved string
	ProfilesSaved, NothingToSave, UnsavedLeave, ProfilesRefused                        string
	Perms                                                                              map[api.Permission]string

	// People.
	UserSearch, UserCount, ColUsername, ColRole, ColInstitutions, ColAccess, Active, Disabled   string
	NotActivated, KeyDisable, KeyActivation, NewUser, NewUserNote, EditUser, FieldCPF           string
	FieldInstitutions, UserSaved, ConfirmDisable, ConfirmActivation, CodeCreatedTitle           string
	UserDisabled, UserEnabled                                                                   string
	CodeNewTitle, CodeLabel, URLLabel, CodeExpires, CodeOnce, CodeKeys, CodeClosed, KeyCopyCode string
	KeyCopyURL                                                                                  string

	// Institutions.
	InstSearch, InstCount, Inactive, KeyRename, KeyActive, NewInstitution, RenameInstitution string
	ColInstState, InstActive                                                                 string
	CNPJNote, FieldLegalName, InstCreated, InstSaved, ConfirmActivate, ConfirmDeactivate     string

	// Audit.
	ColActor, ColAction, ColTarget, KeyEvent, KeyFilter, KeyVerify, KeyClearFilter, NoFilter string
	ClearFilterHint, FilterTitle, FilterNote, NoEvents, AuditPosition, AuditEnd, Verifying   string
	VerifyOK, VerifyBroken, EventTitle, EventDetail, EventBefore, EventAfter                 string
	VerifyEvents, VerifyHistories, VerifyCheckpoints                                         string
	ShortDate                                                                                string // a time layout without the year
	// Actions name the trail's action codes; RequestAction prefixes a
	// request's history label ("solicitação: aprovada").
	Actions       map[string]string
	RequestAction string

	// Revoking an approved request (requests:revoke).
	KeyRevoke, RevokePrompt, RevokeJustification, RevokeNeedsWhy, RevokeConfirm string
	Revoking, Revoked                                                           string
}

var adminPtBR = AdminText{
	Tab: "Administração", SignIn: "Entre (L) para administrar o gecli.",
	Only:       "A administração pede uma permissão de administrador (catálogo, perfis, usuários ou auditoria).",
	KeySection: "seção", Loading: "Carregando…", LoadingMore: "carregando mais…", Empty: "Nada encontrado.",
	Saving: "Gravando…", Fixed: "(fixo)",
	SecAPIs: "APIs", SecProfiles: "Perfis", SecUsers: "Usuários", SecInstitutions: "Instituições", SecAudit: "Auditoria",
	KeyDiscard: "descartar o rascunho", KeyCloseDraft: "fechar (guarda o rascunho)",
	DraftRestored: "Rascunho restaurado: o que foi digitado antes está de volta (ctrl+d descarta).",
	KeyAddField:   "campo personalizado", NoYes: "não|sim",
	KeyNew: "novo", KeyEdit: "editar", Rule: rulePtBR,

	APISearch: "API", APICount: "%d de %s", APITotal: "%s API|%s APIs", ColName: "Nome", ColAcronym: "Sigla", ColState: "Estado",
	ColTerms: "Termo", StateDraft: "rascunho", StatePublished: "publicada", StateRetired: "retirada",
	KeyOpenAPI: "OpenAPI", KeyTerms: "termo de uso", KeyVersions: "versões do termo", KeyPublish: "publicar",
	KeyRetire: "retirar", NewAPI: "Nova API (rascunho)", EditAPI: "Editar a API %s",
	APIFormNote: "O identificador não muda depois de criado. URL em branco: o ambiente não é oferecido.",
	FieldID:     "Identificador", FieldName: "Nome", FieldAcronym: "Sigla", FieldDescription: "Descrição",
	FieldAuth: "Autenticação", AuthNames: "OAuth2 (client credentials)|Chave de API|mTLS",
	CustomField: "Campo %d: %s", CFName: "nome", CFLabel: "rótulo", CFType: "tipo", CFTypes: "texto|inteiro",
	CFRequired: "obrigatório", CFPattern: "padrão",
	APICreated: "API %s criada como rascunho.", APIUpdated: "API %s atualizada.",
	ConfirmPublish: "Publicar %s (%s) no catálogo? s confirma · esc cancela",
	ConfirmRetire:  "Retirar %s (%s) do catálogo? As solicitações existentes continuam; novas não são aceitas. s confirma · esc cancela",
	Published:      "API %s publicada no catálogo.", Retired: "API %s retirada do catálogo.",
	UploadOpenAPI: "Documento OpenAPI de %s", UploadTerms: "Nova versão do termo de uso de %s",
	UploadOpenAPINote: "JSON ou YAML, até 5 MB; o servidor valida o documento antes de guardá-lo.",
	UploadTermsNote:   "PDF; passa a ser o termo vigente. Versão vigente: %s.",
	FieldPath:         "Arquivo", FieldVersion: "Versão",
	ErrPath:          "informe o caminho do arquivo",
	ErrDocTooLarge:   "o documento OpenAPI tem mais de %d MB",
	ErrDocIsDir:      "%s é uma pasta: escolha um arquivo OpenAPI (JSON ou YAML)",
	UploadTermsFirst: "PDF; passa a ser o termo vigente. Ainda não há termo vigente.",
	OpenAPIUploaded:  "Documento OpenAPI de %s guardado.", TermsUploaded: "Termo de uso %s de %s publicado.",
	VersionsTitle: "Termos de uso de %s (%s)", ColVersion: "Versão", ColCurrent: "Vigente", Current: "vigente",
	NoTerms:                    "Nenhum termo de uso enviado ainda: envie um (t) antes de publicar.",
	ExplainAPIExists:           "Já existe uma API com este identificador: escolha outro.",
	ExplainAPINotReady:         "Para publicar, a API precisa de um termo de uso vigente (t) e de ao menos um ambiente com URL (FAQ 3.6).",
	ExplainBadOpenAPI:          "O documento OpenAPI é inválido: %s",
	ExplainLastProfilesAdmin:   "Recusado: ninguém mais teria a permissão profiles:admin, e ninguém poderia editar os perfis. Mantenha-a em algum perfil com pessoas.",
	ExplainUserExists:          "Já existe uma pessoa com este usuário: escolha outro.",
	ExplainUserNotFound:        "Esta pessoa não existe mais no servidor: atualize a lista.",
	ExplainBadActivation:       "Código de ativação inválido ou expirado: peça um novo ao administrador.",
	ExplainInstitutionExists:   "Esta instituição já está cadastrada.",
	ExplainInstitutionInactive: "A instituição está desativada: não envia novas solicitações até ser reativada.",
	NotReadyTerms:              "Para publicar, falta à API um termo de uso vigente: envie um (t).",
	NotReadyEnvs:               "Para publicar, falta à API ao menos um ambiente com URL: edite-a (e) e informe uma URL.",

	ColPermission: "Permissão", KeyToggle: "marcar", KeySaveProfiles: "salvar perfis", KeyUndo: "desfazer",
	KeyRole: "perfil", ProfilesKeys: "↑/↓ permissão · ←/→ perfil · space marca · s salva · u desfaz · * = alterado",
	Unsaved:       "Alterações não salvas em: %s (s salva)",
	ProfilesSaved: "Perfis salvos.", NothingToSave: "Nada a salvar: os perfis estão como no servidor.",
	UnsavedLeave:    "Os perfis têm alterações não salvas: s salva, u desfaz (ctrl+c sai sem salvar).",
	ProfilesRefused: "Perfis não salvos: veja o motivo abaixo da matriz.",
	Perms: map[api.Permission]string{
		api.PermRequestsSubmit: "enviar solicitações", api.PermRequestsRead: "ler as solicitações de todos",
		api.PermRequestsAnalyze: "analisar e dar parecer", api.PermRequestsApprove: "aprovar ou reprovar",
		api.PermRequestsRevoke: "revogar aprovadas", api.PermCredentialsManage: "credenciais e IPs",
		api.PermVaultWrite: "cofre de credenciais", api.PermCatalogAdmin: "catálogo de APIs",
		api.PermProfilesAdmin: "editar perfis", api.PermUsersAdmin: "pessoas e instituições",
		api.PermAuditRead: "trilha de auditoria", api.PermNoticesAdmin: "avisos e manutenção",
	},

	UserSearch: "usuário, nome ou CPF", UserCount: "%s pessoa|%s pessoas", ColUsername: "Usuário", ColRole: "Perfil",
	ColInstitutions: "Instituições", ColAccess: "Acesso", Active: "ativo", Disabled: "desativado",
	NotActivated: "não ativado", KeyDisable: "desativar/reativar", KeyActivation: "novo código",
	NewUser: "Nova pessoa", NewUserNote: "A pessoa define a própria senha com o código de ativação; ninguém mais a conhece.",
	EditUser: "Editar %s", FieldCPF: "CPF (opcional)", FieldInstitutions: "Instituições (CNPJs)",
	UserSaved:         "Cadastro de %s atualizado.",
	UserDisabled:      "Acesso de %s desativado: a pessoa não entra mais até ser reativada.",
	UserEnabled:       "Acesso de %s reativado.",
	ConfirmDisable:    "Desativar %s (%s)? A pessoa perde o acesso na hora. s confirma · esc cancela",
	ConfirmActivation: "Gerar um novo código de ativação para %s (%s)? O anterior deixa de valer. s confirma · esc cancela",
	CodeCreatedTitle:  "Cadastro de %s (%s) criado", CodeNewTitle: "Novo código de ativação de %s (%s)",
	CodeLabel: "Código de ativação", URLLabel: "Endereço de ativação", CodeExpires: "Vale até",
	CodeOnce:   "Este código é exibido só agora e não será mostrado de novo: copie-o e entregue-o à pessoa por um canal seguro.",
	CodeKeys:   "c copia o código · u copia o endereço · esc fecha",
	CodeClosed: "Código fechado; ele não será exibido de novo.", KeyCopyCode: "copiar o código", KeyCopyURL: "copiar o endereço",

	InstSearch: "nome ou CNPJ", InstCount: "%s instituição|%s instituições", Inactive: "desativada",
	ColInstState: "Situação", InstActive: "ativa", KeyRename: "renomear",
	KeyActive: "desativar/reativar", NewInstitution: "Nova instituição", RenameInstitution: "Renomear %s",
	CNPJNote:       "CNPJ numérico ou alfanumérico (em vigor desde 2026); os dígitos verificadores são conferidos.",
	FieldLegalName: "Razão social", InstCreated: "%s (%s) cadastrada.", InstSaved: "%s atualizada.",
	ConfirmActivate:   "Reativar %s? Ela volta a enviar solicitações. s confirma · esc cancela",
	ConfirmDeactivate: "Desativar %s? As solicitações dela continuam; novas não são aceitas. s confirma · esc cancela",

	ColActor: "Autor", ColAction: "Ação", ColTarget: "Alvo", KeyEvent: "detalhes", KeyFilter: "filtrar",
	KeyVerify: "verificar a cadeia", KeyClearFilter: "limpar filtros", NoFilter: "Todos os eventos, mais recentes primeiro · f filtra · v verifica a cadeia",
	ClearFilterHint: "esc limpa", FilterTitle: "Filtrar a auditoria",
	FilterNote: "Em branco: sem filtro. Alvo como tipo:id, ex.: request:SOL-2026-000123, api:datajud, user:ana.",
	NoEvents:   "Nenhum evento.", AuditPosition: "evento %d · %d–%d carregados", AuditEnd: "(fim da trilha)",
	Verifying:    "Verificando a cadeia de hashes…",
	VerifyOK:     "✓ Cadeia íntegra: %s, %s e %s conferidos.",
	VerifyEvents: "%s evento|%s eventos", VerifyHistories: "%s histórico de solicitação|%s históricos de solicitação",
	VerifyCheckpoints: "%s checkpoint|%s checkpoints",
	VerifyBroken:      "✖ Cadeia quebrada em %s, posição %d: %s",
	EventTitle:        "Evento %d", EventDetail: "Detalhe", EventBefore: "Antes", EventAfter: "Depois",
	ShortDate: "02/01 15:04", RequestAction: "solicitação: ",
	Actions: map[string]string{
		"api.created": "API criada", "api.updated": "API alterada", "api.published": "API publicada",
		"api.retired": "API retirada", "api.terms_published": "termo de uso publicado", "api.openapi_stored": "OpenAPI guardado",
		"audit.checkpoint": "checkpoint da trilha", "institution.allowlist_set": "IPs liberados definidos",
		"institution.created": "instituição cadastrada", "institution.updated": "instituição alterada",
		"issuer.key_added": "chave de assinatura nova", "profile.updated": "perfil alterado",
		"session.signed_in": "entrada (sessão nova)", "user.created": "cadastro criado", "user.updated": "cadastro alterado",
		"user.activation_issued": "código de ativação emitido", "user.activated": "cadastro ativado",
		"user.first_sign_in": "primeira entrada", "request.attachment_added": "solicitação: anexo incluído",
		"vault.write": "cofre: gravação", "vault.delete": "cofre: remoção", "vault.key_rotated": "cofre: chave trocada",
		"service_client.created": "cliente de serviço criado",
	},

	KeyRevoke: "revogar", RevokePrompt: "Revogar %s (%s)? A credencial deixa de funcionar na hora.",
	RevokeJustification: "justificativa (obrigatória)", RevokeNeedsWhy: "Informe a justificativa da revogação (ao menos 10 caracteres).",
	RevokeConfirm: "Confirmar a revogação de %s? Não há como desfazer.",
	Revoking:      "Revogando %s…", Revoked: "Solicitação %s revogada; a credencial foi cancelada.",
}

var adminEn = AdminText{
	Tab: "Administration", SignIn: "Sign in (L) to administer gecli.",
	Only:       "Administration needs an administrator permission (catalog, profiles, users or audit).",
	KeySection: "section", Loading: "Loading…", LoadingMore: "loading more…", Empty: "Nothing found.",
	Saving: "Saving…", Fixed: "(fixed)",
	SecAPIs: "APIs", SecProfiles: "Profiles", SecUsers: "Users", SecInstitutions: "Institutions", SecAudit: "Audit",
	KeyDiscard: "discard the draft", KeyCloseDraft: "close (keeps the draft)",
	DraftRestored: "Draft restored: what was typed before is back (ctrl+d discards it).",
	KeyAddField:   "custom field", NoYes: "no|yes",
	KeyNew: "new", KeyEdit: "edit", Rule: ruleEn,

	APISearch: "API", APICount: "%d of %s", APITotal: "%s API|%s APIs", ColName: "Name", ColAcronym: "Acronym", ColState: "State",
	ColTerms: "Terms", StateDraft: "draft", StatePublished: "published", StateRetired: "retired",
	KeyOpenAPI: "OpenAPI", KeyTerms: "terms of use", KeyVersions: "terms versions", KeyPublish: "publish",
	KeyRetire: "retire", NewAPI: "New API (draft)", EditAPI: "Edit API %s",
	APIFormNote: "The identifier never changes once created. A blank URL: the environment is not offered.",
	FieldID:     "Identifier", FieldName: "Name", FieldAcronym: "Acronym", FieldDescription: "Description",
	FieldAuth: "Authentication", AuthNames: "OAuth2 (client credentials)|API key|mTLS",
	CustomField: "Field %d: %s", CFName: "name", CFLabel: "label", CFType: "type", CFTypes: "text|integer",
	CFRequired: "required", CFPattern: "pattern",
	APICreated: "API %s created as a draft.", APIUpdated: "API %s updated.",
	ConfirmPublish: "Publish %s (%s) in the catalog? s confirms · esc cancels",
	ConfirmRetire:  "Retire %s (%s) from the catalog? Its requests stay; new ones are refused. s confirms · esc cancels",
	Published:      "API %s published in the catalog.", Retired: "API %s retired from the catalog.",
	UploadOpenAPI: "OpenAPI document of %s", UploadTerms: "New version of the terms of use of %s",
	UploadOpenAPINote: "JSON or YAML, up to 5 MB; the server validates the document before keeping it.",
	UploadTermsNote:   "PDF; it becomes the current terms. Current version: %s.",
	FieldPath:         "File", FieldVersion: "Version",
	ErrPath:          "enter the file's path",
	ErrDocTooLarge:   "the OpenAPI document is larger than %d MB",
	ErrDocIsDir:      "%s is a folder: choose an OpenAPI file (JSON or YAML)",
	UploadTermsFirst: "PDF; it becomes the current terms. There are no current terms yet.",
	OpenAPIUploaded:  "OpenAPI document of %s stored.", TermsUploaded: "Terms of use %s of %s published.",
	VersionsTitle: "Terms of use of %s (%s)", ColVersion: "Version", ColCurrent: "Current", Current: "current",
	NoTerms:                    "No terms of use uploaded yet: upload some (t) before publishing.",
	ExplainAPIExists:           "There is already an API with this identifier: choose another.",
	ExplainAPINotReady:         "To publish, the API needs current terms of use (t) and at least one environment with a URL (FAQ 3.6).",
	ExplainBadOpenAPI:          "The OpenAPI document is invalid: %s",
	ExplainLastProfilesAdmin:   "Refused: nobody would hold profiles:admin any more, and nobody could edit the profiles. Keep it in a profile that has people.",
	ExplainUserExists:          "There is already a person with this username: choose another.",
	ExplainUserNotFound:        "This person no longer exists on the server: refresh the list.",
	ExplainBadActivation:       "Invalid or expired activation code: ask the administrator for a new one.",
	ExplainInstitutionExists:   "This institution is already registered.",
	ExplainInstitutionInactive: "The institution is deactivated: it submits no new request until reactivated.",
	NotReadyTerms:              "To publish, the API lacks current terms of use: upload them (t).",
	NotReadyEnvs:               "To publish, the API lacks an environment with a URL: edit it (e) and enter a URL.",

	ColPermission: "Permission", KeyToggle: "tick", KeySaveProfiles: "save profiles", KeyUndo: "undo",
	KeyRole: "profile", ProfilesKeys: "↑/↓ permission · ←/→ profile · space ticks · s saves · u undoes · * = changed",
	Unsaved:       "Unsaved changes in: %s (s saves)",
	ProfilesSaved: "Profiles saved.", NothingToSave: "Nothing to save: the profiles are as on the server.",
	UnsavedLeave:    "The profiles have unsaved changes: s saves, u undoes (ctrl+c quits without saving).",
	ProfilesRefused: "Profiles not saved: see why under the matrix.",
	Perms: map[api.Permission]string{
		api.PermRequestsSubmit: "submit requests", api.PermRequestsRead: "read everyone's requests",
		api.PermRequestsAnalyze: "analyse and give opinions", api.PermRequestsApprove: "approve or reject",
		api.PermRequestsRevoke: "revoke approved ones", api.PermCredentialsManage: "credentials and IPs",
		api.PermVaultWrite: "credential vault", api.PermCatalogAdmin: "API catalog",
		api.PermProfilesAdmin: "edit profiles", api.PermUsersAdmin: "people and institutions",
		api.PermAuditRead: "audit trail", api.PermNoticesAdmin: "announcements and maintenance",
	},

	UserSearch: "username, name or CPF", UserCount: "%s person|%s people", ColUsername: "Username", ColRole: "Profile",
	ColInstitutions: "Institutions", ColAccess: "Access", Active: "active", Disabled: "disabled",
	NotActivated: "not activated", KeyDisable: "disable/enable", KeyActivation: "new code",
	NewUser: "New person", NewUserNote: "The person sets their own password with the activation code; nobody else knows it.",
	EditUser: "Edit %s", FieldCPF: "CPF (optional)", FieldInstitutions: "Institutions (CNPJs)",
	UserSaved:         "%s updated.",
	UserDisabled:      "Access of %s disabled: they cannot sign in until re-enabled.",
	UserEnabled:       "Access of %s re-enabled.",
	ConfirmDisable:    "Disable %s (%s)? They lose access at once. s confirms · esc cancels",
	ConfirmActivation: "Issue a new activation code for %s (%s)? The previous one stops working. s confirms · esc cancels",
	CodeCreatedTitle:  "Account of %s (%s) created", CodeNewTitle: "New activation code of %s (%s)",
	CodeLabel: "Activation code", URLLabel: "Activation address", CodeExpires: "Valid until",
	CodeOnce:   "This code is shown only now and will not be shown again: copy it and hand it to the person over a safe channel.",
	CodeKeys:   "c copies the code · u copies the address · esc closes",
	CodeClosed: "Code closed; it will not be shown again.", KeyCopyCode: "copy the code", KeyCopyURL: "copy the address",

	InstSearch: "name or CNPJ", InstCount: "%s institution|%s institutions", Inactive: "deactivated",
	ColInstState: "Status", InstActive: "active", KeyRename: "rename",
	KeyActive: "deactivate/reactivate", NewInstitution: "New institution", RenameInstitution: "Rename %s",
	CNPJNote:       "Numeric or alphanumeric CNPJ (in force since 2026); the check digits are verified.",
	FieldLegalName: "Legal name", InstCreated: "%s (%s) registered.", InstSaved: "%s updated.",
	ConfirmActivate:   "Reactivate %s? It may submit requests again. s confirms · esc cancels",
	ConfirmDeactivate: "Deactivate %s? Its requests stay; new ones are refused. s confirms · esc cancels",

	ColActor: "Actor", ColAction: "Action", ColTarget: "Target", KeyEvent: "details", KeyFilter: "filter",
	KeyVerify: "verify the chain", KeyClearFilter: "clear filters", NoFilter: "Every event, newest first · f filters · v verifies the chain",
	ClearFilterHint: "esc clears", FilterTitle: "Filter the audit trail",
	FilterNote: "Blank: no filter. Target as kind:id, e.g. request:SOL-2026-000123, api:datajud, user:ana.",
	NoEvents:   "No events.", AuditPosition: "event %d · %d–%d loaded", AuditEnd: "(end of the trail)",
	Verifying:    "Verifying the hash chain…",
	VerifyOK:     "✓ Chain intact: %s, %s and %s checked.",
	VerifyEvents: "%s event|%s events", VerifyHistories: "%s request history|%s request histories",
	VerifyCheckpoints: "%s checkpoint|%s checkpoints",
	VerifyBroken:      "✖ Chain broken in %s, position %d: %s",
	EventTitle:        "Event %d", EventDetail: "Detail", EventBefore: "Before", EventAfter: "After",
	ShortDate: "Jan 02 15:04", RequestAction: "request: ",
	Actions: map[string]string{
		"api.created": "API created", "api.updated": "API changed", "api.published": "API published",
		"api.retired": "API retired", "api.terms_published": "terms of use published", "api.openapi_stored": "OpenAPI stored",
		"audit.checkpoint": "trail checkpoint", "institution.allowlist_set": "IP allowlist set",
		"institution.created": "institution registered", "institution.updated": "institution changed",
		"issuer.key_added": "new signing key", "profile.updated": "profile changed",
		"session.signed_in": "signed in (new session)", "user.created": "account created", "user.updated": "account changed",
		"user.activation_issued": "activation code issued", "user.activated": "account activated",
		"user.first_sign_in": "first sign-in", "request.attachment_added": "request: attachment added",
		"vault.write": "vault: write", "vault.delete": "vault: delete", "vault.key_rotated": "vault: key rotated",
		"service_client.created": "service client created",
	},

	KeyRevoke: "revoke", RevokePrompt: "Revoke %s (%s)? Its credential stops working at once.",
	RevokeJustification: "justification (required)", RevokeNeedsWhy: "Enter the revocation's justification (at least 10 characters).",
	RevokeConfirm: "Confirm revoking %s? It cannot be undone.",
	Revoking:      "Revoking %s…", Revoked: "Request %s revoked; its credential was cancelled.",
}
