package requests

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
)

// TestDraftsCanBeDeleted: r lists the drafts even when there is one; x
// (or delete) asks, esc keeps the draft, s deletes it: the list, its
// title and the count beside the checkboxes follow, the cache loses it,
// and deleting the last closes the picker.
func TestDraftsCanBeDeleted(t *testing.T) {
	s := cached(t, 5)
	ctx := context.Background()
	base := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	s.SaveDraft(ctx, store.Draft{ID: "a", APIName: "Consulta CPF", Step: 2, UpdatedAt: base})
	s.SaveDraft(ctx, store.Draft{ID: "b", APIName: "Tabelas Processuais Unificadas", Step: 5, UpdatedAt: base.Add(time.Hour)})
	d, p := newPage(t, s, 100, 20)
	d.WaitForText("r Rascunhos: 2")
	d.Key("r")
	d.WaitForText("▸ Tabelas Processuais Unificadas · Anexos")
	d.Key("x")
	d.WaitForText("Apagar o rascunho Tabelas Processuais Unificadas · Anexos")
	golden.RequireEqual(t, d.View())
	d.Key("esc") // keeps it
	if _, open := p.question(); open || len(p.drafts) != 2 {
		t.Fatalf("esc deleted or kept asking: %d drafts", len(p.drafts))
	}
	d.Key("enter") // the question closed: enter resumes the chosen draft
	d.WaitFor("the wizard on draft b", func(string) bool { return wizardAsked(d.Seen, "b") })
	d.Key("r")
	d.Key("x")
	d.Key("enter") // enter resumes in the picker, it must not delete
	if _, open := p.question(); !open {
		t.Fatal("enter answered the delete question")
	}
	d.Key("s")
	d.WaitForText("Rascunhos (1)")
	d.WaitForText("r Rascunhos: 1")
	if v := d.View(); strings.Contains(v, "Tabelas Processuais Unificadas · Anexos") {
		t.Fatalf("the deleted draft is still listed:\n%s", v)
	}
	if _, ok, _ := s.Draft(ctx, "b"); ok {
		t.Fatal("the draft is still in the cache")
	}
	d.Key("delete")
	d.WaitForText("Apagar o rascunho Consulta CPF")
	d.Key("y")
	d.WaitFor("the picker closed", func(v string) bool {
		_, open := overlay.Of[*picker](p.com.Overlays, p.mb.ID())
		return !open && !strings.Contains(v, "Rascunhos")
	})
	if all, _ := s.Drafts(ctx); len(all) != 0 {
		t.Fatalf("drafts left: %v", all)
	}
}

// TestOneDraftIsListedToo: with a single draft r opens the picker (where
// it can be deleted) rather than the wizard; enter resumes it.
func TestOneDraftIsListedToo(t *testing.T) {
	s := cached(t, 5)
	s.SaveDraft(context.Background(), store.Draft{ID: "a", APIName: "Consulta CPF", Step: 2, UpdatedAt: time.Now()})
	d, _ := newPage(t, s, 100, 20)
	d.WaitForText("r Rascunhos: 1")
	d.Key("r")
	d.WaitForText("Rascunhos (1)")
	if wizardAsked(d.Seen, "a") {
		t.Fatal("r resumed at once")
	}
	d.Key("enter")
	d.WaitFor("the wizard on the draft", func(string) bool { return wizardAsked(d.Seen, "a") })
}

// wizardAsked says whether the page asked the root for the wizard on
// draft id.
func wizardAsked(seen []tea.Msg, id string) bool {
	for _, m := range seen {
		if o, ok := m.(common.OpenWizardMsg); ok && o.Draft != nil && o.Draft.ID == id {
			return true
		}
	}
	return false
}
