package requests

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// picker lists the saved drafts, newest first: ↑/↓ choose, enter resumes
// one, esc closes.
type picker struct {
	overlay.Base
	com    *common.Common
	list   common.Pick
	drafts []store.Draft
}

// resumeDraft is the picker's result: open the wizard on this draft.
type resumeDraft struct{ draft store.Draft }

func newPicker(com *common.Common, owner route.ID, keys keyMap, drafts []store.Draft) *picker {
	list := common.Pick{Up: keys.Up, Down: keys.Down, Choose: keys.Open, Close: keys.Back}
	return &picker{Base: overlay.NewBase("drafts", owner), com: com, list: list, drafts: drafts}
}

func (p *picker) ShortHelp() []key.Binding  { return p.list.ShortHelp() }
func (p *picker) FullHelp() [][]key.Binding { return p.list.FullHelp() }

func (p *picker) Update(msg tea.Msg) overlay.Action {
	switch p.list.Key(msg, len(p.drafts)) {
	case common.PickedLine:
		return overlay.Close{Result: resumeDraft{draft: p.drafts[p.list.I]}}
	case common.PickedClose:
		return overlay.Close{}
	}
	return nil
}

func (p *picker) View(int, int) string {
	st, t := p.com.Styles, p.com.Text
	steps := strings.Split(t.WizSteps, "|")
	lines := []string{st.Bold.Render(fmt.Sprintf(t.WizDrafts, len(p.drafts))), ""}
	for i, d := range p.drafts {
		name := d.APIName
		if name == "" {
			name = "—"
		}
		line := fmt.Sprintf("%s · %s · %s", name, steps[min(d.Step, len(steps)-1)], t.DateTime(d.UpdatedAt))
		mark, style := p.list.Mark(st, i)
		lines = append(lines, style.Render(mark+line))
	}
	return strings.Join(append(lines, "", st.Subtle.Render(t.WizPickDraft)), "\n")
}
