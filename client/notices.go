package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/gecli/gecli/api"
)

// Announcements are the notices showing now for the caller (everyone's
// when the client has no session); all asks for every one, past and
// planned (notices:admin).
func (c *Client) Announcements(ctx context.Context, all bool) ([]api.Announcement, error) {
	path := "/api/v1/announcements"
	if all {
		path += "?all=true"
	}
	var out api.List[api.Announcement]
	if err := c.getJSON(ctx, path, &out); err != nil {
		return nil, err
	}
	for i := range out.Items {
		a := &out.Items[i]
		for _, s := range []*string{&a.Title.PtBR, &a.Title.En, &a.Text.PtBR, &a.Text.En} {
			*s = cleanText(*s, api.MaxNoticeTextLen) // a server's text never drives the terminal
		}
	}
	return out.Items, nil
}

// CreateAnnouncement publishes one (notices:admin).
func (c *Client) CreateAnnouncement(ctx context.Context, w api.AnnouncementWrite) (api.Announcement, error) {
	return c.writeAnnouncement(ctx, http.MethodPost, "/api/v1/announcements", w)
}

// UpdateAnnouncement replaces one (notices:admin).
func (c *Client) UpdateAnnouncement(ctx context.Context, id string, w api.AnnouncementWrite) (api.Announcement, error) {
	return c.writeAnnouncement(ctx, http.MethodPut, "/api/v1/announcements/"+url.PathEscape(id), w)
}

func (c *Client) writeAnnouncement(ctx context.Context, method, path string, w api.AnnouncementWrite) (api.Announcement, error) {
	var out api.Announcement
	body, err := json.Marshal(w)
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, method, path, "application/json", body, &out)
}

// DeleteAnnouncement removes one (notices:admin).
func (c *Client) DeleteAnnouncement(ctx context.Context, id string) error {
	return c.send(ctx, http.MethodDelete, "/api/v1/announcements/"+url.PathEscape(id), "", nil, nil)
}

// Maintenance is the window planned or under way; nil when there is none.
func (c *Client) Maintenance(ctx context.Context) (*api.Maintenance, error) {
	var m api.Maintenance
	body, _, _, err := c.get(ctx, "/api/v1/maintenance", "")
	if err != nil || len(body) == 0 { // 204: none
		return nil, err
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &Error{Kind: KindBadResponse, Path: "/api/v1/maintenance", Err: err}
	}
	m.Message.PtBR, m.Message.En = cleanText(m.Message.PtBR, api.MaxNoticeTextLen), cleanText(m.Message.En, api.MaxNoticeTextLen)
	return &m, nil
}

// SetMaintenance plans a window, or starts one now (notices:admin).
func (c *Client) SetMaintenance(ctx context.Context, w api.MaintenanceWrite) (api.Maintenance, error) {
	var out api.Maintenance
	body, err := json.Marshal(w)
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPut, "/api/v1/maintenance", "application/json", body, &out)
}

// EndMaintenance ends the window under way or cancels the planned one
// (notices:admin).
func (c *Client) EndMaintenance(ctx context.Context) error {
	return c.send(ctx, http.MethodDelete, "/api/v1/maintenance", "", nil, nil)
}

// Webhooks lists an institution's endpoints (never a secret).
func (c *Client) Webhooks(ctx context.Context, cnpj string) ([]api.Webhook, error) {
	var out api.List[api.Webhook]
	return out.Items, c.getJSON(ctx, "/api/v1/institutions/"+url.PathEscape(cnpj)+"/webhooks", &out)
}

// CreateWebhook registers an endpoint; the answer holds its signing
// secret, the only time it is shown.
func (c *Client) CreateWebhook(ctx context.Context, cnpj, endpoint string) (api.WebhookCreated, error) {
	var out api.WebhookCreated
	body, err := json.Marshal(api.WebhookCreate{URL: endpoint})
	if err != nil {
		return out, err
	}
	return out, c.send(ctx, http.MethodPost, "/api/v1/institutions/"+url.PathEscape(cnpj)+"/webhooks", "application/json", body, &out)
}

// DeleteWebhook removes an endpoint.
func (c *Client) DeleteWebhook(ctx context.Context, cnpj, id string) error {
	return c.send(ctx, http.MethodDelete, "/api/v1/institutions/"+url.PathEscape(cnpj)+"/webhooks/"+url.PathEscape(id), "", nil, nil)
}

// TestWebhook queues a webhook.test event for an endpoint.
func (c *Client) TestWebhook(ctx context.Context, cnpj, id string) (api.WebhookEvent, error) {
	var out api.WebhookEvent
	return out, c.send(ctx, http.MethodPost, "/api/v1/institutions/"+url.PathEscape(cnpj)+"/webhooks/"+url.PathEscape(id)+"/test", "", nil, &out)
}

// WebhookDeliveries is an endpoint's log, newest first.
func (c *Client) WebhookDeliveries(ctx context.Context, cnpj, id string) ([]api.WebhookDelivery, error) {
	var out api.List[api.WebhookDelivery]
	return out.Items, c.getJSON(ctx, "/api/v1/institutions/"+url.PathEscape(cnpj)+"/webhooks/"+url.PathEscape(id)+"/deliveries", &out)
}
