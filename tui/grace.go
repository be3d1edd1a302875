package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// graceWarn is how long before a previous secret stops working the
// person is told (once per secret and session): a script still on it has
// that long to change.
const graceWarn = time.Hour

// graceMsg carries the cached credentials, read for the grace warnings.
type graceMsg struct{ items []api.Credential }

// readGrace reads the cached credentials (the Credenciais page keeps them
// fresh). It captures only its argument.
func readGrace(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		items, _, err := s.Credentials(ctx)
		if err != nil {
			return nil // the page says what is wrong with the cache
		}
		return graceMsg{items: items}
	}
}

// graceEnding tells of each previous secret that stops working within
// graceWarn and was not told yet, as a decision is told.
func (m *Model) graceEnding(msg graceMsg) tea.Cmd {
	if m.me == nil || !m.me.Can(api.PermCredentialsManage) {
		return nil
	}
	now := m.com.Now()
	var texts []string
	for _, c := range msg.items {
		until, err := time.Parse(time.RFC3339, c.PreviousValidUntil)
		key := c.ClientID + "@" + c.PreviousValidUntil
		if err != nil || !until.After(now) || until.Sub(now) > graceWarn || m.graceTold[key] {
			continue
		}
		if m.graceTold == nil {
			m.graceTold = map[string]bool{}
		}
		m.graceTold[key] = true
		texts = append(texts, fmt.Sprintf(m.com.Text.Notice.GraceEnding, common.Plain(c.ClientID), m.com.Text.Span(until.Sub(now))))
	}
	if len(texts) == 0 {
		return nil
	}
	// One toast for them all: a toast holds one text, and the first would
	// be replaced before anyone read it.
	text := strings.Join(texts, " · ")
	return tea.Batch(m.toast.Push(text, true), common.Notification(m.notifier, "gecli", text))
}
