package strictjson

import (
	"errors"
	"strings"
	"testing"
)

type body struct {
	Purpose string `json:"purpose"`
	Contact struct {
		Name string `json:"name"`
	} `json:"contact"`
	Items []struct {
		Password string `json:"password"`
	} `json:"items"`
	Count int `json:"count"`
}

// TestBodiesAreRefusedSayingWhere: each way a body may be wrong is refused,
// saying where; a good body decodes.
func TestBodiesAreRefusedSayingWhere(t *testing.T) {
	for _, c := range []struct{ name, in, path, says string }{
		{"trailing data", `{"purpose":"a"} x`, "", "depois do valor"},
		{"the body twice", `{"purpose":"a"}{"purpose":"a"}`, "", "depois do valor"},
		{"a duplicate key", `{"purpose":"a","purpose":"b"}`, "purpose", "repetido"},
		{"a nested duplicate", `{"contact":{"name":"a","name":"b"}}`, "contact.name", "repetido"},
		{"an unknown field", `{"purpose":"a","admin":true}`, "admin", "desconhecido"},
		{"a key in another case", `{"PURPOSE":"a"}`, "PURPOSE", "desconhecido"},
		{"the same key in two cases", `{"purpose":"a","PURPOSE":"b"}`, "PURPOSE", "desconhecido"},
		{"a long s for an s", `{"contact":{"name":"a"},"purſose":"x"}`, "purſose", "desconhecido"},
		{"another case nested", `{"items":[{"password":"a"}],"contact":{"Name":"b"}}`, "contact.Name", "desconhecido"},
		{"a NUL", `{"purpose":"a\u0000b"}`, "purpose", "controle"},
		{"a raw control byte", "{\"purpose\":\"a\x1bb\"}", "", "JSON inválido"},
		{"an escaped control", `{"purpose":"a\u001bb"}`, "purpose", "controle"},
		{"a bidi override in a list", `{"items":[{"password":"ok"},{"password":"gpj.exe\u202e.pdf"}]}`, "items[1].password", "direção"},
		{"an isolate", `{"purpose":"\u2066x"}`, "purpose", "direção"},
		{"a lone surrogate", `{"purpose":"\ud800"}`, "purpose", "surrogate"},
		{"invalid UTF-8", "{\"purpose\":\"\xff\"}", "", "UTF-8"},
		{"a wrong type", `{"count":"3"}`, "count", "tipo errado"},
		{"cut short", `{"purpose":"a"`, "", "incompleto"},
		{"too deep", strings.Repeat("[", 40) + strings.Repeat("]", 40), "*", "aninhado"},
		{"empty", ``, "", "incompleto"},
	} {
		var b body
		err := Decode([]byte(c.in), &b)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v, want a refusal", c.name, err)
			continue
		}
		if e.Path != c.path && c.path != "*" || !strings.Contains(e.Message, c.says) {
			t.Errorf("%s: path %q message %q, want path %q and %q", c.name, e.Path, e.Message, c.path, c.says)
		}
	}
	var b body
	if err := Decode([]byte(`{"purpose":"linha 1\nlinha 2\tfim","contact":{"name":"José Ñandú"},"items":[{"password":"p@ss"}],"count":2}`), &b); err != nil ||
		b.Contact.Name != "José Ñandú" || b.Count != 2 || b.Items[0].Password != "p@ss" {
		t.Fatalf("a good body: %+v %v", b, err)
	}
}
