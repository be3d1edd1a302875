package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// linkFixture is a request of the demo institution with one attachment.
func (ts *testServer) requestWithAttachment(tok string) (api.Request, api.Attachment, []byte) {
	ts.t.Helper()
	a := ts.apiFor(api.SysOther, api.EnvPRD)
	r := decode[api.Request](ts.t, ts.postJSON("/api/v1/requests", tok, submission(a, api.EnvPRD, tjCNPJ)).body)
	pdf := seed.DemoAPIs()[0].TermsPDF
	res := ts.call("POST", "/api/v1/requests/"+r.ID+"/attachments?filename=oficio.pdf", tok, "application/pdf", pdf)
	if res.status != 201 {
		ts.t.Fatalf("upload: %d %s", res.status, res.body)
	}
	return r, decode[api.Attachment](ts.t, res.body), pdf
}

func getLink(t *testing.T, link string) (int, []byte, http.Header) {
	t.Helper()
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res.StatusCode, b.Bytes(), res.Header
}

// TestADownloadLinkWorksOnceForItsSession: the link serves the PDF once,
// without a token, and never again; it is refused for a request the
// caller cannot see, for an attachment that does not exist, after it
// expired, and once its sign-in ended; its token is in no log line.
func TestADownloadLinkWorksOnceForItsSession(t *testing.T) {
	ts := newTestServer(t)
	access, _ := ts.signInAs("solicitante")
	r, att, pdf := ts.requestWithAttachment(access)
	path := "/api/v1/requests/" + r.ID + "/attachments/" + att.ID + "/link"

	res := ts.call("POST", path, access, "", nil)
	if res.status != 201 || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("link: %d %s (%v)", res.status, res.body, res.header)
	}
	link := decode[api.DownloadLink](t, res.body)
	if !strings.HasPrefix(link.URL, ts.srv.URL+"/dl/") || time.Until(link.ExpiresAt) > api.DownloadLinkTTL || time.Until(link.ExpiresAt) < api.DownloadLinkTTL-time.Minute {
		t.Errorf("link: %+v", link)
	}
	status, body, h := getLink(t, link.URL)
	if status != 200 || !bytes.Equal(body, pdf) || !strings.Contains(h.Get("Content-Disposition"), "oficio.pdf") {
		t.Errorf("first use: %d, %d bytes, %v", status, len(body), h)
	}
	if status, body, _ := getLink(t, link.URL); status != 404 || !strings.Contains(string(body), "já usado") {
		t.Errorf("second use: %d %s", status, body)
	}
	token := strings.TrimPrefix(link.URL, ts.srv.URL+"/dl/")
	if strings.Contains(ts.logs.String(), token) {
		t.Error("the link's token is in the server's log")
	}
	if !strings.Contains(ts.logs.String(), "/dl/[token]") {
		t.Error("the link's use is not logged at all")
	}

	all, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Limit: 1000})
	for _, f := range all {
		if f.Institution.CNPJ == pgeCNPJ {
			wantProblem(t, "another institution's request", ts.call("POST", "/api/v1/requests/"+f.ID+"/attachments/"+att.ID+"/link", access, "", nil),
				404, api.CodeNotFoundReq)
			break
		}
	}
	wantProblem(t, "no such attachment", ts.call("POST", "/api/v1/requests/"+r.ID+"/attachments/att-nada/link", access, "", nil), 404, api.CodeNotFound)
	wantProblem(t, "signed out", ts.call("POST", path, "", "", nil), 401, api.CodeInvalidToken)
	if status, _, _ := getLink(t, ts.srv.URL+"/dl/"+strings.Repeat("A", 43)); status != 404 {
		t.Errorf("a made-up token: %d", status)
	}

	// A link outlives neither its five minutes nor its sign-in.
	old := decode[api.DownloadLink](t, ts.call("POST", path, access, "", nil).body)
	ts.server.cfg.Now = func() time.Time { return time.Now().Add(api.DownloadLinkTTL + time.Second) }
	if status, _, _ := getLink(t, old.URL); status != 404 {
		t.Errorf("expired link: %d", status)
	}
	ts.server.cfg.Now = time.Now
	live := decode[api.DownloadLink](t, ts.call("POST", path, access, "", nil).body)
	if n := ts.revokeToken(access); n != 200 {
		t.Fatalf("revoke: %d", n)
	}
	ts.server.sessions.forget("u-solicitante")
	if status, _, _ := getLink(t, live.URL); status != 404 {
		t.Errorf("link after its sign-in was revoked: %d", status)
	}
	swept, err := ts.db.Sweep(context.Background(), time.Now().Add(time.Hour))
	if err != nil || swept.DownloadLinks != 0 {
		t.Errorf("sweep: %+v %v (every link was used: none left)", swept, err)
	}
}

// TestSSHSessionsAreAudited: gecli ssh's reports land in the audit trail
// with the caller as actor; a bad report is refused naming the field.
func TestSSHSessionsAreAudited(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.tokenFor("avaliador")
	s := api.SSHSession{Session: "0b1e7a52-3f0e-4c6c-9d8e-6a1f2b3c4d5e", Event: "start",
		Fingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", RemoteAddr: "192.0.2.10:51234"}
	if res := ts.postJSON("/api/v1/me/ssh-sessions", tok, s); res.status != 204 {
		t.Fatalf("start: %d %s", res.status, res.body)
	}
	s.Event = "end"
	if res := ts.postJSON("/api/v1/me/ssh-sessions", tok, s); res.status != 204 {
		t.Fatalf("end: %d %s", res.status, res.body)
	}
	admin := ts.tokenFor("admin")
	page := decode[api.AuditPage](t, ts.call("GET", "/api/v1/audit?action=ssh.&target=ssh:"+s.Session, admin, "", nil).body)
	if len(page.Items) != 2 || page.Items[0].Action != "ssh.session_ended" || page.Items[1].Action != "ssh.session_started" ||
		page.Items[0].Actor != "u-avaliador" || !strings.Contains(string(page.Items[1].After), "192.0.2.10:51234") ||
		!strings.Contains(string(page.Items[1].After), s.Fingerprint) {
		t.Errorf("audit: %+v", page.Items)
	}
	bad := s
	bad.Fingerprint = "MD5:aa:bb"
	res := ts.postJSON("/api/v1/me/ssh-sessions", tok, bad)
	wantProblem(t, "a bad fingerprint", res, 422, api.CodeValidation)
	if !strings.Contains(string(res.body), `"fingerprint"`) {
		t.Errorf("the field is not named: %s", res.body)
	}
	wantProblem(t, "anonymous", ts.postJSON("/api/v1/me/ssh-sessions", "", s), 401, api.CodeInvalidToken)
}
