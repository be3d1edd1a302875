package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestFlagRefusalsSpeakOneLanguage: what pflag refuses reaches stderr in
// pt-BR, like the rest of the line, with exit code 2.
func TestFlagRefusalsSpeakOneLanguage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "gecli: opção desconhecida: --bogus (veja gecli help)"},
		{[]string{"serve", "--addr"}, "gecli: a opção precisa de um valor: --addr (veja gecli help)"},
		{[]string{"serve", "-Z"}, "gecli: opção curta desconhecida: -Z (veja gecli help)"},
		{[]string{"ssh", "--max-sessions", "x"}, `gecli: valor inválido "x" para --max-sessions (veja gecli help)`},
	}
	for _, c := range cases {
		var out bytes.Buffer
		code := exitCode(&out, dispatch(t.Context(), c.args))
		if got := strings.TrimSpace(out.String()); code != 2 || got != c.want {
			t.Errorf("gecli %s: exit %d, %q; want 2, %q", strings.Join(c.args, " "), code, got, c.want)
		}
		for _, english := range []string{"unknown", "flag needs", "invalid argument"} {
			if strings.Contains(out.String(), english) {
				t.Errorf("gecli %s: English on the line: %q", strings.Join(c.args, " "), out.String())
			}
		}
	}
}
