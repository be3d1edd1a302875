package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/cache"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/internal/drive"
)

// BenchmarkColdStart is a start with 100,000 cached requests (DESIGN §8,
// target 150 ms): open the cache (migrations checked), build the model,
// run its start-up reads and render until the first frame shows the
// cached catalog; then, as a second figure, until the request table shows
// its first window and count. Offline, so no network time is in it; the
// process start and terminal set-up are not either.
func BenchmarkColdStart(b *testing.B) {
	path := cache.Filled(b, 100_000)
	start := func(b *testing.B) (*drive.Driver, *store.Store) {
		s, err := store.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		m := New(Options{Store: s, Lang: api.PtBR, Theme: themes.Dark, Now: fixedNow})
		d := drive.New(b, m, 120, 40)
		d.WaitForText("18 de 18 APIs")
		return d, s
	}
	b.Run("catalog frame", func(b *testing.B) {
		for b.Loop() {
			_, s := start(b)
			s.Close()
		}
	})
	b.Run("request table frame", func(b *testing.B) {
		for b.Loop() {
			d, s := start(b)
			d.Key("2")
			d.WaitFor("the table and its count", func(v string) bool {
				return strings.Contains(v, "100.000 solicitações") && strings.Contains(v, "Em análise")
			})
			s.Close()
		}
	})
}
