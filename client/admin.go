package client

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gecli/gecli/api"
)

// AdminAPIs lists the catalog as administrators see it: state is draft,
// published, retired or "" for every state (catalog:admin).
func (c *Client) AdminAPIs(ctx context.Context, state api.APIState, q string) ([]api.API, error) {
	v := url.Values{"state": {string(state)}}
	if state == "" {
		v.Set("state", "all")
	}
	if q != "" {
		v.Set("q", q)
	}
	var out api.List[api.API]
	return out.Items, c.getJSON(ctx, "/api/v1/apis?"+v.Encode(), &out)
}

// CreateAPI stores a new API as a draft (catalog:admin).
func (c *Client) CreateAPI(ctx context.Context, w api.APIWrite) (api.API, error) {
	return c.writeAPI(ctx, http.MethodPost, "/api/v1/apis", w)
}

// UpdateAPI replaces what describes an API (catalog:admin).
func (c *Client) UpdateAPI(ctx context.Context, w api.APIWrite) (api.API, error) {
	return c.writeAPI(ctx, http.MethodPut, "/api/v1/apis/"+url.PathEscape(w.ID), w)
}

func (c *Client) writeAPI(ctx context.Context, method, path string, w api.APIWrite) (api.API, error) {
	var out api.API
	body, err := json.Marshal(w)
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, method, path, "application/json", body, &out)
}

// PublishAPI puts a draft (or a retired API) in the catalog; it needs
// current terms of use and an environment (catalog:admin).
func (c *Client) PublishAPI(ctx context.Context, id string) (api.API, error) {
	var out api.API
	return out, c.send(ctx, http.MethodPost, "/api/v1/apis/"+url.PathEscape(id)+"/publish", "", nil, &out)
}

// RetireAPI takes an API out of the catalog and of new requests
// (catalog:admin).
func (c *Client) RetireAPI(ctx context.Context, id string) (api.API, error) {
	var out api.API
	return out, c.send(ctx, http.MethodPost, "/api/v1/apis/"+url.PathEscape(id)+"/retire", "", nil, &out)
}

// UploadTerms makes pdf the API's current terms of use, as version
// (catalog:admin).
func (c *Client) UploadTerms(ctx context.Context, id, version string, pdf []byte) (api.Terms, error) {
	var out api.Terms
	path := "/api/v1/apis/" + url.PathEscape(id) + "/terms?version=" + url.QueryEscape(version)
	return out, c.send(ctx, http.MethodPost, path, "application/pdf", pdf, &out)
}

// UploadOpenAPI stores the API's OpenAPI document, JSON or YAML
// (catalog:admin).
func (c *Client) UploadOpenAPI(ctx context.Context, id string, doc []byte) (api.API, error) {
	var out api.API
	ct := "application/yaml"
	if t := bytes.TrimSpace(doc); len(t) > 0 && t[0] == '{' {
		ct = "application/json"
	}
	return out, c.send(ctx, http.MethodPut, "/api/v1/apis/"+url.PathEscape(id)+"/openapi", ct, doc, &out)
}

// TermsVersions lists an API's terms of use, newest first.
func (c *Client) TermsVersions(ctx context.Context, id string) ([]api.TermsVersion, error) {
	var out api.List[api.TermsVersion]
	return out.Items, c.getJSON(ctx, "/api/v1/apis/"+url.PathEscape(id)+"/terms/versions", &out)
}

// Profiles lists what each role may do (profiles:admin).
func (c *Client) Profiles(ctx context.Context) ([]api.Profile, error) {
	var out api.List[api.Profile]
	return out.Items, c.getJSON(ctx, "/api/v1/profiles", &out)
}

// SetProfile replaces a role's permissions (profiles:admin).
func (c *Client) SetProfile(ctx context.Context, role api.Role, perms []api.Permission) (api.Profile, error) {
	var out api.Profile
	body, err := json.Marshal(api.ProfileWrite{Permissions: perms})
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPut, "/api/v1/profiles/"+url.PathEscape(string(role)), "application/json", body, &out)
}

// Users lists every person whose username, name or CPF contains q,
// following the server's pages (users:admin).
func (c *Client) Users(ctx context.Context, q string) ([]api.UserEntry, error) {
	var all []api.UserEntry
	cursor := ""
	for {
		v := url.Values{}
		if q != "" {
			v.Set("q", q)
		}
		if cursor != "" {
			v.Set("cursor", cursor)
		}
		path := "/api/v1/users"
		if len(v) > 0 {
			path += "?" + v.Encode()
		}
		var page api.List[api.UserEntry]
		if err := c.getJSON(ctx, path, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextCursor == "" || page.NextCursor == cursor {
			return all, nil
		}
		cursor = page.NextCursor
	}
}

// CreateUser adds a person; the answer carries the one-time activation
// code (users:admin).
func (c *Client) CreateUser(ctx context.Context, u api.UserCreate) (api.UserCreated, error) {
	var out api.UserCreated
	body, err := json.Marshal(u)
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPost, "/api/v1/users", "application/json", body, &out)
}

// UpdateUser changes a person's name, role, institutions or whether they
// are disabled (users:admin).
func (c *Client) UpdateUser(ctx context.Context, id string, p api.UserPatch) (api.UserEntry, error) {
	var out api.UserEntry
	body, err := json.Marshal(p)
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPatch, "/api/v1/users/"+url.PathEscape(id), "application/json", body, &out)
}

// NewActivation issues a new one-time activation code for a person (a
// forgotten password, an expired code); the old code stops working and the
// password, if any, is kept until the new code is used (users:admin).
func (c *Client) NewActivation(ctx context.Context, id string) (api.UserCreated, error) {
	var out api.UserCreated
	return out, c.send(ctx, http.MethodPost, "/api/v1/users/"+url.PathEscape(id)+"/activation", "", nil, &out)
}

// AuditQuery filters the audit trail.
type AuditQuery struct {
	Actor, Action, Target string
	Since, Until          string // RFC 3339
	Cursor                string
	Limit                 int
}

// Audit reads a page of the audit trail, newest first (audit:read).
func (c *Client) Audit(ctx context.Context, q AuditQuery) (api.AuditPage, error) {
	v := url.Values{}
	for k, s := range map[string]string{"actor": q.Actor, "action": q.Action, "target": q.Target,
		"since": q.Since, "until": q.Until, "cursor": q.Cursor} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	path := "/api/v1/audit"
	if len(v) > 0 {
		path += "?" + v.Encode()
	}
	var out api.AuditPage
	return out, c.getJSON(ctx, path, &out)
}

// VerifyAudit recomputes every chain on the server (audit:read).
func (c *Client) VerifyAudit(ctx context.Context) (api.AuditVerification, error) {
	var out api.AuditVerification
	return out, c.getJSON(ctx, "/api/v1/audit/verify", &out)
}

// AuditCheckpoints lists the signed checkpoints, newest first (audit:read).
func (c *Client) AuditCheckpoints(ctx context.Context) ([]api.AuditCheckpoint, error) {
	var out api.List[api.AuditCheckpoint]
	return out.Items, c.getJSON(ctx, "/api/v1/audit/checkpoints", &out)
}

// NewAuditCheckpoint signs the audit chain's head now (audit:read).
func (c *Client) NewAuditCheckpoint(ctx context.Context) (api.AuditCheckpoint, error) {
	var out api.AuditCheckpoint
	return out, c.send(ctx, http.MethodPost, "/api/v1/audit/checkpoints", "", nil, &out)
}

// AddOpinion adds a technical opinion to a request, with an optional PDF
// (requests:analyze).
func (c *Client) AddOpinion(ctx context.Context, id, text, filename string, pdf []byte) (api.Opinion, error) {
	var out api.Opinion
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("text", text); err != nil {
		return out, err
	}
	if pdf != nil {
		part, err := mw.CreateFormFile("file", filename)
		if err != nil {
			return out, err
		}
		if _, err := part.Write(pdf); err != nil {
			return out, err
		}
	}
	if err := mw.Close(); err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(id)+"/opinions", mw.FormDataContentType(), buf.Bytes(), &out)
}

// RevokeRequest ends an approved request and its credential, saying why
// (requests:revoke).
func (c *Client) RevokeRequest(ctx context.Context, id, justification string) (api.Request, error) {
	var out api.Request
	body, err := json.Marshal(api.Revocation{Justification: justification})
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(id)+"/revoke", "application/json", body, &out)
}

// RequestSEI reads a request's SEI process (refreshed from SEI when the
// server can), its sends and the log of calls.
func (c *Client) RequestSEI(ctx context.Context, id string) (api.SEIStatus, error) {
	var out api.SEIStatus
	return out, c.getJSON(ctx, "/api/v1/requests/"+url.PathEscape(id)+"/sei", &out)
}

// RetrySEI sends again what SEI refused for a request (requests:revoke).
func (c *Client) RetrySEI(ctx context.Context, id string) (api.SEIStatus, error) {
	var out api.SEIStatus
	return out, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(id)+"/sei/retry", "", nil, &out)
}
