package archtest

import (
	"fmt"
	"slices"
	"strings"
)

// check returns one line per broken rule: the file, the import, and the
// package it reaches that the rule forbids. A finding whose way passes
// through an import that another finding starts from is left out: it is a
// consequence, and fixing that import fixes it (or reveals another way).
// Imports have no cycles, so the finding furthest down is always kept.
func check(g graph) []string {
	var found []finding
	for _, p := range sortedKeys(g) {
		found = append(found, g.ruleFindings(p)...)
		found = append(found, g.apartFindings(p)...)
	}
	starts := map[[2]string]bool{} // the first import of each finding's ways
	for _, f := range found {
		for _, w := range f.ways {
			if len(w) >= 2 {
				starts[[2]string{w[0], w[1]}] = true
			}
		}
	}
	var out []string
	for _, f := range found {
		if !f.passesThrough(starts) {
			out = append(out, f.text)
		}
	}
	return out
}

// ruleFindings checks the imports of p against every rule that applies to p.
func (g graph) ruleFindings(p string) []finding {
	var found []finding
	for _, r := range rules {
		star, ok := match(r.from, p)
		if !ok || r.notFrom != "" && matches(r.notFrom, p) {
			continue
		}
		bad := func(q string) bool {
			if !slices.ContainsFunc(r.deny, func(d string) bool { return matches(d, q) }) {
				return false
			}
			return !slices.ContainsFunc(r.except, func(e string) bool {
				return matches(strings.ReplaceAll(e, "*", star), q)
			})
		}
		for _, e := range g[p] {
			if chain := g.pathTo(e.to, bad); chain != nil {
				found = append(found, finding{describe(e, chain) + ": " + r.why, [][]string{append([]string{p}, chain...)}})
			}
		}
	}
	return found
}

// apartFindings reports p when it links two parts kept apart.
func (g graph) apartFindings(p string) []finding {
	var found []finding
	for _, a := range apart {
		if matches(a.only, p) {
			continue
		}
		da, wa, oka := g.reaches(p, a.a)
		db, wb, okb := g.reaches(p, a.b)
		if !oka || !okb {
			continue
		}
		how := slices.DeleteFunc([]string{da, db}, func(s string) bool { return s == "" })
		text := fmt.Sprintf("%s: links %s and %s; only %s may: %s: %s", p, strings.TrimSuffix(a.a, "/..."),
			strings.TrimSuffix(a.b, "/..."), a.only, strings.Join(how, "; "), a.why)
		found = append(found, finding{text, [][]string{wa, wb}})
	}
	return found
}

// A finding is a broken rule and the ways of imports behind it, each from
// the importing package to the forbidden one.
type finding struct {
	text string
	ways [][]string
}

// passesThrough reports whether a way of f uses one of imports after its
// first step.
func (f finding) passesThrough(imports map[[2]string]bool) bool {
	for _, w := range f.ways {
		for i := 1; i+1 < len(w); i++ {
			if imports[[2]string{w[i], w[i+1]}] {
				return true
			}
		}
	}
	return false
}

// describe says which import breaks a rule and, when the forbidden package
// is reached through others, the way there.
func describe(e edge, chain []string) string {
	s := fmt.Sprintf("%s: import %q", e.file, modulePath+"/"+e.to)
	if len(chain) > 1 {
		s += fmt.Sprintf(" leads to %s (%s)", chain[len(chain)-1], strings.Join(chain, " → "))
	}
	return s
}

// pathTo returns the shortest chain of imports from p (included) to a
// package for which bad is true, or nil.
func (g graph) pathTo(p string, bad func(string) bool) []string {
	prev := map[string]string{p: ""}
	for queue := []string{p}; len(queue) > 0; queue = queue[1:] {
		q := queue[0]
		if bad(q) {
			chain := []string{q}
			for q != p {
				q = prev[q]
				chain = append([]string{q}, chain...)
			}
			return chain
		}
		for _, e := range g[q] {
			if _, seen := prev[e.to]; !seen {
				prev[e.to] = q
				queue = append(queue, e.to)
			}
		}
	}
	return nil
}

// reaches reports whether p is, or imports a way to, a package matching
// pattern; if through an import, it describes the first such import and
// returns the way (p first).
func (g graph) reaches(p, pattern string) (string, []string, bool) {
	if matches(pattern, p) {
		return "", []string{p}, true
	}
	for _, e := range g[p] {
		if chain := g.pathTo(e.to, func(q string) bool { return matches(pattern, q) }); chain != nil {
			return describe(e, chain), append([]string{p}, chain...), true
		}
	}
	return "", nil, false
}

// match reports whether the module-relative path p matches pattern and
// returns the element a "*" in pattern matched.
func match(pattern, p string) (string, bool) {
	if pattern == "..." {
		return "", true
	}
	pattern, tree := strings.CutSuffix(pattern, "/...")
	want, have := strings.Split(pattern, "/"), strings.Split(p, "/")
	if len(have) < len(want) || !tree && len(have) != len(want) {
		return "", false
	}
	star := ""
	for i, w := range want {
		switch {
		case w == "*":
			star = have[i]
		case w != have[i]:
			return "", false
		}
	}
	return star, true
}

func matches(pattern, p string) bool {
	_, ok := match(pattern, p)
	return ok
}
