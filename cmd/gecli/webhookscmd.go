package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// runWebhooks is `gecli webhooks list|add|rm|test|log`: an institution's
// outbound webhooks, with the signed-in session (credentials:manage for a
// linked institution, users:admin for any).
func runWebhooks(ctx context.Context, args []string) error {
	const use = "use: gecli webhooks list --institution CNPJ | add --institution CNPJ --url https://… | rm ID --institution CNPJ | test ID --institution CNPJ | log ID --institution CNPJ [--json]"
	if len(args) == 0 {
		return usagef(use)
	}
	sub, rest := args[0], args[1:]
	var cnpj, endpoint string
	var asJSON bool
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		fs.StringVar(&cnpj, "institution", "", "CNPJ da instituição")
		if sub == "add" {
			fs.StringVar(&endpoint, "url", "", "endereço https que recebe os eventos")
		}
	}
	var id string
	switch sub {
	case "list", "add":
	case "rm", "test", "log":
		if len(rest) == 0 || rest[0] == "" || rest[0][0] == '-' {
			return usagef("use: gecli webhooks %s ID --institution CNPJ", sub)
		}
		id, rest = rest[0], rest[1:]
	default:
		return usagef("gecli webhooks: subcomando desconhecido %q (list, add, rm, test, log)", sub)
	}
	return withServer(ctx, "webhooks "+sub, rest, extra, func(c *client.Client, s *store.Store) error {
		if cnpj == "" {
			return usagef("gecli webhooks %s: informe --institution CNPJ", sub)
		}
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return err
		}
		switch sub {
		case "list":
			items, err := authed.Webhooks(ctx, cnpj)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(items)
			}
			t := newTable("ID", "CADASTRADO", "POR", "URL")
			for _, h := range items {
				t.row(h.ID, when(h.CreatedAt), h.CreatedBy, h.URL)
			}
			return t.flush()
		case "add":
			h, err := authed.CreateWebhook(ctx, cnpj, endpoint)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(h)
			}
			fmt.Printf("webhook %s cadastrado para %s\n", h.ID, h.URL)
			fmt.Printf("segredo de assinatura (mostrado só agora: guarde-o no receptor): %s\n", h.Secret)
			fmt.Fprintln(os.Stderr, "cada entrega traz "+api.SignatureHeader+": t=UNIX,v1=HMAC-SHA256(segredo, t + \".\" + corpo)")
			return nil
		case "rm":
			if err := authed.DeleteWebhook(ctx, cnpj, id); err != nil {
				return explainAdminError(err)
			}
			fmt.Printf("webhook %s apagado\n", id)
			return nil
		case "test":
			e, err := authed.TestWebhook(ctx, cnpj, id)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(e)
			}
			fmt.Printf("evento de teste %s na fila: gecli webhooks log %s --institution %s mostra a entrega\n", e.ID, id, cnpj)
			return nil
		default:
			items, err := authed.WebhookDeliveries(ctx, cnpj, id)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(items)
			}
			t := newTable("ENTREGA", "EVENTO", "SOLICITAÇÃO", "ESTADO", "TENTATIVAS", "HTTP", "CRIADA", "ERRO")
			for _, x := range items {
				status := ""
				if x.LastStatus != 0 {
					status = fmt.Sprint(x.LastStatus)
				}
				t.row(fmt.Sprint(x.ID), x.Event, x.RequestID, x.State, fmt.Sprint(x.Attempts), status, when(x.CreatedAt), x.LastError)
			}
			return t.flush()
		}
	})
}
