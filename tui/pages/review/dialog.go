package review

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// dialog is the approve/reject question with its justification: enter
// decides (a rejection needs one of at least 10 characters), esc closes;
// every other key is typing. What is typed is the request's draft in the
// cache (saved at each pause, on esc and before sending), offered again
// the next time; it is dropped once the decision is registered. While the
// decision is on its way the dialog stays, with a spinner, and takes no
// key: it cannot be sent twice, and a refusal keeps the text.
type dialog struct {
	overlay.Base
	com     *common.Common
	store   *store.Store
	req     api.Request
	approve bool
	input   textinput.Model
	spin    spinner.Model
	problem string
	// restored: the text is a draft found in the cache; typed: a key was
	// typed (a draft read later does not overwrite it).
	restored, typed bool
	// others is how many requests are marked for a batch: the dialog
	// says they are not part of this decision.
	others int
	keys   struct{ Decide, Close key.Binding }
}

// newDialog sizes the justification to the detail pane it is drawn in
// (width), so what is typed never wraps out of sight, and reads the
// request's draft.
func newDialog(com *common.Common, s *store.Store, owner route.ID, r api.Request, approve bool, others, width int) (*dialog, tea.Cmd) {
	in := search.NewInput(com.Text.JustificationLabel, api.MaxJustificationLen)
	in.SetWidth(max(10, width-2))
	d := &dialog{Base: overlay.NewBase("decision", owner), com: com, store: s, req: r, approve: approve, input: in,
		spin: newSpinner(com), others: others}
	d.keys.Decide = common.Bind("enter", com.Text.KeyConfirm, "enter")
	d.keys.Close = common.Bind("esc", com.Text.Box.KeyCloseKeep, "esc")
	return d, tea.Batch(d.input.Focus(), d.Mailbox().Latest("draft", loadDraft(s, r.ID)))
}

func newSpinner(com *common.Common) spinner.Model {
	return spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(com.Styles.Prompt))
}

func (d *dialog) ShortHelp() []key.Binding {
	if d.sending() {
		return nil // nothing to press until the server answers
	}
	return []key.Binding{d.keys.Decide, d.keys.Close}
}
func (d *dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// sending says whether the decision is on its way.
func (d *dialog) sending() bool { return d.Mailbox().Pending("send") }

func (d *dialog) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case draftMsg:
		if !d.typed && msg.text != "" {
			d.input.SetValue(msg.text)
			d.input.CursorEnd()
			d.restored = true
		}
		return nil
	case draftTickMsg:
		return overlay.Run{Cmd: d.Mailbox().Every(saveDraft(d.store, d.req.ID, d.input.Value(), d.com.Now()))}
	case draftSavedMsg:
		if msg.err != nil {
			d.problem = common.Explain(d.com.Text, msg.err)
		}
		return nil
	case decidedMsg:
		if msg.err != nil { // refused or unreachable: the text stays, and its draft
			d.problem = common.Explain(d.com.Text, msg.err)
			return nil
		}
		return overlay.Close{Result: msg}
	case spinner.TickMsg:
		if !d.sending() {
			return nil // the spinner stops with the sending
		}
		var cmd tea.Cmd
		d.spin, cmd = d.spin.Update(msg)
		return overlay.Run{Cmd: d.Mailbox().Every(cmd)}
	case tea.KeyPressMsg:
		if d.sending() {
			return nil // a second enter, or any key, waits for the answer
		}
		switch {
		case key.Matches(msg, d.keys.Close):
			return overlay.Close{Cmd: keepDraft(d.com, d.store, d.req.ID, d.input.Value())}
		case key.Matches(msg, d.keys.Decide):
			return d.decide()
		}
		return d.typing(msg)
	case tea.PasteMsg:
		if d.sending() {
			return nil
		}
		return d.typing(msg)
	}
	return nil
}

// typing edits the justification; the draft is saved once typing pauses.
func (d *dialog) typing(msg tea.Msg) overlay.Action {
	var cmd tea.Cmd
	before := d.input.Value()
	d.input, cmd = d.input.Update(msg)
	if d.input.Value() == before {
		return overlay.Run{Cmd: cmd}
	}
	d.typed, d.restored, d.problem = true, false, ""
	return overlay.Run{Cmd: tea.Batch(cmd, d.Mailbox().Latest("draft-tick", draftAfter()))}
}

// justificationProblem checks a justification by the server's rules
// (api's): required, of at least 10 characters, to reject; at most 2,000;
// no control or invisible characters. "" when it may be sent.
func justificationProblem(com *common.Common, approve bool, text string) string {
	t := com.Text
	switch n := utf8.RuneCountInString(text); {
	case !approve && api.VisibleLen(text) < 10:
		return t.JustificationRequired
	case n > api.MaxJustificationLen:
		return fmt.Sprintf(t.Review.TooLong, t.Number(n), t.Number(api.MaxJustificationLen))
	case api.BadText(text) != "":
		return t.Review.BadText
	case com.Authed == nil:
		return t.WizSignIn
	}
	return ""
}

func (d *dialog) decide() overlay.Action {
	just := api.TrimText(d.input.Value())
	if d.problem = justificationProblem(d.com, d.approve, just); d.problem != "" {
		return nil
	}
	decision := api.Decision{Decision: "reject", Justification: just}
	if d.approve {
		decision.Decision = "approve"
	}
	d.Mailbox().Drop("draft-tick") // the send keeps the draft itself, first
	return overlay.Run{Cmd: tea.Batch(d.Mailbox().Latest("send", decide(d.com.Authed, d.store, d.req.ID, decision, d.com.Now())),
		d.Mailbox().Every(d.spin.Tick))}
}

// keepDraft saves a draft as a dialog closes; the dialog is gone by the
// answer, so only a failure says something (a toast, to the root).
func keepDraft(com *common.Common, s *store.Store, id, text string) tea.Cmd {
	save, t := saveDraft(s, id, text, com.Now()), com.Text
	return func() tea.Msg {
		if msg := save().(draftSavedMsg); msg.err != nil {
			return common.ToastMsg{Text: common.Explain(t, msg.err), Error: true}
		}
		return nil
	}
}

// spinning is the spinner's frame while the decision is on its way (the
// queue's row shows it too), "" otherwise.
func (d *dialog) spinning() string {
	if !d.sending() {
		return ""
	}
	return d.spin.View()
}

func (d *dialog) View(width, _ int) string {
	st, t := d.com.Styles, d.com.Text
	wrap := func(style lipgloss.Style, s string) []string {
		return strings.Split(style.Width(max(10, width)).Render(s), "\n")
	}
	prompt := fmt.Sprintf(t.RejectPrompt, d.req.ID, d.req.APIName)
	if d.approve {
		prompt = fmt.Sprintf(t.ApprovePrompt, d.req.ID, d.req.APIName)
	}
	box := wrap(st.Warning, prompt)
	if d.others > 0 {
		box = append(box, wrap(st.Subtle, t.Plural(d.others, t.Review.OnlyThis))...)
	}
	box = append(box, d.input.View())
	if d.restored {
		box = append(box, st.Subtle.Render(t.Review.DraftRestored))
	}
	if d.problem != "" {
		box = append(box, wrap(st.Error, "✖ "+d.problem)...)
	}
	if d.sending() {
		box = append(box, wrap(st.Text, d.spin.View()+" "+fmt.Sprintf(t.Box.Deciding, d.req.ID))...)
		box = append(box, wrap(st.Subtle, t.Review.DialogSending)...)
	}
	return strings.Join(box, "\n")
}
