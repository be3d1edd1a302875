package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCompletionTreeReachesEveryCommand: each command of gecli help is
// completed, and each subcommand listed in completionSubs is one the
// command takes (its --help run reached the flags), so the scripts
// never offer a word gecli would refuse.
func TestCompletionTreeReachesEveryCommand(t *testing.T) {
	nodes := completionTree()
	byPath := map[string]compNode{}
	for _, n := range nodes {
		byPath[n.path] = n
	}
	for _, c := range commands() {
		if !slices.Contains(byPath["gecli"].subs, c.name) {
			t.Errorf("%s is not completed", c.name)
		}
	}
	runs := map[string]func(context.Context, []string) error{}
	for _, c := range commands() {
		runs[c.name] = c.run
	}
	for name, subs := range completionSubs {
		run, ok := runs[name]
		if !ok {
			t.Errorf("completionSubs names %q, which is no command", name)
			continue
		}
		for _, s := range subs {
			args := []string{s.name}
			for range s.args {
				args = append(args, "X")
			}
			if _, _, ok := probeFlags(run, args); !ok {
				t.Errorf("gecli %s %s --help did not reach its flags: the subcommand or its arguments are wrong", name, strings.Join(args, " "))
			}
		}
	}
	want := map[string][]string{
		"gecli requests list":    {"--status", "--env", "--api", "--q", "--limit", "--json", "--server", "--cache"},
		"gecli requests show":    {"--json"},
		"gecli credentials list": {"--json", "--env"},
		"gecli apis list":        {"--json", "--q", "--category", "--env", "--state"},
		"gecli apis show":        {"--json"},
		"gecli token":            {"--client-id", "--server", "--json", "--scope", "--token-url"},
		"gecli":                  {"--server", "--theme", "--lang", "--offline"},
	}
	for path, flags := range want {
		for _, f := range flags {
			if !slices.Contains(byPath[path].flags, f) {
				t.Errorf("%s: %s is not completed (%v)", path, f, byPath[path].flags)
			}
		}
	}
	if slices.Contains(byPath["gecli token"].flags, "--client-secret") || !slices.Contains(byPath["gecli token"].valued, "--client-id") ||
		slices.Contains(byPath["gecli requests list"].valued, "--json") {
		t.Errorf("flags that take a value: %v, %v", byPath["gecli token"].valued, byPath["gecli requests list"].valued)
	}
}

// TestCompletionScripts: bash -n accepts the bash script, and sourced in
// bash it completes commands, subcommands, flags and their values; the
// zsh and fish scripts hold the same words (and pass zsh -n / fish -n
// where those shells are installed).
func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	scripts := map[string]string{}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, "", "completion", shell)
		r.wantCode(t, 0, "completion "+shell)
		if len(r.out) < 1000 {
			t.Fatalf("%s: a short script:\n%s", shell, r.out)
		}
		for _, w := range []string{"requests", "credentials", "token", "completion", "apis", "show", "--client-id", "--status", "approved", "hmg"} {
			if !strings.Contains(r.out, w) {
				t.Errorf("the %s script lacks %q", shell, w)
			}
		}
		scripts[shell] = filepath.Join(dir, "gecli."+shell)
		if err := os.WriteFile(scripts[shell], []byte(r.out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("bash", "-n", scripts["bash"]).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
	cases := []struct{ line, want, not string }{
		{"gecli re", "requests", ""},
		{"gecli requests ", "list show", ""},
		{"gecli requests list --st", "--status", ""},
		{"gecli requests list --status ", "pending approved rejected cancelled revoked", ""},
		{"gecli requests list --status=ap", "approved", ""},
		{"gecli --server http://127.0.0.1:8080 apis sh", "show", ""},
		{"gecli apis show consulta-cpf --", "--json", "--state"},
		{"gecli token --", "--client-id", "--client-secret"},
		{"gecli credentials list --env ", "hmg prd", ""},
		{"gecli completion ", "bash zsh fish", ""},
		{"gecli --lang ", "pt-BR en", ""},
	}
	for _, c := range cases {
		// COMP_WORDS as bash splits the line (at blanks, and at = and :).
		words := strings.Fields(strings.NewReplacer("=", " = ", "://", " : //").Replace(c.line))
		if strings.HasSuffix(c.line, " ") {
			words = append(words, "")
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		script := "source " + scripts["bash"] + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "\n_gecli\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", script).CombinedOutput()
		got := strings.TrimSpace(string(out))
		if err != nil || got != c.want && !strings.Contains(" "+got+" ", " "+c.want+" ") {
			t.Errorf("bash %q: %q (%v), want %q", c.line, got, err, c.want)
		}
		if c.not != "" && strings.Contains(got, c.not) {
			t.Errorf("bash %q offers %s: %q", c.line, c.not, got)
		}
	}
	// Shells that may not be here: checked when they are.
	if _, err := exec.LookPath("zsh"); err == nil {
		if out, err := exec.Command("zsh", "-n", scripts["zsh"]).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	}
	if _, err := exec.LookPath("fish"); err == nil {
		if out, err := exec.Command("fish", "-n", scripts["fish"]).CombinedOutput(); err != nil {
			t.Errorf("fish -n: %v\n%s", err, out)
		}
		out, err := exec.Command("fish", "--no-config", "-c", "source "+scripts["fish"]+"; complete -C 'gecli requests list --status '").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "approved") {
			t.Errorf("fish completion of --status: %v\n%s", err, out)
		}
	}

	for _, args := range [][]string{{"completion"}, {"completion", "powershell"}, {"completion", "bash", "extra"}} {
		runCLI(t, "", args...).wantCode(t, 2, strings.Join(args, " "))
	}
}
