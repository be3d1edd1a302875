package requests

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/cache"
	"github.com/gecli/gecli/tui/internal/drive"
)

// BenchmarkKeystrokeToFrame is one key press on the request table with
// 1,000,000 cached rows, from the press to the frame that shows its
// answer: Update, the Cmd's store reads (the API-name search resolved,
// one window of rows), Update of the answer and View, as the runtime
// runs them. Each case starts from its filters and presses keys that
// undo each other, so every press asks the store anew. The row count
// runs beside it, as in the program. p99 is reported; target 5 ms.
func BenchmarkKeystrokeToFrame(b *testing.B) {
	s := million(b)
	cases := []struct {
		name  string
		setup func(p *Page)
		keys  []string // pressed in turn, round and round
	}{
		{"status toggled", nil, []string{"space"}},
		{"environment", nil, []string{"e"}},
		{"sort", nil, []string{"o"}},
		{"search typed", func(p *Page) { p.search.Input.SetValue("consult"); p.search.Focus() }, []string{"a", "backspace"}},
		{"search+status, sort by API", func(p *Page) {
			only(p, api.StatusApproved)
			p.sort = store.SortAPI
			p.search.Input.SetValue("con")
			p.search.Focus()
		}, []string{"s", "backspace"}},
		// The search's APIs have no request in PRD (the synthetic data
		// puts each API in one environment): nothing matches at all.
		{"search+env, no match, sort by API", func(p *Page) {
			p.env.Next()
			p.env.Next() // PRD
			p.sort = store.SortAPI
			p.search.Input.SetValue("cp")
			p.search.Focus()
		}, []string{"f", "backspace"}},
		{"end and back", nil, []string{"G", "g"}},
		{"step past the window", nil, []string{"pgdown", "pgup"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d, p := newPage(b, s, 120, 40)
			if c.setup != nil {
				c.setup(p)
				d.Send(p.reload()())
				settle(d, p)
			}
			pressRound(b, d, c.keys, func() { settle(d, p) })
		})
	}
}

// BenchmarkCountToFrame is the row count beside the table, from the
// press that changes the filters to the frame that shows it, for the
// filters whose count costs most. Target: 20 ms.
func BenchmarkCountToFrame(b *testing.B) {
	s := million(b)
	cases := []struct {
		name  string
		setup func(p *Page)
		keys  []string
	}{
		{"status toggled", nil, []string{"space"}},
		{"environment", nil, []string{"e"}},
		{"search typed", func(p *Page) { p.search.Input.SetValue("consult"); p.search.Focus() }, []string{"a", "backspace"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d, p := newPage(b, s, 120, 40)
			if c.setup != nil {
				c.setup(p)
			}
			pressRound(b, d, c.keys, func() {
				d.WaitFor("the count", func(string) bool { return !p.mb.Pending("count") && !p.mb.Pending("window") })
			})
		})
	}
}

// only ticks a single status.
func only(p *Page, s api.Status) {
	for _, st := range api.Statuses {
		p.statuses[st] = st == s
	}
}

// settle delivers answers until the window read is done; the view is
// rendered on each check, so the last check is the frame.
func settle(d *drive.Driver, p *Page) {
	d.WaitFor("the window", func(string) bool { return !p.mb.Pending("window") })
}

// million opens the shared cache of 1,000,000 requests.
func million(b *testing.B) *store.Store {
	s, err := store.Open(context.Background(), cache.Filled(b, 1_000_000))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// pressRound presses keys round and round, each until done says its
// frame is there, and reports the p99 of one press.
func pressRound(b *testing.B, d *drive.Driver, keys []string, done func()) {
	var times []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		d.Key(keys[i%len(keys)])
		done()
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
