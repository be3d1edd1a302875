package client

import (
	"context"
	"encoding/json"
)

// Ping asks the server's /healthz, to know whether it can be reached: a
// NetworkError (IsOffline) when it cannot; any answer, even an error
// status, means it is there.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.Ready(ctx)
	return err
}

// Ready asks /readyz: whether the server can be reached (as Ping), and
// whether it says it is under maintenance (its status "maintenance"), so
// a window started without notice shows within a ping.
func (c *Client) Ready(ctx context.Context) (maintenance bool, err error) {
	body, _, _, err := c.get(ctx, "/readyz", "")
	if err != nil && !IsOffline(err) {
		return false, nil // it answered (not ready is still there)
	}
	if err != nil {
		return false, err
	}
	var st struct {
		Status string `json:"status"`
	}
	json.Unmarshal(body, &st) // an odd body: not under maintenance
	return st.Status == "maintenance", nil
}
