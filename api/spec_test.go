package api

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestTheSpecDeclaresSecurityAndItsProblems keeps in CI what Redocly's
// recommended rules check (make lint-spec runs Redocly itself): every
// operation says how it is called (security: [] when public), every tag
// is described, and every operation that takes a JSON body declares the
// 413 and 415 the server answers for a bad one, and the 400 of a bad
// query string.
func TestTheSpecDeclaresSecurityAndItsProblems(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range doc.Tags {
		if strings.TrimSpace(tag.Description) == "" {
			t.Errorf("tag %s has no description", tag.Name)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if op.Security == nil {
				t.Errorf("%s declares no security (public: security: [])", name)
			}
			if op.Responses.Value("400") == nil {
				t.Errorf("%s does not declare 400", name)
			}
			if op.RequestBody != nil && op.RequestBody.Value.Content.Get("application/json") != nil {
				for _, code := range []string{"413", "415"} {
					if op.Responses.Value(code) == nil {
						t.Errorf("%s takes JSON but does not declare %s", name, code)
					}
				}
			}
		}
	}
}
