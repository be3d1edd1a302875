package admin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/internal/drive"
)

// portuguese are words of the api validators' and the server's messages
// that no English sentence has ("use " alone is English too: "terms of
// use"): one on an English form is a refusal left untranslated.
var portuguese = []string{"inválid", "caracteres", "dígitos", "obrigatóri", "cadastr", "deve ", "não ", "use letras", "use requester", "use o ",
	"URL http(s) completa", "minúsculas", "conferem", "começando", " ou ", "desconhecid", "máximo", "até ",
	"expressão", "linha", "nada foi", "recusad", "informe", "servidor", "vazi", "já existe", "letras", "arquivo",
	"instituiç", "usuário", "versão", "razão"}

// inEnglish fails when the form's view has a Portuguese word, and when
// fewer fields than want show an error (the input was not bad enough to
// prove anything).
func inEnglish(t *testing.T, what string, f *form, want ...string) {
	t.Helper()
	v := ansi.Strip(f.View(120, 60))
	flat := strings.Join(strings.Fields(v), " ")
	for _, w := range portuguese {
		if strings.Contains(flat, w) {
			t.Errorf("%s: %q on the English form:\n%s", what, w, v)
		}
	}
	for _, k := range want {
		if f.errs[k] == "" {
			t.Errorf("%s: no error under %s: %v\n%s", what, k, f.errs, v)
		}
	}
}

// fill types each value into its field, in order, from the first
// editable one; "" leaves a field as it is.
func fill(f *form, vals ...string) {
	for i, s := range vals {
		if i > 0 {
			press(f, "tab")
		}
		typeInto(f, s)
	}
}

// TestEnglishFormsShowNoPortuguese drives every administration form in
// English with a bad value in each field, refused first by the form (the
// api validators) and then by the real server (its 422 fields), and
// reads each refusal on screen.
func TestEnglishFormsShowNoPortuguese(t *testing.T) {
	_, p, _ := live(t, 120, 60, api.En, secUsers)
	e, c := p.env, p.com.Authed
	open := func(s spec) *form { f, _ := newForm(p.com, p.mb.ID(), s, 120, nil); return f }
	save := func(f *form) { f.Update(drive.KeyPress("enter")) }
	sent := func(f *form) { f.Update(f.spec.send(f.values())()) }

	// A new API: every text field wrong, a custom field added wrong.
	f := open(apiForm(e, nil))
	fill(f, "Bad ID!", "X", "Y", "short", "", "", "Z", "", "ftp://h", "not a url")
	f.Update(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	fill(f, "Bad Name", "L", "", "", "(")
	save(f)
	inEnglish(t, "new API", f, "id", "name", "acronym", "description", "owner", "env.hmg", "env.prd",
		"cf0.name", "cf0.label", "cf0.pattern")
	// The server's 422 on what the form cannot type: unknown choices, an
	// unknown environment, too many custom fields.
	w := api.APIWrite{ID: "x-y", Name: "Xis", Acronym: "XS", Description: "long enough text", Category: "nope",
		SystemType: "nope", Owner: "CNJ", AuthType: "nope", Environments: []api.APIEnvironment{{Name: "dev", BaseURL: "h"}}}
	for range 21 {
		w.CustomFields = append(w.CustomFields, api.CustomField{Name: "Bad", Label: "L", Type: "float", Pattern: "("})
	}
	f = open(apiForm(e, nil))
	fill(f, "x-y", "", "", "", "", "", "", "", "https://h.example")
	f.Update(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	typeInto(f, "orgao")
	f.Update(saveAPI(c, w, true)())
	inEnglish(t, "new API, refused by the server", f, "category", "system_type", "auth_type", "env.hmg",
		"cf0.name", "cf0.label", "cf0.type", "cf0.pattern")
	if r := p.com.Text.Admin.Rule; f.problem != fmt.Sprintf(r.CFMax, maxCustomFields) || f.errs["category"] != r.Category {
		t.Errorf("the server's 422 reads as the rules: %q %v", f.problem, f.errs)
	}

	// A new person: each CPF rule, the username, a blank name, a bad CNPJ.
	for _, cpf := range []string{"123", "abcdefghijk", "111.111.111-11", "529.982.247-20"} {
		f = open(createUserForm(e))
		fill(f, "Bad User", "", cpf, "", "22.222.222/0001-00")
		save(f)
		inEnglish(t, "new person, CPF "+cpf, f, "username", "name", "cpf", "institutions")
	}
	// The server: a CNPJ not registered (named), a username taken.
	f = open(createUserForm(e))
	fill(f, "joana", "Joana Silva", "", "", "11.444.777/0001-61")
	sent(f)
	inEnglish(t, "new person, CNPJ not registered", f, "institutions")
	if !strings.Contains(f.errs["institutions"], "11.444.777/0001-61") {
		t.Errorf("the CNPJ not registered is named: %q", f.errs["institutions"])
	}
	f = open(createUserForm(e))
	fill(f, "admin", "Carla Dias")
	sent(f)
	inEnglish(t, "new person, username taken", f, "username")
	// Editing one: a blank name, more than 50 institutions.
	u := api.UserEntry{ID: "u1", Username: "ana", Name: "Ana", Role: api.RoleRequester}
	f = open(editUserForm(e, u))
	for range len("Ana") {
		press(f, "backspace")
	}
	press(f, "tab", "tab")
	typeInto(f, strings.Repeat("00.394.494/0001-36 ", 51))
	save(f)
	inEnglish(t, "editing a person", f, "name", "institutions")

	// A new institution: each CNPJ rule, a blank name, then one too short.
	for _, cnpj := range []string{"123", "AAAAAAAAAAAAAA", "11.111.111/1111-11", "22.222.222/0001-00"} {
		f = open(createInstitutionForm(e))
		fill(f, cnpj)
		save(f)
		inEnglish(t, "new institution, CNPJ "+cnpj, f, "cnpj", "name")
	}
	f = open(createInstitutionForm(e))
	fill(f, "11.444.777/0001-61", "X")
	save(f)
	inEnglish(t, "new institution, name too short", f, "name")
	// The server: a name it refuses (sent past the form's check).
	f = open(createInstitutionForm(e))
	fill(f, "11.444.777/0001-61", "X")
	f.Update(createInstitution(c, api.InstitutionCreate{CNPJ: "11444777000161", Name: "X"})())
	inEnglish(t, "new institution, refused by the server", f, "name")
	in := api.InstitutionEntry{CNPJ: "11222333000181", Name: "Tribunal", Active: true}
	f = open(renameInstitutionForm(e, in))
	for range len("Tribunal") {
		press(f, "backspace")
	}
	save(f)
	inEnglish(t, "renaming an institution", f, "name")

	// Terms of use: a bad version and no file; then each file refused.
	a := api.API{ID: "datajud", Name: "DataJud"}
	f = open(uploadForm(e, a, true))
	fill(f, "-1")
	save(f)
	inEnglish(t, "terms, bad version", f, "version", "path")
	dir := t.TempDir()
	files := map[string]string{"not-pdf.pdf": "hello", "cut.pdf": "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	big := filepath.Join(dir, "big.pdf")
	if err := os.WriteFile(big, nil, 0o600); err != nil || os.Truncate(big, api.MaxAttachmentBytes+1) != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"not-pdf.pdf", "cut.pdf", "big.pdf", "missing.pdf", ""} {
		f = open(uploadForm(e, a, true))
		fill(f, "2.0", filepath.Join(dir, path))
		sent(f)
		inEnglish(t, "terms, "+path, f, "path")
	}
	// The server: a version it refuses (sent past the form's check).
	f = open(uploadForm(e, a, true))
	fill(f, "-1")
	pdf := "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
	if err := os.WriteFile(filepath.Join(dir, "ok.pdf"), []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	f.Update(uploadTerms(c, a.ID, "-1", filepath.Join(dir, "ok.pdf"), p.com.Text)())
	inEnglish(t, "terms, refused by the server", f, "version")
	// The OpenAPI document: too large, a folder, missing.
	doc := filepath.Join(dir, "doc.yaml")
	if err := os.WriteFile(doc, nil, 0o600); err != nil || os.Truncate(doc, api.MaxOpenAPIDocBytes+1) != nil {
		t.Fatal(err)
	}
	for _, path := range []string{doc, dir, filepath.Join(dir, "missing.yaml")} {
		f = open(uploadForm(e, a, false))
		fill(f, path)
		sent(f)
		inEnglish(t, "OpenAPI, "+filepath.Base(path), f, "path")
	}

	// The audit filter: the server's 400 on a filter too long.
	f = open(auditFilterForm(e, client.AuditQuery{}))
	_, err := c.Audit(context.Background(), client.AuditQuery{Actor: strings.Repeat("a", api.MaxQueryLen+1)})
	f.Update(formAnswer{err: err})
	inEnglish(t, "audit filter, refused by the server", f, "actor")
}

// TestRulesMatchTheValidators holds the numbers the rules say to the api
// validators': a sentence that says "3 to 200" while Validate refuses 3
// would send the person the wrong way.
func TestRulesMatchTheValidators(t *testing.T) {
	base := api.APIWrite{ID: "x", Name: "Xis", Acronym: "XS", Description: "uma descrição longa", Category: api.CatData,
		SystemType: api.SysOther, Owner: "CNJ", AuthType: "api_key"}
	set := map[string]func(*api.APIWrite, string){
		"name": func(w *api.APIWrite, s string) { w.Name = s }, "acronym": func(w *api.APIWrite, s string) { w.Acronym = s },
		"description": func(w *api.APIWrite, s string) { w.Description = s }, "owner": func(w *api.APIWrite, s string) { w.Owner = s },
	}
	refused := func(bad []api.FieldError, field string) bool {
		for _, fe := range bad {
			if fe.Field == field {
				return true
			}
		}
		return false
	}
	for field, n := range apiLengths {
		for _, c := range []struct {
			len int
			bad bool
		}{{n[0] - 1, true}, {n[0], false}, {n[1], false}, {n[1] + 1, true}} {
			w := base
			set[field](&w, strings.Repeat("a", c.len))
			if got := refused(w.Validate(), field); got != c.bad {
				t.Errorf("%s of %d characters: refused %v, the rule says %d to %d", field, c.len, got, n[0], n[1])
			}
		}
	}
	for _, n := range []int{maxCustomFields, maxCustomFields + 1} {
		w := base
		for i := range n {
			w.CustomFields = append(w.CustomFields, api.CustomField{Name: fmt.Sprintf("f%d", i), Label: "Campo", Type: "string"})
		}
		if got := refused(w.Validate(), "custom_fields"); got != (n > maxCustomFields) {
			t.Errorf("%d custom fields: refused %v, the rule says at most %d", n, got, maxCustomFields)
		}
	}
	for _, n := range []int{maxInstitutions, maxInstitutions + 1} {
		u := api.UserCreate{Username: "ana", Name: "Ana", Role: api.RoleRequester}
		for range n {
			u.Institutions = append(u.Institutions, "00394494000136")
		}
		if got := refused(u.Validate(), "institutions"); got != (n > maxInstitutions) {
			t.Errorf("%d institutions: refused %v, the rule says at most %d", n, got, maxInstitutions)
		}
	}
}
