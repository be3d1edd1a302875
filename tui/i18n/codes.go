package i18n

import (
	"strings"

	"github.com/gecli/gecli/api"
)

// codeTexts word, in each language, the server's problem codes that no
// other sentence of Text words (CodeText tries those first). The server's
// detail follows Accept-Language too, but the FAQ's cause and action are
// the UI's. TestEveryCodeHasBothTexts (over api.Codes) keeps them complete.
var codeTexts = map[api.Lang]map[api.Code]string{
	api.PtBR: {
		api.CodeAPINotPublished:       "Esta API não está publicada: não aceita solicitações agora.",
		api.CodeUnauthenticated:       "É preciso entrar para isto: L entra.",
		api.CodeInvalidParameter:      "Um parâmetro do pedido foi recusado pelo servidor; atualize o gecli se persistir.",
		api.CodeQueryTooLong:          "A busca é longa demais: encurte o texto.",
		api.CodeInvalidID:             "Identificador inválido: confira o número digitado.",
		api.CodeMethodNotAllowed:      "O servidor não aceita esta operação aqui: versões diferentes de gecli e do servidor?",
		api.CodeNotReady:              "O servidor ainda não está pronto (iniciando ou sem banco): tente de novo em instantes.",
		api.CodeMaintenance:           "O servidor está em manutenção e não gravou nada; o que você digitou continua aqui: envie de novo quando ela acabar (o topo da tela diz quando).",
		api.CodeAnnouncementNotFound:  "Este aviso não existe mais: outra pessoa o apagou.",
		api.CodeWebhookNotFound:       "Este webhook não existe mais: outra pessoa o apagou.",
		api.CodeWebhookURL:            "O endereço do webhook foi recusado: use https e um servidor alcançável pela internet.",
		api.CodeWebhookLimit:          "A instituição já tem o máximo de webhooks: apague um antes de cadastrar outro.",
		api.CodeBodyTooLarge:          "O envio é grande demais para o servidor: reduza o texto ou o arquivo.",
		api.CodeIdempotencyReused:     "Este envio já foi usado para outro pedido: repita a ação do início.",
		api.CodeTermsNotAccepted:      "O termo de uso desta versão não foi aceito: aceite-o na etapa do termo.",
		api.CodeCredentialNotApproved: "A credencial só existe para solicitações aprovadas (e com o formulário técnico completo, quando exigido).",
		api.CodeWrongEnvironment:      "A credencial é de outro ambiente: use a de homologação em HMG e a de produção em PRD.",
		api.CodeIPNotAllowed:          "O endereço de origem está fora das faixas de IP liberadas para a instituição (i edita as faixas).",
		api.CodeVaultLocked:           "O cofre do servidor está trancado: a chave mestra mudou; o administrador deve reiniciá-lo com a nova chave.",
		api.CodeVaultNotFound:         "Não há credencial cadastrada no cofre para este sistema.",
		api.CodeVaultScope:            "O cliente não tem o escopo necessário para o cofre.",
		api.CodeVaultUnread:           "A entrada do cofre não pôde ser lida: cadastre-a de novo.",
		api.CodeValidation:            "O servidor recusou dados do formulário: confira os campos.",
		api.CodeNotFoundReq:           "Solicitação inexistente ou de outra instituição.",
		api.CodeAlreadyDecided:        "Esta solicitação já foi decidida.",
	},
	api.En: {
		api.CodeAPINotPublished:       "This API is not published: it takes no requests now.",
		api.CodeUnauthenticated:       "You need to sign in for this: L signs in.",
		api.CodeInvalidParameter:      "The server refused a parameter of the request; update gecli if it goes on.",
		api.CodeQueryTooLong:          "The search is too long: shorten it.",
		api.CodeInvalidID:             "Invalid identifier: check the number typed.",
		api.CodeMethodNotAllowed:      "The server does not take this operation here: are gecli and the server of different versions?",
		api.CodeNotReady:              "The server is not ready yet (starting, or without its database): try again in a moment.",
		api.CodeMaintenance:           "The server is under maintenance and saved nothing; what you typed is still here: send it again once it is over (the top of the screen says when).",
		api.CodeAnnouncementNotFound:  "This announcement no longer exists: someone deleted it.",
		api.CodeWebhookNotFound:       "This webhook no longer exists: someone deleted it.",
		api.CodeWebhookURL:            "The webhook's address was refused: use https and a server reachable from the internet.",
		api.CodeWebhookLimit:          "The institution already has the most webhooks it may: delete one before adding another.",
		api.CodeBodyTooLarge:          "What was sent is too large for the server: make the text or the file smaller.",
		api.CodeIdempotencyReused:     "This submission was already used for another request: do the action again from the start.",
		api.CodeTermsNotAccepted:      "The terms of use of this version were not accepted: accept them on the terms step.",
		api.CodeCredentialNotApproved: "Credentials exist only for approved requests (with the technical form complete, when one is required).",
		api.CodeWrongEnvironment:      "The credential is of another environment: use the staging one in HMG and the production one in PRD.",
		api.CodeIPNotAllowed:          "The source address is outside the institution's allowed IP ranges (i edits the ranges).",
		api.CodeVaultLocked:           "The server's vault is locked: its master key changed; the administrator must restart it with the new key.",
		api.CodeVaultNotFound:         "No credential is registered in the vault for this system.",
		api.CodeVaultScope:            "The client lacks the scope the vault needs.",
		api.CodeVaultUnread:           "The vault entry could not be read: register it again.",
		api.CodeValidation:            "The server refused data of the form: check the fields.",
		api.CodeNotFoundReq:           "No such request, or one of another institution.",
		api.CodeAlreadyDecided:        "This request was already decided.",
	},
}

// CodeText is the sentence for a problem code in t's language: the FAQ's
// cause and action (FAQ 4.1, 4.2). ok is false for a code gecli does not
// know (a newer server's).
func (t *Text) CodeText(code api.Code) (string, bool) {
	if s := t.sharedCodeText(code); s != "" {
		return s, true
	}
	s, ok := codeTexts[t.Lang][code]
	return s, ok
}

// sharedCodeText words the codes whose sentence a screen also says.
func (t *Text) sharedCodeText(code api.Code) string {
	a := &t.Admin
	switch code {
	case api.CodeAPIExists:
		return a.ExplainAPIExists
	case api.CodeAPINotReady:
		return a.ExplainAPINotReady
	case api.CodeLastProfilesAdmin:
		return a.ExplainLastProfilesAdmin
	case api.CodeUserExists:
		return a.ExplainUserExists
	case api.CodeUserNotFound:
		return a.ExplainUserNotFound
	case api.CodeBadActivation:
		return a.ExplainBadActivation
	case api.CodeInstitutionExists:
		return a.ExplainInstitutionExists
	case api.CodeInstitutionInactive:
		return a.ExplainInstitutionInactive
	case api.CodeBadOpenAPI:
		return strings.TrimSuffix(a.ExplainBadOpenAPI, ": %s") + "."
	case api.CodeRequestState:
		return t.Opinion.ExplainState
	case api.CodeAttachmentTooLarge:
		return t.Opinion.ExplainTooLarge
	case api.CodeNotPDF:
		return t.Opinion.ExplainNotPDF
	case api.CodeUnsupportedMediaType:
		return t.Opinion.ExplainMediaType
	case api.CodeTokenExpired, api.CodeInvalidToken:
		return t.Explain401
	case api.CodeForbiddenRole:
		return t.Explain403
	case api.CodeInstitutionNotLinked:
		return t.ExplainNotLinked
	case api.CodeNotFound, api.CodeAPINotFound:
		return t.Explain404
	case api.CodeBusy, api.CodeDBUnavailable, api.CodeIdempotencyInProgress:
		return t.Box.ExplainBusy
	case api.CodeSecretNotReplayed:
		return t.Box.ExplainSecretNotReplayed
	case api.CodeIdempotencyAnswerLost:
		return t.Box.ExplainAnswerLost
	case api.CodeInternal:
		return t.Explain500
	}
	return ""
}
