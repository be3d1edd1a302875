package client

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// CredentialTokenURL is where a credential's client-credentials grant goes
// on this server. With the embedded issuer it is the issuer's
// token_endpoint from its discovery document (so a --public-url in front
// of the server is honoured). With an external issuer (Keycloak) people
// sign in there, but gecli still mints the credentials' tokens itself, at
// its own /oauth2/token (the token_url GET /api/v1/credentials gives).
func (c *Client) CredentialTokenURL(ctx context.Context) (string, error) {
	meta, err := c.Meta(ctx)
	if err != nil {
		return "", err
	}
	if !meta.Auth.Embedded || meta.Auth.Issuer == "" {
		return c.base + "/oauth2/token", nil
	}
	issuer := strings.TrimRight(meta.Auth.Issuer, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, issuer+"/.well-known/openid-configuration", nil)
	if err != nil {
		return "", &Error{Kind: KindDiscoveryFailed, URL: issuer, Err: err}
	}
	res, err := c.http.Do(req)
	if err != nil {
		return "", &NetworkError{Err: err}
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", &Error{Kind: KindDiscoveryFailed, URL: issuer, Status: res.StatusCode}
	}
	var doc struct {
		Token string `json:"token_endpoint"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil || doc.Token == "" {
		return "", &Error{Kind: KindDiscoveryFailed, URL: issuer, Err: err}
	}
	return doc.Token, nil
}
