package requests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/internal/drive"
)

// troubledSEI is a linked request whose attachment SEI refused five
// times (failed, waiting for an admin), whose opinion waits for SEI to
// come back, and whose log has every call, newest first.
func troubledSEI() (api.Request, api.SEIStatus) {
	r, s := linkedSEI()
	r.Attachments = []api.Attachment{{ID: "att-1", Filename: "projeto.pdf", Size: 48213, UploadedAt: "2026-11-21T08:00:00Z"}}
	r.Opinions = []api.Opinion{{ID: "op-1", Author: "bruno", AuthorName: "Bruno Lima", At: "2026-11-22T09:00:00Z", Text: "Parecer favorável."}}
	refused := "Tipo de documento [Anexo] não permitido no processo da unidade STI-GAB; verifique a configuração de tipos."
	s.Items = []api.SEIItem{
		{Item: "process", Kind: "process", State: "sent", Attempts: 2, Result: "00001.004213/2026-51", CreatedAt: "2026-11-21T07:30:00Z", DoneAt: "2026-11-21T07:31:02Z"},
		{Item: "attachment:att-1", Kind: "document", State: "failed", Attempts: 5, Result: refused, CreatedAt: "2026-11-21T08:00:00Z"},
		{Item: "opinion:op-1", Kind: "document", State: "pending", Attempts: 1, NextAt: "2026-11-22T14:05:00Z", CreatedAt: "2026-11-22T09:00:00Z"},
	}
	s.Log = []api.SEICall{
		{Item: "opinion:op-1", Operation: "incluirDocumento", At: "2026-11-22T09:00:04Z", Outcome: "unavailable", Attempt: 1,
			Detail: "Post \"https://sei.exemplo.jus.br/sei/ws/SeiWS.php\": dial tcp 10.0.8.14:443: connect: connection refused"},
	}
	for n := 5; n >= 1; n-- {
		s.Log = append(s.Log, api.SEICall{Item: "attachment:att-1", Operation: "incluirDocumento", Outcome: "fault", Attempt: n,
			At: fmt.Sprintf("2026-11-21T%02d:00:01Z", 8+n), Detail: refused})
	}
	s.Log = append(s.Log,
		api.SEICall{Item: "process", Operation: "gerarProcedimento", At: "2026-11-21T07:31:02Z", Outcome: "ok", Attempt: 2,
			Detail: "processo 00001.004213/2026-51 gerado"},
		api.SEICall{Item: "process", Operation: "gerarProcedimento", At: "2026-11-21T07:30:31Z", Outcome: "unavailable", Attempt: 1,
			Detail: "SEI não respondeu em 30s"})
	return r, s
}

func evaluator() *api.Me {
	return &api.Me{Name: "Bruno Lima", Roles: []api.Role{api.RoleEvaluator}, Permissions: api.DefaultPermissions[api.RoleEvaluator]}
}

// seiBox opens the SEI box on the detail seiPage opened.
func seiBox(t *testing.T, d *drive.Driver, p *Page) *reqdetail.SEIBox {
	t.Helper()
	d.Key("S")
	box, ok := p.com.Overlays.Top().(*reqdetail.SEIBox)
	if !ok {
		t.Fatalf("S opened no SEI box; screen:\n%s", d.View())
	}
	return box
}

// TestSEIBoxGolden: the process, each send in words, and the log of
// calls, wrapped (SEI's long refusal and the link whole) at 120x40 and
// 80x24, where the box scrolls; in Portuguese and in English.
func TestSEIBoxGolden(t *testing.T) {
	for _, c := range []struct {
		name   string
		lang   api.Lang
		w, h   int
		end    bool // after G
		expect []string
	}{
		{"pt-120x40", api.PtBR, 120, 40, false, []string{"SEI · SOL-2026-000417 · DataJud", "Situação              vinculado",
			"• anexo projeto.pdf — falhou", "documento · 5 tentativas", "resultado: Tipo de documento [Anexo] não permitido",
			"• parecer técnico de Bruno Lima — pendente", "próxima tentativa 14:05", "Chamadas ao SEI (8), da mais recente",
			"22/11/2026 09:00:04  incluirDocumento · parecer técnico de Bruno Lima", "SEI indisponível · tentativa 1",
			"recusada pelo SEI · tentativa 5"}},
		{"pt-80x24", api.PtBR, 80, 24, false, []string{"linhas 1–22 de "}},
		{"pt-80x24-end", api.PtBR, 80, 24, true, []string{"SEI não respondeu em 30s"}},
		{"en-120x40", api.En, 120, 40, false, []string{"• attachment projeto.pdf — failed", "refused by SEI · attempt 5",
			"Calls to SEI (8), newest first", "2026-11-21 13:00:01  incluirDocumento · attachment projeto.pdf",
			"• request summary (opens the process) — sent"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeSEI{}
			f.set(troubledSEI())
			d, p := seiPage(t, f, admin(), c.lang, c.w, c.h)
			seiBox(t, d, p)
			if c.end {
				d.View() // as the program draws after each key
				d.Key("G")
			}
			v := d.View()
			golden.RequireEqual(t, v)
			for _, want := range c.expect {
				if !strings.Contains(v, want) {
					t.Errorf("missing %q:\n%s", want, v)
				}
			}
			for i, line := range strings.Split(v, "\n") {
				if w := len([]rune(line)); w > c.w {
					t.Errorf("line %d is %d wide, over %d: %q", i+1, w, c.w, line)
				}
			}
		})
	}
}

// TestSEIBoxOnlyForReadersWithAnAnswer: S is offered, and opens the box,
// to whoever holds requests:read or requests:revoke, and only once the
// server told the request's SEI section.
func TestSEIBoxOnlyForReadersWithAnAnswer(t *testing.T) {
	for _, c := range []struct {
		who  string
		me   *api.Me
		down bool
		box  bool
	}{
		{"requester", requester(), false, false},
		{"evaluator", evaluator(), false, true},
		{"admin", admin(), false, true},
		{"admin, SEI section not read", admin(), true, false},
	} {
		t.Run(c.who, func(t *testing.T) {
			f := &fakeSEI{down: c.down}
			f.set(troubledSEI())
			d, p := seiPageUntil(t, f, c.me, api.PtBR, 120, 40, func(p *Page) bool {
				return p.detail.msg.SEI != nil || p.detail.msg.SEIErr != nil
			})
			if got := offered(p, "S"); got != c.box {
				t.Fatalf("S offered: %v, want %v", got, c.box)
			}
			d.Key("S")
			_, open := p.com.Overlays.Top().(*reqdetail.SEIBox)
			if open != c.box {
				t.Fatalf("S opened the box: %v, want %v; screen:\n%s", open, c.box, d.View())
			}
			if open {
				d.Key("esc")
				if p.com.Overlays.Len() != 0 || !strings.Contains(d.View(), "Processo SEI") {
					t.Fatalf("esc did not close the box:\n%s", d.View())
				}
			}
		})
	}
}

// TestSEIBoxScrollsToTheLastCall: at 80x24 the oldest call is below; the
// arrows, pgdn and G reach it, g comes back to the process.
func TestSEIBoxScrollsToTheLastCall(t *testing.T) {
	f := &fakeSEI{}
	f.set(troubledSEI())
	d, p := seiPage(t, f, admin(), api.PtBR, 80, 24)
	seiBox(t, d, p)
	last := "SEI não respondeu em 30s"
	if strings.Contains(d.View(), last) {
		t.Fatalf("the whole log fits at 80x24; the test needs more calls:\n%s", d.View())
	}
	first := d.View()
	d.Key("down")
	if v := d.View(); v == first || !strings.Contains(v, "linhas 2–") {
		t.Fatalf("↓ did not scroll one line:\n%s", v)
	}
	for i := 0; i < 20 && !strings.Contains(d.View(), last); i++ {
		d.Key("pgdown")
	}
	v := d.View()
	if !strings.Contains(v, last) {
		t.Fatalf("pgdn never reached the last call:\n%s", v)
	}
	d.Key("pgdown") // past the end it stays
	if d.View() != v {
		t.Fatalf("pgdn past the end moved:\n%s", d.View())
	}
	d.Key("g")
	if v := d.View(); !strings.Contains(v, "Processo") || strings.Contains(v, last) {
		t.Fatalf("g did not go back to the top:\n%s", v)
	}
	d.Key("G")
	if !strings.Contains(d.View(), last) {
		t.Fatalf("G did not reach the last call:\n%s", d.View())
	}
}

// TestSEIBoxRetry: R inside the box (requests:revoke, a send failed)
// asks the server once however often it is pressed, says so, and the box
// shows the send back in line; the detail shows it too after esc.
func TestSEIBoxRetry(t *testing.T) {
	f := &fakeSEI{}
	f.set(troubledSEI())
	d, p := seiPage(t, f, admin(), api.PtBR, 120, 40)
	box := seiBox(t, d, p)
	if !boxOffers(box, "R") {
		t.Fatal("R not offered in the box with a failed send")
	}
	d.Key("R")
	d.Key("R") // the first is on its way
	d.WaitFor("the retry's toast", func(string) bool {
		return toastSaying(d, seiID+": 1 envio de volta à fila do SEI.")
	})
	d.WaitForText("• anexo projeto.pdf — pendente")
	f.mu.Lock()
	retries := f.retries
	f.mu.Unlock()
	if retries != 1 {
		t.Fatalf("the server was asked %d times to retry, want 1", retries)
	}
	if boxOffers(box, "R") {
		t.Fatal("R still offered in the box with nothing failed")
	}
	d.Key("R")
	d.Key("esc")
	if v := d.View(); !strings.Contains(v, "2 pendentes") || strings.Contains(v, "falhou") {
		t.Fatalf("the detail under the box did not take the retry's answer:\n%s", v)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.retries != 1 {
		t.Fatalf("R with nothing failed asked the server: %d retries", f.retries)
	}
}

// TestSEIBoxReadOnlyForEvaluators: an evaluator (requests:read, no
// requests:revoke) reads the box but R does nothing there.
func TestSEIBoxReadOnlyForEvaluators(t *testing.T) {
	f := &fakeSEI{}
	f.set(troubledSEI())
	d, p := seiPage(t, f, evaluator(), api.PtBR, 120, 40)
	box := seiBox(t, d, p)
	if boxOffers(box, "R") {
		t.Fatal("R offered to an evaluator")
	}
	d.Key("R")
	if box.Mailbox().Pending(reqdetail.QuestionSEIRetry) {
		t.Fatal("R asked the server to retry for an evaluator")
	}
}

func boxOffers(box *reqdetail.SEIBox, k string) bool {
	for _, b := range box.ShortHelp() {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}
