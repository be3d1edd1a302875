package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// queueRequests are fakeRequests spread over three institutions.
func queueRequests(n int) []api.Request {
	insts := []api.Institution{
		{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
		{CNPJ: "44555666000199", Name: "Tribunal Regional do Trabalho da 99ª Região"},
		{CNPJ: "12ABC34501DE35", Name: "Conselho Seccional de Justiça Militar"},
	}
	all := fakeRequests(n, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := range all {
		all[i].Institution = insts[(i/5)%3]
	}
	return all
}

// TestQueueFiltersByInstitutionCNPJAndID: the pending queue narrowed by
// CNPJ (resolved from a name or a typed CNPJ) and by id prefix pages the
// same rows both ways as a filter in memory, and counts them. With a tiny
// probe both paths run: the bounded walk of the queue's index, and the
// matches found by CNPJ or id.
func TestQueueFiltersByInstitutionCNPJAndID(t *testing.T) {
	for _, probe := range []int{probeRows, 9, 2} {
		t.Run(fmt.Sprintf("probe %d", probe), func(t *testing.T) {
			defer func(was int) { probeRows = was }(probeRows)
			probeRows = probe
			testQueueFilters(t)
		})
	}
}

func testQueueFilters(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	all := queueRequests(301)
	if err := s.ApplyRequests(ctx, all, 301); err != nil {
		t.Fatal(err)
	}
	pending := []api.Status{api.StatusPending}
	cnpjs := func(q InstitutionQuery) []string {
		t.Helper()
		ids, err := s.InstitutionCNPJs(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := cnpjs(InstitutionQuery{Name: "justica"}); fmt.Sprint(got) != "[11222333000181 12ABC34501DE35]" {
		t.Fatalf("by name, without the accent: %v", got)
	}
	if got := cnpjs(InstitutionQuery{CNPJ: "44.555.666/0001-99"}); fmt.Sprint(got) != "[44555666000199]" {
		t.Fatalf("by CNPJ with punctuation: %v", got)
	}
	if got := cnpjs(InstitutionQuery{CNPJ: "12.abc"}); fmt.Sprint(got) != "[12ABC34501DE35]" {
		t.Fatalf("by the start of an alphanumeric CNPJ: %v", got)
	}
	if got := cnpjs(InstitutionQuery{Name: "trabalho", CNPJ: "11"}); got == nil || len(got) != 0 {
		t.Fatalf("name and CNPJ of different institutions: %v", got)
	}
	if got := cnpjs(InstitutionQuery{}); got != nil {
		t.Fatalf("no institution filter must be nil (any): %v", got)
	}
	queries := []RequestQuery{
		{Statuses: pending, Sort: SortOldest, CNPJs: cnpjs(InstitutionQuery{Name: "TRIBUNAL REGIONAL"})},
		{Statuses: pending, Sort: SortOldest, CNPJs: cnpjs(InstitutionQuery{Name: "justiça"}), Env: api.EnvPRD},
		{Statuses: pending, Sort: SortOldest, IDPrefix: "SOL-2026-00001"},
		{Statuses: pending, Sort: SortOldest, IDPrefix: "SOL-2026-00001", APIIDs: []string{"djen"}},
		{Statuses: pending, Sort: SortNewest, CNPJs: []string{"44555666000199"}},
		{Statuses: pending, Sort: SortOldest, CNPJs: []string{}},
		{Statuses: pending, Sort: SortOldest, IDPrefix: "SOL-1999"},
		{Statuses: []api.Status{api.StatusPending, api.StatusApproved}, CNPJs: []string{"12ABC34501DE35"}}, // outside the queue
	}
	for _, q := range queries {
		var in []api.Request
		for _, r := range all {
			ok := strings.HasPrefix(r.ID, q.IDPrefix)
			if q.CNPJs != nil {
				ok = ok && strings.Contains(fmt.Sprint(q.CNPJs), r.Institution.CNPJ)
			}
			if ok {
				in = append(in, r)
			}
		}
		want := expected(in, q)
		var got []string
		var after *RowKey
		for {
			page, err := s.Window(ctx, q, Span{After: after, Limit: 6})
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			for _, r := range page {
				got = append(got, r.ID)
			}
			if len(page) < 6 {
				break
			}
			after = &page[len(page)-1].Key
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%+v forwards:\n got %v\nwant %v", q, got, want)
		}
		var back []string
		page, _ := s.Window(ctx, q, Span{FromEnd: true, Limit: 6})
		for len(page) > 0 {
			ids := make([]string, len(page))
			for i, r := range page {
				ids[i] = r.ID
			}
			back = append(ids, back...)
			page, _ = s.Window(ctx, q, Span{Before: &page[0].Key, Limit: 6})
		}
		if fmt.Sprint(back) != fmt.Sprint(want) {
			t.Fatalf("%+v backwards:\n got %v\nwant %v", q, back, want)
		}
		if n, err := s.CountRequests(ctx, q); n != len(want) || err != nil {
			t.Errorf("%+v: count %d (%v), want %d", q, n, err, len(want))
		}
	}
}

// TestAnInstitutionRenamedIsFoundByItsNewName: the names follow the sync.
func TestAnInstitutionRenamedIsFoundByItsNewName(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	r := queueRequests(1)[0]
	s.ApplyRequests(ctx, []api.Request{r}, 1)
	r.Institution.Name, r.Seq = "Tribunal de Justiça do Estado Modelo", 2
	s.ApplyRequests(ctx, []api.Request{r}, 2)
	if got, _ := s.InstitutionCNPJs(ctx, InstitutionQuery{Name: "modelo"}); len(got) != 1 {
		t.Fatalf("the new name: %v", got)
	}
	if got, _ := s.InstitutionCNPJs(ctx, InstitutionQuery{Name: "exemplo"}); len(got) != 0 {
		t.Fatalf("the old name still matches: %v", got)
	}
}

// TestDecisionDrafts: a justification is kept per request and for the
// bulk decision, survives closing the cache, a blank one is no draft, and
// another person signing in on the cache drops them.
func TestDecisionDrafts(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(ctx, dir+"/c.db")
	if err != nil {
		t.Fatal(err)
	}
	s.RequestsOwner(ctx, "u-bruno")
	at := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	if err := s.SaveDecisionDraft(ctx, "SOL-1", "Documentação incompleta", at); err != nil {
		t.Fatal(err)
	}
	s.SaveDecisionDraft(ctx, "SOL-1", "Documentação incompleta: falta o ofício", at)
	s.SaveDecisionDraft(ctx, BulkDraftID, "Lote conferido", at)
	s.Close()
	if s, err = Open(ctx, dir+"/c.db"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if text, ok, err := s.DecisionDraft(ctx, "SOL-1"); !ok || err != nil || text != "Documentação incompleta: falta o ofício" {
		t.Fatalf("after reopening: %q %v %v", text, ok, err)
	}
	if text, ok, _ := s.DecisionDraft(ctx, BulkDraftID); !ok || text != "Lote conferido" {
		t.Fatalf("the bulk draft: %q", text)
	}
	s.SaveDecisionDraft(ctx, BulkDraftID, "  ", at)
	if _, ok, _ := s.DecisionDraft(ctx, BulkDraftID); ok {
		t.Fatal("a blank justification kept as a draft")
	}
	if _, ok, _ := s.DecisionDraft(ctx, "SOL-2"); ok {
		t.Fatal("a draft nobody wrote")
	}
	s.DeleteDecisionDraft(ctx, "SOL-1")
	if _, ok, _ := s.DecisionDraft(ctx, "SOL-1"); ok {
		t.Fatal("deleted, yet there")
	}
	s.SaveDecisionDraft(ctx, "SOL-3", "Texto de outra pessoa", at)
	s.RequestsOwner(ctx, "u-helena")
	if _, ok, _ := s.DecisionDraft(ctx, "SOL-3"); ok {
		t.Fatal("another person's draft survived a change of user")
	}
}
