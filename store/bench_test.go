package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// million opens (building once, then reusing) a cache with 1,000,000
// requests under the system temp dir. Building it takes about a minute.
func million(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), "gecli-bench-1m-v1.db")
	_, statErr := os.Stat(path)
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if statErr == nil {
		if n, _ := s.CountRequests(context.Background(), RequestQuery{}); n == 1_000_000 {
			return s
		}
	}
	ctx := context.Background()
	s.ReplaceCatalog(ctx, sampleCatalog(), `"b"`, time.Now())
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	apis := sampleCatalog()
	const batch = 20_000
	for start := 0; start < 1_000_000; start += batch {
		items := make([]api.Request, batch)
		for i := range items {
			n := start + i
			a := apis[n%len(apis)]
			items[i] = api.Request{ID: fmt.Sprintf("SOL-%07d", n), Seq: int64(n + 1), APIID: a.ID, APIName: a.Name,
				Environment: api.Environments[n%2], Institution: api.Institution{CNPJ: "11222333000181"},
				Status: api.Statuses[n%5], CreatedAt: base.Add(time.Duration(n) * time.Minute).Format(time.RFC3339)}
		}
		if err := s.ApplyRequests(ctx, items, int64(start+batch)); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkKeystrokeWindow is one keystroke on the request table with
// 1,000,000 cached rows: resolve the API-name search against the catalog,
// then read the 40 visible rows through an index. Target: 16 ms.
func BenchmarkKeystrokeWindow(b *testing.B) {
	s := million(b)
	ctx := context.Background()
	cases := []struct {
		name   string
		q      RequestQuery
		search string
	}{
		{"no filter", RequestQuery{}, ""},
		{"status+env", RequestQuery{Statuses: []api.Status{api.StatusPending, api.StatusRejected}, Env: api.EnvPRD}, ""},
		{"api name search", RequestQuery{}, "diario"},
		{"search+status+sort by API", RequestQuery{Statuses: []api.Status{api.StatusApproved}, Sort: SortAPI}, "cons"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				q := c.q
				if c.search != "" {
					ids, err := s.APIIDsByName(ctx, c.search)
					if err != nil {
						b.Fatal(err)
					}
					q.APIIDs = ids
				}
				rows, err := s.Window(ctx, q, Span{Limit: 40})
				if err != nil || len(rows) != 40 {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
	}
}

// BenchmarkCountMillion is the row count shown beside the table; it runs
// off the keystroke path (the window comes first).
func BenchmarkCountMillion(b *testing.B) {
	s := million(b)
	for b.Loop() {
		s.CountRequests(context.Background(), RequestQuery{Statuses: []api.Status{api.StatusPending}, Env: api.EnvPRD})
	}
}
