// Package cache builds large local caches for benchmarks: the demo
// catalog plus n synthetic requests, written once under the system temp
// dir and reused by later runs (a million rows take about a minute).
package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/store"
)

// Subject owns the synthetic requests (the cache keeps one user's rows).
const Subject = "bench-user"

// Filled returns the path of a cache holding the demo catalog and n
// requests over its APIs: every status and environment, one a minute
// from 2020 on. The caller opens it (or hands it to a process).
func Filled(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("gecli-bench-%d-v2.db", n))
	ctx := context.Background()
	if s, err := store.Open(ctx, path); err == nil {
		got, _ := s.CountRequests(ctx, store.RequestQuery{})
		s.Close()
		if got == n {
			return path
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} { // a partial build: start over
		os.Remove(path + suffix)
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	apis := catalog()
	if err := s.ReplaceCatalog(ctx, apis, `"bench"`, time.Now()); err != nil {
		tb.Fatal(err)
	}
	if err := s.RequestsOwner(ctx, Subject); err != nil {
		tb.Fatal(err)
	}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 20_000
	for start := 0; start < n; start += batch {
		items := make([]api.Request, min(batch, n-start))
		for i := range items {
			k := start + i
			a := apis[k%len(apis)]
			items[i] = api.Request{ID: fmt.Sprintf("SOL-%07d", k), Seq: int64(k + 1), APIID: a.ID, APIName: a.Name,
				Environment: api.Environments[k%2], Institution: api.Institution{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
				Status: api.Statuses[k%5], CreatedAt: base.Add(time.Duration(k) * time.Minute).Format(time.RFC3339)}
		}
		if err := s.ApplyRequests(ctx, items, int64(start+len(items))); err != nil {
			tb.Fatal(err)
		}
	}
	return path
}

func catalog() []api.API {
	var out []api.API
	for _, a := range seed.DemoAPIs() {
		out = append(out, a.API)
	}
	return out
}
