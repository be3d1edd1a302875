package admin

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
)

// offlinePage is the page with no server: forms that are not sent.
func offlinePage(lang api.Lang, w, h int) *Page {
	com := newCommon(lang, admin())
	com.Overlays = &overlay.Stack{}
	p := New(com)
	p.SetSize(w, h)
	return p
}

func press(f *form, keys ...string) {
	for _, k := range keys {
		f.Update(drive.KeyPress(k))
	}
}

func typeInto(f *form, s string) {
	for _, r := range s {
		f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestFieldErrorsWrapUnderTheirField: the API id's rule, a long sentence,
// is read whole at 120 and at 80 columns, each line under the input.
func TestFieldErrorsWrapUnderTheirField(t *testing.T) {
	for _, w := range []int{120, 80} {
		p := offlinePage(api.PtBR, w, 40)
		f, _ := newForm(p.com, p.mb.ID(), apiForm(p.env, nil), w, nil)
		typeInto(f, "Não Vale")
		f.Update(drive.KeyPress("enter"))
		msg := f.errs["id"]
		if len(msg) < 60 {
			t.Fatalf("%d: the id's error is short, the test proves nothing: %q", w, msg)
		}
		v := ansi.Strip(f.View(w, 40))
		if strings.Contains(v, "…") {
			t.Fatalf("%d: a message was cut:\n%s", w, v)
		}
		words := strings.Fields(msg)
		if got := strings.Join(strings.Fields(v), " "); !strings.Contains(got, strings.Join(words, " ")) {
			t.Fatalf("%d: the whole message %q must be on screen:\n%s", w, msg, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("%d: a line is wider than the screen: %q", w, l)
			}
		}
	}
}

// TestChooseKeyOnlyOnAChoice: ←/→ is offered where it does something.
func TestChooseKeyOnlyOnAChoice(t *testing.T) {
	p := offlinePage(api.PtBR, 120, 40)
	has := func(f *form) bool {
		for _, k := range f.ShortHelp() {
			if k.Help().Key == "←/→" {
				return true
			}
		}
		return strings.Contains(ansi.Strip(f.View(120, 40)), "←/→")
	}
	inst, _ := newForm(p.com, p.mb.ID(), createInstitutionForm(p.env), 120, nil)
	if has(inst) {
		t.Fatal("Nova instituição has no choice: ←/→ must not be listed")
	}
	user, _ := newForm(p.com, p.mb.ID(), createUserForm(p.env), 120, nil)
	if has(user) {
		t.Fatal("on the username, ←/→ does nothing")
	}
	press(user, "tab", "tab", "tab") // the role
	if !has(user) {
		t.Fatal("on the role, ←/→ chooses and must be listed")
	}
}

// TestDescriptionShowsItsStartWhenLeft: a long description scrolled to
// its end while typed shows its first words once the focus moves on.
func TestDescriptionShowsItsStartWhenLeft(t *testing.T) {
	p := offlinePage(api.PtBR, 80, 24)
	long := "Começo da descrição " + strings.Repeat("com muitas palavras ", 8) + "e o fim."
	a := api.API{ID: "x", Name: "Xis", Description: long, Category: api.CatData, SystemType: api.SysOther, AuthType: "api_key"}
	f, _ := newForm(p.com, p.mb.ID(), apiForm(p.env, &a), 80, nil)
	if v := ansi.Strip(f.View(80, 24)); !strings.Contains(v, "Começo da descrição") {
		t.Fatalf("opened, the description shows its start:\n%s", v)
	}
	press(f, "tab", "tab") // name, acronym, description
	typeInto(f, " mais")
	press(f, "tab")
	if v := ansi.Strip(f.View(80, 24)); !strings.Contains(v, "Começo da descrição") {
		t.Fatalf("left, the description shows its start again:\n%s", v)
	}
}

// TestDraftsSurviveEsc: esc on a filled form keeps what was typed for the
// next time it opens (per record), ctrl+d discards it, a save forgets it.
func TestDraftsSurviveEsc(t *testing.T) {
	p := offlinePage(api.PtBR, 120, 40)
	reopen := func(sp spec) *form {
		p.open(sp)
		f, _ := overlay.Of[*form](p.com.Overlays, p.mb.ID())
		return f
	}
	closeTop := func(f *form) {
		if _, ok := f.Update(drive.KeyPress("esc")).(overlay.Close); !ok {
			t.Fatal("esc must close the form")
		}
		p.com.Overlays.Remove(f.Mailbox().ID())
	}

	f := reopen(apiForm(p.env, nil))
	typeInto(f, "consulta-bnmp")
	press(f, "tab")
	typeInto(f, "BNMP Consulta")
	if !strings.Contains(keyHint(f.ShortHelp()), p.com.Text.Admin.KeyCloseDraft) {
		t.Fatalf("the footer says esc keeps the draft: %s", keyHint(f.ShortHelp()))
	}
	closeTop(f)
	f = reopen(apiForm(p.env, nil))
	v := ansi.Strip(f.View(120, 40))
	if !strings.Contains(v, "consulta-bnmp") || !strings.Contains(v, "BNMP Consulta") || !strings.Contains(v, "Rascunho restaurado") {
		t.Fatalf("the new API's draft must come back:\n%s", v)
	}
	closeTop(f)
	other := api.API{ID: "datajud", Name: "DataJud", Category: api.CatData, SystemType: api.SysOther, AuthType: "api_key"}
	g := reopen(apiForm(p.env, &other))
	if strings.Contains(ansi.Strip(g.View(120, 40)), "consulta-bnmp") {
		t.Fatal("another API's form must not get the new one's draft")
	}
	closeTop(g)
	f = reopen(apiForm(p.env, nil))
	// ctrl+d puts the form back as it opened and forgets the draft.
	f.Update(tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
	if f.fields[0].input.Value() != "" || f.restored {
		t.Fatalf("ctrl+d must discard: %q", f.fields[0].input.Value())
	}
	closeTop(f)
	if _, kept := p.drafts["api:"]; kept {
		t.Fatal("a discarded form leaves no draft")
	}

	// Renomear and the user form keep theirs, one per record.
	in := api.InstitutionEntry{CNPJ: "11222333000181", Name: "Tribunal Exemplo", Active: true}
	f = reopen(renameInstitutionForm(p.env, in))
	typeInto(f, " do Norte")
	closeTop(f)
	if f = reopen(renameInstitutionForm(p.env, in)); f.fields[1].input.Value() != "Tribunal Exemplo do Norte" {
		t.Fatalf("Renomear's draft: %q", f.fields[1].input.Value())
	}
	closeTop(f)
	u := api.UserEntry{ID: "u1", Username: "ana", Name: "Ana", Role: api.RoleRequester}
	f = reopen(editUserForm(p.env, u))
	typeInto(f, " Souza")
	closeTop(f)
	if f = reopen(editUserForm(p.env, u)); f.fields[1].input.Value() != "Ana Souza" {
		t.Fatalf("the user form's draft: %q", f.fields[1].input.Value())
	}
	// A save forgets it.
	f.Update(formAnswer{result: userChanged{}})
	if _, kept := p.drafts["user:u1"]; kept {
		t.Fatal("a saved form leaves no draft")
	}
}

// TestUploadWording: a folder given as the OpenAPI document asks for an
// OpenAPI file, not a PDF; terms for an API that has none say so.
func TestUploadWording(t *testing.T) {
	msg := uploadOpenAPI(nil, "x", t.TempDir(), i18n.For(api.PtBR))()
	ans, ok := msg.(formAnswer)
	if !ok || len(ans.fields) != 1 || !strings.Contains(ans.fields[0].Message, "escolha um arquivo OpenAPI (JSON ou YAML)") ||
		strings.Contains(ans.fields[0].Message, "PDF") {
		t.Fatalf("a folder as the document: %+v", msg)
	}
	p := offlinePage(api.PtBR, 120, 40)
	f, _ := newForm(p.com, p.mb.ID(), uploadForm(p.env, api.API{ID: "x", Name: "Xis"}, true), 120, nil)
	if v := ansi.Strip(f.View(120, 40)); strings.Contains(v, "Versão vigente: .") || !strings.Contains(v, "Ainda não há termo vigente") {
		t.Fatalf("no terms yet:\n%s", v)
	}
}

// TestRefusedFormGolden: the refused Nova API form as a person sees it,
// every message whole under its field, at both sizes, and in English
// (every rule in English).
func TestRefusedFormGolden(t *testing.T) {
	refused := func(t *testing.T, lang api.Lang, w, h int) {
		p := offlinePage(lang, w, h-2)
		p.open(apiForm(p.env, nil))
		f, _ := overlay.Of[*form](p.com.Overlays, p.mb.ID())
		typeInto(f, "Não Vale")
		f.Update(drive.KeyPress("enter"))
		golden.RequireEqual(t, ansi.Strip(p.View()))
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { refused(t, api.PtBR, size[0], size[1]) })
	}
	t.Run("en", func(t *testing.T) { refused(t, api.En, 120, 40) })
}
