package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mdp/qrterminal/v3"
	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

// serverFlags are --server, --cache and --lang, shared by the commands
// that talk to a server on behalf of a signed-in person.
type serverFlags struct{ server, cache, lang string }

func (f *serverFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.server, "server", "http://127.0.0.1:8080", "endereço do servidor gecli")
	fs.StringVar(&f.cache, "cache", "", "arquivo do cache local (padrão: um por servidor)")
	fs.StringVar(&f.lang, "lang", "pt-BR", "idioma das mensagens do servidor: pt-BR ou en")
}

// client builds the client for --server, asking the server's messages in --lang.
func (f *serverFlags) client() (*client.Client, error) {
	lang, err := api.ParseLang(f.lang)
	if err != nil {
		return nil, usagef("--lang: %v", err)
	}
	c, err := client.New(f.server, nil)
	if err != nil {
		return nil, usageError{describe(lang, err)}
	}
	return c.WithLang(lang), nil
}

// withServer parses a command's flags (--server, --cache and extra ones),
// opens the client and the cache, and runs fn with them.
func withServer(ctx context.Context, name string, args []string, extra func(*pflag.FlagSet),
	fn func(*client.Client, *store.Store) error) error {
	fs := newFlags(name)
	var sf serverFlags
	sf.register(fs)
	if extra != nil {
		extra(fs)
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	c, s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(c, s)
}

func (f *serverFlags) open(ctx context.Context) (*client.Client, *store.Store, error) {
	c, err := f.client()
	if err != nil {
		return nil, nil, err
	}
	path := f.cache
	if path == "" {
		if path, err = store.DefaultPath(f.server); err != nil {
			return nil, nil, err
		}
	}
	s, err := store.Open(ctx, path)
	return c, s, err
}

func runLogin(ctx context.Context, args []string) error {
	var noQR bool
	flags := func(fs *pflag.FlagSet) { fs.BoolVar(&noQR, "no-qr", false, "não desenha o QR code") }
	return withServer(ctx, "login", args, flags, func(c *client.Client, s *store.Store) error {
		return login(ctx, c, s, !noQR)
	})
}

func login(ctx context.Context, c *client.Client, s *store.Store, qr bool) error {
	p, da, err := session.Start(ctx, c)
	if err != nil {
		return err
	}
	printDeviceCode(os.Stdout, da.VerificationURI, da.VerificationURIComplete, da.UserCode, qr)
	if err := session.Finish(ctx, s, p, da); err != nil {
		return err
	}
	authed, err := session.Resume(ctx, s, c)
	if err != nil {
		return err
	}
	me, err := authed.Me(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("\nPronto: entrou como %s (%s).\n", me.Name, me.Username)
	return nil
}

// printDeviceCode tells the person where to approve this terminal. The QR
// code carries the complete URL (code included) for a phone.
func printDeviceCode(w io.Writer, uri, complete, code string, qr bool) {
	fmt.Fprintf(w, "Para entrar, abra no navegador:\n\n    %s\n\ne digite o código:\n\n    %s\n\n", uri, code)
	if qr && complete != "" {
		fmt.Fprintln(w, "Ou leia este QR code, que já leva o código:")
		qrterminal.GenerateWithConfig(complete, qrterminal.Config{Level: qrterminal.L, Writer: w,
			HalfBlocks: true, BlackChar: qrterminal.BLACK_BLACK, WhiteChar: qrterminal.WHITE_WHITE,
			BlackWhiteChar: qrterminal.BLACK_WHITE, WhiteBlackChar: qrterminal.WHITE_BLACK, QuietZone: 1})
	}
	fmt.Fprintln(w, "Aguardando a aprovação… (ctrl+c cancela)")
}

func runWhoami(ctx context.Context, args []string) error {
	return withServer(ctx, "whoami", args, nil, func(c *client.Client, s *store.Store) error { return whoami(ctx, c, s) })
}

func whoami(ctx context.Context, c *client.Client, s *store.Store) error {
	authed, err := session.Resume(ctx, s, c)
	if err != nil {
		return err
	}
	me, err := authed.Me(ctx)
	if err != nil {
		return explainAuthError(err)
	}
	roles := make([]string, len(me.Roles))
	for i, r := range me.Roles {
		roles[i] = r.Label(api.PtBR)
	}
	fmt.Printf("Usuário:       %s\nNome:          %s\nPerfis:        %s\n", me.Username, me.Name, strings.Join(roles, ", "))
	if len(me.Institutions) == 0 {
		fmt.Println("Instituições:  nenhuma vinculada (FAQ 4.2: peça o vínculo do CNPJ à equipe CNJ/PDPJ)")
	}
	for i, in := range me.Institutions {
		label := "Instituições:"
		if i > 0 {
			label = ""
		}
		fmt.Printf("%-14s %s  %s\n", label, api.FormatCNPJ(in.CNPJ), in.Name)
	}
	return nil
}

func runLogout(ctx context.Context, args []string) error {
	return withServer(ctx, "logout", args, nil, func(c *client.Client, s *store.Store) error {
		if err := session.Logout(ctx, s, c); err != nil {
			return err
		}
		fmt.Println("Sessão encerrada: tokens revogados e apagados deste computador.")
		return nil
	})
}

// explainAuthError turns the server's codes into FAQ 4.1's advice, in
// the same words as the TUI.
func explainAuthError(err error) error {
	if client.ProblemCode(err) == "" && !client.IsOffline(err) {
		return err
	}
	return errors.New(common.Explain(i18n.For(api.PtBR), err))
}
