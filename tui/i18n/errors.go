package i18n

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// ErrText words the typed errors of client, store, session and the
// wizard's file checks (tui/common.Explain picks the one that applies).
// Texts marked "nested" complete another sentence, so they start in
// lower case.
type ErrText struct {
	Unexpected, Refused, RefusedDetail, Unreachable string // Unreachable: nested

	BadServerURL, BadResponse, NoIssuer, NoDeviceFlow, DiscoveryStatus, DiscoveryUnreadable string
	RevocationRefused                                                                       string // nested
	SaveToken, SignedOut, SignedOutCode, BadOpenAPI, BadGateway, BadTerms                   string

	CacheOpen, CacheLocate, CacheRead, CacheWrite, CacheCorrupt               string
	CacheCatalog, CacheDoc, CacheRequests, CacheRequest, CacheDraft           string // nouns; Doc and Request take the id
	CacheSession, CacheCredentials, CacheSettings, CacheNotices               string
	NoSession, SignInDenied, CodeExpired, SignInStart, SignInFinish, NoRevoke string

	AttachMissing, AttachIsDir, AttachTooLarge, AttachNotPDF, AttachTruncated string
	AttachUnreadable, AttachUpload, AttachBadName                             string
}

var errPtBR = ErrText{
	Unexpected:    "Erro inesperado: %s",
	Refused:       "O servidor recusou o pedido (%d %s).",
	RefusedDetail: "O servidor recusou o pedido (%d %s): %s",
	Unreachable:   "o servidor não respondeu",

	BadServerURL:        "Endereço de servidor inválido %q: use http(s)://host[:porta] em --server ou GECLI_SERVER.",
	BadResponse:         "O servidor respondeu algo ilegível em %s: confira se --server aponta para um servidor gecli desta versão.",
	NoIssuer:            "O servidor não anuncia um emissor de tokens, então não há como entrar: peça ao administrador que configure o emissor (--issuer).",
	NoDeviceFlow:        "O emissor %s não oferece o fluxo de dispositivo (RFC 8628), que o gecli usa para entrar: peça ao administrador que o habilite.",
	DiscoveryStatus:     "O emissor %s falhou na descoberta (HTTP %d): tente de novo em alguns minutos; se persistir, informe o suporte.",
	DiscoveryUnreadable: "O emissor %s respondeu um documento de descoberta ilegível: informe o suporte.",
	RevocationRefused:   "o emissor recusou a revogação (HTTP %d)",
	SaveToken:           "A sessão foi renovada, mas o novo token não foi guardado (%s): se a sessão cair, entre de novo.",
	SignedOut:           "Sessão ausente ou encerrada: entre de novo (L na TUI ou gecli login).",
	SignedOutCode:       "O emissor encerrou a sessão (%s): entre de novo (L na TUI ou gecli login).",
	BadOpenAPI:          "O documento OpenAPI desta API é ilegível (%s): avise o responsável técnico da API.",
	BadGateway:          "O gateway %s aceitou a credencial, mas respondeu algo ilegível: informe o suporte com data e hora.",
	BadTerms:            "O termo de uso recebido de %s não é um PDF válido: tente de novo; se persistir, informe o suporte.",

	CacheOpen:        "Não foi possível abrir o cache local %s (%s): confira as permissões da pasta ou escolha outro arquivo com --cache.",
	CacheLocate:      "Não foi possível descobrir a pasta de cache do usuário (%s): escolha o arquivo com --cache.",
	CacheRead:        "Não foi possível ler %s do cache local (%s).",
	CacheWrite:       "Não foi possível gravar %s no cache local (%s): confira o espaço livre em disco.",
	CacheCorrupt:     "Não foi possível decodificar %s do cache local (%s): atualize a partir do servidor; se persistir, informe o suporte.",
	CacheCatalog:     "o catálogo",
	CacheDoc:         "o documento OpenAPI de %s",
	CacheRequests:    "as solicitações",
	CacheRequest:     "a solicitação %s",
	CacheDraft:       "o rascunho",
	CacheSession:     "a sessão",
	CacheCredentials: "as credenciais",
	CacheSettings:    "as configurações",
	CacheNotices:     "os avisos",

	NoSession:    "Ninguém entrou neste servidor: entre (L na TUI ou gecli login).",
	SignInDenied: "A entrada foi negada na página de aprovação.",
	CodeExpired:  "O código expirou antes da aprovação; tente de novo.",
	SignInStart:  "O emissor não forneceu um código de entrada (%s).",
	SignInFinish: "A entrada não foi concluída (%s).",
	NoRevoke:     "Tokens apagados deste computador, mas o emissor não confirmou a revogação (%s): o token de renovação segue válido lá até vencer.",

	AttachMissing:    "Arquivo não encontrado: %s",
	AttachIsDir:      "%s é uma pasta; escolha um arquivo PDF.",
	AttachTooLarge:   "%s tem %s MB; o limite é %s MB por arquivo (FAQ 4.2).",
	AttachNotPDF:     "%s não é um PDF (o conteúdo não começa com %%PDF-): anexe o documento em PDF.",
	AttachTruncated:  "%s é um PDF incompleto (falta o marcador %%%%EOF no final): gere ou baixe o arquivo de novo.",
	AttachUnreadable: "Não foi possível ler %s (%s).",
	AttachUpload:     "anexo %s: %s",
	AttachBadName:    "O nome %q não pode ser usado: até 255 bytes, terminando em .pdf, sem pastas, \"..\" nem caracteres de controle ou que invertem o texto. Renomeie o arquivo e anexe de novo.",
}

var errEn = ErrText{
	Unexpected:    "Unexpected error: %s",
	Refused:       "The server refused the request (%d %s).",
	RefusedDetail: "The server refused the request (%d %s): %s",
	Unreachable:   "the server did not answer",

	BadServerURL:        "Invalid server address %q: use http(s)://host[:port] in --server or GECLI_SERVER.",
	BadResponse:         "The server's answer to %s is unreadable: check that --server points at a gecli server of this version.",
	NoIssuer:            "The server announces no token issuer, so there is no way to sign in: ask its administrator to configure one (--issuer).",
	NoDeviceFlow:        "The issuer %s does not offer the device flow (RFC 8628) that gecli signs in with: ask its administrator to enable it.",
	DiscoveryStatus:     "The issuer %s failed its discovery request (HTTP %d): try again in a few minutes; if it persists, tell support.",
	DiscoveryUnreadable: "The issuer %s answered an unreadable discovery document: tell support.",
	RevocationRefused:   "the issuer refused the revocation (HTTP %d)",
	SaveToken:           "The session was renewed, but the new token was not stored (%s): if the session drops, sign in again.",
	SignedOut:           "No session, or it has ended: sign in again (L in the TUI, or gecli login).",
	SignedOutCode:       "The issuer ended the session (%s): sign in again (L in the TUI, or gecli login).",
	BadOpenAPI:          "This API's OpenAPI document is unreadable (%s): tell the API's technical owner.",
	BadGateway:          "The gateway %s accepted the credential but answered something unreadable: tell support the date and time.",
	BadTerms:            "The terms of use received for %s are not a valid PDF: try again; if it persists, tell support.",

	CacheOpen:        "Could not open the local cache %s (%s): check the folder's permissions or choose another file with --cache.",
	CacheLocate:      "Could not find the user cache folder (%s): choose the file with --cache.",
	CacheRead:        "Could not read %s from the local cache (%s).",
	CacheWrite:       "Could not write %s to the local cache (%s): check the free disk space.",
	CacheCorrupt:     "Could not decode %s from the local cache (%s): refresh from the server; if it persists, tell support.",
	CacheCatalog:     "the catalog",
	CacheDoc:         "the OpenAPI document of %s",
	CacheRequests:    "the requests",
	CacheRequest:     "request %s",
	CacheDraft:       "the draft",
	CacheSession:     "the session",
	CacheCredentials: "the credentials",
	CacheSettings:    "the settings",
	CacheNotices:     "the announcements",

	NoSession:    "Nobody is signed in on this server: sign in (L in the TUI, or gecli login).",
	SignInDenied: "Sign-in was denied on the approval page.",
	CodeExpired:  "The code expired before it was approved; try again.",
	SignInStart:  "The issuer gave no sign-in code (%s).",
	SignInFinish: "Sign-in did not complete (%s).",
	NoRevoke:     "Tokens deleted from this computer, but the issuer did not confirm the revocation (%s): the refresh token stays valid there until it expires.",

	AttachMissing:    "File not found: %s",
	AttachIsDir:      "%s is a folder; choose a PDF file.",
	AttachTooLarge:   "%s is %s MB; the limit is %s MB per file (FAQ 4.2).",
	AttachNotPDF:     "%s is not a PDF (its content does not start with %%PDF-): attach the document as a PDF.",
	AttachTruncated:  "%s is an incomplete PDF (the %%%%EOF marker is missing at the end): export or download it again.",
	AttachUnreadable: "Could not read %s (%s).",
	AttachUpload:     "attachment %s: %s",
	AttachBadName:    "The name %q cannot be used: at most 255 bytes, ending in .pdf, with no folders, \"..\", control or text-direction characters. Rename the file and attach it again.",
}

// Unexpected words an error gecli has no sentence for, keeping its detail.
func (t *Text) Unexpected(detail string) string { return fmt.Sprintf(t.Err.Unexpected, detail) }

// ClientError words a client failure; cause is the wording of e.Err
// (tui/common words nested errors). "" for a kind without a text.
func (t *Text) ClientError(e *client.Error, cause string) string {
	x := &t.Err
	switch e.Kind {
	case client.KindBadServerURL:
		return fmt.Sprintf(x.BadServerURL, e.URL)
	case client.KindBadResponse:
		return fmt.Sprintf(x.BadResponse, e.Path)
	case client.KindNoIssuer:
		return x.NoIssuer
	case client.KindNoDeviceFlow:
		return fmt.Sprintf(x.NoDeviceFlow, e.URL)
	case client.KindDiscoveryFailed:
		if e.Status != 0 {
			return fmt.Sprintf(x.DiscoveryStatus, e.URL, e.Status)
		}
		return fmt.Sprintf(x.DiscoveryUnreadable, e.URL)
	case client.KindRevocationRefused:
		return fmt.Sprintf(x.RevocationRefused, e.Status)
	case client.KindSaveToken:
		return fmt.Sprintf(x.SaveToken, cause)
	case client.KindSignedOut:
		if e.Code != "" {
			return fmt.Sprintf(x.SignedOutCode, e.Code)
		}
		return x.SignedOut
	case client.KindBadOpenAPI:
		return fmt.Sprintf(x.BadOpenAPI, cause)
	case client.KindBadGateway:
		return fmt.Sprintf(x.BadGateway, e.URL)
	case client.KindBadTerms:
		return fmt.Sprintf(x.BadTerms, e.ID)
	}
	return ""
}

// StoreError words a cache failure; cause is the wording of e.Err. ""
// for an operation or entity without a text.
func (t *Text) StoreError(e *store.Error, cause string) string {
	x := &t.Err
	what := t.cacheEntity(e.Entity, e.ID)
	switch {
	case e.Op == store.OpOpen:
		return fmt.Sprintf(x.CacheOpen, e.Path, cause)
	case e.Op == store.OpLocate:
		return fmt.Sprintf(x.CacheLocate, cause)
	case what == "":
	case e.Op == store.OpRead:
		return fmt.Sprintf(x.CacheRead, what, cause)
	case e.Op == store.OpWrite:
		return fmt.Sprintf(x.CacheWrite, what, cause)
	case e.Op == store.OpCorrupt:
		return fmt.Sprintf(x.CacheCorrupt, what, cause)
	}
	return ""
}

func (t *Text) cacheEntity(e store.Entity, id string) string {
	x := &t.Err
	switch e {
	case store.EntityCatalog:
		return x.CacheCatalog
	case store.EntityDoc:
		return fmt.Sprintf(x.CacheDoc, id)
	case store.EntityRequests:
		return x.CacheRequests
	case store.EntityRequest:
		return fmt.Sprintf(x.CacheRequest, id)
	case store.EntityDraft:
		return x.CacheDraft
	case store.EntitySession:
		return x.CacheSession
	case store.EntityCredentials:
		return x.CacheCredentials
	case store.EntitySettings:
		return x.CacheSettings
	case store.EntityNotices:
		return x.CacheNotices
	}
	return ""
}

// SessionError words a sign-in or sign-out failure; cause is the wording
// of e.Err. "" for a kind without a text.
func (t *Text) SessionError(e *session.Error, cause string) string {
	x := &t.Err
	switch e.Kind {
	case session.KindNoSession:
		return x.NoSession
	case session.KindDenied:
		return x.SignInDenied
	case session.KindCodeExpired:
		return x.CodeExpired
	case session.KindStartFailed:
		return fmt.Sprintf(x.SignInStart, cause)
	case session.KindFinishFailed:
		return fmt.Sprintf(x.SignInFinish, cause)
	case session.KindRevokeUnconfirmed:
		return fmt.Sprintf(x.NoRevoke, cause)
	}
	return ""
}

// AttachmentError words a refused or failed attachment; cause is the
// wording of e.Err. "" for a kind without a text.
func (t *Text) AttachmentError(e *api.AttachmentError, cause string) string {
	x, name := &t.Err, filepath.Base(e.Path)
	switch e.Kind {
	case api.AttachmentMissing:
		return fmt.Sprintf(x.AttachMissing, e.Path)
	case api.AttachmentIsDir:
		return fmt.Sprintf(x.AttachIsDir, e.Path)
	case api.AttachmentTooLarge:
		return fmt.Sprintf(x.AttachTooLarge, name, t.megabytes(e.Size), t.Number(api.MaxAttachmentBytes>>20))
	case api.AttachmentNotPDF:
		if errors.Is(e.Err, api.ErrPDFTruncated) {
			return fmt.Sprintf(x.AttachTruncated, name)
		}
		return fmt.Sprintf(x.AttachNotPDF, name)
	case api.AttachmentUnreadable:
		return fmt.Sprintf(x.AttachUnreadable, e.Path, cause)
	case api.AttachmentUpload:
		return fmt.Sprintf(x.AttachUpload, name, cause)
	case api.AttachmentBadName:
		return fmt.Sprintf(x.AttachBadName, api.UploadName(e.Path))
	}
	return ""
}

// megabytes writes a size in MB with one decimal, the language's way
// (10,5 in pt-BR, 10.5 in English).
func (t *Text) megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if t.Lang == api.En {
		return enPrinter.Sprintf("%.1f", mb)
	}
	return ptPrinter.Sprintf("%.1f", mb)
}
