package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gecli/gecli/api"
)

// RequestPage fetches one page of requests changed after since.
func (c *Client) RequestPage(ctx context.Context, since int64, cursor string, limit int) (api.RequestList, error) {
	v := url.Values{"since": {strconv.FormatInt(since, 10)}, "limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	var page api.RequestList
	return page, c.getJSON(ctx, "/api/v1/requests?"+v.Encode(), &page)
}

// RequestSink stores synced pages (the TUI's cache).
type RequestSink interface {
	RequestsSeq(ctx context.Context) (int64, error)
	ApplyRequests(ctx context.Context, items []api.Request, seq int64) error
}

// SyncRequests pulls every change after the sink's sequence, page by page,
// and returns how many rows changed. The next page is fetched while the
// current one is written, so the network and the cache work in parallel.
func SyncRequests(ctx context.Context, c *Client, sink RequestSink) (int, error) {
	since, err := sink.RequestsSeq(ctx)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the fetcher if writing fails
	type fetched struct {
		page api.RequestList
		err  error
	}
	pages := make(chan fetched, 1)
	go func() {
		defer close(pages)
		cursor := ""
		for {
			page, err := c.RequestPage(ctx, since, cursor, 1000)
			select {
			case pages <- fetched{page, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || page.NextCursor == "" {
				return
			}
			cursor = page.NextCursor
		}
	}()
	changed := 0
	for f := range pages {
		if f.err != nil {
			return changed, f.err
		}
		if len(f.page.Items) > 0 {
			if err := sink.ApplyRequests(ctx, f.page.Items, f.page.Seq); err != nil {
				return changed, err
			}
			changed += len(f.page.Items)
		}
	}
	return changed, nil
}

// Request fetches one request's detail.
func (c *Client) Request(ctx context.Context, id string) (api.Request, error) {
	var r api.Request
	return r, c.getJSON(ctx, "/api/v1/requests/"+url.PathEscape(id), &r)
}

// CancelRequest cancels a pending request.
func (c *Client) CancelRequest(ctx context.Context, id string) (api.Request, error) {
	var r api.Request
	return r, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(id)+"/cancel", "", nil, &r)
}

// CreateRequest submits a request.
func (c *Client) CreateRequest(ctx context.Context, req api.RequestCreate) (api.Request, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return api.Request{}, err
	}
	var r api.Request
	return r, c.send(ctx, http.MethodPost, "/api/v1/requests", "application/json", body, &r)
}

// UploadAttachment sends a PDF.
func (c *Client) UploadAttachment(ctx context.Context, id, filename string, pdf []byte) (api.Attachment, error) {
	var a api.Attachment
	path := "/api/v1/requests/" + url.PathEscape(id) + "/attachments?filename=" + url.QueryEscape(filename)
	return a, c.send(ctx, http.MethodPost, path, "application/pdf", pdf, &a)
}

// Attachment downloads an attachment.
func (c *Client) Attachment(ctx context.Context, requestID, attachmentID string) ([]byte, error) {
	body, _, _, err := c.get(ctx, "/api/v1/requests/"+url.PathEscape(requestID)+"/attachments/"+url.PathEscape(attachmentID), "")
	return body, err
}

// send performs a write and decodes the JSON answer into out. Under a
// context with an Idempotency-Key the write carries it and is retried
// while its outcome is unknown.
func (c *Client) send(ctx context.Context, method, path, contentType string, body []byte, out any) error {
	return withRetries(ctx, func() error { return c.sendOnce(ctx, method, path, contentType, body, out) })
}

func (c *Client) sendOnce(ctx context.Context, method, path, contentType string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key := IdempotencyKey(ctx); key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	c.headers(req)
	if err := c.authorize(req); err != nil {
		return err
	}
	res, err := c.http.Do(req)
	if err != nil {
		return &NetworkError{Err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return &NetworkError{Err: err}
	}
	if res.StatusCode/100 != 2 {
		return problemFrom(res, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return &Error{Kind: KindBadResponse, Path: path, Err: err}
		}
	}
	return nil
}

// VerificationForm fetches a request's technical verification form.
func (c *Client) VerificationForm(ctx context.Context, id string) (api.VerificationForm, error) {
	var f api.VerificationForm
	return f, c.getJSON(ctx, "/api/v1/requests/"+url.PathEscape(id)+"/verification-form", &f)
}

// Decide approves or rejects a pending request (evaluators).
func (c *Client) Decide(ctx context.Context, id string, d api.Decision) (api.Request, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return api.Request{}, err
	}
	var r api.Request
	return r, c.send(ctx, http.MethodPost, "/api/v1/requests/"+url.PathEscape(id)+"/decision", "application/json", body, &r)
}

// SaveVerificationForm saves a request's verification form; an
// incomplete form is saved too and answered with 422 naming what is missing.
func (c *Client) SaveVerificationForm(ctx context.Context, id string, f api.VerificationForm) (api.VerificationForm, error) {
	body, err := json.Marshal(f)
	if err != nil {
		return f, err
	}
	var out api.VerificationForm
	return out, c.send(ctx, http.MethodPut, "/api/v1/requests/"+url.PathEscape(id)+"/verification-form", "application/json", body, &out)
}
