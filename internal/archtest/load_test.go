package archtest

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const modulePath = "github.com/gecli/gecli"

// An edge is one import of a module package, where it is written.
type edge struct{ file, to string }

// graph maps each non-test package (module-relative) to its imports of
// other module packages.
type graph map[string][]edge

// moduleRoot finds the directory of go.mod above the test's directory and
// checks it declares this module.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					if m = strings.Trim(strings.TrimSpace(m), `"`); m != modulePath {
						t.Fatalf("go.mod declares %s, the rules are written for %s", m, modulePath)
					}
					return dir
				}
			}
			t.Fatalf("no module line in %s", f.Name())
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// load parses the import clauses of every non-test .go file under root,
// skipping what the go tool skips (testdata, _ and . directories, nested
// modules) and files built never (//go:build ignore).
func load(t *testing.T, root string) graph {
	t.Helper()
	g := graph{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); path != root && err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if c.Pos() < f.Package && strings.TrimSpace(c.Text) == "//go:build ignore" {
					return nil
				}
			}
		}
		rel, _ := filepath.Rel(root, path)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		if _, ok := g[pkg]; !ok {
			g[pkg] = nil
		}
		for _, spec := range f.Imports {
			ip, _ := strconv.Unquote(spec.Path.Value)
			if to, ok := strings.CutPrefix(ip, modulePath+"/"); ok {
				g[pkg] = append(g[pkg], edge{file: filepath.ToSlash(rel), to: to})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func sortedKeys(g graph) []string {
	keys := make([]string, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
