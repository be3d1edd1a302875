// Package toast shows one short message at a time and clears it after a
// TTL. Each toast carries an id, so the timer of an old toast can never
// clear a newer one.
package toast

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

// MaxLines is the most a toast takes: a message too long for one line
// (80 columns) goes on to a second, over the page's last line, so what
// it says to do is read whole; past two lines it is cut.
const MaxLines = 2

// View renders the toast in width cells, on one line or, when it does not
// fit, on MaxLines.
func (m Model) View(st themes.Styles, width int) string {
	if !m.shown {
		return ""
	}
	style, icon := st.Accent, "ℹ "
	if m.err {
		style, icon = st.Error, "✖ "
	}
	text := icon + m.text
	if width <= 0 || ansi.StringWidth(text) <= width {
		return common.Truncate(style.Render(text), width)
	}
	lines := strings.Split(lipgloss.Wrap(text, width, " "), "\n")
	if len(lines) > MaxLines {
		lines = append(lines[:MaxLines-1], common.Truncate(strings.Join(lines[MaxLines-1:], " "), width))
	}
	for i, l := range lines {
		lines[i] = common.Truncate(style.Render(l), width)
	}
	return strings.Join(lines, "\n")
}
