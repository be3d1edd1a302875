package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// runInstitutions is `gecli institutions list|create|update`: the REST
// API with the signed-in session (users:admin), for people and scripts.
func runInstitutions(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("use: gecli institutions list [--q TEXTO] | create --cnpj CNPJ --name NOME | update CNPJ [--name NOME] [--active=false]")
	}
	sub, rest := args[0], args[1:]
	var q, cnpj, name string
	var active, asJSON bool
	var flags *pflag.FlagSet
	extra := func(fs *pflag.FlagSet) {
		flags = fs
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "list":
			fs.StringVar(&q, "q", "", "parte da razão social ou do CNPJ")
		case "create":
			fs.StringVar(&cnpj, "cnpj", "", "CNPJ (numérico ou alfanumérico)")
			fs.StringVar(&name, "name", "", "razão social")
		case "update":
			fs.StringVar(&name, "name", "", "nova razão social")
			fs.BoolVar(&active, "active", true, "ativa (--active=false desativa: nenhuma nova solicitação)")
		}
	}
	switch sub {
	case "list", "create", "update":
	default:
		return usagef("gecli institutions: subcomando desconhecido %q (list, create, update)", sub)
	}
	var target string
	if sub == "update" {
		if len(rest) == 0 || rest[0] == "" || rest[0][0] == '-' {
			return usagef("use: gecli institutions update CNPJ [--name NOME] [--active=false]")
		}
		target, rest = rest[0], rest[1:]
	}
	return withServer(ctx, "institutions "+sub, rest, extra, func(c *client.Client, s *store.Store) error {
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return err
		}
		switch sub {
		case "list":
			items, err := authed.Institutions(ctx, q)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(items)
			}
			for _, in := range items {
				state := "ativa"
				if !in.Active {
					state = "inativa"
				}
				fmt.Printf("%-20s %-8s %s\n", api.FormatCNPJ(in.CNPJ), state, in.Name)
			}
			return nil
		case "create":
			if cnpj == "" || name == "" {
				return usagef("gecli institutions create: informe --cnpj e --name")
			}
			in, err := authed.CreateInstitution(ctx, api.InstitutionCreate{CNPJ: cnpj, Name: name})
			if err != nil {
				return explainAdminError(err)
			}
			return printInstitution(in, asJSON)
		default:
			var patch api.InstitutionPatch
			if name != "" {
				patch.Name = &name
			}
			if flags.Changed("active") { // absent: the state stays as it is
				patch.Active = &active
			}
			in, err := authed.UpdateInstitution(ctx, target, patch)
			if err != nil {
				return explainAdminError(err)
			}
			return printInstitution(in, asJSON)
		}
	})
}

func printInstitution(in api.InstitutionEntry, asJSON bool) error {
	if asJSON {
		return printJSON(in)
	}
	state := "ativa"
	if !in.Active {
		state = "inativa (nenhuma nova solicitação)"
	}
	fmt.Printf("%s  %s  %s\n", api.FormatCNPJ(in.CNPJ), in.Name, state)
	return nil
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// explainAdminError says what the server refused in its own words, with
// each field it named: an administrator fixing a command line needs the
// detail (which permission, which field), not the TUI's general advice.
// Sessions that ended are explained as elsewhere; a server out of reach
// is named with the cause (a command line has no cache to fall back on).
func explainAdminError(err error) error {
	var ne *client.NetworkError
	if errors.As(err, &ne) {
		return fmt.Errorf("sem conexão com o servidor (%v): confira --server ou GECLI_SERVER", ne.Err)
	}
	var pe *client.ProblemError
	if !errors.As(err, &pe) || pe.Problem.Code == api.CodeTokenExpired || pe.Problem.Code == api.CodeInvalidToken {
		return explainAuthError(err)
	}
	msg := fmt.Sprintf("%d %s: %s", pe.Problem.Status, pe.Problem.Code, pe.Problem.Detail)
	for _, f := range pe.Problem.Fields {
		msg += "\n  " + f.Field + ": " + f.Message
	}
	return errors.New(msg)
}
