package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

var spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

// draftOf is the justification kept in the cache for id ("" for none).
func draftOf(t *testing.T, s *store.Store, id string) string {
	t.Helper()
	text, _, err := s.DecisionDraft(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func openDialog(t *testing.T, p *Page) *dialog {
	t.Helper()
	d, ok := overlay.Of[*dialog](p.com.Overlays, p.mb.ID())
	if !ok {
		t.Fatal("no decision dialog open")
	}
	return d
}

// TestADecisionOnItsWayShowsASpinnerAndTakesNoSecondPress: enter sends
// the approval; until the server answers the dialog says so with a
// spinner (the row too), and a second enter or a stray a changes nothing;
// one approval is registered, and its draft is gone.
func TestADecisionOnItsWayShowsASpinnerAndTakesNoSecondPress(t *testing.T) {
	d, p, b, id := live(t, api.PtBR)
	d.Key("a")
	d.WaitForText("Aprovar " + id)
	d.Type("Conferido com o ofício.")
	d.Key("enter")
	// The answer is not delivered yet: this is the screen while it is
	// on its way.
	v := d.View()
	dlg := openDialog(t, p)
	if !dlg.sending() || !strings.Contains(v, "Enviando a decisão de "+id) || !strings.ContainsAny(v, spinnerFrames) {
		t.Fatalf("no spinner while the decision is on its way:\n%s", v)
	}
	row := ""
	for _, l := range strings.Split(v, "\n") {
		if left := strings.SplitN(l, "│", 2)[0]; strings.Contains(left, shortID(id)) {
			row = left
		}
	}
	if !strings.ContainsAny(row, spinnerFrames) {
		t.Errorf("the queue's row has no spinner: %q", row)
	}
	if len(dlg.ShortHelp()) != 0 {
		t.Error("the footer offers keys while nothing can be pressed")
	}
	d.Key("enter")
	d.Key("a")
	if dlg.input.Value() != "Conferido com o ofício." {
		t.Fatalf("a key reached the justification while sending: %q", dlg.input.Value())
	}
	d.WaitFor("the approval", func(string) bool { return toasted(d, id+": Aprovada.") })
	r, err := b.DB.GetRequest(context.Background(), id)
	if err != nil || r.Status != api.StatusApproved {
		t.Fatalf("%s on the server: %s %v", id, r.Status, err)
	}
	approvals := 0
	for _, e := range r.History {
		if e.ToStatus == string(api.StatusApproved) {
			approvals++
		}
	}
	if approvals != 1 {
		t.Fatalf("%d approvals for one decision", approvals)
	}
	if got := draftOf(t, p.store, id); got != "" {
		t.Errorf("the draft of a decided request stayed: %q", got)
	}
	d.WaitFor("the next request selected", func(string) bool { return p.currentID() != id })
}

// TestTheJustificationSurvivesEscAFailureAndARestart: what is typed is
// kept in the cache: esc and r again bring it back; a decision that
// fails (the server is gone) keeps the dialog and the text; a new page
// on the same cache (a restart) offers it again.
func TestTheJustificationSurvivesEscAFailureAndARestart(t *testing.T) {
	d, p, b, id := live(t, api.PtBR)
	const text = "Documentação incompleta: falta o ofício da presidência."
	d.Key("r")
	d.WaitForText("Reprovar " + id)
	d.Type(text)
	d.Key("esc")
	d.WaitFor("the draft in the cache", func(string) bool { return draftOf(t, p.store, id) == text })

	d.Key("r")
	d.WaitForText("rascunho recuperado")
	if got := openDialog(t, p).input.Value(); got != text {
		t.Fatalf("reopened with %q", got)
	}

	b.Stop()
	d.Key("enter")
	d.WaitFor("the failure in the dialog", func(v string) bool {
		dlg, open := overlay.Of[*dialog](p.com.Overlays, p.mb.ID())
		return open && !dlg.sending() && dlg.problem != "" && strings.Contains(v, "✖")
	})
	if got := openDialog(t, p).input.Value(); got != text {
		t.Fatalf("the failure lost the text: %q", got)
	}
	if got := draftOf(t, p.store, id); got != text {
		t.Fatalf("the failure lost the draft: %q", got)
	}
	d.Key("esc")

	// A restart: a new page over the same cache.
	com := *p.com
	again := New(&com, p.store)
	d2 := drive.New(t, drive.NewHost(&com, again), 120, 40)
	d2.WaitFor("the queue", func(string) bool { return again.currentID() == id })
	d2.Key("r")
	d2.WaitForText("rascunho recuperado")
	if got := openDialog(t, again).input.Value(); got != text {
		t.Fatalf("after a restart: %q", got)
	}
}

// TestADecisionMadeElsewhereIsSaidWithWhoAndWhen: another evaluator
// rejects the request while the dialog is open; the 409 closes it, says
// who decided and when (from the request's history, in the UI's
// language), and the request leaves the queue.
func TestADecisionMadeElsewhereIsSaidWithWhoAndWhen(t *testing.T) {
	d, p, b, id := live(t, api.En)
	d.Key("a")
	d.WaitForText("Approve " + id)
	rejectElsewhere(t, b, id)
	d.Key("enter")
	d.WaitFor("the conflict explained", func(string) bool {
		return toastedError(d, id+": already rejected by Helena Rocha on 2026-11-21 09:30.")
	})
	if _, open := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); open {
		t.Error("the dialog stayed open on a request decided elsewhere")
	}
	d.WaitFor("the request gone from the queue", func(string) bool { return p.currentID() != id })
}

// TestKeysFollowPermissions: whoever may not decide is offered no
// decision, mark or bulk key, and those keys do nothing; whoever may not
// analyse is offered no o; R (SEI retry) only with requests:revoke.
func TestKeysFollowPermissions(t *testing.T) {
	analystOnly := &api.Me{Name: "Analista", Roles: []api.Role{api.RoleEvaluator},
		Permissions: []api.Permission{api.PermRequestsRead, api.PermRequestsAnalyze}}
	deciderOnly := &api.Me{Name: "Decide Só", Roles: []api.Role{api.RoleEvaluator},
		Permissions: []api.Permission{api.PermRequestsRead, api.PermRequestsApprove}}
	decisionKeys := []string{"a", "r", "space", "*", "A", "X"}

	d, p := openPage(t, 120, 30, analystOnly, queue(t), time.Time{})
	for _, k := range decisionKeys {
		if offered(p, k) {
			t.Errorf("%s offered to an analyst who may not decide", k)
		}
	}
	if !offered(p, "o") {
		t.Error("o not offered to an analyst")
	}
	for _, k := range []string{"a", "r", "A", "X"} {
		d.Key(k)
	}
	d.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	d.Key("*")
	if p.com.Overlays.Len() != 0 || len(p.marks) != 0 || p.mb.Pending("markall") {
		t.Fatalf("a decision key acted for an analyst (%d boxes, %d marks)", p.com.Overlays.Len(), len(p.marks))
	}

	d, p = openPage(t, 120, 30, deciderOnly, queue(t), time.Time{})
	if offered(p, "o") {
		t.Error("o offered to someone who may not analyse")
	}
	for _, k := range decisionKeys[:4] {
		if !offered(p, k) {
			t.Errorf("%s not offered to someone who decides", k)
		}
	}
	if offered(p, "A") || offered(p, "X") {
		t.Error("A or X offered with nothing marked")
	}
	d.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if len(p.marks) != 1 || !hasKey(p.ShortHelp(), "A") || !hasKey(p.ShortHelp(), "X") || !offered(p, "A") {
		t.Fatalf("after marking one: %d marks, footer %v", len(p.marks), helpKeys(p.ShortHelp()))
	}
	if !strings.Contains(d.View(), "1 marcada") {
		t.Errorf("the count of marks is not in the header:\n%s", d.View())
	}

	// A send to SEI failed: only requests:revoke may retry it.
	failed := api.SEIStatus{Process: api.SEIProcess{Number: "00001.004213/2026-51", State: "linked"},
		Items: []api.SEIItem{{Item: "attachment:att-9", Kind: "document", State: "failed", Attempts: 5, Result: "recusado"}}}
	signedIn, _ := client.New("http://127.0.0.1:1", nil)
	for _, c := range []struct {
		me    *api.Me
		retry bool
	}{{deciderOnly, false}, {&api.Me{Name: "Admin", Roles: []api.Role{api.RoleAdmin}, Permissions: []api.Permission{
		api.PermRequestsRead, api.PermRequestsApprove, api.PermRequestsRevoke}}, true}} {
		d, p := openPage(t, 120, 30, c.me, queue(t), time.Time{})
		p.com.Authed = signedIn
		d.Send(route.Envelope{To: p.mb.ID(), Msg: reqdetail.SEIMsg{ID: p.currentID(), Status: failed}})
		if got := offered(p, "R"); got != c.retry {
			t.Errorf("%s: R offered %v, want %v", c.me.Name, got, c.retry)
		}
	}
}

// offered says whether the page's help lists k, in the footer or the
// full help.
func offered(p *Page, k string) bool {
	if hasKey(p.ShortHelp(), k) {
		return true
	}
	for _, g := range p.FullHelp() {
		if hasKey(g, k) {
			return true
		}
	}
	return false
}

func helpKeys(keys []key.Binding) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Help().Key)
	}
	return out
}
