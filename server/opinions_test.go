package server

import (
	"bytes"
	"context"
	"mime/multipart"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// multipartOpinion is the body the client sends: text and an optional PDF.
func multipartOpinion(t *testing.T, text, filename string, pdf []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("text", text)
	if pdf != nil {
		part, _ := mw.CreateFormFile("file", filename)
		part.Write(pdf)
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// TestOpinionsReachTheDecider: whoever analyses adds technical opinions
// (text, with or without a PDF) to a pending request; the evaluator who
// decides reads them in the request, with a history event each.
func TestOpinionsReachTheDecider(t *testing.T) {
	ts := newTestServer(t)
	pending, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	path := "/api/v1/requests/" + pending[0].ID + "/opinions"
	analyst := ts.tokenFor("avaliador")

	if res := ts.postJSON(path, analyst, map[string]string{"text": "Integração compatível com a arquitetura do tribunal."}); res.status != 201 {
		t.Fatalf("a text opinion: %d %s", res.status, res.body)
	}
	pdf := seed.DemoAPIs()[0].TermsPDF
	body, ct := multipartOpinion(t, "Parecer da segurança: ver o documento anexo.", "parecer-seguranca.pdf", pdf)
	res := ts.call("POST", path, analyst, ct, body)
	withPDF := decode[api.Opinion](t, res.body)
	if res.status != 201 || withPDF.Attachment == nil || withPDF.Attachment.Filename != "parecer-seguranca.pdf" || withPDF.AuthorName != "Bruno Lima" {
		t.Fatalf("an opinion with a PDF: %d %s", res.status, res.body)
	}

	got := decode[api.Request](t, ts.call("GET", "/api/v1/requests/"+pending[0].ID, analyst, "", nil).body)
	if len(got.Opinions) != 2 || got.Opinions[1].Attachment == nil || got.History[len(got.History)-1].Action != "opinion" {
		t.Fatalf("the request's opinions and history: %+v %+v", got.Opinions, got.History)
	}
	dl := ts.call("GET", "/api/v1/requests/"+pending[0].ID+"/attachments/"+withPDF.Attachment.ID, analyst, "", nil)
	if dl.status != 200 || !bytes.Equal(dl.body, pdf) {
		t.Errorf("the opinion's PDF downloads: %d", dl.status)
	}

	wantProblem(t, "a blank opinion", ts.postJSON(path, analyst, map[string]string{"text": "   "}), 422, api.CodeValidation)
	notPDF, ct := multipartOpinion(t, "Parecer com anexo que não é PDF.", "parecer.pdf", []byte("texto"))
	wantProblem(t, "an attachment that is no PDF", ts.call("POST", path, analyst, ct, notPDF), 415, api.CodeNotPDF)
	wantProblem(t, "a requester's opinion", ts.postJSON(path, ts.tokenFor("solicitante"), map[string]string{"text": "Minha opinião sobre isto."}),
		403, api.CodeForbiddenRole)
	approved, _, _, _ := ts.db.ListRequests(context.Background(), db.RequestFilter{Statuses: []api.Status{api.StatusApproved}, Limit: 1})
	wantProblem(t, "an opinion on a decided request", ts.postJSON("/api/v1/requests/"+approved[0].ID+"/opinions", analyst,
		map[string]string{"text": "Tarde demais para opinar."}), 409, api.CodeRequestState)
	if err := ts.db.VerifyHistory(context.Background(), pending[0].ID); err != nil {
		t.Error(err)
	}
}

// TestAdminsSeeEveryState: GET /api/v1/apis?state= lists drafts and
// retired APIs for catalog:admin only; the public catalog never does.
func TestAdminsSeeEveryState(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	w := api.APIWrite{ID: "rascunho-x", Name: "Rascunho X", Acronym: "RX", Description: "Uma API ainda em rascunho para o teste.",
		Category: api.CatData, SystemType: api.SysOther, Owner: "CNJ/DTI", AuthType: "oauth2_client_credentials"}
	if res := ts.postJSON("/api/v1/apis", admin, w); res.status != 201 {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	drafts := decode[api.List[api.API]](t, ts.call("GET", "/api/v1/apis?state=draft", admin, "", nil).body)
	if len(drafts.Items) != 1 || drafts.Items[0].ID != "rascunho-x" || drafts.Items[0].State != api.APIDraft {
		t.Errorf("drafts: %+v", drafts.Items)
	}
	all := decode[api.List[api.API]](t, ts.call("GET", "/api/v1/apis?state=all", admin, "", nil).body)
	public := decode[api.List[api.API]](t, ts.call("GET", "/api/v1/apis", "", "", nil).body)
	if len(all.Items) != len(public.Items)+1 {
		t.Errorf("every state: %d, the public catalog: %d", len(all.Items), len(public.Items))
	}
	if res := ts.call("GET", "/api/v1/apis/rascunho-x", admin, "", nil); res.status != 200 {
		t.Errorf("an admin opens the draft: %d", res.status)
	}
	wantProblem(t, "the public opens the draft", ts.call("GET", "/api/v1/apis/rascunho-x", "", "", nil), 404, api.CodeAPINotFound)
	wantProblem(t, "a requester opens the draft", ts.call("GET", "/api/v1/apis/rascunho-x", ts.tokenFor("solicitante"), "", nil), 404, api.CodeAPINotFound)
	wantProblem(t, "a requester lists drafts", ts.call("GET", "/api/v1/apis?state=draft", ts.tokenFor("solicitante"), "", nil), 403, api.CodeForbiddenRole)
	wantProblem(t, "an unknown state", ts.call("GET", "/api/v1/apis?state=deleted", admin, "", nil), 400, api.CodeInvalidParameter)
}
