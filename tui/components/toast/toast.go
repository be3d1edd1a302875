// Package toast shows one short message at a time and clears it after a
// TTL. Each toast carries an id, so the timer of an old toast can never
// clear a newer one.
package toast

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
)

// TTLs: errors stay longer, since they say what to do.
const (
	InfoTTL  = 4 * time.Second
	ErrorTTL = 8 * time.Second
)

// Model holds the visible toast, if any.
type Model struct {
	text  string
	err   bool
	id    int
	shown bool
}

// ExpireMsg is the timer of toast ID.
type ExpireMsg struct{ ID int }

// Push shows text and returns the timer that will clear it.
func (m *Model) Push(text string, isError bool) tea.Cmd {
	m.id++
	m.text, m.err, m.shown = text, isError, true
	ttl, id := InfoTTL, m.id
	if isError {
		ttl = ErrorTTL
	}
	return tea.Tick(ttl, func(time.Time) tea.Msg { return ExpireMsg{ID: id} })
}

// Expire clears the toast if msg is its own timer.
func (m *Model) Expire(msg ExpireMsg) {
	if msg.ID == m.id {
		m.shown = false
	}
}

// Visible reports whether a toast is showing.
func (m Model) Visible() bool { return m.shown }

// Text is the visible toast's text.
func (m Model) Text() string { return m.text }

// View renders the toast on one line of width cells.
func (m Model) View(st themes.Styles, width int) string {
	if !m.shown {
		return ""
	}
	style, icon := st.Accent, "ℹ "
	if m.err {
		style, icon = st.Error, "✖ "
	}
	return common.Truncate(style.Render(icon+m.text), width)
}
