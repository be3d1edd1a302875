package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

const seiUsage = "use: gecli sei log ID | retry ID [--json]"

// runSEI is `gecli sei log|retry ID`: a request's SEI process, every send
// and the full log of calls, and sending again what SEI refused
// (requests:revoke), with the signed-in session.
func runSEI(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(seiUsage)
	}
	sub, rest := args[0], args[1:]
	if sub != "log" && sub != "retry" {
		return usagef("gecli sei: subcomando desconhecido %q; %s", sub, seiUsage)
	}
	pos, rest, ok := positional(rest, 1)
	if !ok {
		return usagef(seiUsage)
	}
	var asJSON bool
	extra := func(fs *pflag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "imprime JSON") }
	return withSession(ctx, "sei "+sub, rest, extra, func(c *client.Client) error {
		var st api.SEIStatus
		var err error
		if sub == "retry" {
			st, err = c.RetrySEI(ctx, pos[0])
		} else {
			st, err = c.RequestSEI(ctx, pos[0])
		}
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(st)
		}
		printSEI(pos[0], st)
		return nil
	})
}

func printSEI(id string, st api.SEIStatus) {
	p := st.Process
	state := map[string]string{"": "sem integração (número digitado)", "pending": "pendente", "linked": "vinculado", "failed": "falhou"}[p.State]
	fmt.Printf("%s  processo SEI %s  %s\n", id, orDash(p.Number), state)
	if p.Refreshed {
		fmt.Printf("  %s, autuado em %s, aberto em %v\n  último andamento (%s): %s\n  %s\n", p.Type, p.OpenedAt, p.OpenUnits, p.LastMovedAt, p.LastMovement, p.Link)
	} else if p.RefreshFailed != "" {
		fmt.Printf("  o SEI não respondeu agora: %s\n", p.RefreshFailed)
	}
	fmt.Println("envios:")
	for _, it := range st.Items {
		line := fmt.Sprintf("  %-28s %-9s %-8s tentativas %d", it.Item, it.Kind, it.State, it.Attempts)
		if it.NextAt != "" {
			line += "  próxima " + it.NextAt
		}
		if it.Result != "" {
			line += "  " + it.Result
		}
		fmt.Println(line)
	}
	fmt.Println("chamadas (mais recentes primeiro):")
	for _, c := range st.Log {
		fmt.Printf("  %s  %-22s %-28s %-11s #%d  %s\n", c.At, c.Operation, c.Item, c.Outcome, c.Attempt, c.Detail)
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
