package strictjson

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
)

type fuzzBody struct {
	Purpose string            `json:"purpose"`
	Items   []map[string]any  `json:"items"`
	Fields  map[string]string `json:"fields"`
	N       float64           `json:"n"`
	OK      bool              `json:"ok"`
}

// FuzzDecode: any bytes either decode or are refused with an *Error;
// what is accepted is valid UTF-8 JSON of one value, and no accepted
// text carries a character BadText refuses.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{`{"purpose":"a"}`, `{"purpose":"a","purpose":"b"}`, `{"items":[{"x":"\u202e"}]}`,
		`{"fields":{"k":"v\u0000"}}`, `{"n":1e400}`, `{} {}`, `[[[[[[]]]]]]`, "{\"purpose\":\"\xff\"}", `{"purpose":"\ud800"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v fuzzBody
		err := Decode(body, &v)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("a refusal that is not an *Error with a message: %v", err)
			}
			return
		}
		if !utf8.Valid(body) || !json.Valid(body) {
			t.Fatalf("accepted a body that is not UTF-8 JSON: %q", body)
		}
		texts := []string{v.Purpose}
		for k, s := range v.Fields {
			texts = append(texts, k, s)
		}
		for _, s := range texts {
			if api.BadText(s) != "" {
				t.Fatalf("accepted text %q", s)
			}
		}
	})
}
