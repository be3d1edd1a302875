package client

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/gecli/gecli/api"
)

// CatalogQuery filters the catalog on the server.
type CatalogQuery struct {
	Q        string
	Category api.Category
	Env      api.Environment
}

func (q CatalogQuery) encode() string {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Category != "" {
		v.Set("category", string(q.Category))
	}
	if q.Env != "" {
		v.Set("env", string(q.Env))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// CatalogPage is a catalog answer. NotModified means the etag sent is still
// current and Items is empty: keep what you have.
type CatalogPage struct {
	Items       []api.API
	ETag        string
	NotModified bool
}

// ListAPIs fetches the catalog, revalidating with etag when given.
func (c *Client) ListAPIs(ctx context.Context, q CatalogQuery, etag string) (CatalogPage, error) {
	body, newETag, notModified, err := c.get(ctx, "/api/v1/apis"+q.encode(), etag)
	if err != nil {
		return CatalogPage{}, err
	}
	if notModified {
		return CatalogPage{ETag: etag, NotModified: true}, nil
	}
	var list api.List[api.API]
	if err := json.Unmarshal(body, &list); err != nil {
		return CatalogPage{}, &Error{Kind: KindBadResponse, Path: "/api/v1/apis", Err: err}
	}
	return CatalogPage{Items: list.Items, ETag: newETag}, nil
}

// GetAPI fetches one API.
func (c *Client) GetAPI(ctx context.Context, id string) (api.API, error) {
	var a api.API
	if err := api.ValidateAPIID(id); err != nil {
		return a, err
	}
	return a, c.getJSON(ctx, "/api/v1/apis/"+id, &a)
}

// Document is a fetched file with its validator.
type Document struct {
	Body        []byte
	ETag        string
	NotModified bool
}

// OpenAPIDocument fetches the stored OpenAPI document of an API.
func (c *Client) OpenAPIDocument(ctx context.Context, id, etag string) (Document, error) {
	return c.document(ctx, id, "/openapi.json", etag)
}

// Terms fetches the current terms-of-use PDF of an API.
func (c *Client) Terms(ctx context.Context, id string) ([]byte, error) {
	d, err := c.document(ctx, id, "/terms", "")
	if err != nil {
		return nil, err
	}
	if err := api.ValidatePDF(d.Body); err != nil {
		return nil, &Error{Kind: KindBadTerms, ID: id, Err: err}
	}
	return d.Body, nil
}

func (c *Client) document(ctx context.Context, id, suffix, etag string) (Document, error) {
	if err := api.ValidateAPIID(id); err != nil {
		return Document{}, err
	}
	body, newETag, notModified, err := c.get(ctx, "/api/v1/apis/"+id+suffix, etag)
	if err != nil {
		return Document{}, err
	}
	if notModified {
		return Document{ETag: etag, NotModified: true}, nil
	}
	return Document{Body: body, ETag: newETag}, nil
}

// Meta fetches enums, limits and the approval matrix.
func (c *Client) Meta(ctx context.Context) (api.Meta, error) {
	var m api.Meta
	return m, c.getJSON(ctx, "/api/v1/meta", &m)
}
