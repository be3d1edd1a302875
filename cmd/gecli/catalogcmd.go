package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// runAPIsBrowse is `gecli apis list|show`, for anyone.
//
// list shows the public catalog (GET /api/v1/apis: published APIs, with
// --q, --category, --env), signed in or not. It shows the catalog as
// administrators see it (every state) when --state is given, or when the
// signed-in person holds catalog:admin and asks for no public-only filter
// (--category, --env): so `gecli apis list` keeps answering drafts and
// retired APIs to an administrator, as it did before anyone else could
// run it. show uses the session when there is one (an administrator sees
// a draft), the anonymous catalog otherwise.
func runAPIsBrowse(ctx context.Context, sub string, args []string) error {
	pos, rest, ok := positional(args, map[string]int{"list": 0, "show": 1}[sub])
	if !ok {
		return usagef(apisUsage)
	}
	var state, q, category, env string
	var asJSON bool
	var flags *pflag.FlagSet
	extra := func(fs *pflag.FlagSet) {
		flags = fs
		fs.BoolVar(&asJSON, "json", false, "imprime JSON (os campos da API REST)")
		if sub == "list" {
			fs.StringVar(&q, "q", "", "palavras do nome, sigla, descrição ou responsável")
			fs.StringVar(&category, "category", "", "categoria: data, notification, configuration ou core_services (catálogo público)")
			fs.StringVar(&env, "env", "", "oferecidas no ambiente: hmg ou prd (catálogo público)")
			fs.StringVar(&state, "state", "", "catalog:admin: all, draft, published ou retired (vários separados por vírgula); "+
				"sem ele, quem tem catalog:admin vê todos os estados e os demais o catálogo público")
		}
	}
	return withServer(ctx, "apis "+sub, rest, extra, func(c *client.Client, s *store.Store) error {
		if sub == "show" {
			if err := api.ValidateAPIID(pos[0]); err != nil {
				return usagef("gecli apis show %q: %v", pos[0], err)
			}
		} else {
			if category != "" && !api.Category(category).Valid() {
				return usagef("--category %q: use data, notification, configuration ou core_services", category)
			}
			if env != "" && !api.Environment(env).Valid() {
				return usagef("--env %q: use hmg ou prd", env)
			}
			if flags.Changed("state") && (category != "" || env != "") {
				return usagef("--category e --env filtram o catálogo público; com --state use --q")
			}
		}
		authed, err := session.Resume(ctx, s, c)
		signedIn := err == nil
		if err != nil && !errors.Is(err, session.ErrNoSession) {
			return err
		}
		if sub == "show" {
			if !signedIn {
				authed = c
			}
			a, err := authed.GetAPI(ctx, pos[0])
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(a)
			}
			return printAPIDetail(a)
		}
		admin := flags.Changed("state")
		if !admin && signedIn && category == "" && env == "" {
			me, err := authed.Me(ctx)
			switch {
			case client.IsOffline(err):
				return explainAdminError(err)
			case err != nil: // a session that ended does not hide the public catalog
				fmt.Fprintf(os.Stderr, "gecli: %s (mostrando o catálogo público)\n", describe(api.PtBR, explainAuthError(err)))
			default:
				admin = me.Can(api.PermCatalogAdmin)
			}
		}
		var items []api.API
		if admin {
			if !signedIn {
				return session.ErrNoSession
			}
			if state == "" {
				state = "all"
			}
			items, err = authed.AdminAPIs(ctx, api.APIState(state), q)
		} else {
			var page client.CatalogPage
			page, err = c.ListAPIs(ctx, client.CatalogQuery{Q: q, Category: api.Category(category), Env: api.Environment(env)}, "")
			items = page.Items
		}
		if err != nil {
			return explainAdminError(err)
		}
		if items == nil {
			items = []api.API{}
		}
		if asJSON {
			return printJSON(items)
		}
		t := newTable("ID", "ESTADO", "SIGLA", "CATEGORIA", "AMBIENTES", "TERMO", "NOME")
		for _, a := range items {
			t.row(a.ID, apiStateLabel(a.State), a.Acronym, a.Category.Label(api.PtBR), envBadges(a), a.Terms.Version, a.Name)
		}
		return t.flush()
	})
}

func apiStateLabel(s api.APIState) string {
	switch s {
	case api.APIDraft:
		return "rascunho"
	case api.APIRetired:
		return "retirada"
	case api.APIPublished, "":
		return "publicada"
	}
	return string(s)
}

func envBadges(a api.API) string {
	var out []string
	for _, e := range a.Environments {
		out = append(out, e.Name.Badge())
	}
	return strings.Join(out, ",")
}

// printAPIDetail is one API as the catalog's Documentação shows it.
func printAPIDetail(a api.API) error {
	t := newTable()
	t.field("ID:", a.ID)
	t.field("Nome:", a.Name)
	t.field("Sigla:", a.Acronym)
	t.field("Estado:", apiStateLabel(a.State))
	t.field("Categoria:", a.Category.Label(api.PtBR))
	t.field("Tipo de sistema:", a.SystemType.Label(api.PtBR))
	t.field("Responsável:", a.Owner)
	t.field("Autenticação:", a.AuthType)
	t.field("Descrição:", a.Description)
	for _, e := range a.Environments {
		t.field("Ambiente "+e.Name.Badge()+":", e.BaseURL+"  (regra: "+a.Rule.For(e.Name).Label(api.PtBR)+")")
	}
	t.field("OpenAPI:", a.OpenAPIURL)
	if a.Terms.Version != "" {
		t.field("Termo de uso:", "versão "+a.Terms.Version+" ("+a.Terms.ID+"), sha256 "+a.Terms.SHA256)
	}
	for _, f := range a.CustomFields {
		req := "opcional"
		if f.Required {
			req = "obrigatório"
		}
		desc := f.Label + " (" + f.Type + ", " + req
		if f.Pattern != "" {
			desc += ", formato " + f.Pattern
		}
		t.field("Campo "+f.Name+":", desc+")")
	}
	return t.flush()
}
