package review

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// openPage is the page over s for me, at a clock of its own (nil: now),
// once its first window is on screen; edit changes its Common first.
func openPage(t *testing.T, w, h int, me *api.Me, s *store.Store, clock time.Time, edit ...func(*common.Common)) (*drive.Driver, *Page) {
	t.Helper()
	if clock.IsZero() {
		clock = now
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR,
		Now: func() time.Time { return clock }, Me: me}
	for _, e := range edit {
		e(com)
	}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(com, p), w, h)
	d.WaitFor("the queue and its count", func(string) bool { return p.loaded && p.count >= 0 && !p.mb.Pending("window") })
	return d, p
}

// bigQueue is a cache of n pending requests (and every fifth decided),
// one an hour back from the clock, over three institutions, without
// details (the rows are enough for the queue).
func bigQueue(t *testing.T, n int) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "big.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	insts := []api.Institution{
		{CNPJ: "11222333000181", Name: "Tribunal de Justiça do Estado Exemplo"},
		{CNPJ: "44555666000199", Name: "Tribunal Regional do Trabalho da 99ª Região"},
		{CNPJ: "12ABC34501DE35", Name: "Conselho Seccional de Justiça Militar"},
	}
	var items []api.Request
	for i := 0; len(items) < n+n/4; i++ {
		st := api.StatusPending
		if i%5 == 4 {
			st = api.StatusApproved
		}
		items = append(items, api.Request{ID: fmt.Sprintf("SOL-2026-%06d", i+1), Seq: int64(i + 1), APIID: "consulta-cpf",
			APIName: "Consulta CPF", Environment: api.EnvPRD, Status: st, Institution: insts[i%3],
			CreatedAt: now.Add(-time.Duration(2*n-i) * time.Hour).Format(time.RFC3339)})
	}
	if err := s.ApplyRequests(ctx, items, int64(len(items))); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTheQueueHoldsEveryPendingRequest: 1,200 pending requests (and 300
// decided) in the cache; the count says 1.200, G reaches the last of
// them (the newest), g the first, and j past the window's edge slides it.
func TestTheQueueHoldsEveryPendingRequest(t *testing.T) {
	s := bigQueue(t, 1200)
	d, p := openPage(t, 120, 36, analyst(), s, time.Time{})
	d.WaitForText("1.200 pendentes")
	if p.currentID() != "SOL-2026-000001" {
		t.Fatalf("the oldest first: %s", p.currentID())
	}
	d.Key("G")
	d.WaitFor("the last pending request", func(v string) bool {
		return p.currentID() == "SOL-2026-001499" && strings.Contains(v, "›  2026-001499")
	})
	if !p.win.AtEnd() {
		t.Error("G did not reach the end of the queue")
	}
	d.Key("g")
	d.WaitFor("the first again", func(v string) bool { return p.currentID() == "SOL-2026-000001" })
	visible := len(p.win.Rows())
	for range visible + 3 { // past the window's bottom edge: it slides
		d.Key("j")
		d.WaitFor("the move", func(string) bool { return !p.mb.Pending("window") })
	}
	// 4 of each 5 are pending: the (visible+3)th pending after the first.
	want := visible + 3
	want += want / 4
	if got := p.currentID(); got != fmt.Sprintf("SOL-2026-%06d", want+1) {
		t.Fatalf("after %d moves down: %s, want SOL-2026-%06d", visible+3, got, want+1)
	}
	if strings.Contains(d.View(), "2026-000005") {
		t.Errorf("an approved request is in the queue:\n%s", d.View())
	}
}

// TestQueueFiltersByInstitutionCNPJAndNumber: / opens the filters; tab
// goes from API to institution, CNPJ and number; each narrows the queue
// and its count, and esc (outside the box) clears them all.
func TestQueueFiltersByInstitutionCNPJAndNumber(t *testing.T) {
	s := bigQueue(t, 60)
	d, p := openPage(t, 120, 36, analyst(), s, time.Time{})
	d.WaitForText("60 pendentes")
	onlyOf := func(cnpj string) func(string) bool {
		return func(string) bool {
			if p.mb.Pending("window") || p.count < 0 || len(p.win.Rows()) == 0 {
				return false
			}
			for _, r := range p.win.Rows() {
				if r.Institution.CNPJ != cnpj {
					return false
				}
			}
			return true
		}
	}
	d.Key("/")
	d.Key("tab") // API → Instituição
	d.Type("regional do TRABALHO")
	d.WaitFor("the institution's requests", onlyOf("44555666000199"))
	d.WaitForText("20 pendentes")
	if !strings.Contains(d.View(), "Instituição: regional do TRABALHO") {
		t.Errorf("the filter is not on the bar:\n%s", d.View())
	}
	for range len("regional do TRABALHO") {
		d.Key("backspace")
	}
	d.Type("justica") // no accent, two institutions
	d.WaitForText("40 pendentes")
	d.Key("tab") // → CNPJ: with its punctuation
	d.Type("12.abc.345/01de-35")
	d.WaitFor("the CNPJ's requests", onlyOf("12ABC34501DE35"))
	d.WaitForText("20 pendentes")
	d.Key("tab") // → Nº, as the queue shows it
	d.Type("2026-00001")
	d.WaitFor("the numbers 2026-00001…", func(v string) bool {
		if p.mb.Pending("window") || p.count != 2 || len(p.win.Rows()) != 2 { // 000012 and 000018 (000015 is approved)
			return false
		}
		for _, r := range p.win.Rows() {
			if !strings.HasPrefix(r.ID, "SOL-2026-00001") || r.Institution.CNPJ != "12ABC34501DE35" {
				return false
			}
		}
		return strings.Contains(v, "2 pendentes")
	})
	for range len("2026-00001") {
		d.Key("backspace")
	}
	d.Type("18") // the number alone, as Solicitações reads it: 2026-000018, not every "SOL-18…"
	d.WaitFor("number 18", func(v string) bool {
		return !p.mb.Pending("window") && p.count == 1 && len(p.win.Rows()) == 1 && p.win.Rows()[0].ID == "SOL-2026-000018"
	})
	d.Key("enter") // leaves the box, keeping the filters
	if p.Capturing() {
		t.Fatal("enter did not leave the filters")
	}
	d.Key("esc")
	d.WaitForText("60 pendentes")
	if p.filters.any() {
		t.Fatal("esc left a filter")
	}
	// A CNPJ nobody has: nothing, said so.
	d.Key("/")
	d.Key("tab")
	d.Key("tab")
	d.Type("99")
	d.WaitForText("0 pendentes")
	d.WaitForText("Nenhuma solicitação em análise com estes")
}

// TestLateRequestsCountWorkingDays: with the default of 5 working days, a
// request sent on Thursday 12/11/2026 is late on Monday 23/11 (6 working
// days) and one sent on Friday 13/11 is not, because Friday 20/11 is a
// national holiday (Consciência Negra); with 3 days, Monday 16/11 is late
// too and Tuesday 17/11 is not.
func TestLateRequestsCountWorkingDays(t *testing.T) {
	monday := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sent := map[string]string{"SOL-2026-000012": "2026-11-12", "SOL-2026-000013": "2026-11-13",
		"SOL-2026-000016": "2026-11-16", "SOL-2026-000017": "2026-11-17"}
	var items []api.Request
	for id, day := range sent {
		items = append(items, api.Request{ID: id, APIID: "tpu", APIName: "TPU", Environment: api.EnvHMG, Status: api.StatusPending,
			Institution: api.Institution{CNPJ: "11222333000181", Name: "TJEX"}, CreatedAt: day + "T15:00:00Z"})
	}
	s.ApplyRequests(ctx, items, 4)
	late := func(v, id string) bool {
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, shortID(id)+" HMG") {
				return strings.Contains(strings.SplitN(l, "│", 2)[0], " ! ")
			}
		}
		t.Fatalf("%s not in the queue:\n%s", id, v)
		return false
	}
	for _, c := range []struct {
		days int
		late map[string]bool
	}{
		{0, map[string]bool{"SOL-2026-000012": true}},
		{3, map[string]bool{"SOL-2026-000012": true, "SOL-2026-000013": true, "SOL-2026-000016": true}},
	} {
		t.Run(fmt.Sprintf("%d days", c.days), func(t *testing.T) {
			d, _ := openPage(t, 120, 30, analyst(), s, monday, func(com *common.Common) { com.ReviewOverdueDays = c.days })
			v := d.View()
			want := c.days
			if want == 0 {
				want = DefaultOverdueDays
			}
			if !strings.Contains(v, fmt.Sprintf("! em análise há mais de %d dias úteis", want)) {
				t.Errorf("the legend does not say %d days:\n%s", want, v)
			}
			for id := range sent {
				if got := late(v, id); got != c.late[id] {
					t.Errorf("%s (sent %s) late: %v, want %v\n%s", id, sent[id], got, c.late[id], v)
				}
			}
		})
	}
}

func TestWorkingDays(t *testing.T) {
	day := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, c := range []struct {
		from, to string
		want     int
	}{
		{"2026-11-23", "2026-11-23", 0}, // sent today
		{"2026-11-20", "2026-11-23", 1}, // from a holiday (Friday): Monday only
		{"2026-11-19", "2026-11-23", 1}, // over the holiday and the weekend
		{"2026-12-24", "2027-01-04", 5}, // 25/12 and 1/1 are holidays: 28–31 and 4
		{"2026-04-20", "2026-04-22", 1}, // Tiradentes on Tuesday
		{"2026-09-04", "2026-09-08", 1}, // Independência on Monday
		{"2026-10-09", "2026-10-16", 4}, // Nossa Senhora Aparecida on Monday
		{"2026-10-30", "2026-11-03", 1}, // Finados on Monday
		{"2026-11-13", "2026-11-16", 1}, // Proclamação da República on Sunday: nothing to skip
		{"2026-04-30", "2026-05-04", 1}, // Dia do Trabalho on Friday
		{"2026-11-10", "2026-11-23", 8}, // two weeks, one holiday
		{"2026-11-23", "2026-11-20", 0}, // the future waits nothing
	} {
		if got := workdaysSince(day(c.from), day(c.to), 100); got != c.want {
			t.Errorf("%s → %s: %d working days, want %d", c.from, c.to, got, c.want)
		}
	}
}
