package tui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
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

// TestCopyEmitsOSC52 runs the real program inside a (declared) tmux: after
// generating a secret, s writes the OSC 52 sequence with the secret in
// base64 to the terminal, and the same sequence wrapped in tmux's
// passthrough so it reaches the terminal outside tmux.
func TestCopyEmitsOSC52(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	tm := teatest.NewTestModel(t, newModel(t, b.URL, s),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color", "TMUX=/tmp/tmux-0/default,1,0", "SSH_CONNECTION=10.0.0.1 5000 10.0.0.2 22"})))
	var out bytes.Buffer
	wait := func(what string, cond func([]byte) bool) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { out.Write(b); return cond(out.Bytes()) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	wait("the catalog", func(b []byte) bool { return bytes.Contains(b, []byte("Corporativo")) })
	tm.Send(drive.KeyPress("4"))
	wait("the credentials", func(b []byte) bool { return bytes.Contains(b, []byte("ainda não gerado")) })
	tm.Send(drive.KeyPress("n"))
	tm.Send(drive.KeyPress("enter"))
	var secret string
	wait("the reveal", func(b []byte) bool {
		secret = regexp.MustCompile(`gecli_cs_[0-9A-Za-z]{49}`).FindString(string(b))
		return secret != ""
	})
	tm.Send(drive.KeyPress("s"))
	osc52 := ansi.SetSystemClipboard(secret)
	wrapped := ansi.TmuxPassthrough(osc52)
	wait("OSC 52 and its tmux passthrough", func(b []byte) bool {
		return bytes.Contains(b, []byte(osc52)) && bytes.Contains(b, []byte(wrapped))
	})
	if !strings.HasPrefix(osc52, "\x1b]52;c;") || !strings.HasPrefix(wrapped, "\x1bPtmux;\x1b\x1b]52;c;") {
		t.Fatalf("unexpected sequences %q %q", osc52, wrapped)
	}
	tm.Send(drive.KeyPress("esc"))
	tm.Send(drive.KeyPress("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
