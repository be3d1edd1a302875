package seed

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/testkit/pgtest"
	"github.com/getkin/kin-openapi/openapi3"
)

func TestDemoCatalogCoversTheDomain(t *testing.T) {
	all := DemoAPIs()
	if len(all) < 15 {
		t.Fatalf("demo catalog has %d APIs, want at least 15", len(all))
	}
	cats, systems := map[api.Category]bool{}, map[api.SystemType]bool{}
	for _, n := range all {
		cats[n.API.Category] = true
		systems[n.API.SystemType] = true
		if n.API.Owner == "" || len(n.API.Environments) == 0 || n.API.Terms.Version == "" {
			t.Errorf("%s lacks owner, environments or terms", n.API.ID)
		}
	}
	if len(cats) != len(api.Categories) || len(systems) != len(api.SystemTypes) {
		t.Errorf("categories %v, system types %v: want all four of each", cats, systems)
	}
}

var xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) 00000 n $`)

func TestTermsAreRealPDFs(t *testing.T) {
	for _, n := range DemoAPIs() {
		pdf := n.TermsPDF
		if err := api.ValidatePDF(pdf); err != nil {
			t.Fatalf("%s: %v", n.API.ID, err)
		}
		// Every cross-reference offset must point at "N 0 obj", and
		// startxref at the xref table: what a reader relies on.
		for i, m := range xrefEntry.FindAllSubmatch(pdf, -1) {
			off, _ := strconv.Atoi(string(m[1]))
			want := []byte(strconv.Itoa(i+1) + " 0 obj")
			if !bytes.HasPrefix(pdf[off:], want) {
				t.Fatalf("%s: xref entry %d points at %q", n.API.ID, i+1, pdf[off:off+10])
			}
		}
		m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(pdf)
		off, _ := strconv.Atoi(string(m[1]))
		if !bytes.HasPrefix(pdf[off:], []byte("xref")) {
			t.Fatalf("%s: startxref does not point at the xref table", n.API.ID)
		}
	}
}

func TestOpenAPIDocumentsAreValid(t *testing.T) {
	for _, n := range DemoAPIs() {
		doc, err := openapi3.NewLoader().LoadFromData(n.OpenAPIDoc)
		if err != nil {
			t.Fatalf("%s: %v", n.API.ID, err)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Errorf("%s: %v", n.API.ID, err)
		}
		if doc.Paths.Len() == 0 {
			t.Errorf("%s has no endpoints", n.API.ID)
		}
	}
}

// TestDemoSeedsOnlyAnEmptyDatabase, on SQLite and (with
// GECLI_TEST_ENGINE=postgres) on PostgreSQL: the server's tests copy the
// seeded SQLite database into PostgreSQL, so seeding PostgreSQL itself is
// checked here.
func TestDemoSeedsOnlyAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		path = pgtest.URL(t)
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := Demo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := Demo(ctx, d); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second seed: %v, want ErrNotEmpty", err)
	}
	items, err := d.ListAPIs(ctx, db.CatalogFilter{})
	if err != nil || len(items) != len(demoAPIs) {
		t.Fatalf("listed %d APIs (%v), want %d", len(items), err, len(demoAPIs))
	}
	tpu, err := d.GetAPI(ctx, "tpu")
	if err != nil || tpu.Rule.PRD != api.RuleAuto {
		t.Errorf("tpu rule override lost: %+v %v", tpu.Rule, err)
	}
	lake, _ := d.GetAPI(ctx, "datalake-pdpj")
	if lake.Rule.PRD != api.RuleFormRes316 || lake.Rule.HMG != api.RuleAuto {
		t.Errorf("datalake rule from the matrix: %+v", lake.Rule)
	}
}
