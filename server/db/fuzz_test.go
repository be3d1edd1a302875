package db

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// FuzzListRequests: the server's list query builder takes any filter the
// HTTP layer could pass (ids, institutions, cursors, since) and answers a
// page of rows that match it, or ErrCursor; never an SQL error.
func FuzzListRequests(f *testing.F) {
	d := openTemp(f)
	ctx := context.Background()
	minimalCatalog(f, d)
	for range 30 {
		if _, err := d.CreateRequest(ctx, newPending()); err != nil {
			f.Fatal(err)
		}
	}
	for _, seed := range []string{"", "x", "x,y", "'", `"`, "%", "_", "\\", "s5", "MjAyNnw=", "s-1", "SOL"} {
		f.Add(uint8(1), "prd", seed, "11222333000181", seed, int64(0), uint8(10), false)
	}
	f.Fuzz(func(t *testing.T, statusMask uint8, env, apiIDs, institutions, cursor string, since int64, limit uint8, sync bool) {
		var filter RequestFilter
		for i, st := range api.Statuses {
			if statusMask&(1<<i) != 0 {
				filter.Statuses = append(filter.Statuses, st)
			}
		}
		filter.Env = api.Environment(env)
		if apiIDs != "" {
			filter.APIIDs = strings.Split(apiIDs, ",")
		}
		if institutions != "-" {
			filter.Institutions = strings.Split(institutions, ",")
		}
		filter.Cursor, filter.SinceSet, filter.Since = cursor, sync, since
		filter.Limit = int(limit)%50 + 1
		items, _, _, err := d.ListRequests(ctx, filter)
		if errors.Is(err, ErrCursor) {
			return
		}
		if err != nil {
			t.Fatalf("%+v: %v", filter, err)
		}
		if len(items) > filter.Limit {
			t.Fatalf("%d rows for a limit of %d", len(items), filter.Limit)
		}
		for _, r := range items {
			if filter.Env != "" && r.Environment != filter.Env {
				t.Fatalf("a %s row for env %q", r.Environment, filter.Env)
			}
			if filter.Institutions != nil && !contains(filter.Institutions, r.Institution.CNPJ) {
				t.Fatalf("a row of %s for institutions %v", r.Institution.CNPJ, filter.Institutions)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
