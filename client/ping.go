package client

import "context"

// Ping asks the server's /healthz, to know whether it can be reached: a
// NetworkError (IsOffline) when it cannot; any answer, even an error
// status, means it is there.
func (c *Client) Ping(ctx context.Context) error {
	_, _, _, err := c.get(ctx, "/healthz", "")
	if err != nil && !IsOffline(err) {
		return nil
	}
	return err
}
