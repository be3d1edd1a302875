package client

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func parseOne(t *testing.T, doc string) Endpoint {
	t.Helper()
	eps, err := ParseEndpoints([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(eps) != 1 {
		t.Fatalf("%d endpoints: %+v", len(eps), eps)
	}
	return eps[0]
}

// TestEndpointDetail: parameters (the path item's and the operation's),
// the body's schema through $ref with its required properties, the
// responses and the document's example.
func TestEndpointDetail(t *testing.T) {
	e := parseOne(t, `{"openapi": "3.0.3", "paths": {"/bens/{id}": {
		"parameters": [{"$ref": "#/components/parameters/Id"}],
		"put": {"summary": "Atualiza", "description": "Atualiza um bem.",
			"parameters": [{"name": "dryRun", "in": "query", "schema": {"type": "boolean"}, "description": "só valida"}],
			"requestBody": {"$ref": "#/components/requestBodies/Bem"},
			"responses": {"404": {"description": "não há"}, "200": {"$ref": "#/components/responses/Ok"}}}}},
		"components": {
			"parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}},
			"requestBodies": {"Bem": {"required": true, "content": {"text/plain": {}, "application/json": {"schema": {"$ref": "#/components/schemas/Bem"}}}}},
			"responses": {"Ok": {"description": "feito", "content": {"application/json": {"examples": {"um": {"value": {"id": "b1"}}}}}}},
			"schemas": {"Bem": {"type": "object", "required": ["nome"], "properties": {
				"nome": {"type": "string", "description": "o nome"}, "valor": {"type": ["number", "null"]},
				"tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}},
				"Tag": {"type": "string", "enum": ["a", "b"]}}}}`)
	if e.Method != "PUT" || e.Summary != "Atualiza" || e.Description != "Atualiza um bem." {
		t.Errorf("head: %+v", e)
	}
	wantParams := []Parameter{{Name: "id", In: "path", Type: "string (uuid)", Required: true},
		{Name: "dryRun", In: "query", Type: "boolean", Description: "só valida"}}
	if fmt.Sprint(e.Parameters) != fmt.Sprint(wantParams) {
		t.Errorf("parameters: %+v", e.Parameters)
	}
	b := e.Body
	if b == nil || b.ContentType != "application/json" || !b.Required || b.Type != "Bem" {
		t.Fatalf("body: %+v", b)
	}
	wantProps := []Property{{Name: "nome", Type: "string", Description: "o nome", Required: true},
		{Name: "tags", Type: "array<string (a | b)>"}, {Name: "valor", Type: "number | null"}}
	if fmt.Sprint(b.Properties) != fmt.Sprint(wantProps) {
		t.Errorf("properties: %+v", b.Properties)
	}
	if b.Example == nil || !b.Example.Built || !strings.Contains(b.Example.Text, `"tags": [`) {
		t.Errorf("built body example: %+v", b.Example)
	}
	if fmt.Sprint(e.Responses) != "[{200 feito} {404 não há}]" {
		t.Errorf("responses: %+v", e.Responses)
	}
	if x := e.Example; x == nil || x.Built || x.Status != "200" || x.Text != "{\n  \"id\": \"b1\"\n}" {
		t.Errorf("response example: %+v", x)
	}
}

// TestHostileDocuments: a document is the server's, so read as
// untrusted: cycles and long chains of $ref end, a schema that fans out
// does not explode, deep nesting and huge documents are refused, and
// terminal controls never reach the screen.
func TestHostileDocuments(t *testing.T) {
	// A cycle through properties, a $ref cycle with no schema at all,
	// and a chain of 5,000 refs.
	var chain strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&chain, `"S%d": {"$ref": "#/components/schemas/S%d"},`, i, i+1)
	}
	// Fan-out: each level has 30 properties pointing at the next level.
	var fan strings.Builder
	for l := range 20 {
		fan.WriteString(fmt.Sprintf(`"F%d": {"type": "object", "properties": {`, l))
		for p := range 30 {
			if p > 0 {
				fan.WriteString(",")
			}
			fmt.Fprintf(&fan, `"p%d": {"$ref": "#/components/schemas/F%d"}`, p, l+1)
		}
		fan.WriteString(`}},`)
	}
	doc := `{"openapi": "3.1.0", "paths": {"/x\u001b[2J": {
		"post": {"summary": "a\u001b]52;c;aGk=\u0007b\u202ec",
			"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
			"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/F0"}}}},
				"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}},
				"202": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loop"}}}}}}}},
		"components": {"schemas": {` + chain.String() + fan.String() + `
			"Loop": {"$ref": "#/components/schemas/Loop"},
			"A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}, "n": {"type": "string"}}},
			"B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}}}}}`
	start := time.Now()
	e := parseOne(t, doc)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("parsing took %v", d)
	}
	for _, s := range []string{e.Path, e.Summary} {
		if strings.ContainsAny(s, "\x1b\x07\u202e") {
			t.Errorf("a terminal control survived: %q", s)
		}
	}
	if e.Body == nil || e.Body.Example == nil || !strings.Contains(e.Body.Example.Text, `"b": {}`) {
		t.Errorf("the A-B cycle: %+v", e.Body)
	}
	if e.Example == nil || len(e.Example.Text) > maxExampleBytes {
		t.Errorf("the fan-out's example: %+v", e.Example)
	}

	deep := `{"openapi": "3.0.0", "x": ` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`
	huge := `{"openapi": "3.0.0", "x": "` + strings.Repeat("a", MaxOpenAPIBytes) + `"}`
	for name, doc := range map[string]string{"deep": deep, "huge": huge, "garbage": "not an openapi doc {",
		"swagger 2": `{"swagger": "2.0", "paths": {}}`} {
		if _, err := ParseEndpoints([]byte(doc)); !errors.Is(err, &Error{Kind: KindBadOpenAPI}) {
			t.Errorf("%s: %v, want KindBadOpenAPI", name, err)
		}
	}
}

// TestWrongShapesAreLeftOut: a piece of the wrong type costs that piece,
// not the document.
func TestWrongShapesAreLeftOut(t *testing.T) {
	e := parseOne(t, `{"openapi": "3.0.0", "paths": {"/a": {"get": {"summary": 5, "description": "lê\ntudo",
		"parameters": [7, {"name": "q", "in": "query", "schema": "x"}], "responses": {"200": "ok"}}}}}`)
	if e.Summary != "lê" || len(e.Parameters) != 1 || e.Parameters[0].Name != "q" || len(e.Responses) != 1 {
		t.Errorf("%+v", e)
	}
}

func BenchmarkParseEndpoints(b *testing.B) {
	var paths strings.Builder
	for i := range 500 {
		if i > 0 {
			paths.WriteString(",")
		}
		fmt.Fprintf(&paths, `"/r%d/{id}": {"get": {"summary": "s", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
			"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/R"}}}}}},
			"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/R"}}}}, "responses": {"201": {"description": "ok"}}}}`, i)
	}
	doc := []byte(`{"openapi": "3.0.3", "paths": {` + paths.String() + `}, "components": {"schemas": {"R": {"type": "object",
		"properties": {"a": {"type": "string"}, "b": {"type": "integer"}, "c": {"type": "array", "items": {"$ref": "#/components/schemas/R"}}}}}}}`)
	for b.Loop() {
		if _, err := ParseEndpoints(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAHugeExampleIsNotCopied: a component whose own example is large,
// referred to by many properties, is not copied into the built example
// once per property (gigabytes before the text is cut): past the bytes
// left, the value is said to be left out.
func TestAHugeExampleIsNotCopied(t *testing.T) {
	var props strings.Builder
	for p := range 100 {
		if p > 0 {
			props.WriteString(",")
		}
		fmt.Fprintf(&props, `"p%d": {"$ref": "#/components/schemas/Big"}`, p)
	}
	doc := `{"openapi": "3.0.0", "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json":
		{"schema": {"type": "object", "properties": {` + props.String() + `}}}}}}}}},
		"components": {"schemas": {"Big": {"type": "string", "example": "` + strings.Repeat("a", 1<<20) + `"}}}}`
	e := parseOne(t, doc)
	if e.Example == nil || !e.Example.Built || !strings.Contains(e.Example.Text, `"p0": "…"`) || len(e.Example.Text) > maxExampleBytes {
		t.Fatalf("the built example: %+v", e.Example)
	}
	if !utf8.ValidString(e.Example.Text) {
		t.Error("the example's text was cut inside a character")
	}
}
