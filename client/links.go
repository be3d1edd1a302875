package client

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/gecli/gecli/api"
)

// DownloadLink asks for a single-use, short-lived link to one
// attachment, for a person whose terminal runs on another machine.
func (c *Client) DownloadLink(ctx context.Context, requestID, attachmentID string) (api.DownloadLink, error) {
	var out api.DownloadLink
	err := c.send(ctx, "POST", "/api/v1/requests/"+url.PathEscape(requestID)+"/attachments/"+url.PathEscape(attachmentID)+"/link", "", nil, &out)
	return out, err
}

// ReportSSHSession records the start or the end of an SSH session of the
// signed-in person in the server's audit trail.
func (c *Client) ReportSSHSession(ctx context.Context, s api.SSHSession) error {
	body, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return c.send(ctx, "POST", "/api/v1/me/ssh-sessions", "application/json", body, nil)
}
