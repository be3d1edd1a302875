package api

import (
	"fmt"
	"net/http"
)

// ProblemContentType is the media type of RFC 9457 problem details.
const ProblemContentType = "application/problem+json"

// Code is a stable, machine-readable error code carried in every problem.
// Clients switch on it; titles and details are for people.
type Code string

const (
	CodeInvalidParameter Code = "invalid_parameter"
	CodeQueryTooLong     Code = "query_too_long"
	CodeInvalidID        Code = "invalid_id"
	CodeAPINotFound      Code = "api_not_found"
	CodeNotFound         Code = "not_found"
	CodeMethodNotAllowed Code = "method_not_allowed"
	CodeNotReady         Code = "not_ready"
	CodeInternal         Code = "internal_error"
	CodeBusy             Code = "busy"
	CodeDBUnavailable    Code = "database_unavailable"
	// A body that is not application/json, or larger than the limit.
	CodeUnsupportedMediaType Code = "unsupported_media_type"
	CodeBodyTooLarge         Code = "body_too_large"
	// Idempotency-Key (DESIGN.md §5).
	CodeIdempotencyReused     Code = "idempotency_key_reused"
	CodeIdempotencyInProgress Code = "idempotency_key_in_progress"
	CodeSecretNotReplayed     Code = "secret_not_replayed"
	CodeIdempotencyAnswerLost Code = "idempotency_answer_lost"
	CodeTokenExpired          Code = "token_expired"
	CodeInvalidToken          Code = "invalid_token"
	CodeForbiddenRole         Code = "forbidden_role"
	CodeInstitutionNotLinked  Code = "institution_not_linked"
	CodeAttachmentTooLarge    Code = "attachment_too_large"
	CodeNotPDF                Code = "not_pdf"
	CodeTermsNotAccepted      Code = "terms_not_accepted"
	CodeCredentialNotApproved Code = "credential_not_approved"
	CodeWrongEnvironment      Code = "wrong_environment"
	CodeIPNotAllowed          Code = "ip_not_allowed"
)

// Codes lists every problem code of the wire contract, so tests can walk
// them all (TestCodesListsEveryCode keeps it complete).
var Codes = []Code{
	CodeInvalidParameter, CodeQueryTooLong, CodeInvalidID, CodeAPINotFound, CodeNotFound, CodeMethodNotAllowed,
	CodeNotReady, CodeInternal, CodeBusy, CodeDBUnavailable, CodeUnsupportedMediaType, CodeBodyTooLarge,
	CodeIdempotencyReused, CodeIdempotencyInProgress, CodeSecretNotReplayed, CodeIdempotencyAnswerLost,
	CodeTokenExpired, CodeInvalidToken, CodeForbiddenRole, CodeInstitutionNotLinked, CodeAttachmentTooLarge,
	CodeNotPDF, CodeTermsNotAccepted, CodeCredentialNotApproved, CodeWrongEnvironment, CodeIPNotAllowed,
	CodeVaultLocked, CodeVaultNotFound, CodeVaultScope, CodeVaultUnread,
	CodeValidation, CodeRequestState, CodeNotFoundReq, CodeAlreadyDecided,
	CodeLastProfilesAdmin, CodeUserExists, CodeUserNotFound, CodeBadActivation,
	CodeAPIExists, CodeAPINotReady, CodeAPINotPublished, CodeBadOpenAPI,
	CodeUnauthenticated, CodeInstitutionInactive, CodeInstitutionExists,
	CodeMaintenance, CodeAnnouncementNotFound,
	CodeWebhookNotFound, CodeWebhookURL, CodeWebhookLimit,
}

// Problem is an RFC 9457 problem+json body.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Code     Code         `json:"code"`
	Instance string       `json:"instance,omitempty"`
	Fields   []FieldError `json:"fields,omitempty"`
	// Extension members of a 409 on a decision: who decided, when, and
	// the request's status now.
	DecidedBy     string `json:"decided_by,omitempty"`
	DecidedAt     string `json:"decided_at,omitempty"`
	CurrentStatus Status `json:"current_status,omitempty"`

	detailEn string // Detail in English (Refusal); Problem.In picks
}

// FieldError names one invalid input and says what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`

	en string // Message in English (Refuse); FieldError.In picks
}

// NewProblem builds a problem whose type URI is derived from its code, so
// the same code always documents the same thing.
func NewProblem(status int, code Code, detail string) *Problem {
	return &Problem{
		Type:   "urn:gecli:problem:" + string(code),
		Title:  http.StatusText(status),
		Status: status,
		Code:   code,
		Detail: detail,
	}
}

// WithFields attaches validation errors.
func (p *Problem) WithFields(f ...FieldError) *Problem {
	p.Fields = append(p.Fields, f...)
	return p
}

func (p *Problem) Error() string {
	if p.Detail != "" {
		return fmt.Sprintf("%d %s: %s", p.Status, p.Code, p.Detail)
	}
	return fmt.Sprintf("%d %s", p.Status, p.Code)
}

// Problem codes of the vault.
const (
	CodeVaultLocked   Code = "vault_locked"
	CodeVaultNotFound Code = "vault_credential_not_found"
	CodeVaultScope    Code = "insufficient_scope"
	CodeVaultUnread   Code = "vault_entry_unreadable"
)
