// Package confirm is a yes/no question as an overlay: s (or y, enter)
// hands the owner the result it was opened with, esc (or n) closes it
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
	com      *common.Common
	mb       *route.Mailbox
	owner    route.ID
	question string
	yes      tea.Msg
	keys     struct{ Yes, No key.Binding }
}

// New asks question for owner; confirming hands owner yes.
func New(com *common.Common, owner route.ID, question string, yes tea.Msg) *Box {
	b := &Box{com: com, mb: route.NewMailbox(route.NewID("confirm")), owner: owner, question: question, yes: yes}
	b.keys.Yes = common.Bind("s", com.Text.KeyConfirm, "s", "y", "enter")
	b.keys.No = common.Bind("esc", com.Text.KeyBack, "esc", "n")
	return b
}

func (b *Box) Mailbox() *route.Mailbox { return b.mb }
func (b *Box) Owner() route.ID         { return b.owner }

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
