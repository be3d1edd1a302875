package requests

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// picker lists the saved drafts, newest first: ↑/↓ choose, enter resumes
// one, x (or delete) deletes it after a confirmation, esc closes.
type picker struct {
	overlay.Base
	com    *common.Common
	list   common.Pick
	delete key.Binding
	drafts []store.Draft
}

// resumeDraft is the picker's result: open the wizard on this draft.
type resumeDraft struct{ draft store.Draft }

// deleteConfirmed is the delete question's yes, for the page.
type deleteConfirmed struct{ draft store.Draft }

func newPicker(com *common.Common, owner route.ID, keys keyMap, drafts []store.Draft) *picker {
	resume := keys.Open
	resume.SetHelp("enter", com.Text.KeyResumeDraft)
	list := common.Pick{Up: keys.Up, Down: keys.Down, Choose: resume, Close: keys.Back}
	return &picker{Base: overlay.NewBase("drafts", owner), com: com, list: list, delete: keys.DeleteDraft, drafts: drafts}
}

func (p *picker) ShortHelp() []key.Binding {
	return append([]key.Binding{p.list.Choose, p.delete}, append(p.moves(), p.list.Close)...)
}

func (p *picker) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.list.Choose, p.delete, p.list.Close}, p.moves()}
}

// moves choose another draft, when there is another.
func (p *picker) moves() []key.Binding {
	if len(p.drafts) < 2 {
		return nil
	}
	return []key.Binding{p.list.Up, p.list.Down}
}

func (p *picker) Update(msg tea.Msg) overlay.Action {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.delete) {
		d := p.drafts[p.list.I]
		// Only s or y delete: enter resumes in this box, and a deleted
		// draft cannot be brought back.
		q := fmt.Sprintf(p.com.Text.ConfirmDeleteDraft, draftName(p.com, d))
		return overlay.Push{Overlay: confirm.New(p.com, p.Owner(), q, deleteConfirmed{draft: d}, "s", "y")}
	}
	switch p.list.Key(msg, len(p.drafts)) {
	case common.PickedLine:
		return overlay.Close{Result: resumeDraft{draft: p.drafts[p.list.I]}}
	case common.PickedClose:
		return overlay.Close{}
	}
	return nil
}

// setDrafts shows the drafts as they are now (one was deleted), the
// choice kept on the same draft, or on the one after a deleted one.
func (p *picker) setDrafts(drafts []store.Draft) {
	chosen := p.drafts[p.list.I].ID
	p.drafts = drafts
	for i, d := range drafts {
		if d.ID == chosen {
			p.list.I = i
			return
		}
	}
	p.list.I = min(p.list.I, max(0, len(drafts)-1))
}

func (p *picker) View(width, _ int) string { return p.render("", width) }

// render draws the list in width cells and the open delete question
// ("" none) under it; the footer lists the keys (ShortHelp).
func (p *picker) render(question string, width int) string {
	st, t := p.com.Styles, p.com.Text
	lines := []string{st.Bold.Render(fmt.Sprintf(t.DraftsTitle, len(p.drafts))), ""}
	for i, d := range p.drafts {
		mark, style := p.list.Mark(st, i)
		lines = append(lines, style.Render(mark+draftName(p.com, d)))
	}
	if question != "" { // wrapped: its keys come last
		lines = append(append(lines, ""), strings.Split(lipgloss.Wrap(st.Warning.Render(question), max(1, width), ""), "\n")...)
	}
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	return strings.Join(lines, "\n")
}

// draftName is a draft as the list shows it: API, step, last edit.
func draftName(com *common.Common, d store.Draft) string {
	t := com.Text
	steps := strings.Split(t.WizSteps, "|")
	name := d.APIName
	if name == "" {
		name = "—"
	}
	return fmt.Sprintf("%s · %s · %s", name, steps[min(d.Step, len(steps)-1)], t.DateTime(d.UpdatedAt))
}
