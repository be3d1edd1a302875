package wizard

import (
	"context"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestClosingBeforeChoosingKeepsNoDraft: n then esc, with no API chosen,
// leaves no empty draft behind ("— · API e ambiente" piled up in r);
// once an API is chosen, closing keeps the draft.
func TestClosingBeforeChoosingKeepsNoDraft(t *testing.T) {
	_, m, s := setup(t)
	ctx := context.Background()

	empty := New(m.com, s, store.Draft{ID: "draft-empty"})
	d := drive.New(t, host{empty}, 80, 24)
	d.WaitForText("Sistema Nacional")
	d.Key("esc")
	d.Settle(50 * time.Millisecond)
	if all, _ := s.Drafts(ctx); len(all) != 0 {
		t.Fatalf("closing before choosing an API kept %d drafts: %+v", len(all), all)
	}

	chosen := New(m.com, s, store.Draft{ID: "draft-chosen"})
	d = drive.New(t, host{chosen}, 80, 24)
	d.WaitForText("Sistema Nacional")
	d.Key("enter") // the API under the cursor
	d.WaitForText("Defensoria Pública Exemplo")
	d.Key("esc")
	d.Key("esc")
	d.WaitFor("the draft kept", func(string) bool {
		all, _ := s.Drafts(ctx)
		return len(all) == 1 && all[0].ID == "draft-chosen" && all[0].APIID != "" && all[0].Environment != api.Environment("")
	})
}
