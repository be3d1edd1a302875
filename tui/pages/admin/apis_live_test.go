package admin

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
)

// seen reports whether a message of type T reached the page.
func seen[T any](d *drive.Driver) bool {
	for _, m := range d.Seen {
		if _, ok := m.(T); ok {
			return true
		}
	}
	return false
}

// TestCreateAPIThenUploadTermsAndPublish is an administrator's first API:
// a bad field is refused under itself with everything typed kept; the
// draft appears in the list; publishing without terms is explained; the
// terms PDF goes up from a typed path (tab completes it) and shows in
// the versions; then the API is published.
func TestCreateAPIThenUploadTermsAndPublish(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secAPIs)
	d.Key("n")
	d.WaitForText("Nova API (rascunho)")
	d.Type("consulta-bnmp")
	d.Key("tab")
	d.Type("BN") // too short
	d.Key("tab")
	d.Type("BNMP")
	d.Key("tab")
	d.Type("Consulta de mandados de prisão do BNMP.")
	for range 3 { // category, system type, owner
		d.Key("tab")
	}
	d.Type("CNJ/DTI")
	d.Key("tab")
	d.Key("tab") // auth type
	d.Type("https://hmg.bnmp.example/api")
	d.Key("enter")
	d.WaitForText("✖ de 3 a")
	v := d.View()
	for _, kept := range []string{"consulta-bnmp", "BNMP", "CNJ/DTI", "https://hmg.bnmp.example/api"} {
		if !strings.Contains(v, kept) {
			t.Fatalf("%q was lost after the refusal:\n%s", kept, v)
		}
	}
	d.Type("MP Consulta") // the focus went to the refused name
	d.Key("enter")
	d.WaitFor("the form to close", func(string) bool { return !boxOpen[*form](p) })
	// The new API is the selected row: p and t below act on it.
	s := p.sections[secAPIs].(*apis)
	d.WaitFor("the new API selected", func(string) bool { return !p.mb.Pending("apis") && s.selectedID() == "consulta-bnmp" })
	d.WaitForText("rascunho")
	d.WaitFor("creating an API to ask the root to refresh the catalog", func(string) bool { return seen[common.SyncCatalogMsg](d) })

	d.Key("p")
	d.WaitForText("Publicar BNMP Consulta (consulta-bnmp) no catálogo?")
	d.Key("s")
	// Only what this API lacks is named: it has an environment.
	d.WaitForText("falta à API um termo de uso vigente")
	if v := d.View(); strings.Contains(v, "ambiente com URL") {
		t.Fatalf("the API has an environment; only the terms are missing:\n%s", v)
	}

	dir := t.TempDir()
	pdf := "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
	if err := os.WriteFile(filepath.Join(dir, "termo-bnmp-v1.pdf"), []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	d.Key("t")
	d.WaitForText("Nova versão do termo de uso de BNMP Consulta")
	d.Type("1.0")
	d.Key("tab")
	d.Type(filepath.Join(dir, "termo"))
	d.Key("tab")
	d.WaitForText("termo-bnmp-v1.pdf")
	d.Key("enter")
	d.WaitFor("the upload box to close", func(string) bool { return !boxOpen[*form](p) })
	if v := d.View(); strings.Contains(v, "falta à API") {
		t.Fatalf("the refusal must go once the terms are up:\n%s", v)
	}
	d.Key("v")
	d.WaitForText("Termos de uso de BNMP Consulta (consulta-bnmp)")
	d.WaitForText("● vigente")
	d.Key("esc")

	d.Key("p")
	d.Key("s")
	d.WaitForText("publicada")
	a, err := p.com.Authed.GetAPI(context.Background(), "consulta-bnmp")
	if err != nil || a.Terms.Version != "1.0" {
		t.Fatalf("public catalog: %+v %v", a, err)
	}
}
