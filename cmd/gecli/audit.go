package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/identity"
)

const auditUsage = "use: gecli audit list [--actor ID] [--action A] [--target T] [--since DATA] [--until DATA] [--limit N] | " +
	"verify [--db PATH|URL] [--checkpoint ARQUIVO]... | checkpoint | checkpoints   (--json em todos)"

// runAudit is `gecli audit ...`: the trail over the REST API (audit:read),
// or verified straight on the database (--db), which needs no server and
// no session: what an auditor runs on a copy.
func runAudit(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(auditUsage)
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "list", "verify", "checkpoint", "checkpoints":
	default:
		return usagef("gecli audit: subcomando desconhecido %q; %s", sub, auditUsage)
	}
	if sub == "verify" && hasFlag(rest, "db") {
		return runAuditVerifyDB(ctx, rest)
	}
	var q client.AuditQuery
	var kept []string
	var asJSON bool
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "list":
			fs.StringVar(&q.Actor, "actor", "", "id de quem agiu")
			fs.StringVar(&q.Action, "action", "", `ação (exata, ou prefixo terminado em "." como request.)`)
			fs.StringVar(&q.Target, "target", "", `alvo (exato, ou prefixo terminado em ":" como api:)`)
			fs.StringVar(&q.Since, "since", "", "desde (RFC 3339, como 2026-12-01T00:00:00Z)")
			fs.StringVar(&q.Until, "until", "", "até, exclusive (RFC 3339)")
			fs.IntVar(&q.Limit, "limit", 50, "quantos eventos (até 200 por página; mais percorre as páginas)")
		case "verify":
			fs.String("db", "", "verifica direto no banco (arquivo SQLite ou URL postgres://), sem servidor")
			fs.StringArrayVar(&kept, "checkpoint", nil, "checkpoint guardado fora (JSON de gecli audit checkpoint --json; repetível)")
		}
	}
	return withSession(ctx, "audit "+sub, rest, extra, func(c *client.Client) error {
		switch sub {
		case "list":
			return listAudit(ctx, c, q, asJSON)
		case "verify":
			if len(kept) > 0 {
				return usagef("--checkpoint vale com --db: o servidor verifica os checkpoints que guarda")
			}
			v, err := c.VerifyAudit(ctx)
			if err != nil {
				return err
			}
			return printVerification(v, asJSON)
		case "checkpoint":
			cp, err := c.NewAuditCheckpoint(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cp)
			}
			fmt.Printf("checkpoint %d  %s  assinado por %s em %s\nguarde a saída de --json fora do servidor\n", cp.Count, cp.Head, cp.KeyID, cp.At)
			return nil
		default:
			items, err := c.AuditCheckpoints(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(items)
			}
			for _, cp := range items {
				fmt.Printf("%8d  %s  %s\n", cp.Count, cp.At, cp.Head)
			}
			return nil
		}
	})
}

// listAudit prints up to q.Limit events, following the cursor.
func listAudit(ctx context.Context, c *client.Client, q client.AuditQuery, asJSON bool) error {
	want := max(q.Limit, 1)
	var all []api.AuditEvent
	for len(all) < want {
		q.Limit = min(want-len(all), 200)
		page, err := c.Audit(ctx, q)
		if err != nil {
			return err
		}
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	if asJSON {
		return printJSON(all)
	}
	for _, e := range all {
		line := fmt.Sprintf("%6d  %s  %-24s %-28s %s", e.Seq, e.At, e.ActorName, e.Action, e.Target)
		if e.Detail != "" {
			line += "  " + strings.ReplaceAll(e.Detail, "\n", " ")
		}
		fmt.Println(line)
	}
	return nil
}

func printVerification(v api.AuditVerification, asJSON bool) error {
	if asJSON {
		if err := printJSON(v); err != nil {
			return err
		}
	} else if v.OK {
		fmt.Printf("íntegra: %d eventos da trilha, %d históricos de solicitação, %d checkpoints conferidos\n", v.Events, v.Requests, v.Checkpoints)
	}
	if !v.OK && v.Broken != nil {
		return fmt.Errorf("trilha adulterada: %s, em %d: %s", v.Broken.Chain, v.Broken.At, v.Broken.Reason)
	}
	return nil
}

func runAuditVerifyDB(ctx context.Context, args []string) error {
	fs := newFlags("audit verify")
	path := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres://")
	kept := fs.StringArray("checkpoint", nil, "checkpoint guardado fora (JSON; repetível)")
	asJSON := fs.Bool("json", false, "imprime JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	var cps []api.AuditCheckpoint
	for _, file := range *kept {
		b, err := readInput(file)
		if err != nil {
			return err
		}
		var one api.AuditCheckpoint
		var many []api.AuditCheckpoint
		switch {
		case json.Unmarshal(b, &many) == nil:
			cps = append(cps, many...)
		case json.Unmarshal(b, &one) == nil && one.Signature != "":
			cps = append(cps, one)
		default:
			return fmt.Errorf("%s: não é um checkpoint (JSON de gecli audit checkpoint --json)", file)
		}
	}
	d, err := openDB(ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	keys, err := identity.LoadKeys(ctx, d)
	if err != nil {
		return err
	}
	v, err := server.VerifyAudit(ctx, d, keys, cps)
	if err != nil {
		return err
	}
	return printVerification(v, *asJSON)
}

// hasFlag says whether args name --name (as --name or --name=…).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--"+name || strings.HasPrefix(a, "--"+name+"=") {
			return true
		}
		if a == "--" {
			break
		}
	}
	return false
}
