package review

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
)

// analyst is an evaluator with the shipped profile: analyses and decides.
func analyst() *api.Me {
	return &api.Me{Name: "Bruno Lima", Roles: []api.Role{api.RoleEvaluator}, Permissions: api.DefaultPermissions[api.RoleEvaluator]}
}

const longOpinion = "A integração proposta consulta a distribuição processual de hora em hora, dentro do limite de " +
	"requisições da API, e guarda apenas os números dos processos.\n\nRecomendo a aprovação em homologação; em produção, " +
	"só depois do teste de carga descrito no anexo. Palavra-muito-comprida-sem-espaços-que-não-cabe-numa-linha-estreita-de-jeito-nenhum."

// withOpinions gives the first request two opinions, one with a PDF (the
// server lists it among the attachments too), and their history events.
func withOpinions(r *api.Request) {
	pdf := api.Attachment{ID: "att-op1", Filename: "analise-tecnica.pdf", Size: 48 * 1024, UploadedAt: "2026-11-20T14:05:00Z"}
	r.Attachments = []api.Attachment{{ID: "att-1", Filename: "oficio.pdf", Size: 2048}, pdf}
	r.Opinions = []api.Opinion{
		{ID: "op-1", Author: "u-2", AuthorName: "Bruno Lima", At: "2026-11-20T14:05:00Z", Text: longOpinion, Attachment: &pdf},
		{ID: "op-2", Author: "u-3", AuthorName: "Helena Rocha", At: "2026-11-21T09:40:00Z", Text: "De acordo com o parecer anterior."},
	}
	for _, o := range r.Opinions {
		r.History = append(r.History, api.HistoryEvent{N: len(r.History) + 1, At: o.At, Actor: o.AuthorName,
			Action: "opinion", FromStatus: "pending", ToStatus: "pending", Justification: o.Text})
	}
}

// TestOpinionsGolden: the evaluator who decides reads every opinion in
// full (wrapped, not cut), who wrote it and when, and its PDF; the PDF
// is not listed twice, and the history names the event without
// repeating the text.
func TestOpinionsGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, p := newPageAs(t, size[0], size[1]-4, analyst(), queue(t, withOpinions))
			d.WaitFor("the cached detail", func(string) bool { return !p.loading && len(p.detail.Req.Opinions) == 2 })
			if size[0] == 80 { // the detail is longer than the pane: scroll to the opinions
				d.Key("pgdown")
			}
			v := d.View()
			golden.RequireEqual(t, v)
			if size[0] == 120 {
				for _, want := range []string{"Pareceres técnicos (2)", "PDF: analise-tecnica.pdf (48 KB)", "parecer técnico"} {
					if !strings.Contains(v, want) {
						t.Errorf("missing %q", want)
					}
				}
				if strings.Count(v, "analise-tecnica.pdf") != 1 {
					t.Errorf("the opinion's PDF is listed more than once:\n%s", v)
				}
			}
			// Every word of the opinion is on some line of the detail.
			_, detailW := p.panes()
			all := ansi.Strip(strings.Join(reqdetail.Render(p.com, p.detail, false, detailW), "\n"))
			flat := strings.Join(strings.Fields(all), " ")
			for _, w := range strings.Fields(longOpinion) {
				if len(w) < 30 && !strings.Contains(flat, w) {
					t.Errorf("%q of the opinion is not shown", w)
				}
			}
		})
	}
}

// TestOpinionKeyOnlyForAnalysts: o is offered (help, footer) and works
// only for whoever holds requests:analyze.
func TestOpinionKeyOnlyForAnalysts(t *testing.T) {
	approver := &api.Me{Name: "Decide Só", Roles: []api.Role{api.RoleEvaluator}, Permissions: []api.Permission{api.PermRequestsRead, api.PermRequestsApprove}}
	for _, c := range []struct {
		who     string
		me      *api.Me
		offered bool
	}{{"approve only", approver, false}, {"analyst", analyst(), true}} {
		t.Run(c.who, func(t *testing.T) {
			d, p := newPageAs(t, 120, 30, c.me, queue(t))
			if got := offers(p); got != c.offered {
				t.Fatalf("o offered: %v, want %v", got, c.offered)
			}
			d.Key("o")
			if _, open := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); open != c.offered {
				t.Fatalf("box open: %v, want %v\n%s", open, c.offered, d.View())
			}
		})
	}
}

// offers says whether the page's help (short and full) lists o.
func offers(p *Page) bool {
	has := func(keys []key.Binding) bool {
		for _, k := range keys {
			if k.Help().Key == "o" {
				return true
			}
		}
		return false
	}
	full := false
	for _, g := range p.FullHelp() {
		full = full || has(g)
	}
	return has(p.ShortHelp()) && full
}

// TestOpinionBoxRefusesInlineGolden: a text under 10 characters is
// refused under the field, as typed; esc keeps the draft for next time.
func TestOpinionBoxRefusesInlineGolden(t *testing.T) {
	d, p := newPageAs(t, 80, 20, analyst(), queue(t))
	d.Key("o")
	d.WaitForText("Parecer técnico sobre SOL-2026-000001")
	d.Type("   curto ")
	d.Key("ctrl+s")
	d.WaitForText("ao menos 10 caracteres")
	golden.RequireEqual(t, d.View())
	d.Key("esc")
	d.WaitFor("the box to close", func(v string) bool { return !strings.Contains(v, "Parecer técnico sobre") })
	d.Key("o")
	d.WaitForText("Parecer técnico sobre SOL-2026-000001")
	if b, _ := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); b.text.Value() != "   curto " {
		t.Fatalf("the draft was lost: %q", b.text.Value())
	}
}

// live is the page against the real backend as the demo evaluator, with
// its cache synced, once the first request's detail is on screen.
func live(t *testing.T, lang api.Lang) (*drive.Driver, *Page, *backend.Backend, string) {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	c, _ := client.New(b.URL, nil)
	authed := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "avaliador")}))
	ctx := context.Background()
	me, err := authed.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := queue(t)
	if _, err := client.SyncRequests(ctx, authed, s); err != nil {
		t.Fatal(err)
	}
	text := i18n.For(lang)
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: text, Lang: lang, Now: time.Now, Me: &me, Authed: authed, Online: true}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(com, p), 120, 40)
	d.WaitFor("the first detail from the server", func(v string) bool {
		return len(p.win.Rows()) > 0 && !p.loading && p.detail.Req.ID == p.win.Rows()[0].ID && p.detail.CachedAt.IsZero() && strings.Contains(v, text.DetailHistory)
	})
	return d, p, b, p.win.Rows()[0].ID
}

// minimalPDF is the smallest file api.ValidatePDF takes.
const minimalPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

// TestAnalystAddsAnOpinion: blank is refused inline; a file that is not a
// PDF is refused under its field, the text kept; then the opinion goes
// with its PDF (the path completed with tab), the toast says so, the
// detail, read again, shows it, and d downloads its PDF.
func TestAnalystAddsAnOpinion(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, "Downloads"), 0o700); err != nil {
		t.Fatal(err)
	}
	d, p, b, id := live(t, api.PtBR)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "parecer-carga.pdf"), []byte(minimalPDF), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notas.txt"), []byte("não é PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.Key("o")
	d.WaitForText("Parecer técnico sobre " + id)
	d.Type("   ")
	d.Key("ctrl+s")
	d.WaitForText("ao menos 10 caracteres")
	d.Type("Volume de consultas compatível com o limite.")
	d.Key("enter")
	d.Type("Teste de carga anexo.")
	d.Key("tab")
	d.Type(filepath.Join(dir, "notas.txt"))
	d.Key("ctrl+s")
	d.WaitForText("não é um PDF")
	if _, open := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); !open {
		t.Fatal("the box closed on a refusal")
	}
	d.WaitForText("Teste de carga anexo.")
	for range len(filepath.Join(dir, "notas.txt")) {
		d.Key("backspace")
	}
	d.Type(filepath.Join(dir, "parecer-"))
	d.Key("tab")
	d.WaitForText("parecer-carga.pdf")
	d.Key("ctrl+s")
	d.WaitFor("the toast", func(string) bool { return toasted(d, "Parecer técnico registrado em "+id) })
	d.WaitFor("the opinion in the detail", func(v string) bool {
		return strings.Contains(v, "Pareceres técnicos (1)") && strings.Contains(v, "Teste de carga anexo.") &&
			strings.Contains(v, "PDF: parecer-carga.pdf (1 KB)") && !p.loading
	})
	r, err := b.DB.GetRequest(context.Background(), id)
	if err != nil || len(r.Opinions) != 1 || r.Opinions[0].Text != "Volume de consultas compatível com o limite.\nTeste de carga anexo." ||
		r.Opinions[0].Attachment == nil || r.Opinions[0].Attachment.Filename != "parecer-carga.pdf" {
		t.Fatalf("on the server: %+v %v", r.Opinions, err)
	}
	if r.Opinions[0].AuthorName != "Bruno Lima" {
		t.Errorf("author %q", r.Opinions[0].AuthorName)
	}
	d.Key("d")
	saved := filepath.Join(home, "Downloads", "parecer-carga.pdf")
	d.WaitFor("the PDF downloaded", func(string) bool { return toasted(d, "Anexo salvo em "+saved) })
	if got, err := os.ReadFile(saved); err != nil || string(got) != minimalPDF {
		t.Fatalf("downloaded %q, %v", got, err)
	}
}

// TestOpinionOnADecidedRequestIsExplained: another evaluator decides the
// request while the opinion is typed; the 409 is explained in the UI's
// language, and the text stays.
func TestOpinionOnADecidedRequestIsExplained(t *testing.T) {
	d, p, b, id := live(t, api.En)
	d.Key("o")
	d.WaitForText("Technical opinion on " + id)
	d.Type("Compatible with the rate limit of the API.")
	if _, err := b.DB.ApplyTransition(context.Background(), id, db.Transition{From: []api.Status{api.StatusPending},
		To: api.StatusRejected, Actor: db.Actor{ID: "x", Name: "Helena Rocha"}, Action: "rejected",
		Justification: "Decidida em outro terminal.", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	d.Key("ctrl+s")
	d.WaitForText("409 – the request changed status")
	if b, open := overlay.Of[*opinionBox](p.com.Overlays, p.mb.ID()); !open || b.text.Value() != "Compatible with the rate limit of the API." {
		t.Fatalf("the box or its text was lost (open %v)", open)
	}
}

func toasted(d *drive.Driver, text string) bool {
	for _, m := range d.Seen {
		if tm, ok := m.(common.ToastMsg); ok && strings.Contains(tm.Text, text) && !tm.Error {
			return true
		}
	}
	return false
}

// TestOpinionTooLongIsRefusedWhole: a paste over 8,000 characters is
// kept whole (nothing cut) and refused inline on send; nothing is sent.
func TestOpinionTooLongIsRefusedWhole(t *testing.T) {
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.En), Lang: api.En}
	box, _ := newOpinionBox(com, "review", api.Request{ID: "SOL-1", APIName: "DataJud", Status: api.StatusPending}, opinionDraft{}, 60, 30)
	long := strings.Repeat("Line of an opinion that goes on.\n", 250) // 8,250 characters
	box.Update(tea.PasteMsg{Content: long})
	act := box.Update(drive.KeyPress("ctrl+s"))
	if run, ok := act.(overlay.Run); !ok || run.Cmd != nil || box.sending() {
		t.Fatalf("sent a text over the limit: %#v", act)
	}
	if !strings.Contains(box.View(60, 30), "the limit is 8,000") {
		t.Fatalf("no inline refusal:\n%s", box.View(60, 30))
	}
	if box.text.Value() != long {
		t.Fatalf("the paste was cut: %d of %d characters kept", len(box.text.Value()), len(long))
	}
}

// TestOnlyDecidersDecide: a profile that analyses but may not approve
// reads the queue and gives opinions; a and r are neither offered nor act.
func TestOnlyDecidersDecide(t *testing.T) {
	me := &api.Me{Name: "Analista", Roles: []api.Role{api.RoleEvaluator}, Permissions: []api.Permission{api.PermRequestsRead, api.PermRequestsAnalyze}}
	d, p := newPageAs(t, 120, 30, me, queue(t))
	for _, k := range p.ShortHelp() {
		if k.Help().Key == "a" || k.Help().Key == "r" {
			t.Errorf("%s offered to an analyst who may not decide", k.Help().Key)
		}
	}
	d.Key("a")
	if _, open := overlay.Of[*dialog](p.com.Overlays, p.mb.ID()); open {
		t.Error("a opened the decision dialog for an analyst who may not decide")
	}
	if !offers(p) {
		t.Error("the analyst is not offered o")
	}
}

// TestOverSSHTheOpinionTakesNoHostFile: over SSH (Common.Remote) the box
// says that PDFs are attached from the person's own machine, tab
// completes nothing of the host, and a path to a real PDF there is
// refused before anything is sent (the text is kept by the box).
func TestOverSSHTheOpinionTakesNoHostFile(t *testing.T) {
	pdf := filepath.Join(t.TempDir(), "parecer.pdf")
	os.WriteFile(pdf, []byte(minimalPDF), 0o600)
	en := i18n.For(api.En)
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: en, Lang: api.En, Remote: true}
	box, _ := newOpinionBox(com, "review", api.Request{ID: "SOL-1", APIName: "DataJud", Status: api.StatusPending}, opinionDraft{}, 60, 30)
	if v := box.View(60, 30); !strings.Contains(strings.Join(strings.Fields(v), " "), "attach them with gecli on your own computer") {
		t.Errorf("the box does not say where PDFs come from over SSH:\n%s", v)
	}
	if got := completePath(true, pdf[:len(pdf)-6])().(pathCompleted); got.completion != got.input {
		t.Errorf("tab completed a host path over SSH: %q", got.completion)
	}
	answer := addOpinion(nil, true, "SOL-1", "Parecer favorável.", pdf)().(opinionAnswer)
	if common.Explain(en, answer.fileErr) != en.Remote.NoHostFiles {
		t.Errorf("a host PDF over SSH: %v", answer.fileErr)
	}
}
