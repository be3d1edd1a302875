package reqdetail

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

// TestOverSSHADownloadIsALinkOnTheClipboard: a remote TUI (gecli ssh)
// writes no file: d gives a single-use link, copied through OSC 52, that
// serves the PDF once.
func TestOverSSHADownloadIsALinkOnTheClipboard(t *testing.T) {
	c, _, id := signedIn(t)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	att, err := c.UploadAttachment(context.Background(), id, "oficio.pdf", pdf)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	com := &common.Common{Text: i18n.For(api.PtBR), Lang: api.PtBR, Styles: themes.Get(themes.Dark), Now: func() time.Time { return now },
		Authed: c, Remote: true, Clip: &common.Clipboard{}}
	msg := DownloadFor(com, id, att)().(DownloadedMsg)
	if msg.Err != nil || msg.Link == nil || msg.Path != "" || !strings.Contains(msg.Link.URL, "/dl/") {
		t.Fatalf("remote download: %+v", msg)
	}
	var osc52 bool
	for _, m := range run(Downloaded(com, msg)) {
		osc52 = osc52 || m == tea.SetClipboard(msg.Link.URL)()
		if toast, ok := m.(common.ToastMsg); ok && !strings.Contains(toast.Text, "oficio.pdf") {
			t.Errorf("the toast does not name the file: %q", toast.Text)
		}
	}
	if !osc52 {
		t.Error("the link was not written with OSC 52")
	}
	res, err := http.Get(msg.Link.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != string(pdf) {
		t.Errorf("the link: %d %q", res.StatusCode, base64.StdEncoding.EncodeToString(body))
	}
}

// run runs cmd and the batches it returns, collecting their messages.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// TestADownloadGoesWhereItIsTold: into --download-dir when given (a
// leading ~ is home), else into ~/Downloads, created when missing; never
// into the current directory in silence; twice the same file gets a
// numbered name.
func TestADownloadGoesWhereItIsTold(t *testing.T) {
	c, _, id := signedIn(t)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	att, err := c.UploadAttachment(context.Background(), id, "oficio.pdf", pdf)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	wd, _ := os.Getwd()
	cases := []struct{ dir, want string }{
		{"", filepath.Join(home, "Downloads", "oficio.pdf")},
		{"", filepath.Join(home, "Downloads", "oficio-1.pdf")},
		{"~/anexos", filepath.Join(home, "anexos", "oficio.pdf")},
		{filepath.Join(home, "x", "y"), filepath.Join(home, "x", "y", "oficio.pdf")},
	}
	for _, tc := range cases {
		com := &common.Common{Text: i18n.For(api.PtBR), Authed: c, DownloadDir: tc.dir}
		msg := DownloadFor(com, id, att)().(DownloadedMsg)
		if msg.Err != nil || msg.Path != tc.want {
			t.Errorf("--download-dir %q: %+v, want %s", tc.dir, msg, tc.want)
			continue
		}
		if b, err := os.ReadFile(msg.Path); err != nil || string(b) != string(pdf) {
			t.Errorf("%s: %v", msg.Path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(wd, "oficio.pdf")); err == nil {
		t.Error("a file was saved into the current directory")
	}
	t.Setenv("HOME", "") // no home folder: refused, not a folder named "~"
	for _, dir := range []string{"", "~", "~/anexos"} {
		com := &common.Common{Text: i18n.For(api.PtBR), Authed: c, DownloadDir: dir}
		if msg := DownloadFor(com, id, att)().(DownloadedMsg); msg.Err != common.ErrNoDownloadDir {
			t.Errorf("--download-dir %q without a home: %+v", dir, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(wd, "~")); err == nil {
		t.Error(`a folder named "~" was made`)
	}
}
