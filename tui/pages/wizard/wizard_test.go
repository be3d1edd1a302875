package wizard

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// host runs the wizard alone under the test driver, as the root runs
// its overlays: answers opened through the wizard's mailbox, actions
// carried out.
type host struct{ m *Model }

func (h host) Init() tea.Cmd { return h.m.Init() }
func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		h.m.SetWidth(m.Width)
		return h, nil
	case route.Envelope:
		inner, ok := h.m.Mailbox().Open(m)
		if !ok {
			return h, nil
		}
		msg = inner
	}
	switch a := h.m.Update(msg).(type) {
	case overlay.Run:
		return h, a.Cmd
	case overlay.Close:
		result := a.Result
		return h, tea.Batch(a.Cmd, func() tea.Msg { return result })
	}
	return h, nil
}
func (h host) View() tea.View { return tea.NewView(h.m.View(80, 22)) }

var sngb = api.API{ID: "sngb", Name: "Sistema Nacional de Gestão de Bens", Acronym: "SNGB", Category: api.CatData,
	SystemType: api.SysSNGB, Rule: api.ApprovalMatrix[api.SysSNGB],
	Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "h"}, {Name: api.EnvPRD, BaseURL: "p"}},
	Terms:        api.Terms{ID: "tu-sngb-1-0", Version: "1.0", SHA256: strings.Repeat("b", 64)},
	CustomFields: []api.CustomField{{Name: "orgao", Label: "Órgão custodiante", Type: "string", Required: true},
		{Name: "codigo", Label: "Código da unidade", Type: "string", Required: true, Pattern: `^\d{5}$`}}}

func setup(t *testing.T) (*drive.Driver, *Model, *store.Store) {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	tpu := api.API{ID: "tpu", Name: "Tabelas Processuais Unificadas", Acronym: "TPU", Category: api.CatCoreServices,
		SystemType: api.SysOther, Rule: api.RuleSet{HMG: api.RuleAuto, PRD: api.RuleAuto},
		Environments: []api.APIEnvironment{{Name: api.EnvPRD, BaseURL: "p"}}, Terms: api.Terms{ID: "tu-tpu-1", Version: "1.1", SHA256: strings.Repeat("a", 64)}}
	if err := s.ReplaceCatalog(context.Background(), []api.API{sngb, tpu}, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now,
		Me: &api.Me{Name: "Ana", Roles: []api.Role{api.RoleRequester},
			Institutions: []api.Institution{{CNPJ: "12ABC34501DE35", Name: "Defensoria Pública Exemplo"}}}}
	m := New(com, s, store.Draft{ID: "draft-test", APIID: "sngb", Environment: api.EnvPRD})
	d := drive.New(t, host{m}, 80, 24)
	d.WaitForText("Sistema Nacional")
	return d, m, s
}

// TestEveryStepGolden walks the form as a person would, with one mistake
// per step, and keeps a golden file of each step.
func TestEveryStepGolden(t *testing.T) {
	d, m, s := setup(t)
	snap := func(name string) {
		t.Helper()
		// The footer under the step, as the root draws it.
		t.Run(name, func(t *testing.T) { golden.RequireEqual(t, d.View()+"\n\n"+helpLine(m.ShortHelp())) })
	}
	snap("1-api")
	d.Key("enter")
	d.WaitForText("Defensoria Pública Exemplo")
	snap("2-institution")
	d.Key("enter")
	d.Type("Marcos Pereira")
	d.Key("tab")
	d.Type("111.111.111-11")
	d.Key("enter")
	d.WaitForText("todos os dígitos iguais")
	snap("3-contact-invalid")
	d.Key("shift+tab")
	d.Key("tab")
	for range 14 {
		d.Key("backspace")
	}
	d.Type("52998224725")
	d.Key("tab")
	d.Type("marcos@tj.jus.br")
	d.Key("tab")
	d.Type("6132221100")
	d.Key("enter")
	d.WaitForText("Finalidade")
	d.Type("curta")
	d.Key("enter")
	d.WaitForText("20 a 2.000 caracteres")
	snap("4-purpose-invalid")
	for range 5 {
		d.Key("backspace")
	}
	d.Type("Cadastro dos bens apreendidos nas varas criminais.")
	d.Key("enter")
	d.WaitForText("Órgão custodiante")
	d.Type("Depósito Central")
	d.Key("tab")
	d.Type("12A")
	d.Key("enter")
	d.WaitForText("formato inválido")
	snap("5-fields-invalid")
	for range 3 {
		d.Key("backspace")
	}
	d.Type("12345")
	d.Key("enter")
	d.WaitForText("Arquivo PDF")
	// A fixed path, so the golden file does not see a random temp dir.
	fakeDir := filepath.Join(os.TempDir(), "gecli-wizard-test")
	os.MkdirAll(fakeDir, 0o700)
	t.Cleanup(func() { os.RemoveAll(fakeDir) })
	fake := filepath.Join(fakeDir, "contrato.pdf")
	os.WriteFile(fake, []byte("não é PDF"), 0o600)
	d.Type(fake)
	d.Key("enter")
	d.WaitForText("não é um PDF")
	snap("6-attachments-refused")
	d.Key("esc") // back to the fields: nothing typed is lost
	d.WaitForText("Depósito Central")
	d.Key("enter")
	d.WaitForText("Arquivo PDF")
	d.Key("enter") // no attachment: go on
	d.WaitForText("Li e aceito")
	d.Key("enter")
	d.WaitForText("Aceite o termo de uso")
	snap("7-terms-not-accepted")
	d.Key("space")
	d.Key("enter")
	d.WaitForText("8 Revisão")
	snap("8-review")

	// The draft on disk has everything typed so far.
	d.WaitFor("the draft saved", func(string) bool {
		all, _ := s.Drafts(context.Background())
		return len(all) == 1 && all[0].CustomFields["codigo"] == "12345" && all[0].Contact.CPF == "52998224725" && all[0].TermsAccepted
	})
	d.Key("enter") // not signed in: refused, nothing lost
	d.WaitForText("Entre (L) para enviar")
	if m.step != stepReview {
		t.Fatalf("a refused submit left the review: step %d", m.step)
	}
}

func TestNoLinkedInstitution(t *testing.T) {
	d, m, _ := setup(t)
	m.com.Me.Institutions = nil
	d.Key("enter")
	d.WaitForText("CNPJ ainda não vinculado")
	d.Key("enter")
	if m.step != stepInstitution {
		t.Fatalf("moved on without an institution: step %d", m.step)
	}
}

func TestPathCompletion(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "oficio-assinado.pdf"), []byte("%PDF-1.4\n%%EOF\n"), 0o600)
	msg := complete(false, filepath.Join(dir, "ofi"))().(completedMsg)
	if msg.completion != filepath.Join(dir, "oficio-assinado.pdf") {
		t.Errorf("completion %q", msg.completion)
	}
	big := filepath.Join(dir, "grande.pdf")
	f, _ := os.Create(big)
	f.Truncate(api.MaxAttachmentBytes + 1)
	f.Close()
	if got := checkFile(false, big)().(fileCheckedMsg); !strings.Contains(common.Explain(i18n.For(api.PtBR), got.err), "o limite é 10 MB") {
		t.Errorf("11 MB file: %v", got.err)
	}
	if got := checkFile(false, filepath.Join(dir, "oficio-assinado.pdf"))().(fileCheckedMsg); got.err != nil {
		t.Errorf("valid PDF: %v", got.err)
	}
}

// TestOverSSHNoHostFileIsRead: over SSH (Common.Remote) a path would
// name a file of the host running gecli ssh: tab completes nothing of
// it, a valid PDF there is not attached, and the step says why.
func TestOverSSHNoHostFileIsRead(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "oficio-assinado.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n%%EOF\n"), 0o600)
	pt := i18n.For(api.PtBR)
	if got, ok := complete(true, filepath.Join(dir, "ofi"))().(fileCheckedMsg); !ok || common.Explain(pt, got.err) != pt.Remote.NoHostFiles {
		t.Errorf("tab over SSH: %#v", got)
	}
	if got := checkFile(true, pdf)().(fileCheckedMsg); common.Explain(pt, got.err) != pt.Remote.NoHostFiles {
		t.Errorf("a host PDF over SSH: %v", got.err)
	}

	_, m, _ := setup(t)
	m.com.Remote = true
	m.step = stepAttachments
	if v := ansi.Strip(m.View(120, 40)); !strings.Contains(v, pt.Remote.NoHostFiles) {
		t.Errorf("the attachments step over SSH does not say why no file is read:\n%s", v)
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Key == "tab" {
			t.Error("tab (complete a path) is offered over SSH, where it completes nothing")
		}
	}
}

// TestASubmittedDraftStaysDeleted: once the request is created its draft
// is deleted, and neither closing the result screen nor a save timer
// still running brings it back (it could be submitted twice).
func TestASubmittedDraftStaysDeleted(t *testing.T) {
	d, m, s := setup(t)
	ctx := context.Background()
	d.Key("enter") // the first step saves the draft
	d.WaitFor("the draft saved", func(string) bool { _, ok, _ := s.Draft(ctx, "draft-test"); return ok })
	d.Send(route.Envelope{To: m.Mailbox().ID(), Msg: submittedMsg{req: api.Request{ID: "SOL-2026-000777", Status: api.StatusPending}}})
	d.WaitFor("the draft deleted", func(string) bool { _, ok, _ := s.Draft(ctx, "draft-test"); return !ok })
	d.Send(route.Envelope{To: m.Mailbox().ID(), Msg: saveTickMsg{}}) // a debounce still running
	d.Key("esc")
	d.WaitFor("the wizard closed as submitted", func(string) bool {
		for _, msg := range d.Seen {
			if c, ok := msg.(ClosedMsg); ok && c.Submitted {
				return true
			}
		}
		return false
	})
	if _, ok, _ := s.Draft(ctx, "draft-test"); ok {
		t.Fatal("the submitted request's draft came back")
	}
}

// TestARefusedStepPutsTheCursorOnItsFirstWrongField: enter on the last
// field of the contact with the name and e-mail missing puts the cursor
// in the name, and what is typed next goes there.
func TestARefusedStepPutsTheCursorOnItsFirstWrongField(t *testing.T) {
	d, m, _ := setup(t)
	d.Key("enter")
	d.WaitForText("Defensoria Pública Exemplo")
	d.Key("enter")
	d.WaitFor("the contact step", func(string) bool { return m.step == stepContact })
	d.Key("tab")
	d.Type("52998224725")
	d.Key("tab")
	d.Key("tab")
	d.Type("6132221100")
	d.Key("enter")
	d.WaitFor("the refusal", func(string) bool { return len(m.errs) > 0 })
	if got := m.fields[m.focus].key; got != "technical_contact.name" {
		t.Fatalf("the cursor is in %s after the refusal, want the name", got)
	}
	d.Type("Marcos Pereira")
	if v := m.fields[0].input.Value(); v != "Marcos Pereira" {
		t.Errorf("typing went elsewhere: the name holds %q", v)
	}
}

// TestANewRequestStartsWithTheLastContact: the contact step of a new
// request holds the technical contact of the person's last request in
// the cache, ready to change.
func TestANewRequestStartsWithTheLastContact(t *testing.T) {
	_, m, s := setup(t)
	ctx := context.Background()
	last := api.TechnicalContact{Name: "Marcos Pereira", CPF: "52998224725", Email: "marcos@dpe.example.br", Phone: "6132221100"}
	older := api.Request{ID: "SOL-2026-000001", Seq: 1, APIID: "tpu", APIName: "TPU", Environment: api.EnvPRD, Status: api.StatusApproved,
		Requester: api.Person{Name: "Ana"}, TechnicalContact: api.TechnicalContact{Name: "Antigo", Email: "antigo@dpe.example.br"},
		CreatedAt: "2026-10-01T10:00:00Z"}
	newer := older
	newer.ID, newer.Seq, newer.TechnicalContact, newer.CreatedAt = "SOL-2026-000002", 2, last, "2026-11-01T10:00:00Z"
	someoneElse := older
	someoneElse.ID, someoneElse.Seq, someoneElse.Requester, someoneElse.CreatedAt = "SOL-2026-000003", 3, api.Person{Name: "Outra"}, "2026-11-20T10:00:00Z"
	if err := s.ApplyRequests(ctx, []api.Request{older, newer, someoneElse}, 3); err != nil {
		t.Fatal(err)
	}
	w := New(m.com, s, store.Draft{ID: "draft-2", APIID: "sngb", Environment: api.EnvPRD})
	d := drive.New(t, host{w}, 80, 24)
	d.WaitForText("Sistema Nacional")
	d.Key("enter")
	d.WaitForText("Defensoria Pública Exemplo")
	d.Key("enter")
	d.WaitForText("marcos@dpe.example.br")
	if w.draft.Contact != last {
		t.Errorf("the contact: %+v, want %+v", w.draft.Contact, last)
	}
}

// helpLine is the keys as the footer lists them.
func helpLine(keys []key.Binding) string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Help().Key+" "+k.Help().Desc)
	}
	return strings.Join(out, " • ")
}

// TestLongPurposeWrapsAndSEIDigitsAreFormatted: at 80 columns a purpose
// longer than a line shows whole, on lines under its label, where a
// single-line field scrolled its start out of sight; a number typed as
// 17 digits is kept in SEI's form, and a search that finds no API says so.
func TestLongPurposeWrapsAndSEIDigitsAreFormatted(t *testing.T) {
	d, m, _ := setup(t)
	d.Type("zzz")
	d.WaitForText("Nenhuma API com “zzz”")
	for range 3 {
		d.Key("backspace")
	}
	d.WaitForText("Sistema Nacional")
	d.Key("enter")
	d.WaitForText("Defensoria Pública Exemplo")
	d.Key("enter")
	d.Type("Marcos Pereira")
	d.Key("tab")
	d.Type("52998224725")
	d.Key("tab")
	d.Type("marcos@tj.jus.br")
	d.Key("tab")
	d.Type("6132221100")
	d.Key("enter")
	d.WaitForText("Finalidade")
	start, end := "Cadastro dos bens apreendidos", "com a data da apreensão."
	d.Type(start + " nas varas criminais do estado, com o local de guarda e o número do processo, " + end)
	v := d.View()
	if !strings.Contains(v, start) || !strings.Contains(v, end) {
		t.Fatalf("the purpose is not shown whole at 80 columns:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("a line is wider than the terminal: %q", l)
		}
	}
	d.Key("tab")
	d.Type("00123456789202601")
	d.Key("enter")
	d.WaitForText("Órgão custodiante")
	if m.draft.SEIProcess != "00123.456789/2026-01" {
		t.Fatalf("SEI kept as %q", m.draft.SEIProcess)
	}
	d.Key("esc")
	d.WaitForText("00123.456789/2026-01")
}
