package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/gecli/gecli/api"
)

// Institutions lists the institutions whose name or CNPJ contains q
// (users:admin).
func (c *Client) Institutions(ctx context.Context, q string) ([]api.InstitutionEntry, error) {
	var out api.List[api.InstitutionEntry]
	path := "/api/v1/institutions"
	if q != "" {
		path += "?q=" + url.QueryEscape(q)
	}
	return out.Items, c.getJSON(ctx, path, &out)
}

// CreateInstitution registers an institution (users:admin).
func (c *Client) CreateInstitution(ctx context.Context, in api.InstitutionCreate) (api.InstitutionEntry, error) {
	var out api.InstitutionEntry
	body, _ := json.Marshal(in)
	return out, c.send(ctx, http.MethodPost, "/api/v1/institutions", "application/json", body, &out)
}

// UpdateInstitution renames, deactivates or reactivates an institution
// (users:admin).
func (c *Client) UpdateInstitution(ctx context.Context, cnpj string, p api.InstitutionPatch) (api.InstitutionEntry, error) {
	var out api.InstitutionEntry
	body, _ := json.Marshal(p)
	return out, c.send(ctx, http.MethodPatch, "/api/v1/institutions/"+url.PathEscape(api.NormalizeCNPJ(cnpj)), "application/json", body, &out)
}
