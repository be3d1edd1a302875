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
	keys   keyMap
	drafts []store.Draft
	pick   int
}

// resumeDraft is the picker's result: open the wizard on this draft.
type resumeDraft struct{ draft store.Draft }

func newPicker(com *common.Common, owner route.ID, keys keyMap, drafts []store.Draft) *picker {
	return &picker{Base: overlay.NewBase("drafts", owner), com: com, keys: keys, drafts: drafts}
}

func (p *picker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Open, p.keys.Down, p.keys.Back}
}
func (p *picker) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.Open, p.keys.Back}, {p.keys.Up, p.keys.Down}}
}

func (p *picker) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := len(p.drafts)
	switch {
	case key.Matches(k, p.keys.Up):
		p.pick = (p.pick + n - 1) % n
	case key.Matches(k, p.keys.Down):
		p.pick = (p.pick + 1) % n
	case key.Matches(k, p.keys.Open):
		return overlay.Close{Result: resumeDraft{draft: p.drafts[p.pick]}}
	case key.Matches(k, p.keys.Back):
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
		if i == p.pick {
			lines = append(lines, st.FilterOn.Padding(0).Render("▸ "+line))
		} else {
			lines = append(lines, st.Text.Render("  "+line))
		}
	}
	return strings.Join(append(lines, "", st.Subtle.Render(t.WizPickDraft)), "\n")
}
