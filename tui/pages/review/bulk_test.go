package review

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
)

// rejectElsewhere is another evaluator, Helena Rocha, rejecting id on
// 21/11/2026 at 09:30.
func rejectElsewhere(t *testing.T, b *backend.Backend, id string) {
	t.Helper()
	if _, err := b.DB.ApplyTransition(context.Background(), id, db.Transition{From: []api.Status{api.StatusPending},
		To: api.StatusRejected, Actor: db.Actor{ID: "u-helena", Name: "Helena Rocha"}, Action: "rejected",
		Justification: "Decidida em outro terminal.", At: time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
}

func toastedError(d *drive.Driver, text string) bool {
	for _, m := range d.Seen {
		if tm, ok := m.(common.ToastMsg); ok && strings.Contains(tm.Text, text) && tm.Error {
			return true
		}
	}
	return false
}

func space(d *drive.Driver) { d.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) }

func bulkOpen(t *testing.T, p *Page) *bulkBox {
	t.Helper()
	b, ok := overlay.Of[*bulkBox](p.com.Overlays, p.mb.ID())
	if !ok {
		t.Fatal("no bulk box open")
	}
	return b
}

// TestBulkRejectDecidesEachOnItsOwn: four requests marked with space, of
// which the server does not know one (a 404) and another evaluator has
// just rejected another; X asks once, listing them, for one
// justification; each is then decided on its own, the others going on
// past the conflict and the failure, and the summary says which were
// rejected now, which had been (by whom and when) and which failed, and
// why. The settled lose their marks; the failed one stays marked, and
// the bulk justification stays as a draft for it.
func TestBulkRejectDecidesEachOnItsOwn(t *testing.T) {
	d, p, b, _ := live(t, api.PtBR)
	ctx := context.Background()
	ghost := api.Request{ID: "SOL-2024-999999", Seq: 1 << 40, APIID: "tpu", APIName: "Tabelas Processuais Unificadas",
		Environment: api.EnvHMG, Status: api.StatusPending, CreatedAt: "2024-01-02T10:00:00Z",
		Institution: api.Institution{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"}}
	seq, _ := p.store.RequestsSeq(ctx)
	if err := p.store.ApplyRequests(ctx, []api.Request{ghost}, seq); err != nil {
		t.Fatal(err)
	}
	d.Send(common.RequestsSyncedMsg{Changed: 1})
	d.WaitFor("the request only the cache knows, first", func(string) bool { return len(p.win.Rows()) > 0 && p.win.Rows()[0].ID == ghost.ID })
	d.Key("k") // the selection stayed on the request it was on
	d.WaitFor("the ghost selected", func(string) bool { return p.currentID() == ghost.ID })
	ids := []string{ghost.ID, p.win.Rows()[1].ID, p.win.Rows()[2].ID, p.win.Rows()[3].ID}
	p.store.SaveDecisionDraft(ctx, ids[1], "Uma justificativa desta só.", time.Now())
	for i := range ids {
		space(d) // marks, and moves on to the next
		d.WaitFor("the next selected", func(string) bool { return p.currentID() != ids[i] })
	}
	d.WaitForText("4 marcadas")
	rejectElsewhere(t, b, ids[2])

	d.Key("X")
	d.WaitForText("Reprovar 4 marcadas:")
	box := bulkOpen(t, p)
	_, detailW := p.panes()
	t.Run("dialog", func(t *testing.T) { golden.RequireEqual(t, ansi.Strip(box.View(detailW, p.paneHeight()))) })
	d.Key("enter") // rejecting needs a justification, for all of them
	d.WaitForText("ao menos 10 caracteres")
	const why = "Documentação insuficiente para o uso declarado."
	d.Type(why)
	d.Key("enter")
	d.WaitFor("the summary", func(string) bool { return box.state == bulkDone })
	v := ansi.Strip(box.View(detailW, p.paneHeight()))
	t.Run("summary", func(t *testing.T) { golden.RequireEqual(t, v) })
	for _, want := range []string{"✓ 2 decididas agora", ids[1] + " · ", ids[3] + " · ", "↷ 1 já decididas em outro lugar",
		ids[2] + " — reprovada por Helena Rocha em 21/11/2026 09:30", "✖ 1 falharam", ghost.ID + " — Solicitação inexistente ou de outra instituição"} {
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("the summary does not say %q:\n%s", want, v)
		}
	}
	for _, id := range []string{ids[1], ids[3]} {
		r, err := b.DB.GetRequest(ctx, id)
		last := r.History[len(r.History)-1]
		if err != nil || r.Status != api.StatusRejected || last.Actor != "Bruno Lima" || last.Justification != why {
			t.Errorf("%s on the server: %s, last event %+v (%v)", id, r.Status, last, err)
		}
		if got := draftOf(t, p.store, id); got != "" {
			t.Errorf("%s decided, its draft stayed: %q", id, got)
		}
	}
	if r, _ := b.DB.GetRequest(ctx, ids[2]); r.History[len(r.History)-1].Actor != "Helena Rocha" {
		t.Errorf("the request decided elsewhere was decided again: %+v", r.History[len(r.History)-1])
	}

	d.Key("esc")
	d.WaitFor("the summary closed, one mark left", func(v string) bool {
		return p.com.Overlays.Len() == 0 && strings.Contains(v, "1 marcada") && p.isMarked[ghost.ID]
	})
	d.Key("X")
	d.WaitForText("rascunho recuperado")
	if got := bulkOpen(t, p).input.Value(); got != why {
		t.Fatalf("the bulk draft: %q", got)
	}
}

// TestMarkEveryRequestOfTheFilter: * marks every request the filter
// holds, beyond the window on screen (the count says so), and * again
// takes the marks off.
func TestMarkEveryRequestOfTheFilter(t *testing.T) {
	s := bigQueue(t, 120)
	d, p := openPage(t, 120, 30, analyst(), s, time.Time{})
	d.Key("/")
	d.Key("tab")
	d.Type("regional")
	d.WaitForText("40 pendentes")
	d.Key("enter")
	d.Key("*")
	d.WaitFor("every one marked", func(v string) bool { return strings.Contains(v, "40 pendentes · 40 marcadas") })
	d.WaitFor("a toast saying what was marked", func(string) bool { return toasted(d, "40 marcadas: todas as do filtro.") })
	for _, m := range p.marks {
		if !strings.Contains(m.institution, "Regional") {
			t.Fatalf("%s of %s marked", m.id, m.institution)
		}
	}
	d.Key("*")
	d.WaitFor("the marks off", func(v string) bool { return len(p.marks) == 0 && !strings.Contains(v, "marcada") })
}

// TestTheBulkBoxFitsTheNarrowPane: at 80x24 the list of a batch longer
// than the pane says how many more, and the justification stays in sight.
func TestTheBulkBoxFitsTheNarrowPane(t *testing.T) {
	s := bigQueue(t, 30)
	d, _ := openPage(t, 80, 20, analyst(), s, time.Time{})
	d.Key("*")
	d.WaitForText("30 marcadas")
	d.Key("A")
	d.WaitForText("Aprovar 30 marcadas:")
	v := d.View()
	golden.RequireEqual(t, v)
	if !strings.Contains(v, "… e mais") || !strings.Contains(v, "Justificativa, a mesma para todas (opcional):") {
		t.Fatalf("the list or the justification is out of sight:\n%s", v)
	}
	if lines := strings.Count(v, "\n") + 1; lines > 20 {
		t.Fatalf("%d lines in a page of 20", lines)
	}
}

// TestABatchStopsAfterThoseUnderWay: esc while a batch runs sends no
// more decisions; those already on their way finish, and the summary
// says which were not sent (they stay marked).
func TestABatchStopsAfterThoseUnderWay(t *testing.T) {
	d, p, b, _ := live(t, api.PtBR)
	var ids []string
	for range bulkParallel + 3 {
		ids = append(ids, p.currentID())
		space(d)
		d.WaitFor("the next selected", func(string) bool { return p.currentID() != ids[len(ids)-1] })
	}
	d.Key("A")
	d.WaitForText("Aprovar 7 marcadas:")
	d.Key("enter")
	d.Key("esc") // before any answer came back: only the first few are on their way
	box := bulkOpen(t, p)
	if !box.stopped || len(box.inFlight) != bulkParallel || !strings.Contains(ansi.Strip(box.View(80, 30)), "Parando") {
		t.Fatalf("stopping: %v, %d on their way\n%s", box.stopped, len(box.inFlight), ansi.Strip(box.View(80, 30)))
	}
	d.WaitFor("the summary", func(string) bool { return box.state == bulkDone })
	v := strings.Join(strings.Fields(ansi.Strip(box.View(80, 40))), " ")
	if !strings.Contains(v, "✓ 4 decididas agora") || !strings.Contains(v, "… 3 não enviadas") {
		t.Fatalf("the summary after a stop:\n%s", v)
	}
	for i, id := range ids {
		r, _ := b.DB.GetRequest(context.Background(), id)
		if want := i < bulkParallel; (r.Status == api.StatusApproved) != want {
			t.Errorf("%s (%d of the batch): %s", id, i+1, r.Status)
		}
	}
	d.Key("esc")
	d.WaitForText("3 marcadas")
}

// TestSingleDecisionSaysTheMarkedStay: with requests marked, a (the
// cursor's request alone) says the marked ones are not part of it.
func TestSingleDecisionSaysTheMarkedStay(t *testing.T) {
	s := bigQueue(t, 10)
	d, p := openPage(t, 120, 30, analyst(), s, time.Time{})
	d.WaitForText("10 pendentes")
	space(d)
	space(d)
	d.WaitForText("2 marcadas")
	d.Key("a")
	d.WaitForText("Só esta solicitação: as 2 marcadas ficam como estão")
	d.Key("esc")
	for range 2 {
		d.Key("k")
	}
	d.Key("a") // on a marked one: the other one is what stays
	d.WaitForText("Só esta solicitação: 1 outra marcada fica como está (A/X")
	if len(p.marks) != 2 {
		t.Fatalf("opening the dialog changed the marks: %d", len(p.marks))
	}
}
