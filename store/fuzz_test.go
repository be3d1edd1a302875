package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// FuzzCacheQueries: the cache's query builders take any filter and any
// search text a person may type: a window is what a sort in memory says,
// and a catalog search (FTS5) never fails on its syntax.
func FuzzCacheQueries(f *testing.F) {
	s := openTemp(f)
	ctx := context.Background()
	all := fakeRequests(61, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := s.ApplyRequests(ctx, all, 61); err != nil {
		f.Fatal(err)
	}
	if err := s.ReplaceCatalog(ctx, sampleCatalog(), `"v1"`, time.Now()); err != nil {
		f.Fatal(err)
	}
	for _, text := range []string{"", "diario", `"`, "a*", "NEAR(a b)", "-x", "a OR b", "tabelas^", "col:val", "(", "\u0000", "ção"} {
		f.Add(uint8(3), uint8(1), uint8(2), uint8(0), uint8(10), text)
	}
	ids := []string{"consulta-cpf", "djen", "tpu"}
	f.Fuzz(func(t *testing.T, statusMask, env, apiMask, sortBy, limit uint8, text string) {
		var q RequestQuery
		for i, st := range api.Statuses {
			if statusMask&(1<<i) != 0 {
				q.Statuses = append(q.Statuses, st)
			}
		}
		if e := int(env) % 3; e > 0 {
			q.Env = api.Environments[e-1]
		}
		if apiMask&8 != 0 {
			q.APIIDs = []string{}
			for i, id := range ids {
				if apiMask&(1<<i) != 0 {
					q.APIIDs = append(q.APIIDs, id)
				}
			}
			if apiMask&16 != 0 {
				q.APIIDs = append(q.APIIDs, text) // an id as the search found it, whatever it is
			}
		}
		q.Sort = SortBy(int(sortBy) % 3)
		n := int(limit)%40 + 1
		rows, err := s.Window(ctx, q, Span{Limit: n})
		if err != nil {
			t.Fatalf("window %+v: %v", q, err)
		}
		want := expected(all, q)
		want = want[:min(n, len(want))]
		got := make([]string, len(rows))
		for i, r := range rows {
			got[i] = r.ID
		}
		if !slices.Equal(got, want) {
			t.Fatalf("window %+v:\n got %v\nwant %v", q, got, want)
		}
		if c, err := s.CountRequests(ctx, q); err != nil || c != len(expected(all, q)) {
			t.Fatalf("count %+v: %d %v, want %d", q, c, err, len(expected(all, q)))
		}
		if _, err := s.CatalogIDs(ctx, CatalogQuery{Text: text}); err != nil {
			t.Fatalf("catalog search %q: %v", text, err)
		}
		if _, err := s.APIIDsByName(ctx, text); err != nil {
			t.Fatalf("API name search %q: %v", text, err)
		}
	})
}
