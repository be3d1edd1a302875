package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

const credentialsUsage = "use: gecli credentials list [--env hmg|prd] [--api ID] [--json]"

// runCredentials is `gecli credentials list`: the clients of the signed-in
// person's institutions. GET /api/v1/credentials never carries a secret
// (only its hint, "gecli_cs_…a1B2"); a secret exists in clear only in the
// answer that generates it, in the TUI's Credenciais page.
func runCredentials(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(credentialsUsage)
	}
	if args[0] != "list" {
		return usagef("gecli credentials: subcomando desconhecido %q; %s", args[0], credentialsUsage)
	}
	var env, apiID string
	var asJSON bool
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON (os campos da API REST)")
		fs.StringVar(&env, "env", "", "só as do ambiente: hmg ou prd")
		fs.StringVar(&apiID, "api", "", "só as da API com este identificador")
	}
	check := func() error {
		if env != "" && !api.Environment(env).Valid() {
			return usagef("--env %q: use hmg ou prd", env)
		}
		return nil
	}
	return withCheckedSession(ctx, "credentials list", args[1:], extra, check, func(c *client.Client) error {
		all, err := c.Credentials(ctx)
		if err != nil {
			return err
		}
		items := []api.Credential{}
		for _, cr := range all { // the endpoint has no filters: a person's institutions hold hundreds at most
			if (env == "" || cr.Environment == api.Environment(env)) && (apiID == "" || cr.APIID == apiID) {
				items = append(items, cr)
			}
		}
		if asJSON {
			return printJSON(items)
		}
		t := newTable("SOLICITAÇÃO", "CLIENT ID", "AMBIENTE", "ESTADO", "SECRET", "CNPJ", "API")
		for _, cr := range items {
			t.row(cr.RequestID, cr.ClientID, cr.Environment.Badge(), api.CredentialStateLabel(cr.State, api.PtBR),
				cr.SecretHint, api.FormatCNPJ(cr.Institution.CNPJ), cr.APIName)
		}
		return t.flush()
	})
}
