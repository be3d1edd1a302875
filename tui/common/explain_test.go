package common

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/i18n"
)

func TestExplainFollowsTheFAQ(t *testing.T) {
	problem := func(status int, code api.Code) error {
		return &client.ProblemError{Problem: *api.NewProblem(status, code, "detalhe")}
	}
	pt := i18n.For(api.PtBR)
	tests := []struct {
		err  error
		want string
	}{
		{problem(401, api.CodeTokenExpired), "401"},
		{problem(401, api.CodeInvalidToken), "entre"},
		{problem(403, api.CodeForbiddenRole), "seu perfil não tem a permissão para esta ação; peça a quem administra os perfis"},
		{problem(404, api.CodeAPINotFound), "Homologação ou Produção"},
		{problem(500, api.CodeInternal), "data e hora"},
		{problem(502, "http_502"), "500"},
		{problem(422, api.CodeInstitutionNotLinked), "CNPJ"},
		{&client.NetworkError{Err: errors.New("refused")}, "ctrl+r"},
		{errors.New("outra coisa"), "outra coisa"},
	}
	for _, tt := range tests {
		if got := Explain(pt, tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("%v: %q lacks %q", tt.err, got, tt.want)
		}
	}
	if got := Explain(i18n.For(api.En), problem(403, api.CodeForbiddenRole)); !strings.Contains(got, "ask whoever administers the profiles") {
		t.Errorf("English 403: %q", got)
	}
}

// typedErrors is one error of every kind client, store, session and the
// attachment checks define, with every value set. The kinds come from the
// packages, so a kind added there without a text here fails the test.
func typedErrors() map[string]error {
	cause := errors.New("unexpected EOF")
	out := map[string]error{}
	for _, k := range client.ErrorKinds() {
		out[fmt.Sprintf("client kind %d", k)] = &client.Error{Kind: k, URL: "https://issuer.example", Path: "/api/v1/apis",
			ID: "tpu", Status: 503, Code: "invalid_grant", Err: cause}
	}
	out["client signed out, no code"] = client.ErrSignedOut
	out["client discovery unreadable"] = &client.Error{Kind: client.KindDiscoveryFailed, URL: "https://issuer.example", Err: cause}
	for _, op := range store.Ops() {
		for _, en := range store.Entities() {
			out[fmt.Sprintf("store op %d entity %d", op, en)] = &store.Error{Op: op, Entity: en, ID: "0193a", Path: "/home/x/.cache/gecli/a.db", Err: cause}
		}
	}
	for _, k := range session.ErrorKinds() {
		out[fmt.Sprintf("session kind %d", k)] = &session.Error{Kind: k, Err: cause}
	}
	out["session no session"] = session.ErrNoSession
	for _, k := range api.AttachmentKinds() {
		out[fmt.Sprintf("attachment kind %d", k)] = &api.AttachmentError{Kind: k, Path: "/tmp/oficio.pdf", Size: 11 << 20, Err: cause}
	}
	out["attachment truncated"] = &api.AttachmentError{Kind: api.AttachmentNotPDF, Path: "/tmp/oficio.pdf", Err: api.ErrPDFTruncated}
	return out
}

// portuguese finds pt-BR in a text meant to be English.
var portuguese = regexp.MustCompile(`[ãáàâçéêíóôõú]|\b(não|de|do|da|o|os|um|uma|para|servidor|arquivo|entre|sessão)\b`)

func TestEveryTypedErrorHasTextInBothLanguages(t *testing.T) {
	pt, en := i18n.For(api.PtBR), i18n.For(api.En)
	for name, err := range typedErrors() {
		wrapped := fmt.Errorf("context: %w", err)
		p, e := Explain(pt, wrapped), Explain(en, wrapped)
		for lang, s := range map[string]string{"pt-BR": p, "en": e} {
			if _, ok := Known(i18n.For(api.Lang(lang)), wrapped); !ok || strings.Contains(s, "%!") || strings.HasPrefix(s, "Erro inesperado") || strings.HasPrefix(s, "Unexpected") {
				t.Errorf("%s (%s): no text of its own: %q", name, lang, s)
			}
		}
		if p == e {
			t.Errorf("%s: the same text in both languages: %q", name, p)
		}
		if m := portuguese.FindString(e); m != "" {
			t.Errorf("%s: English text has Portuguese (%q): %q", name, m, e)
		}
	}
}

func TestExplainNestsCausesAndFallsBackInTheLanguage(t *testing.T) {
	pt, en := i18n.For(api.PtBR), i18n.For(api.En)
	forbidden := &client.ProblemError{Problem: *api.NewProblem(403, api.CodeForbiddenRole, "")}
	offline := &client.NetworkError{Err: errors.New("connection refused")}
	tests := []struct {
		t     *i18n.Text
		err   error
		wants []string
	}{
		{pt, &api.AttachmentError{Kind: api.AttachmentUpload, Path: "/tmp/oficio.pdf", Err: forbidden}, []string{"oficio.pdf", pt.Explain403}},
		{en, &session.Error{Kind: session.KindRevokeUnconfirmed, Err: offline}, []string{"Tokens deleted", en.Err.Unreachable}},
		{en, &session.Error{Kind: session.KindRevokeUnconfirmed, Err: &client.Error{Kind: client.KindRevocationRefused, Status: 400}}, []string{"HTTP 400"}},
		{pt, &api.AttachmentError{Kind: api.AttachmentTooLarge, Path: "/x/grande.pdf", Size: 10<<20 + 1<<19}, []string{"grande.pdf tem 10,5 MB", "10 MB"}},
		{en, &api.AttachmentError{Kind: api.AttachmentTooLarge, Path: "/x/big.pdf", Size: 10<<20 + 1<<19}, []string{"big.pdf is 10.5 MB", "10 MB"}},
		{en, &api.AttachmentError{Kind: api.AttachmentUnreadable, Path: "/x/a.pdf", Err: &fs.PathError{Op: "open", Path: "/x/a.pdf", Err: fs.ErrPermission}}, []string{"Could not read /x/a.pdf (permission denied)"}},
		{en, errors.Join(errors.New("first"), &store.Error{Op: store.OpWrite, Entity: store.EntitySession}), []string{"Could not write the session"}},
		{en, &client.ProblemError{Problem: *api.NewProblem(409, "a_future_code", "decidida por ana")}, []string{"refused", "409 a_future_code", "decidida por ana"}},
		{en, &client.ProblemError{Problem: *api.NewProblem(409, api.CodeAlreadyDecided, "decidida por ana")}, []string{"already decided"}},
		{en, &client.ProblemError{Problem: *api.NewProblem(409, api.CodeRequestState, "só solicitações em análise recebem pareceres")}, []string{"409", "no longer takes this operation"}},
		{pt, &client.ProblemError{Problem: *api.NewProblem(413, api.CodeAttachmentTooLarge, "o parecer passa do limite de 10 MB")}, []string{"413", "10 MB"}},
		{en, &client.ProblemError{Problem: *api.NewProblem(415, api.CodeNotPDF, "o anexo do parecer deve ser um PDF")}, []string{"415", "not a valid PDF"}},
		{en, &client.ProblemError{Problem: *api.NewProblem(422, api.CodeValidation, "parecer inválido").WithFields(api.FieldError{Field: "text", Message: "curto"})}, []string{"422", "(text)", "nothing was saved"}},
		{en, errors.New("boom"), []string{"Unexpected error: boom"}},
		{pt, errors.New("boom"), []string{"Erro inesperado: boom"}},
	}
	for _, tt := range tests {
		got := Explain(tt.t, tt.err)
		for _, w := range tt.wants {
			if !strings.Contains(got, w) {
				t.Errorf("%v (%s): %q lacks %q", tt.err, tt.t.Lang, got, w)
			}
		}
	}
	if _, ok := Known(en, errors.New("boom")); ok {
		t.Error("an unknown error reported as known")
	}
}

// TestExplainAdministration: each refusal of administration says what
// happened and what to do, in both languages.
func TestExplainAdministration(t *testing.T) {
	codes := []api.Code{api.CodeAPIExists, api.CodeAPINotReady, api.CodeBadOpenAPI, api.CodeLastProfilesAdmin,
		api.CodeUserExists, api.CodeUserNotFound, api.CodeBadActivation, api.CodeInstitutionExists, api.CodeInstitutionInactive}
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		seen := map[string]api.Code{}
		for _, c := range codes {
			got := Explain(i18n.For(lang), &client.ProblemError{Problem: *api.NewProblem(409, c, "paths: missing")})
			if strings.Contains(got, string(c)) || seen[got] != "" {
				t.Errorf("%s %s: %q (generic, or the same as %s)", lang, c, got, seen[got])
			}
			seen[got] = c
		}
	}
	bad := &client.ProblemError{Problem: *api.NewProblem(422, api.CodeBadOpenAPI, "documento OpenAPI inválido: value of openapi must be a non-empty string")}
	if got := Explain(i18n.For(api.En), bad); strings.Contains(got, "inválido") || !strings.Contains(got, "value of openapi") {
		t.Errorf("a bad OpenAPI document, in English: %q (the server's Portuguese prefix left, or the parser's message lost)", got)
	}
	if got := Explain(i18n.For(api.PtBR), &client.ProblemError{Problem: *api.NewProblem(409, api.CodeLastProfilesAdmin, "")}); !strings.Contains(got, "profiles:admin") {
		t.Errorf("last profiles admin: %q", got)
	}
}

// TestEveryServerCodeIsWordedInBothLanguages: each problem code of the
// wire contract (api.Codes: every `Code = "..."` constant) is worded
// in the UI's language, never by the server's pt-BR detail: an English
// screen shows no Portuguese, and neither language falls back to the
// generic "the server refused (status code): detail".
func TestEveryServerCodeIsWordedInBothLanguages(t *testing.T) {
	codes := api.Codes // held to every Code constant by api's TestCodesListsEveryCode
	if len(codes) < 40 {
		t.Fatalf("api.Codes has only %d codes", len(codes))
	}
	portuguese := regexp.MustCompile(`[ãõçáéíóúâêôà]|\b(não|solicitação|servidor|pedido)\b`)
	const detail = "detalhe do servidor em português"
	for _, c := range codes {
		if c == api.CodeBadOpenAPI {
			continue // its detail is the OpenAPI parser's own message, by design (TestExplainFollowsTheFAQ)
		}
		for _, tx := range []*i18n.Text{i18n.For(api.PtBR), i18n.For(api.En)} {
			got := Explain(tx, &client.ProblemError{Problem: *api.NewProblem(400, c, detail)})
			if strings.Contains(got, "detalhe do servidor") || strings.Contains(got, "400 "+string(c)) {
				t.Errorf("%s, %s: worded by the server's detail or the bare code: %q", c, tx.Lang, got)
			}
			if tx.Lang == api.En && portuguese.MatchString(got) {
				t.Errorf("%s: the English screen shows Portuguese: %q", c, got)
			}
		}
	}
}
