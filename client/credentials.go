package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gecli/gecli/api"
)

// Credentials lists the clients of the caller's institutions.
func (c *Client) Credentials(ctx context.Context) ([]api.Credential, error) {
	var out api.CredentialList
	return out.Items, c.send(ctx, http.MethodGet, "/api/v1/credentials", "", nil, &out)
}

// GenerateSecret creates or replaces a request's client secret; grace keeps
// the current one working that long. The answer is the only place the
// secret ever appears: callers must not store it.
func (c *Client) GenerateSecret(ctx context.Context, requestID string, grace time.Duration) (api.SecretResponse, error) {
	body, err := json.Marshal(api.SecretRequest{GraceSeconds: int(grace / time.Second)})
	if err != nil {
		return api.SecretResponse{}, err
	}
	var out api.SecretResponse
	return out, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(requestID)+"/credential/secret", "application/json", body, &out)
}

// Allowlist returns an institution's gateway source ranges.
func (c *Client) Allowlist(ctx context.Context, cnpj string) ([]string, error) {
	var out api.IPAllowlist
	return out.Ranges, c.send(ctx, http.MethodGet, "/api/v1/institutions/"+url.PathEscape(api.NormalizeCNPJ(cnpj))+"/ip-allowlist", "", nil, &out)
}

// SetAllowlist replaces an institution's ranges and returns them as stored
// (canonical CIDR form).
func (c *Client) SetAllowlist(ctx context.Context, cnpj string, ranges []string) ([]string, error) {
	body, err := json.Marshal(api.IPAllowlist{Ranges: ranges})
	if err != nil {
		return nil, err
	}
	var out api.IPAllowlist
	return out.Ranges, c.send(ctx, http.MethodPut, "/api/v1/institutions/"+url.PathEscape(api.NormalizeCNPJ(cnpj))+"/ip-allowlist", "application/json", body, &out)
}

// GatewayCheck is the outcome of testing a credential: which stage
// answered, and how.
type GatewayCheck struct {
	// Stage is "token" when the token endpoint refused the secret,
	// "gateway" otherwise.
	Stage  string
	Status int    // HTTP status of the stage that answered last
	Code   string // OAuth error or problem code when refused
	Detail string
	Pong   api.GatewayPong
	Took   time.Duration
}

// OK reports whether the gateway accepted the credential.
func (g GatewayCheck) OK() bool { return g.Stage == "gateway" && g.Status == http.StatusOK }

// TestCredential does what an integration does: a client-credentials grant
// at tokenURL (HTTP Basic), then the gateway check at gatewayURL with the
// token. A refusal is a result, not an error; the error is for a server
// that could not be reached.
func TestCredential(ctx context.Context, hc *http.Client, tokenURL, gatewayURL, clientID, secret string) (GatewayCheck, error) {
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	start := time.Now()
	cfg := clientcredentials.Config{ClientID: clientID, ClientSecret: secret, TokenURL: tokenURL, AuthStyle: oauth2.AuthStyleInHeader}
	tok, err := cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		out := GatewayCheck{Stage: "token", Code: re.ErrorCode, Detail: re.ErrorDescription, Took: time.Since(start)}
		if re.Response != nil {
			out.Status = re.Response.StatusCode
		}
		return out, nil
	case err != nil:
		return GatewayCheck{}, &NetworkError{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, gatewayURL, nil)
	if err != nil {
		return GatewayCheck{}, err
	}
	tok.SetAuthHeader(req)
	res, err := hc.Do(req)
	if err != nil {
		return GatewayCheck{}, &NetworkError{Err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return GatewayCheck{}, &NetworkError{Err: err}
	}
	out := GatewayCheck{Stage: "gateway", Status: res.StatusCode, Took: time.Since(start)}
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, &out.Pong); err != nil {
			return out, &Error{Kind: KindBadGateway, URL: gatewayURL, Err: err}
		}
		return out, nil
	}
	var pe *ProblemError
	if errors.As(problemFrom(res, b), &pe) {
		out.Code, out.Detail = string(pe.Problem.Code), pe.Problem.Detail
	}
	return out, nil
}
