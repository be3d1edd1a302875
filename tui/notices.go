package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/notices"
)

// noticeClockEvery is how often the notices' lines are read against the
// clock: a countdown's minutes, a window that opens or closes, an
// announcement whose time is up.
const noticeClockEvery = 30 * time.Second

type noticeClockMsg struct{}

func noticeClock() tea.Cmd {
	return tea.Tick(noticeClockEvery, func(time.Time) tea.Msg { return noticeClockMsg{} })
}

// noticeLines are the notices under the header now, at most as many as
// the body gave room for at the last resize (noticeRows), so the page
// and the chrome always agree on the height.
func (m *Model) noticeLines() []string {
	lines := notices.Lines(m.com, m.notices, m.com.Now(), m.width)
	for len(lines) < m.noticeRows {
		lines = append(lines, "") // one that ended since: the clock's next reading resizes
	}
	return lines[:m.noticeRows]
}

// noticesChanged takes a new reading of the notices (or of the clock):
// ! acts while there are announcements, and a line that comes or goes
// resizes the pages.
func (m *Model) noticesChanged() tea.Cmd {
	now := m.com.Now()
	m.keys.Notices.SetEnabled(notices.Any(m.com, m.notices, now))
	rows := len(notices.Lines(m.com, m.notices, now, max(m.width, 1)))
	if rows == m.noticeRows {
		return nil
	}
	m.noticeRows = rows
	return m.resize()
}

// noticesUpdate handles the notices' messages; ok is false for others.
func (m *Model) noticesUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.NoticesMsg:
		// The newest read, from the sync (this message may be older than
		// another that came first). Dismissals only grow: one made while
		// the read was on its way (and written after it read the cache)
		// stays.
		fresh := m.sync.Notices()
		dismissed := map[string]bool{}
		for id := range fresh.Dismissed {
			dismissed[id] = true
		}
		for id := range m.notices.Dismissed {
			dismissed[id] = true
		}
		m.notices = fresh
		m.notices.Dismissed = dismissed
		return m.noticesChanged(), true
	case notices.DismissedMsg:
		if msg.Err == nil {
			if m.notices.Dismissed == nil {
				m.notices.Dismissed = map[string]bool{}
			}
			m.notices.Dismissed[msg.ID] = true
		}
		return m.noticesChanged(), true
	case noticeClockMsg:
		return tea.Batch(m.noticesChanged(), noticeClock(), readGrace(m.opts.Store)), true
	}
	return nil, false
}
