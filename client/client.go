// Package client is the typed Go client of the gecli REST API. Every call
// has a timeout; failures come back as *ProblemError (the server answered
// with a problem) or *NetworkError (the server could not be reached), so
// callers can tell "offline" from "refused"; anything else that fails on
// the client's side is an *Error with a kind and its values. None of them
// carries a sentence for people: the TUI words them (tui/common.Explain).
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
)

// DefaultTimeout bounds one call, so a dead server turns into "offline"
// quickly instead of a frozen screen.
const DefaultTimeout = 8 * time.Second

// maxBody bounds what we read from a response (terms PDFs are the largest).
const maxBody = 32 << 20

// Client talks to one gecli server.
type Client struct {
	base   string
	http   *http.Client
	tokens oauth2.TokenSource // nil: anonymous calls
	lang   api.Lang           // the Accept-Language sent: the server's details in the screen's language
}

// New returns a client for the server at baseURL (scheme and host, with an
// optional path prefix).
func New(baseURL string, hc *http.Client) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: KindBadServerURL, URL: baseURL}
	}
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{base: u.String(), http: hc}, nil
}

// WithLang returns a copy of the client that asks the server to word its
// problems (detail, field messages) in lang. A nil client stays nil
// (--offline).
func (c *Client) WithLang(lang api.Lang) *Client {
	if c == nil {
		return nil
	}
	cp := *c
	cp.lang = lang
	return &cp
}

// Lang is the language the client asks the server's answers in.
func (c *Client) Lang() api.Lang {
	if c.lang == "" {
		return api.PtBR
	}
	return c.lang
}

// headers sets what every call to the server carries.
func (c *Client) headers(req *http.Request) {
	req.Header.Set("Accept", "application/json, application/problem+json")
	req.Header.Set("Accept-Language", api.AcceptLanguage(c.Lang()))
}

// BaseURL is the server this client talks to.
func (c *Client) BaseURL() string { return c.base }

// get performs a GET with an optional If-None-Match. It returns the body,
// the response's ETag, and notModified for a 304.
func (c *Client) get(ctx context.Context, path, etag string) (body []byte, newETag string, notModified bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, "", false, err
	}
	c.headers(req)
	if err := c.authorize(req); err != nil {
		return nil, "", false, err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	res, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return nil, "", false, ctx.Err() // the caller gave up: not "offline"
		}
		return nil, "", false, &NetworkError{Err: err}
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusNotModified {
		return nil, res.Header.Get("ETag"), true, nil
	}
	body, err = io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return nil, "", false, &NetworkError{Err: err}
	}
	if res.StatusCode/100 != 2 {
		return nil, "", false, problemFrom(res, body)
	}
	return body, res.Header.Get("ETag"), false, nil
}

// problemFrom decodes a problem body, or builds one from the status when
// something in between (a proxy) answered with HTML.
func problemFrom(res *http.Response, body []byte) error {
	var p api.Problem
	if strings.HasPrefix(res.Header.Get("Content-Type"), api.ProblemContentType) && json.Unmarshal(body, &p) == nil && p.Status != 0 {
		return &ProblemError{Problem: p}
	}
	p = *api.NewProblem(res.StatusCode, "http_"+api.Code(fmt.Sprint(res.StatusCode)), strings.TrimSpace(string(body[:min(len(body), 200)])))
	return &ProblemError{Problem: p}
}

func (c *Client) getJSON(ctx context.Context, path string, v any) error {
	body, _, _, err := c.get(ctx, path, "")
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &Error{Kind: KindBadResponse, Path: path, Err: err}
	}
	return nil
}
