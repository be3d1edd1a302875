package notices

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestALongAnnouncementIsReadToItsEnd: a text taller than the screen is
// cut at first, with what is left said; pgdn shows its end (and is
// offered only then), pgup its start; no line is wider than the screen.
func TestALongAnnouncementIsReadToItsEnd(t *testing.T) {
	words := strings.Repeat("palavra ", 300) + "FIM-DO-TEXTO"
	n := store.Notices{Announcements: []api.Announcement{{ID: "anc-000000000001", Title: api.Localized{PtBR: "Longo"},
		Text: api.Localized{PtBR: words}, Severity: api.SeverityInfo, Audience: api.AudienceAll}}, Dismissed: map[string]bool{}}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now}
	l := NewList(com, nil, "root", n, time.Now())
	l.SetSize(80, 18)
	v := ansi.Strip(l.View(80, 18))
	if strings.Contains(v, "FIM-DO-TEXTO") || !strings.Contains(v, "↓") {
		t.Fatalf("the start, with what is left below:\n%s", v)
	}
	if !offered(l, "pgdn") {
		t.Fatal("pgdn is not offered on a long text")
	}
	for range 10 {
		l.Update(drive.KeyPress("pgdown"))
	}
	v = ansi.Strip(l.View(80, 18))
	if !strings.Contains(v, "FIM-DO-TEXTO") {
		t.Fatalf("pgdn never reached the end:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Fatalf("a line wider than the screen: %q", line)
		}
	}
	for range 10 {
		l.Update(drive.KeyPress("pgup"))
	}
	if v = ansi.Strip(l.View(80, 18)); !strings.HasPrefix(v, "Avisos") {
		t.Fatalf("pgup did not come back to the start:\n%s", v)
	}
	short := NewList(com, nil, "root", store.Notices{Announcements: n.Announcements[:1]}, time.Now())
	short.items[0].Text.PtBR = "curto"
	short.SetSize(80, 18)
	if offered(short, "pgdn") {
		t.Error("pgdn offered where everything fits")
	}
}

func offered(l *List, k string) bool {
	for _, b := range l.ShortHelp() {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}
