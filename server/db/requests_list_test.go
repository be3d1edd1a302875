package db

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// listed is what a page is compared on.
type listed struct{ id, createdAt, status, env, apiID, cnpj string }

// TestListsMatchABruteForceReading pages through many filters with the
// probe at its real size and at a few entries (so the sparse path runs
// on a small database), forwards with cursors, and compares every page
// with the rows filtered and sorted in memory.
func TestListsMatchABruteForceReading(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, testDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cnpjs := []string{"11222333000181", "12ABC34501DE35", "33683111000107"}
	for _, c := range cnpjs {
		d.UpsertInstitution(ctx, api.Institution{CNPJ: c, Name: c})
	}
	apis := []string{"a", "b", "c", "d"}
	for _, a := range apis {
		d.w.db.Exec(`INSERT INTO apis (id, name, acronym, description, category, system_type, owner, auth_type, openapi_doc,
			sort_key, search_text, updated_at) VALUES (?,?,?,'','data','other','','', '', ?, ?, '')`, a, a, a, a, a)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []NewRequest
	for i := range 240 {
		// Skewed: api d is rare, PRD only every 7th, approved only every 11th.
		status := api.StatusPending
		if i%11 == 0 {
			status = api.StatusApproved
		}
		env := api.EnvHMG
		if i%7 == 0 {
			env = api.EnvPRD
		}
		a := apis[i%3]
		if i%40 == 0 {
			a = "d"
		}
		all = append(all, NewRequest{Create: api.RequestCreate{APIID: a, Environment: env, InstitutionCNPJ: cnpjs[i%3]},
			Requester: Actor{ID: "u", Name: "Ana"}, Rule: api.RuleFormStandard, Status: status,
			At: base.Add(time.Duration(i/2) * time.Minute)}) // pairs share a time: ties break by id
	}
	if err := d.SeedRequests(ctx, all, func(string, int) []Transition { return nil }); err != nil {
		t.Fatal(err)
	}
	rows, _ := d.r.Query(`SELECT id, created_at, status, environment, api_id, institution_cnpj FROM requests`)
	var every []listed
	for rows.Next() {
		var l listed
		rows.Scan(&l.id, &l.createdAt, &l.status, &l.env, &l.apiID, &l.cnpj)
		every = append(every, l)
	}
	rows.Close()
	slices.SortFunc(every, func(a, b listed) int {
		if a.createdAt != b.createdAt {
			return -compare(a.createdAt, b.createdAt)
		}
		return -compare(a.id, b.id)
	})

	filters := []RequestFilter{
		{},
		{Statuses: []api.Status{api.StatusApproved}},
		{Env: api.EnvPRD},
		{Statuses: []api.Status{api.StatusApproved}, Env: api.EnvPRD},
		{APIIDs: []string{"d"}},
		{APIIDs: []string{"d"}, Env: api.EnvPRD, Statuses: []api.Status{api.StatusApproved}},
		{Statuses: []api.Status{api.StatusRejected}}, // nothing
		{Institutions: []string{cnpjs[1]}},
		{Institutions: []string{cnpjs[1]}, Statuses: []api.Status{api.StatusApproved}},
		{Institutions: cnpjs[:2], Env: api.EnvPRD},
		{Institutions: cnpjs[:2], APIIDs: []string{"d"}},
	}
	defer func(p int) { listProbe = p }(listProbe)
	for _, probe := range []int{20_000, 9, 2} {
		listProbe = probe
		for _, f := range filters {
			for _, limit := range []int{5, 1000} {
				f.Limit = limit
				t.Run(fmt.Sprintf("probe%d/%+v", probe, f), func(t *testing.T) {
					want := brute(every, f)
					var got []string
					f.Cursor = ""
					for pages := 0; ; pages++ {
						items, cursor, _, err := d.ListRequests(ctx, f)
						if err != nil {
							t.Fatal(err)
						}
						for _, r := range items {
							got = append(got, r.ID)
						}
						if cursor == "" || pages > 300 {
							break
						}
						f.Cursor = cursor
					}
					if !slices.Equal(got, want) {
						t.Fatalf("%d rows, want %d\ngot  %v\nwant %v", len(got), len(want), got, want)
					}
				})
			}
		}
	}
}

func brute(every []listed, f RequestFilter) []string {
	out := []string{}
	for _, l := range every {
		switch {
		case f.Institutions != nil && !slices.Contains(f.Institutions, l.cnpj):
		case len(f.Statuses) > 0 && !slices.Contains(f.Statuses, api.Status(l.status)):
		case f.Env != "" && string(f.Env) != l.env:
		case f.APIIDs != nil && !slices.Contains(f.APIIDs, l.apiID):
		default:
			out = append(out, l.id)
		}
	}
	return out
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
