package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/route"
)

// newPage builds the page over a cache of n APIs, hosted as the root
// would, and applies the load.
func newPage(t *testing.T, n, width, height int) (*Page, *drive.Host) {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	items := make([]api.API, n)
	for i := range items {
		items[i] = api.API{ID: fmt.Sprintf("api-%02d", i), Name: fmt.Sprintf("API %02d", i), Category: api.CatData,
			Environments: []api.APIEnvironment{{Name: api.EnvHMG, BaseURL: "https://h"}}}
	}
	if err := s.ReplaceCatalog(context.Background(), items, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now}
	p := New(com, s, nil)
	h := drive.NewHost(com, p)
	p.SetSize(width, height)
	h.Answer(p.Init())
	return p, h
}

func TestStaleSearchAnswersAreDropped(t *testing.T) {
	p, h := newPage(t, 5, 120, 40)
	h.Route(drive.KeyPress("/"))
	first := h.Route(drive.KeyPress("A"))  // asks for "A"
	second := h.Route(drive.KeyPress("P")) // asks for "AP"
	newer, older := second(), first()
	h.Route(newer)
	if len(p.matches) != 5 {
		t.Fatalf("the newest answer was not applied: %d matches", len(p.matches))
	}
	stale := older.(route.Envelope)
	stale.Msg = idsMsg{ids: []string{"api-01"}}
	h.Route(stale) // the slower, older answer arrives last
	if len(p.matches) != 5 {
		t.Fatalf("an old answer replaced the current one: %d matches", len(p.matches))
	}
}

func TestGridMovementFollowsColumns(t *testing.T) {
	p, h := newPage(t, 10, 120, 40) // 3 columns
	steps := []struct {
		key  string
		want int
	}{
		{"right", 1}, {"down", 4}, {"down", 7}, {"down", 9}, {"left", 8}, {"g", 0}, {"G", 9}, {"up", 6}, {"pgup", 0},
	}
	for _, s := range steps {
		h.Route(drive.KeyPress(s.key))
		if p.selected != s.want {
			t.Fatalf("after %s: selected %d, want %d", s.key, p.selected, s.want)
		}
	}
}

func TestScrollKeepsSelectionVisible(t *testing.T) {
	p, h := newPage(t, 30, 80, 2+2*8) // 2 columns, 2 visible rows
	h.Route(drive.KeyPress("G"))
	if p.firstRow != 13 { // 15 rows of 2; the last two rows are visible
		t.Fatalf("firstRow %d after G, want 13", p.firstRow)
	}
	h.Route(drive.KeyPress("g"))
	if p.firstRow != 0 {
		t.Fatalf("firstRow %d after g, want 0", p.firstRow)
	}
}

// TestReloadDuringTypingIsNotLost: the catalog arrives (after a sync)
// while the user types; the typed query is answered on the new catalog.
func TestReloadDuringTypingIsNotLost(t *testing.T) {
	p, h := newPage(t, 0, 120, 40) // empty cache at first
	s := p.store
	reload := p.reload() // a sync finished: reload in flight
	h.Route(drive.KeyPress("/"))
	typed := h.Route(drive.KeyPress("0")) // a keystroke meanwhile
	items := make([]api.API, 3)
	for i := range items {
		items[i] = api.API{ID: fmt.Sprintf("api-%02d", i), Name: fmt.Sprintf("API %02d", i), Category: api.CatData}
	}
	s.ReplaceCatalog(context.Background(), items, `"e"`, time.Now())
	again := h.Route(reload()) // the stale reload lands after the keystroke
	if p.total != 3 || again == nil {
		t.Fatalf("the reloaded catalog was dropped: total %d, requery %v", p.total, again != nil)
	}
	h.Route(typed())
	h.Route(again())
	if len(p.matches) != 3 {
		t.Fatalf("the typed query was not answered on the new catalog: %d matches", len(p.matches))
	}
}

// TestOlderLoadLandingLateIsDropped: the load at start (empty cache) and
// the one after the first sync race; when the older lands last, the
// catalog stays the newer one (seen on a loaded CI machine as "0 de 0").
func TestOlderLoadLandingLateIsDropped(t *testing.T) {
	p, h := newPage(t, 0, 120, 40)
	stale := p.reload()() // at start: reads the still empty cache
	items := []api.API{{ID: "api-a", Name: "API A", Category: api.CatData}, {ID: "api-b", Name: "API B", Category: api.CatData}}
	if err := p.store.ReplaceCatalog(context.Background(), items, `"e"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	h.Route(p.reload()()) // the sync's load lands first...
	h.Route(stale)        // ...then the one from start
	if p.total != 2 || len(p.matches) != 2 {
		t.Fatalf("an older load replaced the catalog: total %d, matches %d", p.total, len(p.matches))
	}
}

// TestASearchAskedBeforeAReloadDoesNotWin: the ids of a keystroke read
// against the old catalog land after the reload of a new one; the matches
// are the new catalog's.
func TestASearchAskedBeforeAReloadDoesNotWin(t *testing.T) {
	p, h := newPage(t, 2, 120, 40) // API 00, API 01
	h.Route(drive.KeyPress("/"))
	typed := h.Route(drive.KeyPress("A")) // ids for "A", on the old catalog
	stale := typed()
	items := []api.API{{ID: "api-00", Name: "API 00", Category: api.CatData}, {ID: "api-01", Name: "API 01", Category: api.CatData},
		{ID: "api-02", Name: "API 02", Category: api.CatData}}
	if err := p.store.ReplaceCatalog(context.Background(), items, `"f"`, time.Now()); err != nil {
		t.Fatal(err)
	}
	h.Answer(p.reload()) // a sync brought a third API
	if len(p.matches) != 3 {
		t.Fatalf("the reload's matches: %d", len(p.matches))
	}
	h.Route(stale)
	if len(p.matches) != 3 {
		t.Fatalf("an older search answer replaced the reloaded catalog's matches: %d", len(p.matches))
	}
}
