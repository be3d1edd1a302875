package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	testbackend "github.com/gecli/gecli/testkit/backend"
)

// TestARejectionReachesTheRequesterInTmux is issue 19's walk: two
// terminals on one server. Ana (requester) is on Credenciais; Bruno
// (evaluator), in his own gecli, finds one of her pending requests by its
// number in Avaliação and rejects it with a justification. Within the
// sync interval Ana's screen, still on Credenciais, says which request was
// rejected and why.
func TestARejectionReachesTheRequesterInTmux(t *testing.T) {
	bin := buildBinary(t)
	b := testbackend.Start(t, "127.0.0.1:0", "")
	anaCache, brunoCache := signedCache(t, b, "solicitante"), signedCache(t, b, "avaliador")
	pending, err := clientAs(t, b, "solicitante").Requests(context.Background(),
		client.RequestQuery{Statuses: []api.Status{api.StatusPending}, Limit: 1})
	if err != nil || len(pending.Items) == 0 {
		t.Fatalf("a pending request of Ana's: %v", err)
	}
	r := pending.Items[0]
	gecli := func(cache []string) string {
		return fmt.Sprintf("%s %s --sync-every 2s; echo GECLI_EXIT=$?; sleep 60", bin, strings.Join(cache, " "))
	}

	ana := newTmux(t, 120, 40, gecli(anaCache))
	ana.waitText("Ana Souza")
	ana.keys("4")
	ana.waitText("Client ID")

	bruno := newTmux(t, 120, 40, gecli(brunoCache))
	bruno.waitText("Bruno Lima")
	bruno.keys("3")
	bruno.waitText("pendentes")
	bruno.keys("/")
	bruno.keys("Tab", "Tab", "Tab") // to the number's field
	bruno.text(r.ID)
	bruno.waitText("1 pendente")
	bruno.keys("Enter", "r")
	bruno.waitText("Reprovar " + r.ID)
	why := "Falta o ofício assinado pelo responsável."
	bruno.text(why)
	bruno.keys("Enter")
	bruno.waitText(r.ID + ": Reprovada.")

	scr := ana.waitFor("the rejection on Ana's screen", func(scr string) bool {
		flat := strings.Join(strings.Fields(scr), " ")
		return strings.Contains(flat, r.ID+" ("+r.APIName) && strings.Contains(flat, "foi reprovada: “"+why+"”")
	})
	if !strings.Contains(scr, "Client ID") {
		t.Errorf("the news took Ana off Credenciais:\n%s", scr)
	}
	ana.keys("q")
	ana.waitText("GECLI_EXIT=0")
}
