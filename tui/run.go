package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Run starts the TUI on the terminal and returns when the user quits. The
// alternate screen and mouse mode are undone by Bubble Tea on every exit,
// panics included, so the terminal is always restored.
func Run(ctx context.Context, o Options) error {
	p := tea.NewProgram(New(o), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("tui: %w", err)
	}
	return nil
}
