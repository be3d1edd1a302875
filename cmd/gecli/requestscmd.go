package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

const requestsUsage = "use: gecli requests list [--status pending,approved,...] [--env hmg|prd] [--api ID] [--q TEXTO] [--limit N] | show ID   (--json em todos)"

// runRequests is `gecli requests list|show`: the requests the signed-in
// person sees (requesters: their institutions'; evaluators and admins:
// all), filtered on the server, for people (a table) and scripts (--json).
func runRequests(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(requestsUsage)
	}
	sub, rest := args[0], args[1:]
	need := map[string]int{"list": 0, "show": 1}
	n, known := need[sub]
	if !known {
		return usagef("gecli requests: subcomando desconhecido %q; %s", sub, requestsUsage)
	}
	pos, rest, ok := positional(rest, n)
	if !ok {
		return usagef(requestsUsage)
	}
	var statuses []string
	var q client.RequestQuery
	var env string
	limit := 100
	var asJSON bool
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON (os campos da API REST)")
		if sub == "list" {
			fs.StringSliceVar(&statuses, "status", nil, "situações: "+joinStatuses()+" (várias separadas por vírgula)")
			fs.StringVar(&env, "env", "", "ambiente: hmg ou prd")
			fs.StringVar(&q.API, "api", "", "identificador de uma API do catálogo")
			fs.StringVar(&q.Q, "q", "", "palavras do nome da API")
			fs.IntVar(&limit, "limit", limit, "quantas, no máximo (0: todas; percorre as páginas)")
		}
	}
	// The filters are checked here, so a typo is a usage error (exit 2)
	// rather than the server's 400 (show has none: check passes).
	check := func() error {
		for _, s := range statuses {
			st := api.Status(strings.TrimSpace(s))
			if !st.Valid() {
				return usagef("--status %q: use %s", s, joinStatuses())
			}
			q.Statuses = append(q.Statuses, st)
		}
		if q.Env = api.Environment(env); env != "" && !q.Env.Valid() {
			return usagef("--env %q: use hmg ou prd", env)
		}
		if q.API != "" {
			if err := api.ValidateAPIID(q.API); err != nil {
				return usagef("--api %q: %v", q.API, err)
			}
		}
		if len([]rune(q.Q)) > api.MaxQueryLen {
			return usagef("--q: até %d caracteres", api.MaxQueryLen)
		}
		if limit < 0 {
			return usagef("--limit: um número ≥ 0 (0: todas)")
		}
		return nil
	}
	return withCheckedSession(ctx, "requests "+sub, rest, extra, check, func(c *client.Client) error {
		if sub == "show" {
			r, err := c.Request(ctx, pos[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(r)
			}
			return printRequest(r)
		}
		items, more, err := listRequests(ctx, c, q, limit)
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(items)
		}
		t := newTable("ID", "SITUAÇÃO", "AMBIENTE", "CRIADA", "CNPJ", "CREDENCIAL", "API")
		for _, r := range items {
			t.row(r.ID, r.Status.Label(api.PtBR), r.Environment.Badge(), when(r.CreatedAt), api.FormatCNPJ(r.Institution.CNPJ),
				api.CredentialStateLabel(r.CredentialState, api.PtBR), r.APIName)
		}
		if err := t.flush(); err != nil {
			return err
		}
		if more {
			fmt.Fprintf(os.Stderr, "(há mais solicitações além destas %d: use --limit N, ou --limit 0 para todas)\n", len(items))
		}
		return nil
	})
}

// listRequests follows the server's pages until limit requests (0: all);
// more says whether the server had others left.
func listRequests(ctx context.Context, c *client.Client, q client.RequestQuery, limit int) ([]api.Request, bool, error) {
	items := []api.Request{}
	for {
		q.Limit = 1000
		if limit > 0 {
			q.Limit = min(1000, limit-len(items))
		}
		page, err := c.Requests(ctx, q)
		if err != nil {
			return nil, false, err
		}
		items = append(items, page.Items...)
		if page.NextCursor == "" {
			return items, false, nil
		}
		if limit > 0 && len(items) >= limit {
			return items, true, nil
		}
		q.Cursor = page.NextCursor
	}
}

func joinStatuses() string {
	s := make([]string, len(api.Statuses))
	for i, st := range api.Statuses {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// printRequest is the detail as the TUI's detail page has it: the data,
// then custom fields, attachments, opinions and the history, oldest first.
func printRequest(r api.Request) error {
	t := newTable()
	t.field("Solicitação:", r.ID+"  "+r.Status.Label(api.PtBR))
	t.field("API:", r.APIName+" ("+r.APIID+")")
	t.field("Ambiente:", r.Environment.Label(api.PtBR))
	t.field("Instituição:", api.FormatCNPJ(r.Institution.CNPJ)+"  "+r.Institution.Name)
	t.field("Solicitante:", r.Requester.Name)
	tc := r.TechnicalContact
	t.field("Contato técnico:", strings.Join(nonEmpty(tc.Name, tc.Email, tc.Phone), " · "))
	t.field("Finalidade:", r.Purpose)
	t.field("Regra:", r.Rule.Label(api.PtBR))
	if r.Terms.Version != "" {
		t.field("Termo aceito:", "versão "+r.Terms.Version+" ("+r.Terms.ID+")")
	}
	t.field("Processo SEI:", r.SEIProcess)
	t.field("Criada:", when(r.CreatedAt))
	t.field("Decidida:", when(r.DecidedAt))
	t.field("Credencial:", api.CredentialStateLabel(r.CredentialState, api.PtBR))
	names := make([]string, 0, len(r.CustomFields))
	for k := range r.CustomFields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.field("Campo "+k+":", r.CustomFields[k])
	}
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Printf("\nAnexos (%d)\n", len(r.Attachments))
	if len(r.Attachments) > 0 {
		t = newTable("  ID", "ARQUIVO", "TAMANHO", "ENVIADO")
		for _, a := range r.Attachments {
			t.row("  "+a.ID, a.Filename, humanBytes(a.Size), when(a.UploadedAt))
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	if len(r.Opinions) > 0 {
		fmt.Printf("\nPareceres (%d)\n", len(r.Opinions))
		t = newTable("  QUANDO", "AUTOR", "TEXTO")
		for _, o := range r.Opinions {
			t.row("  "+when(o.At), o.AuthorName, clip(o.Text, 80))
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	fmt.Printf("\nHistórico (%d)\n", len(r.History))
	if len(r.History) > 0 {
		t = newTable("  QUANDO", "QUEM", "AÇÃO", "SITUAÇÃO", "JUSTIFICATIVA")
		for _, h := range r.History {
			move := statusLabel(h.ToStatus)
			if h.FromStatus != "" && h.FromStatus != h.ToStatus {
				move = statusLabel(h.FromStatus) + " → " + move
			}
			t.row("  "+when(h.At), h.Actor, api.ActionLabel(h.Action, api.PtBR), move, clip(h.Justification, 60))
		}
		return t.flush()
	}
	return nil
}

func statusLabel(s string) string {
	if st := api.Status(s); st.Valid() {
		return st.Label(api.PtBR)
	}
	return s
}

func nonEmpty(s ...string) []string {
	out := s[:0]
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// humanBytes is a size in pt-BR (1,5 MB).
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return strings.Replace(fmt.Sprintf("%.1f kB", float64(n)/(1<<10)), ".", ",", 1)
	}
	return fmt.Sprintf("%d B", n)
}
