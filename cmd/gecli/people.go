package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

const usersUsage = "use: gecli users list [--q TEXTO] | create --username U --name NOME --role PERFIL [--cpf CPF] [--institution CNPJ]... | " +
	"update ID [--name N] [--role P] [--institution CNPJ]... [--disabled=true|false] | activation ID   (--json em todos)"

// runUsers is `gecli users ...`: people over the REST API (users:admin).
// Creating someone answers a one-time activation code, printed once: the
// person sets their own password on /device/activate. (`gecli user add
// --db` stays, to create the first admin of an empty server.)
func runUsers(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef(usersUsage)
	}
	sub, rest := args[0], args[1:]
	need := map[string]int{"list": 0, "create": 0, "update": 1, "activation": 1}
	n, known := need[sub]
	if !known {
		return usagef("gecli users: subcomando desconhecido %q; %s", sub, usersUsage)
	}
	pos, rest, ok := positional(rest, n)
	if !ok {
		return usagef(usersUsage)
	}
	var q, username, name, cpf, role string
	var institutions []string
	var disabled, asJSON bool
	var flags *pflag.FlagSet
	extra := func(fs *pflag.FlagSet) {
		flags = fs
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "list":
			fs.StringVar(&q, "q", "", "parte do usuário, do nome ou do CPF")
		case "create", "update":
			fs.StringVar(&name, "name", "", "nome completo")
			fs.StringVar(&role, "role", "", "perfil: requester, evaluator ou admin")
			fs.StringArrayVar(&institutions, "institution", nil, "CNPJ vinculado (repetível; em update, substitui a lista)")
			if sub == "create" {
				fs.StringVar(&username, "username", "", "nome de usuário (minúsculas, dígitos, . _ -)")
				fs.StringVar(&cpf, "cpf", "", "CPF (opcional)")
			} else {
				fs.BoolVar(&disabled, "disabled", false, "desativa (--disabled=false reativa); vale na próxima chamada da pessoa")
			}
		}
	}
	return withSession(ctx, "users "+sub, rest, extra, func(c *client.Client) error {
		switch sub {
		case "list":
			items, err := c.Users(ctx, q)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(items)
			}
			for _, u := range items {
				fmt.Println(userLine(u))
			}
			return nil
		case "create":
			made, err := c.CreateUser(ctx, api.UserCreate{Username: username, Name: name, CPF: cpf, Role: api.Role(role), Institutions: institutions})
			if err != nil {
				return err
			}
			return printActivation(made, asJSON)
		case "update":
			var p api.UserPatch
			if flags.Changed("name") {
				p.Name = &name
			}
			if flags.Changed("role") {
				r := api.Role(role)
				p.Role = &r
			}
			if flags.Changed("institution") {
				p.Institutions = &institutions
			}
			if flags.Changed("disabled") {
				p.Disabled = &disabled
			}
			u, err := c.UpdateUser(ctx, pos[0], p)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(u)
			}
			fmt.Println(userLine(u))
			return nil
		default: // activation
			made, err := c.NewActivation(ctx, pos[0])
			if err != nil {
				return err
			}
			return printActivation(made, asJSON)
		}
	})
}

func userLine(u api.UserEntry) string {
	var cnpjs []string
	for _, in := range u.Institutions {
		cnpjs = append(cnpjs, api.FormatCNPJ(in.CNPJ))
	}
	state := "ativo"
	switch {
	case u.Disabled:
		state = "desativado"
	case !u.Activated:
		state = "aguardando ativação"
	}
	return fmt.Sprintf("%-18s %-20s %-10s %-20s %-30s %s", u.ID, u.Username, u.Role, state, u.Name, strings.Join(cnpjs, ", "))
}

// printActivation shows the code this once, and where to use it.
func printActivation(made api.UserCreated, asJSON bool) error {
	if asJSON {
		return printJSON(made)
	}
	fmt.Println(userLine(made.User))
	fmt.Printf("\ncódigo de ativação (mostrado só agora): %s\nentregue-o à pessoa; ela define a senha em %s até %s\n",
		made.ActivationCode, made.ActivationURL, made.ExpiresAt)
	return nil
}
