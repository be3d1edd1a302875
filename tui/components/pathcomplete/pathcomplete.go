// Package pathcomplete is a shell's tab completion for a typed file path.
// It reads the directory, so call it inside a tea.Cmd, never in Update.
package pathcomplete

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Complete extends input to the longest common prefix of the entries that
// match it; directories get a slash. Hidden entries are offered only when
// the typed name starts with a dot. Nothing matches: input comes back.
func Complete(input string) string {
	dir, prefix := filepath.Split(Expand(input))
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return input
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || strings.HasPrefix(n, ".") && !strings.HasPrefix(prefix, ".") {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return input
	}
	sort.Strings(names)
	common := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, common) {
			common = common[:len(common)-1]
		}
	}
	return strings.TrimSuffix(input, prefix) + common
}

// Expand resolves a leading ~/ to the home directory.
func Expand(p string) string {
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[2:])
		}
	}
	return p
}
