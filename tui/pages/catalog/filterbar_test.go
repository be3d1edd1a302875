package catalog

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestTheFiltersShowWhileSearchingAt80Columns: with a search typed at 80
// columns, the environment filter's value stays on screen ("e Ambi…" hid
// that HMG was hiding APIs); the filters lose their labels instead.
func TestTheFiltersShowWhileSearchingAt80Columns(t *testing.T) {
	p, h := newPage(t, 5, 80, 24)
	h.Route(drive.KeyPress("e")) // HMG
	h.Route(drive.KeyPress("/"))
	for _, r := range "consulta" {
		h.Route(drive.KeyPress(string(r)))
	}
	bar := ansi.Strip(common.Truncate(p.filterBar(), 80))
	if !regexp.MustCompile(`\be +HMG\b`).MatchString(bar) || !strings.Contains(bar, "consulta") {
		t.Fatalf("the filter bar at 80 columns while searching: %q", bar)
	}
}
