package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/gecli/gecli/api"
)

func vaultQuery(institution, customerKey string) string {
	q := url.Values{}
	if institution != "" {
		q.Set("institution", api.NormalizeCNPJ(institution))
	}
	if customerKey != "" {
		q.Set("customer_key", customerKey)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// VaultSystems lists the tribunal systems the vault knows.
func (c *Client) VaultSystems(ctx context.Context) ([]api.VaultSystem, error) {
	var out api.List[api.VaultSystem]
	return out.Items, c.send(ctx, http.MethodGet, "/api/v1/vault/systems", "", nil, &out)
}

// VaultStatus lists every system's status for an institution, optionally
// for one customer_key. No stored value ever comes back.
func (c *Client) VaultStatus(ctx context.Context, institution, customerKey string) ([]api.VaultSystemStatus, error) {
	var out api.VaultSystems
	return out.Systems, c.send(ctx, http.MethodGet, "/api/v1/vault/credentials"+vaultQuery(institution, customerKey), "", nil, &out)
}

// VaultWrite stores or overwrites entries; each gets its own result.
func (c *Client) VaultWrite(ctx context.Context, institution string, entries []api.VaultEntry) ([]api.VaultResult, error) {
	body, err := json.Marshal(api.VaultWrite{Credentials: entries})
	if err != nil {
		return nil, err
	}
	var out []api.VaultResult
	return out, c.send(ctx, http.MethodPost, "/api/v1/vault/credentials"+vaultQuery(institution, ""), "application/json", body, &out)
}

// VaultDelete removes a system's entries (one customer_key's, or all).
func (c *Client) VaultDelete(ctx context.Context, institution, system, customerKey string) error {
	body, err := json.Marshal(api.VaultDelete{SystemName: system, CustomerKey: customerKey})
	if err != nil {
		return err
	}
	return c.send(ctx, http.MethodDelete, "/api/v1/vault/credentials"+vaultQuery(institution, ""), "application/json", body, nil)
}
