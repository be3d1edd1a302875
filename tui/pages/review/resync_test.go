package review

import (
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/tui/common"
)

// TestASyncKeepsTheDetailAsRead: a background sync that re-reads the
// queue keeps the selected request's detail where the evaluator scrolled
// it, without flashing "Carregando" (it used to reset both on every sync).
func TestASyncKeepsTheDetailAsRead(t *testing.T) {
	d, p := openPage(t, 80, 14, analyst(), queue(t), time.Time{})
	d.WaitFor("the detail loaded, longer than the pane", func(string) bool {
		return !p.loading && p.detailScrolls()
	})
	d.Key("pgdown")
	if p.offset == 0 {
		t.Fatalf("pgdn did not scroll the detail:\n%s", d.View())
	}
	offset := p.offset
	d.Send(common.RequestsSyncedMsg{Changed: 1})
	d.WaitFor("the queue read again", func(string) bool { return !p.mb.Pending("window") })
	d.Settle(50 * time.Millisecond)
	if v := d.View(); p.offset != offset || strings.Contains(v, p.com.Text.DetailLoading) {
		t.Fatalf("after a sync the detail moved from line %d to %d or shows loading:\n%s", offset, p.offset, v)
	}
}
