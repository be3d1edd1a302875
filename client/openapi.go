package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
)

// The OpenAPI document comes from the server, which stores what an admin
// uploaded: it is read as untrusted. These bound what one document can
// cost to read and to show.
const (
	// MaxOpenAPIBytes: the server keeps documents of up to
	// api.MaxOpenAPIDocBytes as uploaded and serves them re-encoded as
	// JSON, which may be somewhat larger.
	MaxOpenAPIBytes = 2 * api.MaxOpenAPIDocBytes
	maxJSONDepth    = 64   // nesting of objects and arrays
	maxEndpoints    = 2000 // operations read, in path order (the rest are left out)
	maxRefHops      = 16   // a $ref to a $ref to …
	maxTypeDepth    = 3    // "array<array<Bem>>"
	maxExampleDepth = 6    // nesting of an example built from a schema
	maxExampleNodes = 200  // values in one built example
	maxExampleBytes = 4096 // of one example's text
	maxListed       = 100  // parameters, properties, responses of one operation
	maxTextRunes    = 2000 // a description
	maxLineRunes    = 300  // a summary, a name, a type
	maxWork         = 64 << 20
)

// Endpoint is one operation of an API, as the Documentação view lists it
// and details it (FAQ 3.11: endpoints, parameters, response examples).
type Endpoint struct {
	Method      string // upper case: GET, POST...
	Path        string
	Summary     string // the summary, else the description's first line
	Description string
	Deprecated  bool
	Parameters  []Parameter
	Body        *RequestBody // nil: the operation takes none
	Responses   []Response
	// Example is the first success response's example (nil: none).
	Example *Example
}

// Parameter is one of an operation's parameters.
type Parameter struct {
	Name, In, Type, Description string
	Required                    bool
}

// RequestBody is what an operation accepts: the first content type the
// document lists (JSON preferred) and the top-level properties of its
// schema, $ref resolved.
type RequestBody struct {
	ContentType, Description string
	Required                 bool
	Type                     string // the schema's type: "object", "Bem", "array<Bem>"
	Properties               []Property
	Example                  *Example
}

// Property is one top-level property of a schema.
type Property struct {
	Name, Type, Description string
	Required                bool
}

// Response is one of an operation's responses.
type Response struct {
	Status, Description string
}

// Example is a sample of a body: the document's own (example or
// examples), or one built from the schema when the document gives none.
type Example struct {
	Status      string // the response's status; "" for a request body
	ContentType string
	Text        string // indented JSON (or the document's text)
	Built       bool   // built from the schema
	Cut         bool   // longer than what is kept
}

var methodOrder = map[string]int{"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4, "HEAD": 5, "OPTIONS": 6, "TRACE": 7}

var errNotOpenAPI3 = errors.New("not an OpenAPI 3 document")

// ParseEndpoints reads the operations of an OpenAPI 3 document (JSON, as
// the server serves it), sorted by path and then by the usual method
// order, each with its parameters, body, responses and an example. A
// document over the limits of size or nesting is refused; what is too
// long inside it is cut; a $ref that cannot be followed (outside the
// document, a cycle, too many hops) is shown by its name.
func ParseEndpoints(doc []byte) ([]Endpoint, error) {
	if len(doc) > MaxOpenAPIBytes {
		return nil, &Error{Kind: KindBadOpenAPI, Err: fmt.Errorf("document of %d bytes, over %d", len(doc), MaxOpenAPIBytes)}
	}
	if err := checkDepth(doc, maxJSONDepth); err != nil {
		return nil, &Error{Kind: KindBadOpenAPI, Err: err}
	}
	var d rawDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, &Error{Kind: KindBadOpenAPI, Err: err}
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		return nil, &Error{Kind: KindBadOpenAPI, Err: errNotOpenAPI3}
	}
	type opRef struct {
		path, method string
		raw          json.RawMessage
		shared       []json.RawMessage // the path item's parameters
	}
	var ops []opRef
	for path, item := range d.Paths {
		item = d.follow(item)
		var fields map[string]json.RawMessage
		if json.Unmarshal(item, &fields) != nil {
			continue
		}
		var shared []json.RawMessage
		d.decode(fields["parameters"], &shared)
		for m, raw := range fields {
			method := strings.ToUpper(m)
			if _, ok := methodOrder[method]; ok {
				ops = append(ops, opRef{path: path, method: method, raw: raw, shared: shared})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return methodOrder[ops[i].method] < methodOrder[ops[j].method]
	})
	ops = ops[:min(len(ops), maxEndpoints)]
	out := make([]Endpoint, 0, len(ops))
	for _, o := range ops {
		out = append(out, d.endpoint(o.method, o.path, o.raw, o.shared))
	}
	return out, nil
}

// checkDepth refuses a document nested deeper than limit, before a
// decoder recurses into it.
func checkDepth(b []byte, limit int) error {
	depth, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > limit {
				return fmt.Errorf("nested deeper than %d levels", limit)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// The document's shapes, as far as the view needs them. Pieces are kept
// raw and decoded when reached, leniently: a piece of the wrong shape is
// left out, not the whole document.
type rawDoc struct {
	OpenAPI    string                     `json:"openapi"`
	Paths      map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]json.RawMessage

	work    int                       // bytes decoded so far
	schemas map[string]resolvedSchema // components decoded, by $ref
}

type rawOp struct {
	Summary, Description string
	Deprecated           bool
	Parameters           []json.RawMessage
	RequestBody          json.RawMessage
	Responses            map[string]json.RawMessage
}

type rawParam struct {
	Name, In, Description string
	Required              bool
	Schema                json.RawMessage
	Content               map[string]rawMedia
}

type rawBody struct {
	Description string
	Required    bool
	Content     map[string]rawMedia
}

type rawResponse struct {
	Description string
	Content     map[string]rawMedia
}

type rawMedia struct {
	Schema   json.RawMessage
	Example  json.RawMessage
	Examples map[string]json.RawMessage
}

type rawExample struct {
	Value json.RawMessage
}

type rawSchema struct {
	Type                 json.RawMessage // a string, or a list of them (3.1)
	Format               string
	Description          string
	Properties           map[string]json.RawMessage
	Required             []string
	Items                json.RawMessage
	AdditionalProperties json.RawMessage
	Enum                 []json.RawMessage
	Example              json.RawMessage
	Examples             json.RawMessage // a list in 3.1
	Default              json.RawMessage
	Const                json.RawMessage
	AllOf, OneOf, AnyOf  []json.RawMessage
}

// decode reads one piece, leniently: what fits is kept. What the whole
// document may cost to read is bounded (a hostile one can point every
// operation at one huge schema): past maxWork bytes decoded, pieces come
// out empty.
func (d *rawDoc) decode(raw json.RawMessage, v any) {
	if len(raw) == 0 || d.work > maxWork {
		return
	}
	d.work += len(raw)
	_ = json.Unmarshal(raw, v)
}

// refOf is the $ref of an object, if it is one.
func (d *rawDoc) refOf(raw json.RawMessage) string {
	var r struct {
		Ref string `json:"$ref"`
	}
	if len(raw) == 0 || raw[0] != '{' || !bytes.Contains(raw, []byte(`"$ref"`)) {
		return ""
	}
	d.decode(raw, &r)
	return r.Ref
}

// resolve follows one $ref of the form #/components/<section>/<name>.
func (d *rawDoc) resolve(ref string) (json.RawMessage, bool) {
	rest, ok := strings.CutPrefix(ref, "#/components/")
	if !ok {
		return nil, false
	}
	section, name, ok := strings.Cut(rest, "/")
	if !ok || strings.Contains(name, "/") {
		return nil, false
	}
	name = strings.NewReplacer("~1", "/", "~0", "~").Replace(name)
	raw, ok := d.Components[section][name]
	return raw, ok
}

// follow resolves raw's $refs within the document; what cannot be
// followed comes back as the last $ref object reached.
func (d *rawDoc) follow(raw json.RawMessage) json.RawMessage {
	raw, _, _ = d.followNamed(raw)
	return raw
}

// followNamed is follow, also naming the last component reached (the
// schema's name) and whether a $ref was left unresolved.
func (d *rawDoc) followNamed(raw json.RawMessage) (json.RawMessage, string, bool) {
	name := ""
	for range maxRefHops {
		ref := d.refOf(raw)
		if ref == "" {
			return raw, name, false
		}
		name = refName(ref)
		next, ok := d.resolve(ref)
		if !ok {
			return raw, name, true
		}
		raw = next
	}
	return raw, name, true // a cycle of $refs, or too long a chain
}

func refName(ref string) string {
	return clean(ref[strings.LastIndex(ref, "/")+1:], maxLineRunes)
}

func (d *rawDoc) endpoint(method, path string, raw json.RawMessage, shared []json.RawMessage) Endpoint {
	var op rawOp
	d.decode(raw, &op)
	e := Endpoint{Method: method, Path: clean(path, maxLineRunes), Deprecated: op.Deprecated,
		Summary: clean(op.Summary, maxLineRunes), Description: cleanText(op.Description, maxTextRunes)}
	if e.Summary == "" {
		first, _, _ := strings.Cut(e.Description, "\n")
		e.Summary = clean(first, maxLineRunes)
	}
	e.Parameters = d.parameters(append(append([]json.RawMessage{}, shared...), op.Parameters...))
	if len(op.RequestBody) > 0 {
		e.Body = d.body(op.RequestBody)
	}
	statuses := make([]string, 0, len(op.Responses))
	for s := range op.Responses {
		statuses = append(statuses, s)
	}
	sort.Strings(statuses) // "2XX" after "204", "default" last
	for _, s := range statuses[:min(len(statuses), maxListed)] {
		var r rawResponse
		d.decode(d.follow(op.Responses[s]), &r)
		e.Responses = append(e.Responses, Response{Status: clean(s, 20), Description: clean(r.Description, maxLineRunes)})
		if e.Example == nil && strings.HasPrefix(s, "2") {
			if ct, m, ok := pickMedia(r.Content); ok {
				e.Example = d.example(m)
				if e.Example != nil {
					e.Example.Status, e.Example.ContentType = clean(s, 20), ct
				}
			}
		}
	}
	return e
}

// parameters merges the path item's and the operation's (the
// operation's win on the same name and place), path ones first.
func (d *rawDoc) parameters(raws []json.RawMessage) []Parameter {
	var out []Parameter
	index := map[string]int{}
	for _, raw := range raws {
		var p rawParam
		resolved, name, broken := d.followNamed(raw)
		d.decode(resolved, &p)
		if broken && p.Name == "" {
			p.Name = name
		}
		if p.Name == "" {
			continue
		}
		schema := p.Schema
		if schema == nil {
			if _, m, ok := pickMedia(p.Content); ok {
				schema = m.Schema
			}
		}
		param := Parameter{Name: clean(p.Name, maxLineRunes), In: clean(p.In, 20), Required: p.Required || p.In == "path",
			Description: cleanText(p.Description, maxTextRunes), Type: d.typeName(schema, 0)}
		key := param.In + "\x00" + param.Name
		if i, ok := index[key]; ok {
			out[i] = param
			continue
		}
		if len(out) == maxListed {
			break
		}
		index[key] = len(out)
		out = append(out, param)
	}
	place := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	sort.SliceStable(out, func(i, j int) bool { return place[out[i].In] < place[out[j].In] })
	return out
}

func (d *rawDoc) body(raw json.RawMessage) *RequestBody {
	var rb rawBody
	d.decode(d.follow(raw), &rb)
	b := &RequestBody{Description: cleanText(rb.Description, maxTextRunes), Required: rb.Required}
	ct, m, ok := pickMedia(rb.Content)
	if !ok {
		return b
	}
	b.ContentType = ct
	b.Type = d.typeName(m.Schema, 0)
	b.Properties = d.properties(m.Schema)
	if b.Example = d.example(m); b.Example != nil {
		b.Example.ContentType = ct
	}
	return b
}

// pickMedia chooses the content type to show: JSON first, else the
// first by name.
func pickMedia(content map[string]rawMedia) (string, rawMedia, bool) {
	if len(content) == 0 {
		return "", rawMedia{}, false
	}
	types := make([]string, 0, len(content))
	for ct := range content {
		types = append(types, ct)
	}
	sort.Slice(types, func(i, j int) bool {
		ji, jj := strings.Contains(types[i], "json"), strings.Contains(types[j], "json")
		if ji != jj {
			return ji
		}
		return types[i] < types[j]
	})
	return clean(types[0], maxLineRunes), content[types[0]], true
}

// schema resolves raw's $refs and decodes it, naming the component; a
// component is decoded once.
func (d *rawDoc) schema(raw json.RawMessage) (rawSchema, string, bool) {
	ref := d.refOf(raw)
	if c, ok := d.schemas[ref]; ok && ref != "" {
		return c.rawSchema, c.name, c.ok
	}
	var s rawSchema
	resolved, name, broken := d.followNamed(raw)
	if !broken {
		d.decode(resolved, &s)
	}
	if ref != "" {
		if d.schemas == nil {
			d.schemas = map[string]resolvedSchema{}
		}
		d.schemas[ref] = resolvedSchema{s, name, !broken}
	}
	return s, name, !broken
}

type resolvedSchema struct {
	rawSchema
	name string
	ok   bool
}

// typeName says what a schema is in a few words, in the schema's own
// terms (no language of the UI): "string (date)", "Bem", "array<Bem>",
// "integer | null".
func (d *rawDoc) typeName(raw json.RawMessage, depth int) string {
	if len(raw) == 0 {
		return ""
	}
	s, name, ok := d.schema(raw)
	if !ok {
		return name
	}
	types := schemaTypes(s)
	if len(types) == 0 {
		switch {
		case len(s.Properties) > 0:
			types = []string{"object"}
		case len(s.AllOf) > 0 && depth < maxTypeDepth:
			return d.typeName(s.AllOf[0], depth+1)
		case len(s.OneOf)+len(s.AnyOf) > 0 && depth < maxTypeDepth:
			var alts []string
			for _, a := range append(append([]json.RawMessage{}, s.OneOf...), s.AnyOf...)[:min(3, len(s.OneOf)+len(s.AnyOf))] {
				alts = append(alts, d.typeName(a, depth+1))
			}
			return clean(strings.Join(alts, " | "), maxLineRunes)
		}
	}
	if name != "" && isOnly(types, "object") {
		return name
	}
	out := strings.Join(types, " | ")
	switch {
	case isOnly(types, "array"):
		if depth < maxTypeDepth {
			if item := d.typeName(s.Items, depth+1); item != "" {
				out = "array<" + item + ">"
			}
		}
	case s.Format != "":
		out += " (" + s.Format + ")"
	}
	if len(s.Enum) > 0 {
		var vals []string
		for _, v := range s.Enum[:min(5, len(s.Enum))] {
			var str string
			if json.Unmarshal(v, &str) != nil {
				str = string(v)
			}
			vals = append(vals, str)
		}
		if len(s.Enum) > 5 {
			vals = append(vals, "…")
		}
		out += " (" + strings.Join(vals, " | ") + ")"
	}
	return clean(out, maxLineRunes)
}

func isOnly(list []string, s string) bool { return len(list) == 1 && list[0] == s }

func schemaTypes(s rawSchema) []string {
	var one string
	if json.Unmarshal(s.Type, &one) == nil && one != "" {
		return []string{clean(one, 20)}
	}
	var many []string
	_ = json.Unmarshal(s.Type, &many) // a short list, already bounded by the document
	out := many[:0]
	for _, t := range many[:min(len(many), 4)] {
		out = append(out, clean(t, 20))
	}
	return out
}

// properties lists a schema's top-level properties (those of its allOf
// parts too, and of its items when it is an array), required first.
func (d *rawDoc) properties(raw json.RawMessage) []Property {
	s, _, ok := d.schema(raw)
	if !ok {
		return nil
	}
	if isOnly(schemaTypes(s), "array") {
		if s, _, ok = d.schema(s.Items); !ok {
			return nil
		}
	}
	props, required := map[string]json.RawMessage{}, map[string]bool{}
	merge := func(s rawSchema) {
		for k, v := range s.Properties {
			props[k] = v
		}
		for _, r := range s.Required {
			required[r] = true
		}
	}
	merge(s)
	for _, part := range s.AllOf[:min(len(s.AllOf), 8)] {
		if ps, _, ok := d.schema(part); ok {
			merge(ps)
		}
	}
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if required[names[i]] != required[names[j]] {
			return required[names[i]]
		}
		return names[i] < names[j]
	})
	out := make([]Property, 0, min(len(names), maxListed))
	for _, n := range names[:min(len(names), maxListed)] {
		ps, _, _ := d.schema(props[n])
		out = append(out, Property{Name: clean(n, maxLineRunes), Type: d.typeName(props[n], 0),
			Description: cleanText(ps.Description, maxTextRunes), Required: required[n]})
	}
	return out
}

// example is the media's example: its own, the first of its examples,
// the schema's, or one built from the schema.
func (d *rawDoc) example(m rawMedia) *Example {
	if len(m.Example) > 0 {
		return exampleText(m.Example, false)
	}
	names := make([]string, 0, len(m.Examples))
	for n := range m.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var ex rawExample
		d.decode(d.follow(m.Examples[n]), &ex)
		if len(ex.Value) > 0 {
			return exampleText(ex.Value, false)
		}
	}
	if len(m.Schema) == 0 {
		return nil
	}
	b := builder{d: d, budget: maxExampleNodes, bytes: 2 * maxExampleBytes}
	v, ok := b.build(m.Schema, 0, nil)
	if obj, isObj := v.(map[string]any); !ok || isObj && len(obj) == 0 {
		return nil // "{}" tells nothing
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return exampleText(raw, true)
}

// exampleText indents a JSON value and cuts it to the limit.
func exampleText(raw json.RawMessage, built bool) *Example {
	out, err := indent(raw)
	if err != nil {
		out = raw
	}
	text, cut := string(out), false
	if len(text) > maxExampleBytes {
		n := maxExampleBytes
		for n > 0 && !utf8.RuneStart(text[n]) {
			n-- // never half a character
		}
		text, cut = text[:n], true
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i]
		}
	}
	return &Example{Text: cleanText(text, maxExampleBytes), Built: built, Cut: cut}
}

func indent(raw json.RawMessage) ([]byte, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	// A JSON string example is often a whole payload written as text.
	if s, ok := v.(string); ok {
		return []byte(s), nil
	}
	return json.MarshalIndent(v, "", "  ")
}

// builder makes an example out of a schema, within a budget of values
// and depth, never entering a component it is already inside.
type builder struct {
	d      *rawDoc
	budget int
	// bytes is what the document's own values (example, default, enum)
	// may still add: one component's huge example referred to by every
	// property would otherwise be copied into the example again and again.
	bytes int
}

// given takes one of the document's own values into the example, within
// the bytes left; past them it says the value was left out.
func (b *builder) given(v json.RawMessage) (any, bool) {
	if len(v) > b.bytes {
		b.bytes = 0
		return "…", true
	}
	b.bytes -= len(v)
	return v, true
}

func (b *builder) build(raw json.RawMessage, depth int, inside []string) (any, bool) {
	if b.budget <= 0 || depth > maxExampleDepth || len(raw) == 0 {
		return nil, false
	}
	b.budget--
	s, name, ok := b.d.schema(raw)
	if !ok {
		return nil, false
	}
	if name != "" {
		for _, n := range inside {
			if n == name {
				return nil, false // a cycle: the value stops here
			}
		}
		inside = append(inside[:len(inside):len(inside)], name)
	}
	for _, given := range []json.RawMessage{s.Example, s.Default, s.Const} {
		if len(given) > 0 {
			return b.given(given)
		}
	}
	var list []json.RawMessage
	if b.d.decode(s.Examples, &list); len(list) > 0 {
		return b.given(list[0])
	}
	if len(s.Enum) > 0 {
		return b.given(s.Enum[0])
	}
	types := schemaTypes(s)
	typ := ""
	for _, t := range types {
		if t != "null" {
			typ = t
			break
		}
	}
	if typ == "" {
		switch {
		case len(s.Properties) > 0 || len(s.AllOf) > 0:
			typ = "object"
		case len(s.OneOf) > 0:
			return b.build(s.OneOf[0], depth+1, inside)
		case len(s.AnyOf) > 0:
			return b.build(s.AnyOf[0], depth+1, inside)
		}
	}
	switch typ {
	case "object":
		obj := map[string]any{}
		add := func(s rawSchema) {
			names := make([]string, 0, len(s.Properties))
			for n := range s.Properties {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names[:min(len(names), maxListed)] {
				if v, ok := b.build(s.Properties[n], depth+1, inside); ok {
					obj[n] = v
				}
			}
		}
		add(s)
		for _, part := range s.AllOf[:min(len(s.AllOf), 8)] {
			if ps, n, ok := b.d.schema(part); ok && !contains(inside, n) {
				add(ps)
			}
		}
		return obj, true
	case "array":
		if v, ok := b.build(s.Items, depth+1, inside); ok {
			return []any{v}, true
		}
		return []any{}, true
	case "string":
		return sampleString(s.Format), true
	case "integer":
		return 0, true
	case "number":
		return 0.0, true
	case "boolean":
		return true, true
	}
	return nil, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s && s != "" {
			return true
		}
	}
	return false
}

func sampleString(format string) string {
	switch format {
	case "date":
		return "2026-01-31"
	case "date-time":
		return "2026-01-31T12:00:00Z"
	case "email":
		return "nome@exemplo.jus.br"
	case "uuid":
		return "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	case "uri", "url":
		return "https://exemplo.jus.br"
	case "byte":
		return "U3dhZ2dlcg=="
	}
	return "string"
}

// clean makes one line of untrusted text safe for a terminal (no control
// or formatting characters, which could move the cursor or reorder the
// screen) and cuts it to n runes.
func clean(s string, n int) string {
	s = cleanText(s, n)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}

// cleanText keeps line breaks (tabs become spaces), drops every other
// control or formatting character and cuts s to n runes.
func cleanText(s string, n int) string {
	var b strings.Builder
	b.Grow(len(s))
	count := 0
	for _, r := range s {
		switch {
		case r == '\n':
		case r == '\t':
			r = ' '
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0xfeff, r >= 0x200b && r <= 0x200f,
			r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f, r == 0x2028, r == 0x2029:
			continue
		}
		if count++; count > n {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
