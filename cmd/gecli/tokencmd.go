package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gecli/gecli/client"
)

const tokenUsage = "use: gecli token --client-id ID [--scope S] [--token-url URL] [--json] < arquivo-do-secret   (o secret vem da entrada padrão, uma linha)"

// tokenOut is what `gecli token --json` prints; the names are stable.
type tokenOut struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"` // seconds from now, rounded down
	ExpiresAt   string `json:"expires_at"` // RFC 3339, UTC
	Scope       string `json:"scope,omitempty"`
	TokenURL    string `json:"token_url"`
}

// runToken is `gecli token`: a client-credentials grant for testing a
// credential, as an integration would do it. The secret is read from
// standard input, never from a flag or an argument: those end up in shell
// history and in every process listing on the machine.
func runToken(ctx context.Context, args []string) error {
	for _, a := range args {
		if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); strings.HasPrefix(a, "-") &&
			(name == "client-secret" || name == "secret") {
			return usagef("gecli token: o secret não vai na linha de comando (fica no histórico e na lista de processos); envie-o pela entrada padrão")
		}
	}
	fs := newFlags("token")
	var sf serverFlags
	fs.StringVar(&sf.server, "server", "http://127.0.0.1:8080", "endereço do servidor gecli")
	fs.StringVar(&sf.lang, "lang", "pt-BR", "idioma das mensagens do servidor: pt-BR ou en")
	var clientID, tokenURL string
	var scopes []string
	var asJSON bool
	fs.StringVar(&clientID, "client-id", "", "client_id da credencial (gecli credentials list)")
	fs.StringSliceVar(&scopes, "scope", nil, "escopos pedidos (ex.: vault:resolve para um cliente de serviço)")
	fs.StringVar(&tokenURL, "token-url", "", "endpoint de token (padrão: o do servidor, por /api/v1/meta e a descoberta OIDC)")
	fs.BoolVar(&asJSON, "json", false, "imprime JSON: access_token, token_type, expires_in, expires_at, scope, token_url")
	if err := parse(fs, args); err != nil {
		return err
	}
	if clientID == "" {
		return usagef(tokenUsage)
	}
	secret, err := readSecret(os.Stdin)
	if err != nil {
		return err
	}
	c, err := sf.client()
	if err != nil {
		return err
	}
	if tokenURL == "" {
		if tokenURL, err = c.CredentialTokenURL(ctx); err != nil {
			return explainAdminError(err)
		}
	}
	cfg := clientcredentials.Config{ClientID: clientID, ClientSecret: secret, TokenURL: tokenURL, Scopes: scopes,
		AuthStyle: oauth2.AuthStyleInHeader}
	hc := &http.Client{Timeout: client.DefaultTimeout}
	tok, err := cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		msg := fmt.Sprintf("%s recusou o pedido de token (%d %s", tokenURL, status, re.ErrorCode)
		if re.ErrorDescription != "" {
			msg += ": " + re.ErrorDescription
		}
		if re.ErrorCode == "invalid_client" {
			msg += "; confira o client_id e o secret, ou gere um novo secret"
		}
		return errors.New(msg + ")")
	case err != nil:
		var ue *url.Error // the transport failed: unreachable; anything else is said as it is
		if errors.As(err, &ue) {
			return explainAdminError(&client.NetworkError{Err: err})
		}
		return err
	}
	if !asJSON {
		fmt.Println(tok.AccessToken)
		return nil
	}
	out := tokenOut{AccessToken: tok.AccessToken, TokenType: tok.Type(), TokenURL: tokenURL}
	if !tok.Expiry.IsZero() {
		out.ExpiresAt = tok.Expiry.UTC().Format(time.RFC3339)
		out.ExpiresIn = max(0, int64(time.Until(tok.Expiry)/time.Second))
	}
	if s, ok := tok.Extra("scope").(string); ok {
		out.Scope = s
	}
	return printJSON(out)
}

// readSecret takes the first line of r, without its line break and the
// blanks around it. Nothing there is a usage error: the secret is required.
func readSecret(r io.Reader) (string, error) {
	if f, ok := r.(*os.File); ok && isTerminal(f) {
		fmt.Fprintln(os.Stderr, "cole o client secret e tecle Enter (ele aparece na tela; prefira: gecli token --client-id ID < arquivo)")
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("ler o secret da entrada padrão: %w", err)
	}
	secret := strings.TrimSpace(line)
	if secret == "" {
		return "", usagef("gecli token: o secret vem da entrada padrão (uma linha) e ela veio vazia; ex.: gecli token --client-id ID < secret.txt")
	}
	return secret, nil
}

// isTerminal: a character device other than /dev/null (no dependency on
// a terminal package for one hint).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}
