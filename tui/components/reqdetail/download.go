package reqdetail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
)

// DownloadedMsg is one attachment saved (Path), or why not.
type DownloadedMsg struct {
	Path string
	Err  error
}

// Downloaded is the toast that reports a download.
func Downloaded(com *common.Common, m DownloadedMsg) tea.Cmd {
	if m.Err != nil {
		return common.Toast(common.Explain(com.Text, m.Err), true)
	}
	return common.Toast(fmt.Sprintf(com.Text.Downloaded, m.Path), false)
}

// Download writes an attachment into the download folder
// (created if needed), never overwriting: a file that exists gets a
// numbered name.
func Download(c *client.Client, requestID string, a api.Attachment) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		body, err := c.Attachment(ctx, requestID, a.ID)
		if err != nil {
			return DownloadedMsg{Err: err}
		}
		dir := downloadDir()
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

// downloadDir is where attachments are saved: ~/Downloads when it exists,
// else the working directory. It reads the file system: Cmds only.
func downloadDir() string {
	home, err := os.UserHomeDir()
	if err == nil {
		if st, err := os.Stat(filepath.Join(home, "Downloads")); err == nil && st.IsDir() {
			return filepath.Join(home, "Downloads")
		}
	}
	wd, _ := os.Getwd()
	return wd
}
