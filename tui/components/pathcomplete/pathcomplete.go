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
	out, _ := Candidates(input)
	return out
}

// Candidates is Complete and, when more than one entry matches, their
// names (directories with a slash, sorted), so a field can list them
// under itself: a tab that cannot choose still shows why.
func Candidates(input string) (completion string, names []string) {
	dir, prefix := filepath.Split(Expand(input))
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return input, nil
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || strings.HasPrefix(n, ".") && !strings.HasPrefix(prefix, ".") {
			continue
		}
		if e.IsDir() || e.Type()&os.ModeSymlink != 0 && isDir(filepath.Join(dir, n)) {
			n += "/"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return input, nil
	}
	sort.Strings(names)
	common := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, common) {
			common = common[:len(common)-1]
		}
	}
	completion = strings.TrimSuffix(input, prefix) + common
	if len(names) == 1 {
		return completion, nil
	}
	return completion, names
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// Expand resolves a leading ~/ to the home directory.
func Expand(p string) string {
	if p == "~" {
		if home, err := os.UserHomeDir(); err == nil {
			return home
		}
	}
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[2:])
		}
	}
	return p
}
