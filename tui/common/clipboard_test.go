package common

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/i18n"
)

// run executes a Cmd tree (batches included) and returns its messages,
// skipping timers, which tests fire by hand.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, run(c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	case <-time.After(200 * time.Millisecond):
		return nil // a tea.Tick
	}
}

func toastOf(msgs []tea.Msg) string {
	for _, m := range msgs {
		if t, ok := m.(ToastMsg); ok {
			return t.Text
		}
	}
	return ""
}

func TestCopySaysWhatWasTried(t *testing.T) {
	var native []string
	c := &Common{Text: i18n.For(api.PtBR), Clip: &Clipboard{Native: func(s string) error { native = append(native, s); return nil }}}
	if got := toastOf(run(Copy(c, "Client ID", "abc"))); !strings.Contains(got, "(OSC 52)") {
		t.Errorf("over SSH only OSC 52 is tried: %q", got)
	}
	if len(native) != 0 {
		t.Fatal("the system clipboard was written though the TUI is not local")
	}
	c.Clip.Local, c.Clip.Tmux = true, true
	if got := toastOf(run(Copy(c, "Client ID", "abc"))); !strings.Contains(got, "OSC 52, passthrough do tmux, área de transferência do sistema") {
		t.Errorf("locally in tmux: %q", got)
	}
	c.Clip.Native = func(string) error { return errors.New("no xclip") }
	if got := toastOf(run(Copy(c, "Client ID", "abc"))); !strings.Contains(got, "sem área de transferência do sistema") {
		t.Errorf("a failed native copy must be said: %q", got)
	}
}

func TestSecretClipboardIsClearedUnlessReplaced(t *testing.T) {
	var native []string
	c := &Common{Text: i18n.For(api.PtBR), Clip: &Clipboard{Local: true, ClearAfter: 30 * time.Second,
		Native: func(s string) error { native = append(native, s); return nil }}}
	if got := toastOf(run(CopySecret(c, "Secret", "gecli_cs_x"))); !strings.Contains(got, "Será limpa em 30s") {
		t.Errorf("the toast must announce the clearing: %q", got)
	}
	first := ClearClipboardMsg{Gen: c.Clip.gen.Load()}
	msgs := run(ClearClipboard(c, first))
	var cleared bool
	for _, m := range msgs {
		cleared = cleared || m == tea.SetClipboard("")()
	}
	if !cleared || native[len(native)-1] != "" || toastOf(msgs) != c.Text.Cred.ClipboardCleared {
		t.Fatalf("the timer did not clear: %v %q", msgs, native)
	}
	run(CopySecret(c, "Secret", "gecli_cs_y"))
	run(Copy(c, "Client ID", "hmg-x")) // copied something else since
	if msgs := run(ClearClipboard(c, ClearClipboardMsg{Gen: c.Clip.gen.Load() - 1})); msgs != nil {
		t.Fatalf("a later copy must not be cleared: %v", msgs)
	}
}

// TestInsideTmuxASecretsToastSaysTmuxKeepsIt: inside tmux (and only
// there) a copied secret's toast, and the clear's, say that tmux's own
// buffers may keep it; a client id's toast does not (it is public).
func TestInsideTmuxASecretsToastSaysTmuxKeepsIt(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		c := &Common{Text: i18n.For(lang), Clip: &Clipboard{ClearAfter: time.Minute}}
		keeps := strings.TrimSpace(c.Text.Cred.TmuxKeeps)
		if !strings.Contains(keeps, "tmux delete-buffer") {
			t.Fatalf("%s: the note does not say how to clear it: %q", lang, keeps)
		}
		if got := toastOf(run(CopySecret(c, "Secret", "gecli_cs_x"))); strings.Contains(got, keeps) {
			t.Errorf("%s: outside tmux the note is out of place: %q", lang, got)
		}
		c.Clip.Tmux = true
		if got := toastOf(run(CopySecret(c, "Secret", "gecli_cs_x"))); !strings.Contains(got, keeps) {
			t.Errorf("%s: inside tmux the secret's toast must say tmux keeps it: %q", lang, got)
		}
		if got := toastOf(run(ClearClipboard(c, ClearClipboardMsg{Gen: c.Clip.gen.Load()}))); !strings.Contains(got, keeps) {
			t.Errorf("%s: the clear must not promise tmux forgot it: %q", lang, got)
		}
		if got := toastOf(run(Copy(c, "Client ID", "hmg-x"))); strings.Contains(got, keeps) {
			t.Errorf("%s: a client id is not a secret: %q", lang, got)
		}
	}
}
