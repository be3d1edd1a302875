package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// callIn is ts.call with an Accept-Language header ("" sends none).
func (ts *testServer) callIn(lang, method, path, token string, body any) (int, api.Problem) {
	ts.t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	build := func() *http.Request {
		req, _ := http.NewRequest(method, ts.srv.URL+path, bytes.NewReader(b))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		return req
	}
	res, err := ts.srv.Client().Do(build())
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	ts.validate(build(), res, raw)
	var p api.Problem
	if err := json.Unmarshal(raw, &p); err != nil {
		ts.t.Fatalf("%s %s: not a problem: %s", method, path, raw)
	}
	return res.StatusCode, p
}

// portuguese finds words an English answer must not have.
var portuguese = regexp.MustCompile(`(?i)\b(obrigatóri[oa]|inválid[oa]|solicitaç(ão|ões)|não|campo|formato|informe|já|você|é)\b|[ãõçáíóúâêô]`)

// TestProblemsFollowAcceptLanguage: the same failing call is answered in
// Portuguese without Accept-Language (and with pt-BR), in English with
// "en": the detail, the title and every field's message, for a validation
// error, a permission refusal, a missing resource and a conflict.
func TestProblemsFollowAcceptLanguage(t *testing.T) {
	ts := newTestServer(t)
	requester, evaluator := ts.tokenFor("solicitante"), ts.tokenFor("avaliador")
	bad := submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)
	delete(bad.CustomFields, "orgao_custodiante")
	bad.TechnicalContact.CPF = "123"
	bad.TechnicalContact.Email = "fulano"
	bad.TechnicalContact.Phone = "12"
	decided := ts.pendingFormRequest()
	if res := ts.postJSON("/api/v1/requests/"+decided.ID+"/decision", evaluator, api.Decision{Decision: "approve"}); res.status != 200 {
		t.Fatalf("approve: %d %s", res.status, res.body)
	}
	pending := ts.pendingFormRequest()
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      api.Code
		ptWords, enWords          []string // said in the detail or a field message
	}{
		{"validation", "POST", "/api/v1/requests", requester, bad, 422, api.CodeValidation,
			[]string{"Órgão custodiante: obrigatório", "000.000.000-00", "nome@dominio", "DDD"},
			[]string{"Órgão custodiante: required", "000.000.000-00", "name@domain", "area code"}},
		{"unknown field", "POST", "/api/v1/requests", requester, map[string]any{"api_idd": "sngb"}, 400, api.CodeValidation,
			[]string{"campo desconhecido"}, []string{"unknown field"}},
		{"permission", "POST", "/api/v1/requests/" + pending.ID + "/decision", requester, api.Decision{Decision: "approve"}, 403, api.CodeForbiddenRole,
			[]string{"seu perfil não tem a permissão"}, []string{"your profile lacks the permission"}},
		{"not found", "GET", "/api/v1/apis/nao-existe", "", nil, 404, api.CodeAPINotFound,
			[]string{"não há API"}, []string{"there is no API"}},
		{"conflict", "POST", "/api/v1/requests/" + decided.ID + "/decision", evaluator, api.Decision{Decision: "approve"}, 409, api.CodeAlreadyDecided,
			[]string{"já aprovada"}, []string{"already approved"}},
	}
	said := func(p api.Problem) string {
		s := p.Title + "\n" + p.Detail
		for _, f := range p.Fields {
			s += "\n" + f.Field + ": " + f.Message
		}
		return s
	}
	for _, tt := range tests {
		stDefault, byDefault := ts.callIn("", tt.method, tt.path, tt.token, tt.body)
		_, pt := ts.callIn("pt-BR,pt;q=0.9", tt.method, tt.path, tt.token, tt.body)
		stEn, en := ts.callIn("en-US,en;q=0.9,pt;q=0.5", tt.method, tt.path, tt.token, tt.body)
		if stDefault != tt.status || stEn != tt.status || byDefault.Code != tt.code || en.Code != tt.code {
			t.Errorf("%s: %d %s / %d %s, want %d %s", tt.name, stDefault, byDefault.Code, stEn, en.Code, tt.status, tt.code)
			continue
		}
		if said(byDefault) != said(pt) {
			t.Errorf("%s: no header and pt-BR differ:\n%s\n---\n%s", tt.name, said(byDefault), said(pt))
		}
		if byDefault.Detail == en.Detail || byDefault.Title == en.Title || len(byDefault.Fields) != len(en.Fields) {
			t.Errorf("%s: English answer is not English:\n%s\n---\n%s", tt.name, said(byDefault), said(en))
		}
		for _, w := range tt.ptWords {
			if !strings.Contains(said(byDefault), w) {
				t.Errorf("%s: the Portuguese answer does not say %q:\n%s", tt.name, w, said(byDefault))
			}
		}
		for _, w := range tt.enWords {
			if !strings.Contains(said(en), w) {
				t.Errorf("%s: the English answer does not say %q:\n%s", tt.name, w, said(en))
			}
		}
		english := said(en)
		for _, w := range tt.enWords { // labels of the API's own fields are its data, not our words
			english = strings.ReplaceAll(english, w, "")
		}
		if m := portuguese.FindString(english); m != "" {
			t.Errorf("%s: the English answer has Portuguese (%q):\n%s", tt.name, m, said(en))
		}
	}
}

// TestAcceptLang: pt-BR unless the header prefers English.
func TestAcceptLang(t *testing.T) {
	for header, want := range map[string]api.Lang{
		"": api.PtBR, "pt-BR": api.PtBR, "pt": api.PtBR, "en": api.En, "en-US,en;q=0.9": api.En,
		"fr-FR": api.PtBR, "pt-BR,en;q=0.8": api.PtBR, "en;q=0.8,pt-BR;q=0.9": api.PtBR, "de, en;q=0.5": api.En, "garbage;;": api.PtBR,
	} {
		if got := api.AcceptLang(header); got != want {
			t.Errorf("AcceptLang(%q) = %s, want %s", header, got, want)
		}
	}
}
