package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCodesListsEveryCode: api.Codes holds every `Code = "..."` constant
// of the package, once, so a test walking it walks them all.
func TestCodesListsEveryCode(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[Code]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || vs.Type == nil {
				return true
			}
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				return true
			}
			for i, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					c, _ := strconv.Unquote(lit.Value)
					declared[Code(c)] = vs.Names[i].Name
				}
			}
			return true
		})
	}
	if len(declared) < 40 {
		t.Fatalf("found only %d codes", len(declared))
	}
	listed := map[Code]bool{}
	for _, c := range Codes {
		if listed[c] {
			t.Errorf("%s is listed twice", c)
		}
		listed[c] = true
		if _, ok := declared[c]; !ok {
			t.Errorf("%s is listed but not declared", c)
		}
	}
	for c, name := range declared {
		if !listed[c] {
			t.Errorf("%s (%s) is missing from api.Codes", name, c)
		}
	}
}

// TestProblemIn: a problem worded in both languages answers in either,
// title and fields included; one worded in one language keeps it.
func TestProblemIn(t *testing.T) {
	p := Refusal(422, CodeValidation, Say("formulário inválido", "invalid form")).
		WithFields(Refuse("a", Say("obrigatório", "required")), FieldError{Field: "b", Message: "só português"})
	en, pt := p.In(En), p.In(PtBR)
	if en.Detail != "invalid form" || en.Title != "Unprocessable Entity" || en.Fields[0].Message != "required" || en.Fields[1].Message != "só português" {
		t.Errorf("English: %+v", en)
	}
	if pt.Detail != "formulário inválido" || pt.Title != "Conteúdo não processável" || pt.Fields[0].Message != "obrigatório" {
		t.Errorf("Portuguese: %+v", pt)
	}
	if p.Detail != "formulário inválido" || p.Fields[0].Message != "obrigatório" {
		t.Errorf("In changed the problem itself: %+v", p)
	}
	if one := NewProblem(404, CodeNotFound, "sem tradução").In(En); one.Detail != "sem tradução" {
		t.Errorf("a one-language problem: %+v", one)
	}
}

// TestValidatorsSpeakBothLanguages: the refusals of the validators come
// in English too, and a format refusal says the format expected.
func TestValidatorsSpeakBothLanguages(t *testing.T) {
	bad := TechnicalContact{Name: "", CPF: "123", Email: "x", Phone: "1"}.Validate()
	bad = append(bad, ValidateCustomFields([]CustomField{{Name: "orgao", Label: "Órgão custodiante", Required: true},
		{Name: "cod", Label: "Código", Pattern: `^\d{5}$`}}, map[string]string{"cod": "12"})...)
	want := map[string][2]string{
		"technical_contact.cpf":   {"000.000.000-00", "000.000.000-00"},
		"technical_contact.email": {"nome@dominio.gov.br", "name@domain.gov.br"},
		"technical_contact.phone": {"(61) 99999-9999", "(61) 99999-9999"},
		"custom_fields.orgao":     {"Órgão custodiante: obrigatório", "Órgão custodiante: required"},
		"custom_fields.cod":       {"esperado: 5 dígitos", "expected: 5 digits"},
	}
	for _, f := range bad {
		w, ok := want[f.Field]
		if !ok {
			continue
		}
		delete(want, f.Field)
		if !strings.Contains(f.In(PtBR), w[0]) || !strings.Contains(f.In(En), w[1]) || f.In(PtBR) == f.In(En) {
			t.Errorf("%s: %q / %q, want %q / %q", f.Field, f.In(PtBR), f.In(En), w[0], w[1])
		}
	}
	for field := range want {
		t.Errorf("%s: not refused", field)
	}
	if m := MsgOf(ValidateCNPJ("123")); !strings.Contains(m.En, "00.000.000/0000-00") || m.En == m.PtBR {
		t.Errorf("CNPJ: %+v", m)
	}
}
