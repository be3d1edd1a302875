package api

import _ "embed"

// OpenAPISpec is api/openapi.yaml, the OpenAPI 3.1 description of every
// endpoint the server has. The server serves it at /openapi.yaml and its
// tests validate real responses against it.
//
//go:embed openapi.yaml
var OpenAPISpec []byte
