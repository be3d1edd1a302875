package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/seed"
)

// TestBodiesAreReadStrictly: a body not declared as JSON is 415; a body
// sent twice, a key given twice, an unknown field, a NUL or a direction
// override are 400 naming the field, and nothing is stored. The same
// submission sent properly is accepted.
func TestBodiesAreReadStrictly(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	good, _ := json.Marshal(submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ))
	with := func(field, raw string) string { // the good body with one more member, raw JSON
		return strings.TrimSuffix(string(good), "}") + `,"` + field + `":` + raw + `}`
	}
	purpose := func(text string) string { // the good body with its purpose replaced
		var m map[string]any
		json.Unmarshal(good, &m)
		m["purpose"] = text
		b, _ := json.Marshal(m)
		return string(b)
	}
	before := len(decode[api.List[api.Request]](t, ts.do("GET", "/api/v1/requests?limit=200", map[string]string{"Authorization": "Bearer " + tok}).body).Items)

	for _, c := range []struct {
		name, contentType, body string
		status                  int
		code                    api.Code
		field                   string
	}{
		{"text/plain", "text/plain", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"no Content-Type", "", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"a form", "application/x-www-form-urlencoded", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"multipart", "multipart/form-data; boundary=x", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"latin-1", "application/json; charset=iso-8859-1", string(good), 415, api.CodeUnsupportedMediaType, ""},
		{"the body twice", "application/json", string(good) + string(good), 400, api.CodeValidation, ""},
		{"purpose twice", "application/json", with("purpose", `"outra finalidade, a segunda vence em silêncio"`), 400, api.CodeValidation, "purpose"},
		{"an unknown field", "application/json", with("status", `"approved"`), 400, api.CodeValidation, "status"},
		{"a NUL", "application/json", purpose("Integração do sistema\u0000 processual do tribunal"), 400, api.CodeValidation, "purpose"},
		{"a bidi override", "application/json", purpose("Integração do sistema \u202eprocessual do tribunal"), 400, api.CodeValidation, "purpose"},
		{"a lone surrogate", "application/json", strings.Replace(string(good), `"purpose":"`, `"purpose":"\ud800`, 1), 400, api.CodeValidation, "purpose"},
	} {
		res := ts.call("POST", "/api/v1/requests", tok, c.contentType, []byte(c.body))
		wantProblem(t, c.name, res, c.status, c.code)
		if c.field != "" && res.status == c.status {
			p := decode[api.Problem](t, res.body)
			if len(p.Fields) != 1 || p.Fields[0].Field != c.field {
				t.Errorf("%s: fields %+v, want %s", c.name, p.Fields, c.field)
			}
		}
	}
	after := len(decode[api.List[api.Request]](t, ts.do("GET", "/api/v1/requests?limit=200", map[string]string{"Authorization": "Bearer " + tok}).body).Items)
	if after != before {
		t.Fatalf("refused bodies stored %d requests", after-before)
	}
	if res := ts.call("POST", "/api/v1/requests", tok, "application/json; charset=UTF-8", good); res.status != 201 {
		t.Fatalf("the good body: %d %s", res.status, res.body)
	}

	// A decision's justification with a NUL would enter the hash-chained
	// history: refused.
	r := decode[api.Request](t, ts.postJSON("/api/v1/requests", tok, submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)).body)
	res := ts.call("POST", "/api/v1/requests/"+r.ID+"/decision", ts.tokenFor("avaliador"), "application/json",
		[]byte(`{"decision":"reject","justification":"documentação incompleta\u0000"}`))
	wantProblem(t, "a NUL in a justification", res, 400, api.CodeValidation)
}

// TestEveryDoorTakesBearerInAnyCase: the API, the gateway and the vault's
// resolve read the scheme case-insensitively (RFC 7235 §2.1).
func TestEveryDoorTakesBearerInAnyCase(t *testing.T) {
	ts := newTestServer(t)
	if res := ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "bearer " + ts.tokenFor("solicitante")}); res.status != 200 {
		t.Errorf("the API with \"bearer\": %d %s", res.status, res.body)
	}
	approved := ts.approvedRequest(tjCNPJ)
	secret := ts.newSecret(approved.ID, 0)
	token := ts.tokenOf(secret.ClientID, secret.ClientSecret)
	if res := ts.do("GET", "/gateway/hmg/ping", map[string]string{"Authorization": "BEARER " + token}); res.status != 200 {
		t.Errorf("the gateway with \"BEARER\": %d %s", res.status, res.body)
	}
	if res := ts.do("GET", "/api/v1/me", map[string]string{"Authorization": "Basic " + ts.tokenFor("solicitante")}); res.status != 401 {
		t.Errorf("another scheme: %d", res.status)
	}
}

// TestAttachmentNamesAreStoredAsSentOrRefused: a name with a path, "..",
// a direction override, no .pdf or over 255 bytes is refused before the
// upload is read; a good name (accents and all) is stored and served as
// sent, quoted safely in Content-Disposition.
func TestAttachmentNamesAreStoredAsSentOrRefused(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	r := decode[api.Request](t, ts.postJSON("/api/v1/requests", tok, submission(ts.apiFor(api.SysOther, api.EnvPRD), api.EnvPRD, tjCNPJ)).body)
	pdf := seed.DemoAPIs()[0].TermsPDF
	upload := func(name string) response {
		return ts.call("POST", "/api/v1/requests/"+r.ID+"/attachments?filename="+url.QueryEscape(name), tok, "application/pdf", pdf)
	}
	for _, name := range []string{"", "../../etc/passwd.pdf", `C:\Users\ana\oficio.pdf`, "sub/oficio.pdf", "gpj.exe\u202e.pdf",
		"oficio\u2066.pdf", "oficio", "oficio.pdf.exe", strings.Repeat("a", 252) + ".pdf", "a\x01b.pdf",
		"x:y.pdf", `a"b.pdf`, "a*.pdf", "NUL.pdf", "com1.PDF", "sub\u2215oficio.pdf", "sub\uff0foficio.pdf",
		"ofi\u200bcio.pdf", " oficio.pdf", "oficio .pdf", "oficio..pdf"} {
		res := upload(name)
		if res.status != 422 && res.status != 400 {
			t.Errorf("%q: %d %s, want it refused", name, res.status, res.body)
		}
	}
	name := `Ofício nº 12 (final).PDF`
	res := upload(name)
	if res.status != 201 {
		t.Fatalf("%q: %d %s", name, res.status, res.body)
	}
	att := decode[api.Attachment](t, res.body)
	detail := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+r.ID, ts.tokenFor("avaliador"), "", nil).body)
	if len(detail.Attachments) != 1 || detail.Attachments[0].Filename != name {
		t.Fatalf("stored as %+v, want %q", detail.Attachments, name)
	}
	down := ts.call("GET", "/api/v1/requests/"+r.ID+"/attachments/"+att.ID, ts.tokenFor("avaliador"), "", nil)
	_, params, err := mime.ParseMediaType(down.header.Get("Content-Disposition"))
	if err != nil || params["filename"] != name { // mime decodes filename* into filename
		t.Fatalf("Content-Disposition %q: %v %q", down.header.Get("Content-Disposition"), err, params["filename"])
	}
	if !strings.Contains(down.header.Get("Content-Disposition"), `filename="Of_cio n_ 12 (final).PDF"`) {
		t.Errorf("no ASCII fallback for old clients: %q", down.header.Get("Content-Disposition"))
	}
}

// TestAllowlistsAreReplacedOnlyByALists: "ranges": null or absent is
// refused (an empty list clears), and a range with spaces is refused as
// sent, not trimmed.
func TestAllowlistsAreReplacedOnlyByALists(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	path := "/api/v1/institutions/" + tjCNPJ + "/ip-allowlist"
	put := func(body string) response { return ts.call("PUT", path, admin, "application/json", []byte(body)) }
	if res := put(`{"ranges":["10.0.0.0/8"]}`); res.status != 200 {
		t.Fatalf("a list: %d %s", res.status, res.body)
	}
	for _, body := range []string{`{"ranges":null}`, `{}`, `{"ranges":[" 10.0.0.0/8"]}`, `{"ranges":["10.0.0.0/8\t"]}`} {
		if res := put(body); res.status != 422 && res.status != 400 {
			t.Errorf("%s: %d %s, want it refused", body, res.status, res.body)
		}
	}
	if got := decode[api.IPAllowlist](t, ts.call("GET", path, admin, "", nil).body); len(got.Ranges) != 1 {
		t.Fatalf("refused bodies changed the list: %v", got.Ranges)
	}
	if res := put(`{"ranges":[]}`); res.status != 200 || len(decode[api.IPAllowlist](t, res.body).Ranges) != 0 {
		t.Fatalf("an empty list clears: %d %s", res.status, res.body)
	}
}

// TestQueryStringsAreText: a parameter that is not UTF-8 or holds a
// control character is 400 on every list, not only the catalog's.
func TestQueryStringsAreText(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("avaliador")
	for _, path := range []string{"/api/v1/apis?q=%ff", "/api/v1/requests?q=%ff", "/api/v1/requests?status=pend%00ing",
		"/api/v1/credentials?x=%e2%80%ae", "/api/v1/requests?q=%zz"} {
		res := ts.do("GET", path, map[string]string{"Authorization": "Bearer " + tok})
		wantProblem(t, path, res, 400, api.CodeInvalidParameter)
	}
}

// TestTextThatShowsNothingOrNeverEnds: a purpose of zero-width spaces is
// as empty as one of spaces; a verification form with a million-character
// field, or a revocation with an endless justification, is refused and
// nothing is saved.
func TestTextThatShowsNothingOrNeverEnds(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	sub := submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)
	for name, purpose := range map[string]string{"spaces": strings.Repeat(" ", 40), "zero-width spaces": strings.Repeat("\u200b", 30),
		"joiners and a BOM":                         strings.Repeat("\u200d\u2060\ufeff", 10),
		"two letters padded with zero-width spaces": "a" + strings.Repeat("\u200b", 25) + "b",
		"variation selectors":                       "ab" + strings.Repeat("\ufe0f", 25)} {
		sub.Purpose = purpose
		wantProblem(t, "a purpose of "+name, ts.postJSON("/api/v1/requests", tok, sub), 422, api.CodeValidation)
	}

	approved := ts.pendingFormRequest()
	ts.postJSON("/api/v1/requests/"+approved.ID+"/decision", ts.tokenFor("avaliador"), api.Decision{Decision: "approve"})
	path := "/api/v1/requests/" + approved.ID + "/verification-form"
	// A million characters is a 1 MB body: over the body limit, 413.
	res := ts.call("PUT", path, tok, "application/json", []byte(`{"entity_name":"TJ","justification":"`+strings.Repeat("a", 1_000_000)+`"}`))
	if res.status != 413 && res.status != 422 {
		t.Fatalf("a million-character justification: %d", res.status)
	}
	res = ts.call("PUT", path, tok, "application/json", []byte(`{"entity_name":"TJ","justification":"`+strings.Repeat("a", 2001)+`"}`))
	wantProblem(t, "a justification over 2,000", res, 422, api.CodeValidation)
	if got := ts.call("GET", path, tok, "", nil); strings.Contains(string(got.body), "aaaa") {
		t.Fatal("the refused form was saved")
	}
	wantProblem(t, "a revocation's endless justification", ts.call("POST", "/api/v1/requests/"+approved.ID+"/revoke", ts.tokenFor("admin"),
		"application/json", []byte(`{"justification":"`+strings.Repeat("x", 2001)+`"}`)), 422, api.CodeValidation)
}

// TestNamesAreOneLine: a contact's name on two lines (its second line
// hidden in a list) is refused; a purpose may have lines.
func TestNamesAreOneLine(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("solicitante")
	sub := submission(ts.apiFor(api.SysSNGB, api.EnvPRD), api.EnvPRD, tjCNPJ)
	sub.TechnicalContact.Name = "Ana Souza\nAprovado pelo CNJ"
	wantProblem(t, "a name on two lines", ts.postJSON("/api/v1/requests", tok, sub), 422, api.CodeValidation)
	sub.TechnicalContact.Name = "Ana Souza"
	sub.Purpose = "Integração do sistema processual.\nSegunda linha da finalidade, em detalhe."
	if res := ts.postJSON("/api/v1/requests", tok, sub); res.status != 201 {
		t.Fatalf("a purpose on two lines: %d %s", res.status, res.body)
	}
}

// TestAnIdempotentWriteTooLargeSaysSo: with an Idempotency-Key the body is
// read first; too large is still 413 body_too_large.
func TestAnIdempotentWriteTooLargeSaysSo(t *testing.T) {
	ts := newTestServer(t)
	req, _ := http.NewRequest("POST", ts.srv.URL+"/api/v1/requests", strings.NewReader(strings.Repeat("x", api.MaxJSONBodyBytes+1)))
	req.Header.Set("Authorization", "Bearer "+ts.tokenFor("solicitante"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "k-1")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p api.Problem
	json.NewDecoder(res.Body).Decode(&p)
	if res.StatusCode != 413 || p.Code != api.CodeBodyTooLarge {
		t.Fatalf("%d %s, want 413 body_too_large", res.StatusCode, p.Code)
	}
}
