package server

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/strictjson"
)

// Sentences several handlers share, in both languages (api.Msg): the
// problem's language is chosen when it is sent (Server.problem).
var (
	msgAccepted    = api.Say("valores aceitos: %s", "accepted values: %s")
	msgUnknownPerm = api.Say("permissão desconhecida: %s", "unknown permission: %s")
)

// strictjson words its refusals in pt-BR (they name what is wrong with a
// body, by a fixed sentence and at most a trailing value); jsonErrorMsg
// gives them in both languages. A sentence the table does not know keeps
// its Portuguese in both.
func jsonErrorMsg(err error) api.Msg {
	msg := err.Error()
	var e *strictjson.Error
	if errors.As(err, &e) {
		msg = e.Message
		if e.Path != "" {
			return api.Say(e.Path+": ", e.Path+": ").Plus(jsonMessage(msg))
		}
	}
	return jsonMessage(msg)
}

// jsonMessages pairs strictjson's sentences (or their fixed beginnings)
// with their English.
var jsonMessages = []struct{ pt, en string }{
	{"o corpo não é UTF-8 válido", "the body is not valid UTF-8"},
	{"há dados depois do valor JSON: envie um só objeto", "there is data after the JSON value: send one object"},
	{"JSON aninhado demais", "JSON nested too deep"},
	{"campo repetido: envie cada campo uma vez só", "repeated field: send each field once"},
	{"campo desconhecido (os nomes diferenciam maiúsculas de minúsculas)", "unknown field (names are case-sensitive)"},
	{"campo desconhecido", "unknown field"},
	{"JSON incompleto", "incomplete JSON"},
	{"JSON inválido perto do byte ", "invalid JSON near byte "},
	{"JSON inválido: ", "invalid JSON: "},
	{"tipo errado: esperado texto", "wrong type: expected text"},
	{"tipo errado: esperado true ou false", "wrong type: expected true or false"},
	{"tipo errado: esperado lista", "wrong type: expected a list"},
	{"tipo errado: esperado objeto", "wrong type: expected an object"},
	{"tipo errado: esperado número", "wrong type: expected a number"},
}

func jsonMessage(msg string) api.Msg {
	for _, m := range jsonMessages {
		if rest, ok := strings.CutPrefix(msg, m.pt); ok {
			return api.Say(msg, m.en+rest)
		}
	}
	for _, prefix := range [][2]string{{"nome de campo ", "field name "}, {"texto ", "text "}} {
		if rest, ok := strings.CutPrefix(msg, prefix[0]); ok {
			return api.Say(msg, prefix[1]).Plus(badTextEn(rest))
		}
	}
	return api.Say(msg, msg)
}

// badTextEn is api.BadText's sentence, which strictjson keeps only in
// Portuguese, in English too: the character it names says which it was.
func badTextEn(pt string) api.Msg {
	if m := codePoint.FindStringSubmatch(pt); m != nil {
		if r, err := strconv.ParseInt(m[1], 16, 32); err == nil {
			if en := api.BadTextMsg(string(rune(r))).En; en != "" {
				return api.Say("", en)
			}
		}
	}
	return api.Say("", pt)
}

var codePoint = regexp.MustCompile(`U\+([0-9A-F]{4,6})`)
