package client

import (
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Endpoint is one operation of an API, as the Documentação view lists it.
type Endpoint struct {
	Method  string // upper case: GET, POST...
	Path    string
	Summary string
}

var methodOrder = map[string]int{"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}

// ParseEndpoints reads the operations of an OpenAPI 3 document (JSON or
// YAML), sorted by path and then by the usual method order.
func ParseEndpoints(doc []byte) ([]Endpoint, error) {
	t, err := openapi3.NewLoader().LoadFromData(doc)
	if err != nil {
		return nil, &Error{Kind: KindBadOpenAPI, Err: err}
	}
	var out []Endpoint
	if t.Paths == nil {
		return out, nil
	}
	for path, item := range t.Paths.Map() {
		for method, op := range item.Operations() {
			summary := strings.TrimSpace(op.Summary)
			if summary == "" {
				summary = strings.TrimSpace(op.Description)
			}
			out = append(out, Endpoint{Method: strings.ToUpper(method), Path: path, Summary: summary})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return methodOrder[out[i].Method] < methodOrder[out[j].Method]
	})
	return out, nil
}
