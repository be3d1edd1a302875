package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
)

const completionUsage = "use: gecli completion bash|zsh|fish   (ex.: source <(gecli completion bash))"

// completionSubs are the subcommands of the commands that have them, with
// how many positional arguments (ids, files) each takes before its flags.
// Commands not listed take flags only. The flags are not listed: they are
// read from the commands themselves (completionTree).
var completionSubs = map[string][]struct {
	name string
	args int
}{
	"user":         {{"add", 0}, {"list", 0}, {"disable", 0}},
	"institutions": {{"list", 0}, {"create", 0}, {"update", 1}},
	"apis": {{"list", 0}, {"show", 1}, {"create", 0}, {"update", 1}, {"publish", 1}, {"retire", 1},
		{"upload-openapi", 2}, {"upload-terms", 2}, {"terms", 1}},
	"users":         {{"list", 0}, {"create", 0}, {"update", 1}, {"activation", 1}},
	"sei":           {{"log", 1}, {"retry", 1}},
	"audit":         {{"list", 0}, {"verify", 0}, {"checkpoint", 0}, {"checkpoints", 0}},
	"service":       {{"add", 0}},
	"vault":         {{"keygen", 0}, {"rotate-key", 0}},
	"db":            {{"copy", 0}},
	"requests":      {{"list", 0}, {"show", 1}},
	"credentials":   {{"list", 0}},
	"announcements": {{"list", 0}, {"add", 0}, {"rm", 1}},
	"maintenance":   {{"show", 0}, {"schedule", 0}, {"start", 0}, {"end", 0}},
	"webhooks":      {{"list", 0}, {"add", 0}, {"rm", 1}, {"test", 1}, {"log", 1}},
	"completion":    {{"bash", 0}, {"zsh", 0}, {"fish", 0}},
}

// completionValues are the values offered after a flag, where they are a
// closed set.
func completionValues() map[string][]string {
	statuses := make([]string, len(api.Statuses))
	for i, s := range api.Statuses {
		statuses[i] = string(s)
	}
	cats := make([]string, len(api.Categories))
	for i, c := range api.Categories {
		cats[i] = string(c)
	}
	roles := []string{string(api.RoleRequester), string(api.RoleEvaluator), string(api.RoleAdmin)}
	return map[string][]string{
		"--status": statuses, "--env": {"hmg", "prd"}, "--category": cats, "--state": {"all", "draft", "published", "retired"},
		"--lang": {"pt-BR", "en"}, "--theme": themes.Names(), "--as": roles, "--role": roles, "--seed": {"demo"},
		"--log-level": {"debug", "info", "warn", "error"}, "--log-format": {"text", "json"}, "--scope": {"vault:resolve"},
		"--severity": {"info", "warning"}, "--audience": append([]string{api.AudienceAll}, roles...),
	}
}

// compNode is one place on the command line: "gecli", "gecli apis",
// "gecli apis list"; what may follow it there.
type compNode struct {
	path   string
	subs   []string
	flags  []string // "--json", ...
	valued []string // those of flags that take a value
}

// completionTree walks commands() and completionSubs. Each command (or
// subcommand) is run with --help and a cancelled context: it builds its
// flag set, parse stops at --help before anything is done, and flagProbe
// keeps the flags. So a flag added to a command is completed without
// touching this file.
func completionTree() []compNode {
	root := compNode{path: "gecli"}
	root.flags, root.valued, _ = probeFlags(runTUI, nil)
	nodes := []compNode{root}
	for _, c := range commands() {
		nodes[0].subs = append(nodes[0].subs, c.name)
		if c.name == "help" { // prints the usage: nothing to probe
			continue
		}
		subs, has := completionSubs[c.name]
		if !has {
			n := compNode{path: "gecli " + c.name}
			n.flags, n.valued, _ = probeFlags(c.run, nil)
			nodes = append(nodes, n)
			continue
		}
		parent := compNode{path: "gecli " + c.name}
		for _, s := range subs {
			parent.subs = append(parent.subs, s.name)
			n := compNode{path: parent.path + " " + s.name}
			args := []string{s.name}
			for range s.args {
				args = append(args, "X")
			}
			n.flags, n.valued, _ = probeFlags(c.run, args)
			nodes = append(nodes, n)
		}
		nodes = append(nodes, parent)
	}
	return nodes
}

// probeFlags runs a command with --help and returns the flags it defined
// (hidden ones left out); ok is false when the run did not reach them.
func probeFlags(run func(context.Context, []string) error, args []string) (flags, valued []string, ok bool) {
	var sets []*pflag.FlagSet
	flagProbe = func(fs *pflag.FlagSet) { sets = append(sets, fs) }
	defer func() { flagProbe = nil }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // nothing a command might start gets anywhere
	if err := run(ctx, append(append([]string{}, args...), "--help")); !errors.Is(err, pflag.ErrHelp) {
		return nil, nil, false
	}
	seen := map[string]bool{}
	for _, fs := range sets {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden || seen[f.Name] {
				return
			}
			seen[f.Name] = true
			flags = append(flags, "--"+f.Name)
			if f.NoOptDefVal == "" {
				valued = append(valued, "--"+f.Name)
			}
		})
	}
	return append(flags, "--help"), valued, true
}

// runCompletion is `gecli completion bash|zsh|fish`: a script that
// completes commands, subcommands, flags and the values of flags with a
// closed set of them (files otherwise).
func runCompletion(_ context.Context, args []string) error {
	pos, rest, ok := positional(args, 1)
	if !ok {
		return usagef(completionUsage)
	}
	fs := newFlags("completion " + pos[0])
	if err := parse(fs, rest); err != nil {
		return err
	}
	var script string
	switch pos[0] {
	case "bash":
		script = bashCompletion(completionTree(), completionValues())
	case "zsh":
		script = zshCompletion(completionTree(), completionValues())
	case "fish":
		script = fishCompletion(completionTree(), completionValues())
	default:
		return usagef("gecli completion: shell desconhecido %q; %s", pos[0], completionUsage)
	}
	_, err := os.Stdout.WriteString(script)
	return err
}

// shCases writes the body of a POSIX case over the nodes: `"path") echo "words";;`.
// bash and zsh share it.
func shCases(nodes []compNode, words func(compNode) []string) string {
	var b strings.Builder
	for _, n := range nodes {
		if w := words(n); len(w) > 0 {
			fmt.Fprintf(&b, "    %q) echo %q ;;\n", n.path, strings.Join(w, " "))
		}
	}
	return b.String()
}

func shValueCases(values map[string][]string) string {
	var b strings.Builder
	for _, f := range sortedKeys(values) {
		fmt.Fprintf(&b, "    %s) echo %q ;;\n", f, strings.Join(values[f], " "))
	}
	return b.String()
}

func sortedKeys(m map[string][]string) []string { return slices.Sorted(maps.Keys(m)) }

// shHelpers are the lookups both bash and zsh scripts use.
func shHelpers(nodes []compNode, values map[string][]string) string {
	return "_gecli_subs() {\n  case \"$1\" in\n" + shCases(nodes, func(n compNode) []string { return n.subs }) + "  esac\n}\n\n" +
		"_gecli_flags() {\n  case \"$1\" in\n" + shCases(nodes, func(n compNode) []string { return n.flags }) + "  esac\n}\n\n" +
		"_gecli_valued() {\n  case \"$1\" in\n" + shCases(nodes, func(n compNode) []string { return n.valued }) + "  esac\n}\n\n" +
		"_gecli_values() {\n  case \"$1\" in\n" + shValueCases(values) + "  esac\n}\n\n" +
		// _gecli_path walks the words before the cursor: a word that is a
		// subcommand of where we are goes one level down; a flag that
		// takes a value skips that value; anything else (ids, files) stays.
		`_gecli_path() {
  local p="gecli" skip=0 w
  for w in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$w" in
      --*=*) ;;
      -*) case " $(_gecli_valued "$p") " in *" $w "*) skip=1 ;; esac ;;
      *) case " $(_gecli_subs "$p") " in *" $w "*) p="$p $w" ;; esac ;;
    esac
  done
  echo "$p"
}
`
}

func bashCompletion(nodes []compNode, values map[string][]string) string {
	return "# bash completion for gecli: source <(gecli completion bash)\n\n" + shHelpers(nodes, values) + `
_gecli() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" p
  local -a before=("${COMP_WORDS[@]:1:COMP_CWORD-1}")
  if [ "$COMP_CWORD" -gt 0 ]; then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
  # bash splits --flag=value at "=": complete the value of --flag.
  if [ "$cur" = "=" ]; then prev="${COMP_WORDS[COMP_CWORD-1]}"; cur=""
  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi
  p="$(_gecli_path "${before[@]}")"
  case "$prev" in
    -*)
      case " $(_gecli_valued "$p") " in
        *" $prev "*)
          local vals; vals="$(_gecli_values "$prev")"
          if [ -n "$vals" ]; then COMPREPLY=($(compgen -W "$vals" -- "$cur")); fi
          return 0 ;;
      esac ;;
  esac
  case "$cur" in
    -*) COMPREPLY=($(compgen -W "$(_gecli_flags "$p")" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$(_gecli_subs "$p")" -- "$cur")) ;;
  esac
  return 0
}

complete -o default -F _gecli gecli
`
}

func zshCompletion(nodes []compNode, values map[string][]string) string {
	return "#compdef gecli\n# zsh completion for gecli: source <(gecli completion zsh), or save it as _gecli in $fpath\n\n" +
		shHelpers(nodes, values) + `
_gecli() {
  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" p
  local -a vals subs
  p="$(_gecli_path "${(@)words[2,CURRENT-1]}")"
  case "$prev" in
    -*)
      case " $(_gecli_valued "$p") " in
        *" $prev "*)
          vals=($(_gecli_values "$prev"))
          if (( ${#vals} )); then compadd -- "${vals[@]}"; else _files; fi
          return ;;
      esac ;;
  esac
  case "$cur" in
    -*) compadd -- $(_gecli_flags "$p") ;;
    *)
      subs=($(_gecli_subs "$p"))
      if (( ${#subs} )); then compadd -- "${subs[@]}"; else _files; fi ;;
  esac
}

if [ "$funcstack[1]" = "_gecli" ]; then
  _gecli "$@"
else
  compdef _gecli gecli
fi
`
}

func fishCompletion(nodes []compNode, values map[string][]string) string {
	var b strings.Builder
	b.WriteString("# fish completion for gecli: gecli completion fish > ~/.config/fish/completions/gecli.fish\n\n")
	lookup := func(name string, words func(compNode) []string) {
		fmt.Fprintf(&b, "function %s\n    switch $argv[1]\n", name)
		for _, n := range nodes {
			if w := words(n); len(w) > 0 {
				fmt.Fprintf(&b, "        case %s\n            printf '%%s\\n' %s\n", fishQuote(n.path), strings.Join(w, " "))
			}
		}
		b.WriteString("    end\nend\n\n")
	}
	lookup("__gecli_subs", func(n compNode) []string { return n.subs })
	lookup("__gecli_flags", func(n compNode) []string { return n.flags })
	lookup("__gecli_valued", func(n compNode) []string { return n.valued })
	b.WriteString("function __gecli_values\n    switch $argv[1]\n")
	for _, f := range sortedKeys(values) {
		fmt.Fprintf(&b, "        case %s\n            printf '%%s\\n' %s\n", f, strings.Join(values[f], " "))
	}
	b.WriteString("    end\nend\n\n")
	b.WriteString(`# The same walk as the bash script's: subcommands go one level down, a
# flag that takes a value skips it, ids and files stay where they are.
function __gecli_path
    set -l p gecli
    set -l skip 0
    set -l tokens (commandline -opc)
    for w in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '--*=*' $w
            continue
        else if string match -q -- '-*' $w
            if contains -- $w (__gecli_valued $p)
                set skip 1
            end
        else if contains -- $w (__gecli_subs $p)
            set p "$p $w"
        end
    end
    echo $p
end

function __gecli_complete
    set -l p (__gecli_path)
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l prev $tokens[-1]
    if string match -q -- '-*' $prev; and contains -- $prev (__gecli_valued $p)
        set -l vals (__gecli_values $prev)
        if test (count $vals) -gt 0
            printf '%s\n' $vals
        else
            __fish_complete_path $cur
        end
        return
    end
    if string match -q -- '-*' $cur
        __gecli_flags $p
        return
    end
    set -l subs (__gecli_subs $p)
    if test (count $subs) -gt 0
        printf '%s\n' $subs
    else
        __fish_complete_path $cur
    end
end

complete -c gecli -f -a '(__gecli_complete)'
`)
	return b.String()
}

func fishQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }
