// Package strictjson decodes request bodies the way a careful server
// should: exactly one JSON value, no key given twice, no field the type
// does not know, valid UTF-8, and no text carrying characters that hide
// or disguise what it says (controls, bidirectional overrides, lone
// surrogates). encoding/json alone lets the second of two duplicate keys
// win silently, replaces invalid UTF-8, and ignores nothing of the rest.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
)

// maxDepth bounds nesting: no request body of the API nests deeper than a
// few levels, and the check below recurses.
const maxDepth = 32

// Error is a body refused, with where in it (a JSON path such as
// "technical_contact.name" or "credentials[2].password"; "" for the body).
type Error struct {
	Path    string
	Message string // pt-BR, for the problem's detail
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Decode checks body and decodes it into v (unknown fields refused).
func Decode(body []byte, v any) error {
	if err := Check(body); err != nil {
		return err
	}
	if err := exactKeys(body, reflect.TypeOf(v), ""); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// Check reports the first thing wrong with body as JSON, without
// decoding it into a type.
func Check(body []byte) error {
	if !utf8.Valid(body) {
		return &Error{Message: "o corpo não é UTF-8 válido"}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := walk(dec, "", 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Message: "há dados depois do valor JSON: envie um só objeto"}
	}
	return nil
}

func walk(dec *json.Decoder, path string, depth int) error {
	if depth > maxDepth {
		return &Error{Path: path, Message: "JSON aninhado demais"}
	}
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			seen := map[string]bool{}
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					return syntaxError(err)
				}
				key := tok.(string) // the decoder allows only strings here
				at := join(path, key)
				if seen[key] {
					return &Error{Path: at, Message: "campo repetido: envie cada campo uma vez só"}
				}
				seen[key] = true
				if msg := api.BadText(key); msg != "" {
					return &Error{Path: at, Message: "nome de campo " + msg}
				}
				if err := walk(dec, at, depth+1); err != nil {
					return err
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if err := walk(dec, path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
					return err
				}
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return syntaxError(err)
		}
	case string:
		if msg := api.BadText(t); msg != "" {
			return &Error{Path: path, Message: "texto " + msg}
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func syntaxError(err error) error {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return &Error{Message: fmt.Sprintf("JSON inválido perto do byte %d", syn.Offset)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Message: "JSON incompleto"}
	}
	return &Error{Message: "JSON inválido: " + err.Error()}
}

// decodeError turns encoding/json's errors (the body is valid JSON by
// now) into one naming the field.
func decodeError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return &Error{Path: typ.Field, Message: "tipo errado: esperado " + kind(typ.Type.Kind().String())}
	}
	msg := err.Error()
	if field, ok := cutUnknown(msg); ok {
		return &Error{Path: field, Message: "campo desconhecido"}
	}
	return &Error{Message: "JSON inválido: " + msg}
}

func cutUnknown(msg string) (string, bool) {
	const prefix = `json: unknown field "`
	if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		return msg[len(prefix) : len(msg)-1], true
	}
	return "", false
}

func kind(k string) string {
	switch k {
	case "string":
		return "texto"
	case "bool":
		return "true ou false"
	case "slice", "array":
		return "lista"
	case "map", "struct":
		return "objeto"
	}
	return "número"
}
