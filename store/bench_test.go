package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/cache"
)

// million opens the shared cache of 1,000,000 requests.
func million(b *testing.B) *store.Store {
	b.Helper()
	s, err := store.Open(context.Background(), cache.Filled(b, 1_000_000))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
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
		q      store.RequestQuery
		search string
	}{
		{"no filter", store.RequestQuery{}, ""},
		{"status+env", store.RequestQuery{Statuses: []api.Status{api.StatusPending, api.StatusRejected}, Env: api.EnvPRD}, ""},
		{"api name search", store.RequestQuery{}, "diario"},
		{"search+status+sort by API", store.RequestQuery{Statuses: []api.Status{api.StatusApproved}, Sort: store.SortAPI}, "cons"},
		// Sparse: the search's API has no request in that environment (the
		// synthetic data puts each API in one), so nothing matches at all.
		{"search+env, no match", store.RequestQuery{Env: api.EnvPRD}, "cpf"},
		{"search+env, no match, sort by API", store.RequestQuery{Env: api.EnvPRD, Sort: store.SortAPI}, "cpf"},
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
				rows, err := s.Window(ctx, q, store.Span{Limit: 40})
				if err != nil || (len(rows) != 40) != strings.Contains(c.name, "no match") {
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
		s.CountRequests(context.Background(), store.RequestQuery{Statuses: []api.Status{api.StatusPending}, Env: api.EnvPRD})
	}
}

// BenchmarkQueueWindow is one keystroke on the Avaliação queue with
// 1,000,000 cached rows (200,000 pending): a window of the pending
// requests narrowed by CNPJ or id prefix, read from requests_pending. The
// worst case is a filter that matches nothing, which walks every pending
// entry of the index (never the table).
func BenchmarkQueueWindow(b *testing.B) {
	s := million(b)
	ctx := context.Background()
	pending := []api.Status{api.StatusPending}
	cases := []struct {
		name string
		q    store.RequestQuery
		rows int
	}{
		{"cnpj", store.RequestQuery{Statuses: pending, Sort: store.SortOldest, CNPJs: []string{"11222333000181"}}, 20},
		{"id prefix", store.RequestQuery{Statuses: pending, Sort: store.SortOldest, IDPrefix: "SOL-09"}, 20},
		{"cnpj, no match", store.RequestQuery{Statuses: pending, Sort: store.SortOldest, CNPJs: []string{"44555666000199"}}, 0},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := s.Window(ctx, c.q, store.Span{Limit: 20})
				if err != nil || len(rows) != c.rows {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
		b.Run(c.name+", count", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.CountRequests(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchWindow is one keystroke of Solicitações' search by
// number, SEI process or CNPJ with 1,000,000 cached rows (every status,
// newest first): a window of 40 rows. The synthetic rows share one CNPJ
// and have no SEI process, so "cnpj" is the densest search there is and
// the SEI search finds nothing; "id prefix, few" matches 100 rows spread
// over the whole order.
func BenchmarkSearchWindow(b *testing.B) {
	s := million(b)
	ctx := context.Background()
	cases := []struct {
		name string
		q    store.RequestQuery
		rows int
	}{
		{"number", store.RequestQuery{IDs: []string{"SOL-0500000"}}, 1},
		{"id prefix, many", store.RequestQuery{IDPrefix: "SOL-05"}, 40},
		{"id prefix, few", store.RequestQuery{IDPrefix: "SOL-00004"}, 40},
		{"id prefix, few, sort by API", store.RequestQuery{IDPrefix: "SOL-00004", Sort: store.SortAPI}, 40},
		{"cnpj", store.RequestQuery{CNPJs: []string{"11222333000181"}}, 40},
		{"cnpj+status, sort by API", store.RequestQuery{CNPJs: []string{"11222333000181"}, Statuses: []api.Status{api.StatusRejected}, Sort: store.SortAPI}, 40},
		{"cnpj, no match", store.RequestQuery{CNPJs: []string{"44555666000199"}}, 0},
		{"sei, no match", store.RequestQuery{SEIPrefix: "00001004213"}, 0},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := s.Window(ctx, c.q, store.Span{Limit: 40})
				if err != nil || len(rows) != c.rows {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
		b.Run(c.name+", count", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.CountRequests(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
