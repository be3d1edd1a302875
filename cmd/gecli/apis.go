package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

const apisUsage = "use: gecli apis list [--q TEXTO] [--category C] [--env hmg|prd] [--state all|draft|published|retired] | show ID | create --file API.json | update ID --file API.json | " +
	"publish ID | retire ID | upload-openapi ID ARQUIVO | upload-terms ID ARQUIVO.pdf --version V | terms ID   (--json em todos)"

// runAPIs is `gecli apis ...`: the catalog for anyone (list, show:
// catalogcmd.go) and its administration (catalog:admin) over the REST API,
// so a catalog can be loaded by a script. An API is described by a JSON
// file in the shape of POST /api/v1/apis.
func runAPIs(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(apisUsage)
	}
	sub, rest := args[0], args[1:]
	if sub == "list" || sub == "show" {
		return runAPIsBrowse(ctx, sub, rest)
	}
	need := map[string]int{"create": 0, "update": 1, "publish": 1, "retire": 1, "upload-openapi": 2, "upload-terms": 2, "terms": 1}
	n, known := need[sub]
	if !known {
		return usagef("gecli apis: subcomando desconhecido %q; %s", sub, apisUsage)
	}
	pos, rest, ok := positional(rest, n)
	if !ok {
		return usagef(apisUsage)
	}
	var file, version string
	var asJSON bool
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "create", "update":
			fs.StringVar(&file, "file", "", `a API em JSON, no formato de POST /api/v1/apis ("-": entrada padrão)`)
		case "upload-terms":
			fs.StringVar(&version, "version", "", "versão do termo (letras, dígitos, . e -)")
		}
	}
	return withSession(ctx, "apis "+sub, rest, extra, func(c *client.Client) error {
		switch sub {
		case "create", "update":
			w, err := readAPIWrite(file)
			if err != nil {
				return err
			}
			var out api.API
			if sub == "create" {
				out, err = c.CreateAPI(ctx, w)
			} else {
				if w.ID == "" {
					w.ID = pos[0]
				}
				if w.ID != pos[0] {
					return usagef("o arquivo descreve %q, não %q: o identificador de uma API não muda", w.ID, pos[0])
				}
				out, err = c.UpdateAPI(ctx, w)
			}
			if err != nil {
				return err
			}
			return printAPI(out, asJSON)
		case "publish", "retire":
			var out api.API
			var err error
			if sub == "publish" {
				out, err = c.PublishAPI(ctx, pos[0])
			} else {
				out, err = c.RetireAPI(ctx, pos[0])
			}
			if err != nil {
				return err
			}
			return printAPI(out, asJSON)
		case "upload-openapi":
			doc, err := readInput(pos[1])
			if err != nil {
				return err
			}
			out, err := c.UploadOpenAPI(ctx, pos[0], doc)
			if err != nil {
				return err
			}
			return printAPI(out, asJSON)
		case "upload-terms":
			if version == "" {
				return usagef("gecli apis upload-terms: informe --version")
			}
			pdf, err := readInput(pos[1])
			if err != nil {
				return err
			}
			t, err := c.UploadTerms(ctx, pos[0], version, pdf)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(t)
			}
			fmt.Printf("termo %s publicado para %s (sha256 %s)\n", t.Version, pos[0], t.SHA256)
			return nil
		default: // terms
			items, err := c.TermsVersions(ctx, pos[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(items)
			}
			for _, t := range items {
				cur := ""
				if t.Current {
					cur = "vigente"
				}
				fmt.Printf("%-10s %s  %.16s…  %s\n", t.Version, t.PublishedAt, t.SHA256, cur)
			}
			return nil
		}
	})
}

func readAPIWrite(file string) (api.APIWrite, error) {
	var w api.APIWrite
	if file == "" {
		return w, usagef("informe --file com a API em JSON (veja POST /api/v1/apis em /openapi.yaml)")
	}
	b, err := readInput(file)
	if err != nil {
		return w, err
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return w, fmt.Errorf("%s: JSON inválido: %w", file, err)
	}
	return w, nil
}

func printAPI(a api.API, asJSON bool) error {
	if asJSON {
		return printJSON(a)
	}
	fmt.Printf("%s  %s  %s\n", a.ID, a.State, a.Name)
	return nil
}
