package sync

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// NoticesEvery is how often the announcements and the maintenance window
// are read again by default (a window announced ahead shows within it).
const NoticesEvery = time.Minute

// noticesMsg is a read of the notices: from the server (then kept in the
// cache), or from the cache alone when the server is out of reach.
type noticesMsg struct {
	notices store.Notices
	err     error // the server's, when it was asked and failed
	cached  bool  // the cache's read at start, before the server answers
	unread  bool  // nothing could be read: what is on screen stays
}

type noticesTickMsg struct{}

func noticesAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return noticesTickMsg{} })
}

// loadNotices reads the cached notices (offline, they still show).
func loadNotices(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		n, err := s.CachedNotices(ctx)
		return noticesMsg{notices: n, err: err, cached: true, unread: err != nil}
	}
}

// fetchNotices asks the server (as c: the session's client sees its
// role's announcements) and keeps the answer; on failure it reads what
// the cache has. It captures only its arguments.
func fetchNotices(c *client.Client, s *store.Store, now func() time.Time) tea.Cmd {
	asked := now() // an older ask that answers later must not replace this one's
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		anns, err := c.Announcements(ctx, false)
		if err == nil {
			window, werr := c.Maintenance(ctx)
			if werr == nil {
				err = s.SaveNotices(ctx, anns, window, asked)
			} else {
				err = werr
			}
		}
		n, cerr := s.CachedNotices(ctx)
		if cerr != nil {
			return noticesMsg{err: cerr, unread: true}
		}
		return noticesMsg{notices: n, err: err}
	}
}

// refreshNotices reads the notices now: as the session when signed in.
func (m *Model) refreshNotices() tea.Cmd {
	if m.o.Client == nil {
		return m.mb.Latest("notices", loadNotices(m.o.Store))
	}
	c := m.o.Client
	if m.authed != nil {
		c = m.authed
	}
	return m.mb.Latest("notices", fetchNotices(c, m.o.Store, m.o.Now))
}

// noticesRead hands the notices to the root and schedules the next read;
// a failure is quiet (the cached ones show; connectivity has its own say).
func (m *Model) noticesRead(msg noticesMsg) tea.Cmd {
	if msg.cached && m.noticesFetched {
		return nil // read before the server's answer was kept: older
	}
	m.noticesFetched = m.noticesFetched || !msg.cached
	if msg.unread {
		return m.mb.Latest("notices-tick", noticesAfter(max(m.o.NoticesEvery, time.Second)))
	}
	// Kept here, and the root reads them from here (Notices): the Cmds
	// that tell it run apart and may arrive in another order.
	m.notices = msg.notices
	cmds := []tea.Cmd{func() tea.Msg { return common.NoticesMsg{} }}
	if m.o.Client != nil && m.o.NoticesEvery > 0 {
		cmds = append(cmds, m.mb.Latest("notices-tick", noticesAfter(m.o.NoticesEvery)))
	}
	return tea.Batch(cmds...)
}

// Notices are the newest notices read (the cache's, then the server's).
func (m *Model) Notices() store.Notices { return m.notices }
