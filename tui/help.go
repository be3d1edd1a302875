package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// helpOverlay is the full help: the page's keys, then the global ones,
// each under a heading, so narrow terminals stack them instead of cutting
// columns. ?, q and esc close it.
type helpOverlay struct {
	overlay.Base
	com    *common.Common
	help   help.Model
	page   help.KeyMap
	global [][]key.Binding
	close  key.Binding
}

func newHelp(com *common.Common, h help.Model, page help.KeyMap, global [][]key.Binding) *helpOverlay {
	return &helpOverlay{Base: overlay.NewBase("help", route.Root), com: com, help: h, page: page, global: global,
		close: key.NewBinding(key.WithKeys("?", "q", "esc"), key.WithHelp("esc", com.Text.Box.KeyClose))}
}

func (o *helpOverlay) ShortHelp() []key.Binding  { return []key.Binding{o.close} }
func (o *helpOverlay) FullHelp() [][]key.Binding { return [][]key.Binding{{o.close}} }

func (o *helpOverlay) Update(msg tea.Msg) overlay.Action {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, o.close) {
		return overlay.Close{}
	}
	return nil
}

func (o *helpOverlay) View(width, _ int) string {
	st, t := o.com.Styles, o.com.Text
	h := o.help
	h.SetWidth(width)
	return strings.Join([]string{
		st.Bold.Render(t.HelpTitle) + "   " + st.Subtle.Render(t.HelpClose), "",
		st.Accent.Render(t.HelpPage), h.FullHelpView(o.page.FullHelp()), "",
		st.Accent.Render(t.HelpGlobal), h.FullHelpView(o.global),
	}, "\n")
}
