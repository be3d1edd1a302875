package credentials

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

type cachedMsg struct {
	items []api.Credential
	at    time.Time
	err   error
}

type fetchedMsg struct {
	items []api.Credential
	err   error
}

type generatedMsg struct {
	requestID string
	res       api.SecretResponse
	err       error
}

type testedMsg struct {
	check client.GatewayCheck
	err   error
}

type allowlistMsg struct {
	ranges []string
	saved  bool
	err    error
}

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 15*time.Second)
}

// loadCached shows the last list at once, also offline.
func loadCached(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, at, err := s.Credentials(ctx)
		return cachedMsg{items: items, at: at, err: err}
	}
}

// fetch lists the credentials from the server and caches the list (public
// fields only: the list never carries a secret).
func fetch(c *client.Client, s *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		items, err := c.Credentials(ctx)
		if err == nil {
			err = s.SaveCredentials(ctx, items, now)
		}
		return fetchedMsg{items: items, err: err}
	}
}

func generate(c *client.Client, requestID string, grace time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		res, err := c.GenerateSecret(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), requestID, grace)
		return generatedMsg{requestID: requestID, res: res, err: err}
	}
}

// test runs what an integration runs: the grant, then the gateway check.
func test(cred api.Credential, secret string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		check, err := client.TestCredential(ctx, nil, cred.TokenURL, cred.GatewayURL, cred.ClientID, secret)
		return testedMsg{check: check, err: err}
	}
}

func loadAllowlist(c *client.Client, cnpj string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		ranges, err := c.Allowlist(ctx, cnpj)
		return allowlistMsg{ranges: ranges, err: err}
	}
}

func saveAllowlist(c *client.Client, cnpj string, ranges []string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		got, err := c.SetAllowlist(ctx, cnpj, ranges)
		return allowlistMsg{ranges: got, saved: err == nil, err: err}
	}
}
