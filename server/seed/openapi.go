package seed

import (
	"encoding/json"
	"regexp"
	"strings"
)

// endpoint is one operation of a demo API's OpenAPI document.
type endpoint struct {
	method, path, summary string
}

var pathParam = regexp.MustCompile(`\{([a-zA-Z_]+)\}`)

// openAPIDoc builds a plausible OpenAPI 3.0.3 document (JSON) for a demo
// API: its servers, OAuth2 client-credentials security, and the endpoints
// with their path parameters and the usual responses; those in opDetails
// also with query and header parameters, bodies, schemas and examples.
func openAPIDoc(title, version, description, hmg, prd, tokenURL string, eps []endpoint) []byte {
	paths := map[string]map[string]any{}
	used := map[string]bool{}
	for _, e := range eps {
		det := opDetails[e.method+" "+e.path]
		success := det.status
		if success == "" {
			success = "200"
		}
		media := map[string]any{"schema": schemaOf(det.response, used)}
		if det.example != nil {
			media["example"] = det.example
		}
		op := map[string]any{
			"summary":     e.summary,
			"operationId": operationID(e),
			"responses": map[string]any{
				success: map[string]any{"description": "Sucesso", "content": map[string]any{"application/json": media}},
				"401":   map[string]any{"$ref": "#/components/responses/Unauthorized"},
				"403":   map[string]any{"$ref": "#/components/responses/Forbidden"},
			},
		}
		if det.description != "" {
			op["description"] = det.description
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(e.path, -1) {
			schema := map[string]any{"type": "string"}
			desc := pathParams[m[1]]
			if desc[1] != "" {
				schema["format"] = desc[1]
			}
			p := map[string]any{"name": m[1], "in": "path", "required": true, "schema": schema}
			if desc[0] != "" {
				p["description"] = desc[0]
			}
			params = append(params, p)
		}
		for _, q := range det.params {
			schema := map[string]any{"type": q.typ}
			if q.format != "" {
				schema["format"] = q.format
			}
			if q.enum != nil {
				schema["enum"] = q.enum
			}
			params = append(params, map[string]any{"name": q.name, "in": q.in, "required": q.required,
				"description": q.desc, "schema": schema})
		}
		if params != nil {
			op["parameters"] = params
		}
		if e.method == "post" || e.method == "put" || e.method == "patch" {
			body := map[string]any{"schema": schemaOf(det.body, used)}
			if det.bodyExample != nil {
				body["example"] = det.bodyExample
			}
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": body}}
		}
		if paths[e.path] == nil {
			paths[e.path] = map[string]any{}
		}
		paths[e.path][e.method] = op
	}
	schemas := map[string]any{}
	for name := range used {
		schemas[name] = demoSchemas[name]
	}
	var servers []any
	if hmg != "" {
		servers = append(servers, map[string]any{"url": hmg, "description": "Homologação"})
	}
	if prd != "" {
		servers = append(servers, map[string]any{"url": prd, "description": "Produção"})
	}
	problem := map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"type": "object"}}}
	doc := map[string]any{
		"openapi":  "3.0.3",
		"info":     map[string]any{"title": title, "version": version, "description": description},
		"servers":  servers,
		"security": []any{map[string]any{"pdpj": []any{}}},
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"pdpj": map[string]any{
				"type": "oauth2", "flows": map[string]any{"clientCredentials": map[string]any{
					"tokenUrl": tokenURL, "scopes": map[string]any{}}}}},
			"schemas": schemas,
			"responses": map[string]any{
				"Unauthorized": map[string]any{"description": "Token ausente, expirado ou inválido", "content": problem},
				"Forbidden":    map[string]any{"description": "Credencial sem permissão ou IP fora da lista", "content": problem},
			},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // only maps of strings: cannot fail
	}
	return b
}

// schemaOf is the schema of a body: a component ("X", or "[]X" for an
// array of them, marked used with what it names) or any object.
func schemaOf(name string, used map[string]bool) map[string]any {
	if name == "" {
		return map[string]any{"type": "object"}
	}
	if item, ok := strings.CutPrefix(name, "[]"); ok {
		return arrayOf(schemaOf(item, used))
	}
	markUsed(name, used)
	return ref(name)
}

// markUsed marks a component and those its schema names.
func markUsed(name string, used map[string]bool) {
	if used[name] {
		return
	}
	used[name] = true
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, ok := v["$ref"].(string); ok {
				markUsed(strings.TrimPrefix(r, "#/components/schemas/"), used)
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(demoSchemas[name])
}

func operationID(e endpoint) string {
	id := e.method
	for _, part := range strings.Split(e.path, "/") {
		part = strings.Trim(part, "{}")
		if part == "" {
			continue
		}
		id += strings.ToUpper(part[:1]) + strings.ReplaceAll(part[1:], "-", "")
	}
	return id
}
