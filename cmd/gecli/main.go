// Command gecli is the terminal client of the PDPJ "Gestão de Clientes"
// workflow and its reference backend. This file only parses flags and
// dispatches to subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

// usageError is a bad command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "backend de demonstração + TUI num só processo (o primeiro comando)", runDemo},
		{"serve", "o backend (API REST e emissor OAuth2/OIDC)", runServe},
		{"ssh", "a TUI servida por SSH (chaves públicas; identidade pelo emissor): --addr, --server, --host-key", runSSH},
		{"login", "entra pelo fluxo de dispositivo (código + navegador)", runLogin},
		{"whoami", "mostra usuário, perfis e instituições da sessão", runWhoami},
		{"logout", "revoga e apaga os tokens deste computador", runLogout},
		{"user", "usuários locais: add | list | disable --db PATH", runUser},
		{"institutions", "instituições, com a sessão (users:admin): list | create | update CNPJ [--json]", runInstitutions},
		{"apis", "catálogo: list | show ID (qualquer pessoa); create | update | publish | retire | upload-openapi | upload-terms | terms (catalog:admin)", runAPIs},
		{"requests", "solicitações visíveis à sessão: list [--status S,S] [--env hmg|prd] [--api ID] [--q TEXTO] | show ID [--json]", runRequests},
		{"credentials", "credenciais das suas instituições: list [--json] (nunca o secret)", runCredentials},
		{"token", "token client_credentials para testes: --client-id ID, o secret pela entrada padrão [--json]", runToken},
		{"completion", "script de completação do shell: bash | zsh | fish", runCompletion},
		{"users", "pessoas, com a sessão (users:admin): list | create | update ID | activation ID [--json]", runUsers},
		{"announcements", "avisos da tela inicial: list [--all] (qualquer pessoa) | add | rm ID (notices:admin) [--json]", runAnnouncements},
		{"maintenance", "janela de manutenção: show (qualquer pessoa) | schedule --at QUANDO --for DURAÇÃO | start --for DURAÇÃO | end (notices:admin)", runMaintenance},
		{"webhooks", "webhooks de uma instituição (credentials:manage): list | add --url https://… | rm ID | test ID | log ID, com --institution CNPJ [--json]", runWebhooks},
		{"sei", "processo SEI de uma solicitação: log ID (envios e chamadas) | retry ID (reenvia o que o SEI recusou)", runSEI},
		{"audit", "trilha de auditoria (audit:read): list | verify [--db PATH|URL] | checkpoint | checkpoints", runAudit},
		{"service", "clientes de serviço: add --db PATH --name N --institution CNPJ --scope vault:resolve", runService},
		{"vault", "chave mestra do cofre: keygen --out ARQUIVO | rotate-key", runVault},
		{"sei-sim", "simulador do web service do SEI (SOAP) para a demonstração e os testes: --addr, --state ARQUIVO", runSeiSim},
		{"db", "banco do servidor: copy --from ARQUIVO.db --to postgres://… (do SQLite para o PostgreSQL)", runDB},
		{"version", "versão, commit e data de build", runVersion},
		{"help", "esta ajuda", func(context.Context, []string) error { printUsage(os.Stdout); return nil }},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:])
	stop()
	os.Exit(exitCode(os.Stderr, err))
}

// exitCode reports err on w in one line and returns the exit code: 0 ok
// (and --help), 2 a usage error, 1 anything else.
func exitCode(w io.Writer, err error) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(w, "gecli: %v (veja gecli help)\n", err)
		return 2
	default:
		fmt.Fprintf(w, "gecli: %s\n", describe(api.PtBR, err))
		return 1
	}
}

// describe is the line an error gets on stderr: the typed errors of
// client, store and session in the TUI's words, the rest as they are.
func describe(lang api.Lang, err error) string {
	if s, ok := common.Known(i18n.For(lang), err); ok {
		return s
	}
	return err.Error()
}

func dispatch(ctx context.Context, args []string) error {
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		for _, c := range commands() {
			if c.name == args[0] {
				return c.run(ctx, args[1:])
			}
		}
		return usagef("comando desconhecido %q", args[0])
	}
	return runTUI(ctx, args)
}

func printUsage(w *os.File) {
	fmt.Fprintln(w, "gecli — Gestão de Clientes da PDPJ no terminal")
	fmt.Fprintln(w, "\nUso:\n  gecli [flags]            a TUI contra --server (GECLI_SERVER)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  gecli %-18s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nFlags comuns: --server URL, --cache PATH, --theme NOME, --lang pt-BR|en, --offline, --config PATH (padrão: ~/.config/gecli/config.toml)")
	fmt.Fprintln(w, "Cada flag também pode vir do ambiente como GECLI_<FLAG> (ex.: GECLI_SERVER).")
}
