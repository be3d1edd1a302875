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
	return out.Items, c.getJSON(ctx, path, &out)
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
