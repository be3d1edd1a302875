package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/gecli/gecli/tui/internal/drive"
)

// TestRealProgram runs the root model in a real tea.Program (renderer,
// input, Cmd scheduling) rather than the test driver: cards appear, a
// search narrows them, and q ends the program.
func TestRealProgram(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	tm := teatest.NewTestModel(t, newModel(t, b.URL, s),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(s)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	// The renderer only redraws changed cells, so wait for whole words
	// that newly appear: a card name once the sync fills the grid...
	wait("Corporativo")
	tm.Send(drive.KeyPress("/"))
	tm.Type("tpu")
	// ...and TPU's card, which is not in the first rows until the search.
	wait("Tabelas")
	tm.Send(drive.KeyPress("enter"))
	tm.Send(drive.KeyPress("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
