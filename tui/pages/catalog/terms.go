package catalog

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
)

// readTerms opens the API's current terms of use in the viewer (t, in
// its documentation, where its terms are named). The terms are public:
// it works signed out, but not in --offline mode (they are not cached).
func (p *Page) readTerms(a api.API) tea.Cmd {
	t := p.com.Text
	if p.client == nil {
		return common.Toast(t.OfflineNoRefresh, true)
	}
	c, id := p.client, a.ID
	v, cmd := pdfview.New(p.com, p.mb.ID(), fmt.Sprintf(t.PDFView.TermsTitle, a.Name, a.Terms.Version),
		func(ctx context.Context) ([]byte, error) { return c.Terms(ctx, id) }, p.width)
	p.com.Overlays.Push(v)
	return cmd
}
