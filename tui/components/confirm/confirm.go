// Package confirm is a yes/no question as an overlay: the yes keys (s, y,
// and enter where it cannot be pressed by habit) hand the owner the result
// it was opened with, esc (or n) closes it
// with nothing done. The owner draws the question where it belongs.
package confirm

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Box is one question.
type Box struct {
	overlay.Base
	com      *common.Common
	question string
	yes      tea.Msg
	keys     struct{ Yes, No key.Binding }
}

// New asks question for owner; a press of one of yesKeys hands owner yes.
func New(com *common.Common, owner route.ID, question string, yes tea.Msg, yesKeys ...string) *Box {
	b := &Box{Base: overlay.NewBase("confirm", owner), com: com, question: question, yes: yes}
	b.keys.Yes = common.Bind(yesKeys[0], com.Text.KeyConfirm, yesKeys...)
	b.keys.No = common.Bind("esc", com.Text.KeyBack, "esc", "n")
	return b
}

// Question is what is asked, for the owner's layout.
func (b *Box) Question() string { return b.question }

func (b *Box) ShortHelp() []key.Binding  { return []key.Binding{b.keys.Yes, b.keys.No} }
func (b *Box) FullHelp() [][]key.Binding { return [][]key.Binding{b.ShortHelp()} }

// Update: any other key is ignored, so a stray key neither confirms nor
// silently drops the question.
func (b *Box) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return nil
	case key.Matches(k, b.keys.Yes):
		return overlay.Close{Result: b.yes}
	case key.Matches(k, b.keys.No):
		return overlay.Close{}
	}
	return nil
}

// View is the question in the warning style, cut to width.
func (b *Box) View(width, _ int) string {
	return b.com.Styles.Warning.Render(common.Truncate(b.question, width))
}
