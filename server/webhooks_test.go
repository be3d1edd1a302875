package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed/seedtest"
	"github.com/gecli/gecli/server/vault"
)

// receiver is an institution's endpoint: it verifies every delivery's
// signature with the secret and answers fail first (500), then 200.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	secret   []byte
	fail     int
	got      []api.WebhookEvent
	badSig   int
	statuses []int
}

func newReceiver(t *testing.T, fail int) *receiver {
	rc := &receiver{fail: fail}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if err := api.VerifyWebhook(rc.secret, r.Header.Get(api.SignatureHeader), body, time.Now(), api.WebhookTolerance); err != nil {
			rc.badSig++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if rc.fail > 0 {
			rc.fail--
			rc.statuses = append(rc.statuses, 500)
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		var e api.WebhookEvent
		json.Unmarshal(body, &e)
		rc.got = append(rc.got, e)
		rc.statuses = append(rc.statuses, 200)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) events() []api.WebhookEvent {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]api.WebhookEvent(nil), rc.got...)
}

func webhookServer(t *testing.T) *testServer {
	t.Helper()
	path := seedtest.DemoDB(t)
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		path = demoPostgres(t)
	}
	key, err := vault.ParseKey(vault.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return startServerWith(t, path, "", key, func(c *Config) { c.Webhooks = WebhookPolicy{AllowLoopback: true} })
}

// TestWebhooksAreSignedRetriedAndDeliveredOnce: a requester registers an
// endpoint of her institution (the secret shown once, never logged); an
// evaluator's rejection is POSTed to it signed, retried after the
// endpoint fails, and delivered once; the log says so; the test action
// reaches it; after the endpoint is deleted nothing more is queued.
func TestWebhooksAreSignedRetriedAndDeliveredOnce(t *testing.T) {
	ts := webhookServer(t)
	requester, evaluator := ts.tokenFor("solicitante"), ts.tokenFor("avaliador")
	rc := newReceiver(t, 1)
	base := "/api/v1/institutions/" + tjCNPJ + "/webhooks"

	wantProblem(t, "an evaluator registers one", ts.postJSON(base, evaluator, api.WebhookCreate{URL: rc.URL}), 403, api.CodeForbiddenRole)
	wantProblem(t, "another institution's", ts.postJSON("/api/v1/institutions/"+pgeCNPJ+"/webhooks", requester, api.WebhookCreate{URL: rc.URL}),
		403, api.CodeInstitutionNotLinked)
	res := ts.postJSON(base, requester, api.WebhookCreate{URL: rc.URL})
	if res.status != 201 || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("register: %d %s", res.status, res.body)
	}
	created := decode[api.WebhookCreated](t, res.body)
	if !strings.HasPrefix(created.Secret, "gecli_whs_") || created.ID == "" {
		t.Fatalf("registered as %+v", created)
	}
	rc.mu.Lock()
	rc.secret = []byte(created.Secret)
	rc.mu.Unlock()
	if list := string(ts.call("GET", base, requester, "", nil).body); strings.Contains(list, created.Secret) || !strings.Contains(list, created.ID) {
		t.Fatalf("the list shows the secret, or not the endpoint: %s", list)
	}

	pending := ts.cancelableRequest()
	why := "Falta o ofício assinado pelo responsável."
	if res := ts.postJSON("/api/v1/requests/"+pending+"/decision", evaluator, api.Decision{Decision: "reject", Justification: why}); res.status != 200 {
		t.Fatalf("reject: %d %s", res.status, res.body)
	}
	clock := time.Now()
	sender := &WebhookSender{DB: ts.db, Key: ts.vaultKey, Policy: WebhookPolicy{AllowLoopback: true}, Backoff: time.Second,
		Now: func() time.Time { return clock }}
	ctx := context.Background()
	if !sender.SendOne(ctx) {
		t.Fatal("nothing to deliver after the rejection")
	}
	if got := rc.events(); len(got) != 0 {
		t.Fatalf("the endpoint failed, yet took %+v", got)
	}
	if sender.SendOne(ctx) {
		t.Fatal("retried before its backoff")
	}
	clock = clock.Add(2 * time.Second)
	if !sender.SendOne(ctx) {
		t.Fatal("not retried after the backoff")
	}
	clock = clock.Add(10 * time.Second) // past any backoff, within the signature's tolerance
	if sender.SendOne(ctx) {
		t.Fatal("a delivered event went again")
	}
	got := rc.events()
	if len(got) != 1 || got[0].Event != api.EventRequestStatus || got[0].RequestID != pending || got[0].Status != api.StatusRejected ||
		got[0].Justification != why || got[0].CNPJ != tjCNPJ || got[0].ID == "" {
		t.Fatalf("delivered %+v", got)
	}
	log := decode[api.List[api.WebhookDelivery]](t, ts.call("GET", base+"/"+created.ID+"/deliveries", requester, "", nil).body).Items
	if len(log) != 1 || log[0].State != db.WebhookDelivered || log[0].Attempts != 2 || log[0].LastStatus != 200 || log[0].EventID != got[0].ID {
		t.Fatalf("the log: %+v", log)
	}

	if res := ts.postJSON(base+"/"+created.ID+"/test", requester, nil); res.status != 202 {
		t.Fatalf("test: %d %s", res.status, res.body)
	}
	if !sender.SendOne(ctx) || len(rc.events()) != 2 || rc.events()[1].Event != api.EventWebhookTest {
		t.Fatalf("the test event: %+v", rc.events())
	}
	if strings.Contains(ts.logs.String(), created.Secret) {
		t.Error("the secret is in the server's log")
	}

	wantProblem(t, "another institution's id", ts.call("DELETE", "/api/v1/institutions/"+pgeCNPJ+"/webhooks/"+created.ID,
		ts.tokenFor("admin"), "", nil), 404, api.CodeWebhookNotFound)
	if res := ts.call("DELETE", base+"/"+created.ID, requester, "", nil); res.status != 204 {
		t.Fatalf("delete: %d %s", res.status, res.body)
	}
	other := ts.cancelableRequest()
	if res := ts.postJSON("/api/v1/requests/"+other+"/cancel", requester, nil); res.status != 200 {
		t.Fatalf("cancel: %d %s", res.status, res.body)
	}
	if sender.SendOne(ctx) {
		t.Fatal("a deleted endpoint still gets events")
	}
	audit := string(ts.call("GET", "/api/v1/audit?target=webhook:"+created.ID, ts.tokenFor("admin"), "", nil).body)
	if !strings.Contains(audit, "webhook.created") || !strings.Contains(audit, "webhook.deleted") || strings.Contains(audit, created.Secret) {
		t.Errorf("audit: %s", audit)
	}
}

// TestWebhookAddressesAreRefusedWhereTheServerMustNotGo: only https; no
// internal ranges (the cloud's metadata address among them), no loopback
// unless allowed, no credentials in the URL; a name that resolves to an
// internal address is refused as the connection is dialled.
func TestWebhookAddressesAreRefusedWhereTheServerMustNotGo(t *testing.T) {
	strict := WebhookPolicy{}
	for _, u := range []string{"http://integracao.tj.jus.br/gecli", "https://10.0.0.5/hook", "https://169.254.169.254/latest",
		"https://192.168.1.10/", "https://[fd00::1]/", "https://100.64.0.1/", "https://127.0.0.1/", "https://localhost/",
		"https://user:pass@integracao.tj.jus.br/", "ftp://integracao.tj.jus.br/", "https://", " https://x.jus.br/", "https://0.0.0.0/"} {
		if p := strict.CheckURL(u); p == nil || p.Code != api.CodeWebhookURL {
			t.Errorf("%q accepted", u)
		}
	}
	for _, u := range []string{"https://integracao.tj.jus.br/gecli", "https://200.152.38.10:8443/hook"} {
		if p := strict.CheckURL(u); p != nil {
			t.Errorf("%q refused: %v", u, p.Detail)
		}
	}
	if p := (WebhookPolicy{AllowPrivate: true}).CheckURL("https://10.0.0.5/hook"); p != nil {
		t.Error("a private address refused where private ranges are allowed")
	}
	if p := (WebhookPolicy{AllowLoopback: true}).CheckURL("http://127.0.0.1:8080/hook"); p != nil {
		t.Error("loopback refused where it is allowed")
	}
	for ip, ok := range map[string]bool{"8.8.8.8": true, "127.0.0.1": false, "10.1.2.3": false, "169.254.169.254": false, "::ffff:10.0.0.1": false, "fe80::1": false} {
		if err := strict.allowedIP(netip.MustParseAddr(ip)); (err == nil) != ok {
			t.Errorf("%s: %v", ip, err)
		}
	}
	// A name, checked where it resolves: localhost's listener is loopback.
	rc := newReceiver(t, 0)
	res, err := strict.Client().Post(strings.Replace(rc.URL, "127.0.0.1", "localhost", 1), "application/json", strings.NewReader("{}"))
	if err == nil {
		res.Body.Close()
		t.Fatal("the strict client reached a loopback listener through a name")
	}
}

// TestAWebhookSecretMovesWithTheVaultKey: rotating the vault's master key
// re-wraps the webhooks' secrets too; the new key opens them, the old one
// no longer does, and a delivery is signed as before.
func TestAWebhookSecretMovesWithTheVaultKey(t *testing.T) {
	ts := webhookServer(t)
	rc := newReceiver(t, 0)
	res := ts.postJSON("/api/v1/institutions/"+tjCNPJ+"/webhooks", ts.tokenFor("solicitante"), api.WebhookCreate{URL: rc.URL})
	created := decode[api.WebhookCreated](t, res.body)
	rc.mu.Lock()
	rc.secret = []byte(created.Secret)
	rc.mu.Unlock()
	next, _ := vault.ParseKey(vault.NewKey())
	ctx := context.Background()
	if _, err := ts.db.RotateVaultKey(ctx, ts.vaultKey, next); err != nil {
		t.Fatal(err)
	}
	_, sealed, err := ts.db.WebhookSecret(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := next.Open(db.WebhookIdentity(tjCNPJ, created.ID), sealed); err != nil || string(plain) != created.Secret {
		t.Fatalf("the new key: %q %v", plain, err)
	}
	if _, err := ts.vaultKey.Open(db.WebhookIdentity(tjCNPJ, created.ID), sealed); err == nil {
		t.Fatal("the old key still opens the secret")
	}
	if _, err := ts.db.EnqueueWebhookTest(ctx, tjCNPJ, created.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	sender := &WebhookSender{DB: ts.db, Key: next, Policy: WebhookPolicy{AllowLoopback: true}}
	if !sender.SendOne(ctx) || len(rc.events()) != 1 {
		t.Fatalf("after the rotation: %+v, %d bad signatures", rc.events(), rc.badSig)
	}
}
