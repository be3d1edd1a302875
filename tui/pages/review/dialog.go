package review

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// dialog is the approve/reject question with its justification: enter
// decides (a rejection needs one of at least 10 characters), esc closes;
// every other key is typing.
type dialog struct {
	overlay.Base
	com     *common.Common
	req     api.Request
	approve bool
	input   textinput.Model
	problem string
	keys    struct{ Decide, Close key.Binding }
}

// decisionChosen is the dialog's result: send this decision.
type decisionChosen struct {
	id       string
	decision api.Decision
}

// newDialog sizes the justification to the detail pane it is drawn in
// (width), so what is typed never wraps out of sight.
func newDialog(com *common.Common, owner route.ID, r api.Request, approve bool, width int) (*dialog, tea.Cmd) {
	in := search.NewInput(com.Text.JustificationLabel, 2000)
	in.SetWidth(max(10, width-2))
	d := &dialog{Base: overlay.NewBase("decision", owner), com: com, req: r, approve: approve, input: in}
	d.keys.Decide = common.Bind("enter", com.Text.KeyConfirm, "enter")
	d.keys.Close = common.Bind("esc", com.Text.KeyBack, "esc")
	return d, d.input.Focus()
}

func (d *dialog) ShortHelp() []key.Binding  { return []key.Binding{d.keys.Decide, d.keys.Close} }
func (d *dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

func (d *dialog) Update(msg tea.Msg) overlay.Action {
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(k, d.keys.Close):
			return overlay.Close{}
		case key.Matches(k, d.keys.Decide):
			return d.decide()
		}
	case tea.PasteMsg:
	default:
		return nil
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	d.problem = ""
	return overlay.Run{Cmd: cmd}
}

func (d *dialog) decide() overlay.Action {
	just := strings.TrimSpace(d.input.Value())
	if !d.approve && len([]rune(just)) < 10 {
		d.problem = d.com.Text.JustificationRequired
		return nil
	}
	decision := api.Decision{Decision: "reject", Justification: just}
	if d.approve {
		decision.Decision = "approve"
	}
	return overlay.Close{Result: decisionChosen{id: d.req.ID, decision: decision}}
}

func (d *dialog) View(int, int) string {
	st, t := d.com.Styles, d.com.Text
	prompt := fmt.Sprintf(t.RejectPrompt, d.req.ID, d.req.APIName)
	if d.approve {
		prompt = fmt.Sprintf(t.ApprovePrompt, d.req.ID, d.req.APIName)
	}
	box := []string{st.Warning.Render(prompt), d.input.View(), st.Subtle.Render("enter · esc")}
	if d.problem != "" {
		box = append(box, st.Error.Render("✖ "+d.problem))
	}
	return strings.Join(box, "\n")
}
