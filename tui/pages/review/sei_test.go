package review

import (
	"context"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

// TestSEIPendingTurnsIntoTheNumberAfterASync: the evaluator's detail of
// a request whose SEI process is pending shows the number once a sync
// brings the request linked, with no key pressed.
func TestSEIPendingTurnsIntoTheNumberAfterASync(t *testing.T) {
	s := queue(t, func(r *api.Request) { r.SEIState = "pending" })
	d, p := newPageAs(t, 120, 36, analyst(), s)
	d.WaitForText("processo SEI pendente")
	r := p.detail.Req
	r.SEIState, r.SEIProcess, r.Seq = "linked", "00001.004213/2026-51", r.Seq+20
	if err := s.SaveRequestDetail(context.Background(), r, now); err != nil {
		t.Fatal(err)
	}
	d.Send(common.RequestsSyncedMsg{Changed: 1})
	d.WaitFor("the process number", func(v string) bool {
		return strings.Contains(v, "00001.004213/2026-51") && !strings.Contains(v, "processo SEI pendente")
	})
}
