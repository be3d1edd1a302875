package wizard

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/route"
)

// readTerms opens the API's terms of use in the viewer over the wizard
// (t on the terms step), so they are read before they are accepted; esc
// comes back to the step as it was.
func (m *Model) readTerms() tea.Cmd {
	t := m.com.Text
	c := m.com.Authed
	if c == nil {
		m.problem = t.PDFView.TermsSignIn
		return nil
	}
	a, _ := m.api()
	id := a.ID
	v, cmd := pdfview.New(m.com, route.Root, fmt.Sprintf(t.PDFView.TermsTitle, a.Name, a.Terms.Version),
		func(ctx context.Context) ([]byte, error) { return c.Terms(ctx, id) }, m.cols)
	m.push = v
	return cmd
}
