package reqdetail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pathcomplete"
)

// DownloadedMsg is one attachment saved (Path), or a link to it for a
// terminal on another machine (Link, of the file Name), or why not.
type DownloadedMsg struct {
	Path string
	Link *api.DownloadLink
	Name string
	Err  error
}

// Downloaded reports a download; a link is copied to the person's
// clipboard through OSC 52 (over SSH, the only clipboard that is theirs).
func Downloaded(com *common.Common, m DownloadedMsg) tea.Cmd {
	switch {
	case m.Err != nil:
		return common.Toast(common.Explain(com.Text, m.Err), true)
	case m.Link != nil:
		until := m.Link.ExpiresAt.In(time.Local).Format("15:04")
		return common.Copy(com, fmt.Sprintf(com.Text.Remote.DownloadLinkLabel, m.Name, until), m.Link.URL)
	}
	return common.Toast(fmt.Sprintf(com.Text.Downloaded, m.Path), false)
}

// DownloadFor saves an attachment where the person is: into their
// download folder when the TUI runs on their machine, else (gecli ssh)
// as a single-use link they open in their own browser, so nothing is
// written on the host on their behalf.
func DownloadFor(com *common.Common, requestID string, a api.Attachment) tea.Cmd {
	if !com.Remote {
		return Download(com.Authed, com.DownloadDir, requestID, a)
	}
	c := com.Authed
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		link, err := c.DownloadLink(ctx, requestID, a.ID)
		if err != nil {
			return DownloadedMsg{Err: err}
		}
		return DownloadedMsg{Link: &link, Name: a.Filename}
	}
}

// Download writes an attachment into the download folder dir ("":
// ~/Downloads), created if needed, never overwriting: a file that exists
// gets a numbered name.
func Download(c *client.Client, dir, requestID string, a api.Attachment) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		body, err := c.Attachment(ctx, requestID, a.ID)
		if err != nil {
			return DownloadedMsg{Err: err}
		}
		dir, err := downloadDir(dir)
		if err != nil {
			return DownloadedMsg{Err: err}
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return DownloadedMsg{Err: err}
		}
		path := filepath.Join(dir, filepath.Base(a.Filename))
		ext := filepath.Ext(path)
		for i := 1; ; i++ {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if os.IsExist(err) {
				path = filepath.Join(dir, filepath.Base(a.Filename[:len(a.Filename)-len(ext)])+"-"+strconv.Itoa(i)+ext)
				continue
			}
			if err != nil {
				return DownloadedMsg{Err: err}
			}
			_, err = f.Write(body)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return DownloadedMsg{Path: path, Err: err}
		}
	}
}

// downloadDir is where attachments are saved: dir when given (a leading
// ~ is the home folder), else ~/Downloads (created when missing); a ~
// that cannot be resolved is refused, not taken for a folder named "~".
// It reads the environment: Cmds only.
func downloadDir(dir string) (string, error) {
	if dir == "" {
		dir = "~/Downloads"
	}
	dir = pathcomplete.Expand(dir)
	if dir == "~" || strings.HasPrefix(dir, "~/") {
		return "", common.ErrNoDownloadDir // no home folder to put it in
	}
	return dir, nil
}
