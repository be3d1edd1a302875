package store

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

var statusCycle = []api.Status{api.StatusPending, api.StatusApproved, api.StatusRejected, api.StatusCancelled, api.StatusRevoked}

// fakeRequests builds n requests over 3 APIs, both environments and every
// status, with creation times one minute apart (some equal, to exercise
// the id tie-break).
func fakeRequests(n int, base time.Time) []api.Request {
	names := []string{"Consulta CPF", "Diário de Justiça", "Tabelas Processuais"}
	ids := []string{"consulta-cpf", "djen", "tpu"}
	out := make([]api.Request, n)
	for i := range out {
		k := i % 3
		out[i] = api.Request{ID: fmt.Sprintf("SOL-2026-%07d", i), Seq: int64(i + 1), APIID: ids[k], APIName: names[k],
			Environment: api.Environments[i%2], Institution: api.Institution{CNPJ: "11222333000181"},
			Status: statusCycle[i%5], CreatedAt: base.Add(time.Duration(i/2) * time.Minute).UTC().Format(time.RFC3339)}
	}
	return out
}

// TestWindowPagesMatchAFullSort pages through every query both ways and
// compares with a sort in memory. The probe is also made tiny, so that
// on 97 rows both paths run: the bounded walk of the sort index, and the
// sparse fetch through requests_group (at a million rows the same happens
// at 10,000 entries).
func TestWindowPagesMatchAFullSort(t *testing.T) {
	for _, probe := range []int{probeRows, 9, 2} {
		t.Run(fmt.Sprintf("probe %d", probe), func(t *testing.T) {
			defer func(was int) { probeRows = was }(probeRows)
			probeRows = probe
			testWindowPages(t)
		})
	}
}

func testWindowPages(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	all := fakeRequests(97, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := 0; i < len(all); i += 7 { // synced before the API was renamed: the old name stays
		if all[i].APIID == "tpu" {
			all[i].APIName = "Antigas Tabelas"
		}
	}
	if err := s.ApplyRequests(ctx, all, 97); err != nil {
		t.Fatal(err)
	}
	queries := []RequestQuery{
		{},
		{Sort: SortOldest},
		{Sort: SortAPI},
		{Statuses: []api.Status{api.StatusPending, api.StatusRejected}, Env: api.EnvPRD},
		{APIIDs: []string{"djen"}, Sort: SortAPI},
		{APIIDs: []string{}},
		{APIIDs: []string{"djen", "tpu"}, Statuses: []api.Status{api.StatusRevoked}, Env: api.EnvHMG},                   // sparse
		{APIIDs: []string{"consulta-cpf"}, Statuses: []api.Status{api.StatusCancelled}, Sort: SortAPI},                  // sparse, by API
		{APIIDs: []string{"tpu"}, Statuses: []api.Status{api.StatusApproved, api.StatusPending}, Sort: SortOldest},      // medium
		{APIIDs: []string{"removed-api"}, Env: api.EnvPRD},                                                              // nothing
		{APIIDs: []string{"tpu", "djen"}, Statuses: []api.Status{api.StatusApproved, api.StatusPending}, Sort: SortAPI}, // names apart, one renamed
		{APIIDs: []string{"tpu"}, Env: api.EnvPRD, Sort: SortAPI},
	}
	for _, q := range queries {
		want := expected(all, q)
		// Walk forwards 7 rows at a time, then backwards from the end.
		var got []string
		var after *RowKey
		for {
			page, err := s.Window(ctx, q, Span{After: after, Limit: 7})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page {
				got = append(got, r.ID)
			}
			if len(page) < 7 {
				break
			}
			after = &page[len(page)-1].Key
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%+v forwards:\n got %v\nwant %v", q, got, want)
		}
		var back []string
		page, _ := s.Window(ctx, q, Span{FromEnd: true, Limit: 7})
		for len(page) > 0 {
			ids := make([]string, len(page))
			for i, r := range page {
				ids[i] = r.ID
			}
			back = append(ids, back...)
			page, _ = s.Window(ctx, q, Span{Before: &page[0].Key, Limit: 7})
		}
		if fmt.Sprint(back) != fmt.Sprint(want) {
			t.Fatalf("%+v backwards:\n got %v\nwant %v", q, back, want)
		}
		if len(want) > 3 {
			from, _ := s.Window(ctx, q, Span{Limit: 4})
			again, _ := s.Window(ctx, q, Span{From: &from[2].Key, Limit: 2})
			if len(again) != 2 || again[0].ID != want[2] || again[1].ID != want[3] {
				t.Errorf("%+v: From is not inclusive: %v", q, again)
			}
		}
		if n, _ := s.CountRequests(ctx, q); n != len(want) {
			t.Errorf("%+v: count %d, want %d", q, n, len(want))
		}
	}
}

// expected sorts and filters in memory, the obvious way.
func expected(all []api.Request, q RequestQuery) []string {
	var rows []api.Request
	for _, r := range all {
		ok := q.Env == "" || r.Environment == q.Env
		if len(q.Statuses) > 0 {
			in := false
			for _, st := range q.Statuses {
				in = in || st == r.Status
			}
			ok = ok && in
		}
		if q.APIIDs != nil {
			in := false
			for _, id := range q.APIIDs {
				in = in || id == r.APIID
			}
			ok = ok && in
		}
		if ok {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch q.Sort {
		case SortOldest:
			return a.CreatedAt < b.CreatedAt || a.CreatedAt == b.CreatedAt && a.ID < b.ID
		case SortAPI:
			return a.APIName < b.APIName || a.APIName == b.APIName && a.ID < b.ID
		}
		return a.CreatedAt > b.CreatedAt || a.CreatedAt == b.CreatedAt && a.ID > b.ID
	})
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

func TestSyncApplyAndOwner(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.RequestsOwner(ctx, "u-ana"); err != nil {
		t.Fatal(err)
	}
	all := fakeRequests(10, time.Now())
	s.ApplyRequests(ctx, all, 10)
	changed := all[1] // approved
	changed.Status, changed.Seq = api.StatusCancelled, 11
	s.ApplyRequests(ctx, []api.Request{changed}, 11)
	if seq, _ := s.RequestsSeq(ctx); seq != 11 {
		t.Errorf("seq %d", seq)
	}
	if n, _ := s.CountRequests(ctx, RequestQuery{}); n != 10 {
		t.Errorf("an update duplicated a row: %d rows", n)
	}
	if n, _ := s.CountRequests(ctx, RequestQuery{Statuses: []api.Status{api.StatusCancelled}}); n != 3 {
		t.Errorf("cancelled rows: %d, want 3 (2 seeded + 1 changed)", n)
	}
	s.RequestsOwner(ctx, "u-ana") // same person: nothing dropped
	if n, _ := s.CountRequests(ctx, RequestQuery{}); n != 10 {
		t.Fatal("rows dropped for the same owner")
	}
	s.RequestsOwner(ctx, "u-bruno") // another person signs in
	if n, _ := s.CountRequests(ctx, RequestQuery{}); n != 0 {
		t.Error("another person's rows survived a change of user")
	}
	if seq, _ := s.RequestsSeq(ctx); seq != 0 {
		t.Error("the sequence survived a change of user")
	}
}

func TestAPIIDsByNameIgnoresDescriptions(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	s.ReplaceCatalog(ctx, sampleCatalog(), `"e"`, time.Now())
	ids, err := s.APIIDsByName(ctx, "cons")
	if err != nil || len(ids) != 1 || ids[0] != "consulta-cpf" {
		t.Errorf("by name: %v %v", ids, err)
	}
	if ids, _ := s.APIIDsByName(ctx, "webhooks"); len(ids) != 0 {
		t.Errorf("a description matched: %v", ids)
	}
	if ids, _ := s.APIIDsByName(ctx, "DJEN"); len(ids) != 1 {
		t.Errorf("acronym: %v", ids)
	}
}

func TestDraftsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	d := Draft{ID: "d1", Step: 3, APIID: "sngb", Purpose: "parcial", CustomFields: map[string]string{"codigo_unidade": "123"},
		UpdatedAt: time.Now()}
	s.SaveDraft(ctx, d)
	d.Purpose = "parcial, continuado"
	d.UpdatedAt = d.UpdatedAt.Add(time.Second)
	s.SaveDraft(ctx, d)
	s.SaveDraft(ctx, Draft{ID: "d0", UpdatedAt: d.UpdatedAt.Add(-time.Hour)})
	all, err := s.Drafts(ctx)
	if err != nil || len(all) != 2 || all[0].ID != "d1" || all[0].Purpose != "parcial, continuado" || all[0].CustomFields["codigo_unidade"] != "123" {
		t.Fatalf("%+v %v", all, err)
	}
	s.DeleteDraft(ctx, "d1")
	if all, _ := s.Drafts(ctx); len(all) != 1 {
		t.Errorf("after delete: %d drafts", len(all))
	}
}

// TestLongValueListsAreOneParameter: a list longer than SQLite takes as
// parameters (a name matching tens of thousands of institutions) still
// selects exactly its rows, counted and paged.
func TestLongValueListsAreOneParameter(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	all := fakeRequests(50, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := s.ApplyRequests(ctx, all, 50); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, 40000)
	for i := range 40000 {
		ids = append(ids, fmt.Sprintf("SOL-2026-%07d", 1000+i)) // none cached
	}
	ids = append(ids, all[3].ID, all[41].ID)
	q := RequestQuery{IDs: ids}
	if n, err := s.CountRequests(ctx, q); err != nil || n != 2 {
		t.Fatalf("count %d, %v", n, err)
	}
	page, err := s.Window(ctx, q, Span{Limit: 10})
	if err != nil || len(page) != 2 || page[0].ID != all[41].ID || page[1].ID != all[3].ID {
		t.Fatalf("window %v, %v", page, err)
	}
	few := RequestQuery{IDs: []string{all[3].ID}}
	if n, _ := s.CountRequests(ctx, few); n != 1 {
		t.Fatalf("a short list: %d", n)
	}
}
