package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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
	return strings.Join([]string{
		st.Bold.Render(t.HelpTitle) + "   " + st.Subtle.Render(t.HelpClose), "",
		st.Accent.Render(t.HelpPage), o.columns(o.page.FullHelp(), width), "",
		st.Accent.Render(t.HelpGlobal), o.columns(o.global, width),
	}, "\n")
}

// columns lays the groups side by side while they fit in width and starts
// a new row of columns when the next one would not: help.Model cuts the
// columns past the width ("↑/k mover …"), and every key must show.
func (o *helpOverlay) columns(groups [][]key.Binding, width int) string {
	h := o.help
	h.SetWidth(0) // each row is measured here, so help never cuts one
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		if len(row) > 0 && lipgloss.Width(h.FullHelpView(append(row[:len(row):len(row)], g))) > width {
			rows = append(rows, h.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, h.FullHelpView(row))
	}
	return strings.Join(rows, "\n\n")
}
