package client

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/gecli/gecli/api"
)

// RequestQuery filters GET /api/v1/requests the way the server does: a
// set of statuses, one environment, one API, words of the API's name.
// Zero values filter nothing; Limit 0 is the server's default page.
type RequestQuery struct {
	Statuses []api.Status
	Env      api.Environment
	API      string
	Q        string
	Cursor   string
	Limit    int
}

func (q RequestQuery) encode() string {
	v := url.Values{}
	if len(q.Statuses) > 0 {
		s := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			s[i] = string(st)
		}
		v.Set("status", strings.Join(s, ","))
	}
	if q.Env != "" {
		v.Set("env", string(q.Env))
	}
	if q.API != "" {
		v.Set("api", q.API)
	}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Cursor != "" {
		v.Set("cursor", q.Cursor)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// Requests fetches one page of the requests visible to the caller that
// match q; follow NextCursor (in q.Cursor) for the next page.
func (c *Client) Requests(ctx context.Context, q RequestQuery) (api.RequestList, error) {
	var page api.RequestList
	return page, c.getJSON(ctx, "/api/v1/requests"+q.encode(), &page)
}
