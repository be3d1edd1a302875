package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestSearchByNumberSEIAndCNPJ: Solicitações' searches (a request number,
// exact or as the start of one, the start of a SEI process, a set of
// CNPJs) under every status set, environment and sort page the same rows
// both ways as a filter in memory, and count them. With a tiny probe
// every path runs: few matches read from the search's index, many walked
// along the sort order, and many beyond the probe.
func TestSearchByNumberSEIAndCNPJ(t *testing.T) {
	for _, probe := range []int{probeRows, 9, 2} {
		t.Run(fmt.Sprintf("probe %d", probe), func(t *testing.T) {
			defer func(was int) { probeRows = was }(probeRows)
			probeRows = probe
			testSearches(t)
		})
	}
}

func testSearches(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	all := queueRequests(301)
	for i := range all {
		if i%4 != 3 { // some without a process
			all[i].SEIProcess = fmt.Sprintf("%05d.%06d/2026-%02d", 1+i%2, 4000+i, i%100)
		}
	}
	if err := s.ApplyRequests(ctx, all, 301); err != nil {
		t.Fatal(err)
	}
	numbered, err := s.RequestNumberIDs(ctx, 42)
	if err != nil || fmt.Sprint(numbered) != "[SOL-2026-000042]" {
		t.Fatalf("request number 42: %v, %v", numbered, err)
	}
	searches := []RequestQuery{
		{IDs: numbered},
		{IDs: []string{"SOL-2026-0000042", "SOL-2026-0000299"}},
		{IDs: []string{}},
		{IDPrefix: "SOL-2026-00001"},
		{IDPrefix: "SOL-2026"},
		{IDPrefix: "SOL-1999"},
		{SEIPrefix: SEIDigits("00001.0040")},
		{SEIPrefix: "0000"},
		{SEIPrefix: SEIDigits("00002.004013/2026-13")},
		{SEIPrefix: "9"},
		{CNPJs: []string{"44555666000199"}},
		{CNPJs: []string{"44555666000199", "12ABC34501DE35"}},
		{CNPJs: []string{}},
	}
	filters := []RequestQuery{
		{},
		{Sort: SortOldest},
		{Sort: SortAPI},
		{Statuses: []api.Status{api.StatusApproved, api.StatusRevoked}, Env: api.EnvHMG},
		{Statuses: []api.Status{api.StatusPending}, APIIDs: []string{"djen"}, Sort: SortAPI},
	}
	for _, search := range searches {
		for _, f := range filters {
			q := search
			q.Statuses, q.Env, q.APIIDs, q.Sort = f.Statuses, f.Env, f.APIIDs, f.Sort
			var in []api.Request
			for _, r := range all {
				ok := strings.HasPrefix(r.ID, q.IDPrefix) && strings.HasPrefix(SEIDigits(r.SEIProcess), q.SEIPrefix)
				if q.SEIPrefix != "" {
					ok = ok && r.SEIProcess != ""
				}
				if q.IDs != nil {
					ok = ok && slices.Contains(q.IDs, r.ID)
				}
				if q.CNPJs != nil {
					ok = ok && slices.Contains(q.CNPJs, r.Institution.CNPJ)
				}
				if ok {
					in = append(in, r)
				}
			}
			want := expected(in, q)
			forwards, backwards := pageBothWays(t, s, q, 6)
			if fmt.Sprint(forwards) != fmt.Sprint(want) {
				t.Fatalf("%+v forwards:\n got %v\nwant %v", q, forwards, want)
			}
			if fmt.Sprint(backwards) != fmt.Sprint(want) {
				t.Fatalf("%+v backwards:\n got %v\nwant %v", q, backwards, want)
			}
			if n, err := s.CountRequests(ctx, q); n != len(want) || err != nil {
				t.Errorf("%+v: count %d (%v), want %d", q, n, err, len(want))
			}
		}
	}
}

// pageBothWays reads every row of q a window of limit at a time,
// forwards from the top and backwards from the end.
func pageBothWays(t *testing.T, s *Store, q RequestQuery, limit int) (forwards, backwards []string) {
	t.Helper()
	ctx := context.Background()
	var after *RowKey
	for {
		page, err := s.Window(ctx, q, Span{After: after, Limit: limit})
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		for _, r := range page {
			forwards = append(forwards, r.ID)
		}
		if len(page) < limit {
			break
		}
		after = &page[len(page)-1].Key
	}
	page, err := s.Window(ctx, q, Span{FromEnd: true, Limit: limit})
	for len(page) > 0 && err == nil {
		ids := make([]string, len(page))
		for i, r := range page {
			ids[i] = r.ID
		}
		backwards = append(ids, backwards...)
		page, err = s.Window(ctx, q, Span{Before: &page[0].Key, Limit: limit})
	}
	if err != nil {
		t.Fatalf("%+v backwards: %v", q, err)
	}
	return forwards, backwards
}

// TestRequestNumberIDsPerYear: a number typed alone stands for that
// number in each year the cached ids name, whatever ids sort around them.
func TestRequestNumberIDsPerYear(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var items []api.Request
	for i, id := range []string{"REQ-1", "SOL-2024-000001", "SOL-2024-000417", "SOL-2026-000002", "SOL-x", "TMP-9"} {
		items = append(items, api.Request{ID: id, Seq: int64(i + 1), APIID: "a", APIName: "A", Environment: api.EnvHMG,
			Status: api.StatusPending, CreatedAt: "2026-01-01T00:00:00Z"})
	}
	if err := s.ApplyRequests(ctx, items, 6); err != nil {
		t.Fatal(err)
	}
	got, err := s.RequestNumberIDs(ctx, 417)
	if err != nil || fmt.Sprint(got) != "[SOL-2024-000417 SOL-2026-000417]" {
		t.Fatalf("%v, %v", got, err)
	}
	rows, err := s.Window(ctx, RequestQuery{IDs: got}, Span{Limit: 10})
	if err != nil || len(rows) != 1 || rows[0].ID != "SOL-2024-000417" {
		t.Fatalf("%v, %v", rows, err)
	}
}

// TestTheMigrationFillsSEIFromTheBodies: a cache written before the SEI
// column existed gets it from the bodies (the migration's UPDATE, run
// again here on rows without it), the same digits SEIDigits keeps, so
// its processes are found without a new sync.
func TestTheMigrationFillsSEIFromTheBodies(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	r := queueRequests(1)[0]
	r.SEIProcess = "00001.004213/2026-51"
	if err := s.ApplyRequests(ctx, []api.Request{r}, 1); err != nil {
		t.Fatal(err)
	}
	mig, err := migrationFiles.ReadFile("migrations/00012_request_search.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(mig), "UPDATE requests")
	update, _, _ := strings.Cut(rest, ";")
	if _, err := s.db.ExecContext(ctx, "UPDATE requests SET sei = ''"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE requests"+update); err != nil {
		t.Fatal(err)
	}
	var sei string
	if err := s.db.QueryRowContext(ctx, "SELECT sei FROM requests").Scan(&sei); err != nil || sei != SEIDigits(r.SEIProcess) {
		t.Fatalf("%q, %v", sei, err)
	}
}

func TestSEIDigitsKeepOnlyDigits(t *testing.T) {
	if got := SEIDigits("00001.004213/2026-51"); got != "00001004213202651" {
		t.Fatal(got)
	}
	if got := SEIDigits(" 00001 004213 "); got != "00001004213" {
		t.Fatal(got)
	}
}
