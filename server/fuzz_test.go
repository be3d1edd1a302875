package server

import (
	"net/http/httptest"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/strictjson"
)

// FuzzRequestBodies: every request body the API takes, decoded strictly
// and then validated as its handler does, never panics, and a body that
// passes keeps every text within its declared limit.
func FuzzRequestBodies(f *testing.F) {
	for _, seed := range []string{
		`{"api_id":"tpu","environment":"prd","institution_cnpj":"11.222.333/0001-81","technical_contact":{"name":"Ana","cpf":"529.982.247-25","email":"a@b.jus.br","phone":"61 3222-1100"},"purpose":"Integração do sistema processual do tribunal","terms":{"id":"t","version":"1","accepted":true}}`,
		`{"decision":"reject","justification":"incompleto"}`,
		`{"entity_name":"TJ","entity_cnpj":"11222333000181","project":"PJe","justification":"` + "\u200b" + `","documents":["att-1"]}`,
		`{"credentials":[{"system_name":"*","customer_key":"c","username":"52998224725","password":"x","custom_data":{"secret":"JBSWY3DPEHPK3PXP"}}]}`,
		`{"ranges":["10.0.0.0/8"," 192.168.0.1"]}`, `{"grace_seconds":3600}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var c api.RequestCreate
		if strictjson.Decode(body, &c) == nil {
			c.TechnicalContact.Validate()
			if api.ValidatePurpose(c.Purpose) == nil && len([]rune(c.Purpose)) > api.MaxPurposeLen {
				t.Fatalf("a purpose of %d characters passed", len([]rune(c.Purpose)))
			}
			api.ValidateCustomFields([]api.CustomField{{Name: "n", Label: "N", Type: "integer", Required: true, Pattern: `^\d+$`}}, c.CustomFields)
			api.ValidateSEI(c.SEIProcess)
		}
		var form api.VerificationForm
		if strictjson.Decode(body, &form) == nil && len(form.Malformed()) == 0 {
			if len([]rune(form.Justification)) > api.MaxJustificationLen || len(form.Documents) > api.MaxFormDocuments {
				t.Fatalf("an oversized form passed: %d characters, %d documents", len([]rune(form.Justification)), len(form.Documents))
			}
			form.Missing([]string{"att-1"})
		}
		var vw api.VaultWrite
		if strictjson.Decode(body, &vw) == nil {
			for i := range vw.Credentials {
				api.CheckVaultEntry(&vw.Credentials[i], func(string) (bool, bool) { return false, true })
			}
		}
		var list api.IPAllowlist
		if strictjson.Decode(body, &list) == nil {
			api.ParseRanges(list.Ranges)
		}
		var d api.Decision
		strictjson.Decode(body, &d)
		var sr api.SecretRequest
		strictjson.Decode(body, &sr)
	})
}

// FuzzRequestListQuery: any query string of GET /api/v1/requests is
// parsed into a filter or refused with a problem naming the parameter;
// never a panic.
func FuzzRequestListQuery(f *testing.F) {
	for _, seed := range []string{"status=pending&env=prd", "since=-1", "limit=99999", "api=..%2F", "cursor=%ff", "q=%00", "status=x,y", "since=1&cursor=s2"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		r := httptest.NewRequest("GET", "/api/v1/requests", nil)
		r.URL.RawQuery = query
		filter, p := parseRequestFilter(r)
		if p != nil {
			if p.Status != 400 || p.Code == "" {
				t.Fatalf("a refusal that is not a 400 problem: %+v", p)
			}
			return
		}
		if filter.Limit <= 0 || filter.Limit > 1000 {
			t.Fatalf("limit %d out of range for %q", filter.Limit, query)
		}
	})
}
