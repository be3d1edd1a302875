package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
)

// TestEvaluatorInTmux: gecli demo --as evaluator approves the oldest
// pending request, rejects the next one with a justification (after
// trying without), and both decisions are in the request histories.
func TestEvaluatorInTmux(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as evaluator --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))
	s.waitText("Bruno Lima · Avaliador")
	s.keys("3")
	s.waitText("em análise")
	s.waitText("Histórico")
	decided := regexp.MustCompile(`(SOL-\d{4}-\d{6}): (Aprovada|Reprovada)\.`)

	s.keys("a")
	s.waitText("Aprovar SOL-")
	s.keys("Enter")
	scr := s.waitFor("the approval", func(scr string) bool { return decided.MatchString(scr) })
	approved := decided.FindStringSubmatch(scr)[1]

	s.keys("r")
	s.waitText("Reprovar SOL-")
	s.keys("Enter")
	s.waitText("ao menos 10 caracteres")
	s.text("Documentação insuficiente para o uso declarado.")
	s.keys("Enter")
	scr = s.waitFor("the rejection", func(scr string) bool {
		m := decided.FindStringSubmatch(scr)
		return m != nil && m[2] == "Reprovada"
	})
	rejected := decided.FindStringSubmatch(scr)[1]
	s.keys("q")
	s.waitText("GECLI_EXIT=0")

	d, err := db.Open(context.Background(), filepath.Join(data, "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for id, want := range map[string]api.Status{approved: api.StatusApproved, rejected: api.StatusRejected} {
		r, err := d.GetRequest(context.Background(), id)
		if err != nil || r.Status != want {
			t.Fatalf("%s: %s %v, want %s", id, r.Status, err, want)
		}
		last := r.History[len(r.History)-1]
		if last.Actor != "Bruno Lima" || last.ToStatus != string(want) {
			t.Errorf("%s: last event %+v", id, last)
		}
		if want == api.StatusRejected && !strings.Contains(last.Justification, "Documentação insuficiente") {
			t.Errorf("the justification is not in the history: %+v", last)
		}
		if err := d.VerifyHistory(context.Background(), id); err != nil {
			t.Error(err)
		}
	}
}
