package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Run starts the TUI on the terminal and returns when the user quits. The
// alternate screen and mouse mode are undone by Bubble Tea on every exit,
// panics included, so the terminal is always restored.
func Run(ctx context.Context, o Options) error {
	// lipgloss detected the colour profile of this terminal when it was
	// loaded (stdout, this environment: what Bubble Tea would look at).
	// Detecting it again costs a `tmux info` inside tmux, about 20 ms
	// before the first frame.
	p := tea.NewProgram(New(o), tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("tui: %w", err)
	}
	return nil
}
