package vault

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
)

type loadedMsg struct {
	systems []api.VaultSystem
	rows    []api.VaultSystemStatus
	err     error
}

type writtenMsg struct {
	entry  api.VaultEntry // without the secrets: only names go back
	result api.VaultResult
	err    error
}

type deletedMsg struct {
	system string
	err    error
}

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 15*time.Second)
}

// load reads the systems (once) and their status for an institution.
func load(c *client.Client, institution, customerKey string, systems []api.VaultSystem) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		msg := loadedMsg{systems: systems}
		if msg.systems == nil {
			if msg.systems, msg.err = c.VaultSystems(ctx); msg.err != nil {
				return msg
			}
		}
		msg.rows, msg.err = c.VaultStatus(ctx, institution, customerKey)
		return msg
	}
}

// write sends one entry. The Cmd holds the password only until it returns.
func write(c *client.Client, institution string, e api.VaultEntry) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		res, err := c.VaultWrite(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), institution, []api.VaultEntry{e})
		out := writtenMsg{entry: api.VaultEntry{SystemName: e.SystemName, CustomerKey: e.CustomerKey}, err: err}
		if err == nil && len(res) == 1 {
			out.result = res[0]
		}
		return out
	}
}

func remove(c *client.Client, institution, system, customerKey string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		ctx = client.WithIdempotencyKey(ctx, client.NewIdempotencyKey())
		return deletedMsg{system: system, err: c.VaultDelete(ctx, institution, system, customerKey)}
	}
}
