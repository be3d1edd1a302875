package requests

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
)

// Cmds capture values only (store, client, query), never the page.

const ioTimeout = 10 * time.Second

// move says where a window read should put the selection.
type move int

const (
	selectFirst move = iota
	selectLast
	keepIndex
)

type windowMsg struct {
	rows []store.Row
	span store.Span
	sel  move
	idx  int
	err  error
}

type countMsg struct {
	n   int
	err error
}

type cancelledMsg struct {
	req api.Request
	err error
}

type downloadedMsg struct {
	path string
	err  error
}

// readWindow resolves the API-name search against the catalog (a few
// hundred rows) and reads one window of requests.
func readWindow(s *store.Store, q store.RequestQuery, search string, sp store.Span, sel move, idx int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, q, search)
		if err != nil {
			return windowMsg{err: err}
		}
		rows, err := s.Window(ctx, q, sp)
		return windowMsg{rows: rows, span: sp, sel: sel, idx: idx, err: err}
	}
}

// resolve turns the API-name search into catalog ids on the query.
func resolve(ctx context.Context, s *store.Store, q store.RequestQuery, search string) (store.RequestQuery, error) {
	if search == "" {
		return q, nil
	}
	ids, err := s.APIIDsByName(ctx, search)
	q.APIIDs = ids
	return q, err
}

func countRows(s *store.Store, q store.RequestQuery, search string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		q, err := resolve(ctx, s, q, search)
		if err != nil {
			return countMsg{err: err}
		}
		n, err := s.CountRequests(ctx, q)
		return countMsg{n: n, err: err}
	}
}

func cancelRequest(c *client.Client, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		r, err := c.CancelRequest(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id)
		return cancelledMsg{req: r, err: err}
	}
}

// downloadAttachment writes an attachment into the download folder
// (created if needed), never overwriting: a file that exists gets a
// numbered name.
func downloadAttachment(c *client.Client, requestID string, a api.Attachment) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		body, err := c.Attachment(ctx, requestID, a.ID)
		if err != nil {
			return downloadedMsg{err: err}
		}
		dir := downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return downloadedMsg{err: err}
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
				return downloadedMsg{err: err}
			}
			_, err = f.Write(body)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return downloadedMsg{path: path, err: err}
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

type draftsMsg struct{ drafts []store.Draft }

func loadDrafts(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		d, _ := s.Drafts(ctx) // no drafts is the normal case
		return draftsMsg{drafts: d}
	}
}
