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
// with their path parameters and the usual responses.
func openAPIDoc(title, version, description, hmg, prd, tokenURL string, eps []endpoint) []byte {
	paths := map[string]map[string]any{}
	for _, e := range eps {
		op := map[string]any{
			"summary":     e.summary,
			"operationId": operationID(e),
			"responses": map[string]any{
				"200": map[string]any{"description": "Sucesso", "content": map[string]any{
					"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}},
				"401": map[string]any{"$ref": "#/components/responses/Unauthorized"},
				"403": map[string]any{"$ref": "#/components/responses/Forbidden"},
			},
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(e.path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true,
				"schema": map[string]any{"type": "string"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if e.method == "post" || e.method == "put" || e.method == "patch" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}}
		}
		if paths[e.path] == nil {
			paths[e.path] = map[string]any{}
		}
		paths[e.path][e.method] = op
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
