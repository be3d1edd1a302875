package store

import (
	"context"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

// TestWhatIsNewSinceTheLastVisit: on a first visit nothing is new; an API
// that appears after the previous visit is, and stays so within the
// session (the visit read at its start); at the next visit it is not.
func TestWhatIsNewSinceTheLastVisit(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	tpu := api.API{ID: "tpu", Name: "TPU", Category: api.CatData}
	if err := s.ReplaceCatalog(ctx, []api.API{tpu}, `"1"`, t0); err != nil {
		t.Fatal(err)
	}
	prev, err := s.Visit(ctx, t0)
	if err != nil || !prev.IsZero() {
		t.Fatalf("first visit: %v %v", prev, err)
	}
	if n, _ := s.NewAPIs(ctx, prev); len(n) != 0 {
		t.Fatalf("new on a first visit: %v", n)
	}
	t1 := t0.Add(24 * time.Hour)
	prev, _ = s.Visit(ctx, t1)
	cnpj := api.API{ID: "cnpj", Name: "Consulta CNPJ", Category: api.CatData}
	if err := s.ReplaceCatalog(ctx, []api.API{tpu, cnpj}, `"2"`, t1.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Visit(ctx, t1.Add(time.Minute)); err != nil { // the session's sync, as the TUI does
		t.Fatal(err)
	}
	if n, _ := s.NewAPIs(ctx, prev); len(n) != 1 || !n["cnpj"] {
		t.Fatalf("after the previous visit, new: %v", n)
	}
	prev, _ = s.Visit(ctx, t1.Add(48*time.Hour))
	if n, _ := s.NewAPIs(ctx, prev); len(n) != 0 {
		t.Fatalf("seen in the last visit, still new: %v", n)
	}
}
