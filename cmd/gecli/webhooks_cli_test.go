package main

import (
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestWebhooksFromTheCommandLine: a requester registers an endpoint of
// her institution (the secret printed once, the list never shows it),
// queues a test event and reads the log, then deletes it; an address the
// server may not reach is refused with the reason; an evaluator may not.
func TestWebhooksFromTheCommandLine(t *testing.T) {
	b := testbackend.Start(t, "127.0.0.1:0", "")
	ana, bruno := signedCache(t, b, "solicitante"), signedCache(t, b, "avaliador")
	cli := func(cache []string, args ...string) cliResult { return runCLI(t, "", append(args, cache...)...) }
	const tj = "11.222.333/0001-81"

	add := cli(ana, "webhooks", "add", "--institution", tj, "--url", "https://integracao.tj.jus.br/gecli", "--json")
	add.wantCode(t, 0, "add")
	h := decodeJSON[api.WebhookCreated](t, "add", add.out)
	if !strings.HasPrefix(h.Secret, "gecli_whs_") {
		t.Fatalf("added as %+v", h)
	}
	list := cli(ana, "webhooks", "list", "--institution", tj)
	list.wantCode(t, 0, "list")
	if !strings.Contains(list.out, h.ID) || strings.Contains(list.out, h.Secret) {
		t.Fatalf("the list:\n%s", list.out)
	}
	cli(ana, "webhooks", "test", h.ID, "--institution", tj).wantCode(t, 0, "test")
	log := cli(ana, "webhooks", "log", h.ID, "--institution", tj, "--json")
	log.wantCode(t, 0, "log")
	if items := decodeJSON[[]api.WebhookDelivery](t, "log", log.out); len(items) != 1 || items[0].Event != api.EventWebhookTest || items[0].State != "pending" {
		t.Fatalf("the log: %s", log.out)
	}
	if r := cli(ana, "webhooks", "add", "--institution", tj, "--url", "https://10.0.0.5/hook"); r.code != 1 || !strings.Contains(r.err, "rede interna") {
		t.Errorf("an internal address: exit %d %q", r.code, r.err)
	}
	cli(bruno, "webhooks", "list", "--institution", tj).wantCode(t, 1, "an evaluator lists")
	cli(ana, "webhooks", "list").wantCode(t, 2, "no --institution")
	cli(ana, "webhooks", "rm", h.ID, "--institution", tj).wantCode(t, 0, "rm")
	if out := cli(ana, "webhooks", "list", "--institution", tj, "--json").out; strings.Contains(out, h.ID) {
		t.Errorf("deleted, yet listed: %s", out)
	}
}
