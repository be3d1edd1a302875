package credentials

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// The page's boxes are overlays: while one is open it keeps every key, so
// q or tab never drops a secret on screen or a half-typed allowlist. The
// page draws them inside the viewer, in the order they were opened.

// box is what every box of the page shares.
type box struct {
	overlay.Base
	com   *common.Common
	width int // the page's, when the box opened: inputs are sized by it
}

func newBox(com *common.Common, kind string, owner route.ID, width int) box {
	return box{Base: overlay.NewBase(kind, owner), com: com, width: width}
}

// boxKeys are the keys of the boxes, built once per page.
type boxKeys struct {
	Close, Cancel, Decline, Confirm, GracePrev, GraceNext, CopySecret, CopyID, Test, RevealClose, Submit, RunTest key.Binding
	// Grace is ← and → as the help shows them: one entry for both.
	Grace key.Binding
}

func newBoxKeys(com *common.Common) boxKeys {
	t, b := com.Text, common.Bind
	return boxKeys{
		Close: b("esc", t.Box.KeyClose, "esc"), Cancel: b("esc", t.Box.KeyCancel, "esc"),
		Decline: b("esc", t.Box.KeyCancel, "esc", "n"), Confirm: b("enter", t.KeyConfirm, "enter", "y", "s"),
		GracePrev: b("←", t.Box.KeyGrace, "left", "h"), GraceNext: b("→", t.Box.KeyGrace, "right", "l", "tab"),
		Grace:      b("←/→", t.Box.KeyGrace, "left", "h", "right", "l", "tab"),
		CopySecret: b("s", t.Box.KeyCopySecret, "s"), CopyID: b("c", t.Cred.KeyCopyID, "c"),
		Test: b("t", t.Cred.KeyTest, "t"), RevealClose: b("esc", t.Box.KeyClose, "esc"), // not enter: typed out of habit, it would lose a secret shown once
		Submit: b("enter", t.Box.KeySave, "enter"), RunTest: b("enter", t.Cred.KeyTest, "enter"),
	}
}

// generateBox asks before generating; regenerating also offers a grace
// period for the secret in use.
type generateBox struct {
	box
	keys  boxKeys
	cred  api.Credential
	grace int // index in Graces
}

// generateChosen is the generate question's yes.
type generateChosen struct {
	cred  api.Credential
	grace time.Duration
}

func (g *generateBox) ShortHelp() []key.Binding {
	if g.cred.State == api.CredentialActive {
		return []key.Binding{g.keys.Confirm, g.keys.Grace, g.keys.Decline}
	}
	return []key.Binding{g.keys.Confirm, g.keys.Decline}
}
func (g *generateBox) FullHelp() [][]key.Binding { return [][]key.Binding{g.ShortHelp()} }

func (g *generateBox) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	regenerating := g.cred.State == api.CredentialActive
	switch {
	case key.Matches(k, g.keys.Decline):
		return overlay.Close{}
	case key.Matches(k, g.keys.GracePrev) && regenerating:
		g.grace = (g.grace + len(Graces) - 1) % len(Graces)
	case key.Matches(k, g.keys.GraceNext) && regenerating:
		g.grace = (g.grace + 1) % len(Graces)
	case key.Matches(k, g.keys.Confirm):
		return overlay.Close{Result: generateChosen{cred: g.cred, grace: Graces[g.grace]}}
	}
	return nil
}

func (g *generateBox) View(w, _ int) string {
	st, t := g.com.Styles, g.com.Text
	q := fmt.Sprintf(t.Cred.ConfirmGenerate, g.cred.APIName, g.cred.Environment.Badge())
	var lines []string
	if g.cred.State == api.CredentialActive {
		q = fmt.Sprintf(t.Cred.ConfirmRegenerate, g.cred.APIName, g.cred.Environment.Badge())
		var parts []string
		for i, o := range strings.Split(t.Cred.GraceOptions, "|") {
			if i == g.grace {
				parts = append(parts, st.FilterOn.Render(o))
			} else {
				parts = append(parts, st.FilterOff.Render(o))
			}
		}
		label, options := st.Subtle.Render(t.Cred.GraceLabel), strings.Join(parts, " ")
		if lipgloss.Width(label+options) > w { // 80 columns: the choices under their label, all of them
			lines = append(lines, st.Subtle.Render(strings.TrimSpace(t.Cred.GraceLabel)), options)
		} else {
			lines = append(lines, label+options)
		}
	}
	return strings.Join(append(wrap(st.Warning, q, w), lines...), "\n")
}

// revealBox is the one moment a secret is on screen. It lives only in
// this box, and goes when the box closes.
type revealBox struct {
	box
	keys   boxKeys
	cred   api.Credential
	secret string
	until  string
}

// ShortHelp puts c last: the page copies the client id too, and at 80
// columns the footer may cut the last key.
func (r *revealBox) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.CopySecret, r.keys.Test, r.keys.RevealClose, r.keys.CopyID}
}
func (r *revealBox) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }

func (r *revealBox) Update(msg tea.Msg) overlay.Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	t := r.com.Text
	switch {
	case key.Matches(k, r.keys.RevealClose):
		return overlay.Close{Cmd: common.Toast(t.Cred.RevealClosed, false)}
	case key.Matches(k, r.keys.CopySecret):
		return overlay.Run{Cmd: common.CopySecret(r.com, t.Cred.SecretLabel, r.secret)}
	case key.Matches(k, r.keys.CopyID):
		return overlay.Run{Cmd: common.Copy(r.com, t.Cred.ClientID, r.cred.ClientID)}
	case key.Matches(k, r.keys.Test):
		tb, cmd := newTester(r.com, r.Owner(), r.keys, r.cred, r.secret, r.width)
		return overlay.Push{Overlay: tb, Cmd: cmd}
	}
	return nil
}

func (r *revealBox) View(w, _ int) string {
	st, t := r.com.Styles, r.com.Text
	lines := []string{st.Bold.Render(t.Cred.RevealTitle), st.Success.Render(r.secret)}
	if r.until != "" {
		lines = append(lines, st.Warning.Render(fmt.Sprintf(t.Cred.PrevValid, when(t.DateTime, r.until))))
	}
	lines = append(lines, wrap(st.Warning, t.Cred.RevealWarn, w)...)
	if r.com.Clip != nil && r.com.Clip.Tmux { // a copy (s) may stay in tmux's buffers
		lines = append(lines, wrap(st.Warning, strings.TrimSpace(t.Cred.TmuxKeeps), w)...)
	}
	return strings.Join(lines, "\n")
}

// testerBox is Testar credencial: a masked field for the secret (unless
// it comes from the reveal), then the outcome with the FAQ's cause and
// action for a refusal.
type testerBox struct {
	box
	keys    boxKeys
	cred    api.Credential
	input   textinput.Model
	secret  string // from the reveal; the field is not shown
	done    bool
	check   client.GatewayCheck
	err     error
	problem string
}

// newTester opens the test: at once with the reveal's secret, otherwise
// after the person pastes it.
func newTester(com *common.Common, owner route.ID, keys boxKeys, c api.Credential, secret string, width int) (*testerBox, tea.Cmd) {
	in := search.NewInput("gecli_cs_…", api.SecretLen+8)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.SetWidth(max(20, min(api.SecretLen+2, width/2)))
	tb := &testerBox{box: newBox(com, "test", owner, width), keys: keys, cred: c, input: in, secret: secret}
	if secret != "" {
		return tb, tb.run(secret)
	}
	return tb, tb.input.Focus()
}

func (tb *testerBox) running() bool { return tb.Mailbox().Pending("test") }

func (tb *testerBox) run(secret string) tea.Cmd {
	tb.done, tb.problem = false, ""
	return tb.Mailbox().Latest("test", test(tb.cred, secret))
}

// ShortHelp: enter tests, but not while a test runs.
func (tb *testerBox) ShortHelp() []key.Binding {
	if tb.running() {
		return []key.Binding{tb.keys.Close}
	}
	return []key.Binding{tb.keys.RunTest, tb.keys.Close}
}
func (tb *testerBox) FullHelp() [][]key.Binding { return [][]key.Binding{tb.ShortHelp()} }

func (tb *testerBox) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case testedMsg:
		tb.done, tb.check, tb.err = true, msg.check, msg.err
		return nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, tb.keys.Close):
			return overlay.Close{} // the pasted secret goes with the box
		case key.Matches(msg, tb.keys.RunTest):
			return overlay.Run{Cmd: tb.submit()}
		}
	case tea.PasteMsg:
	default:
		return nil
	}
	if tb.secret != "" || tb.running() {
		return nil
	}
	var cmd tea.Cmd
	tb.input, cmd = tb.input.Update(msg)
	tb.problem = ""
	return overlay.Run{Cmd: cmd}
}

func (tb *testerBox) submit() tea.Cmd {
	if tb.running() {
		return nil
	}
	secret := tb.secret
	if secret == "" {
		secret = strings.TrimSpace(tb.input.Value())
	}
	if secret == "" {
		tb.problem = tb.com.Text.Cred.TestNeedsSecret
		return nil
	}
	if err := api.CheckSecret(secret); err != nil && tb.secret == "" {
		tb.problem = err.Error()
		return nil
	}
	return tb.run(secret)
}

func (tb *testerBox) View(w, _ int) string {
	st, t := tb.com.Styles, tb.com.Text
	lines := []string{st.Bold.Render(fmt.Sprintf(t.Cred.TestTitle, tb.cred.ClientID))}
	if tb.secret == "" {
		lines = append(lines, st.Prompt.Render(t.Cred.TestPaste)+tb.input.View())
	}
	if tb.problem != "" {
		lines = append(lines, st.Error.Render("✖ "+tb.problem))
	}
	switch {
	case tb.running():
		lines = append(lines, st.Subtle.Render(t.Cred.Testing))
	case tb.done && tb.err != nil:
		lines = append(lines, wrap(st.Error, common.Explain(t, tb.err), w)...)
	case tb.done && tb.check.OK():
		pong := tb.check.Pong
		lines = append(lines, wrap(st.Success, fmt.Sprintf(t.Cred.TestOK, pong.API.Name, pong.Environment.Badge(),
			api.FormatCNPJ(pong.InstitutionCNPJ), pong.SourceIP, tb.check.Took.Milliseconds()), w)...)
	case tb.done:
		format := t.Cred.TestRefusedGateway
		if tb.check.Stage == "token" {
			format = t.Cred.TestRefusedToken
		}
		lines = append(lines, wrap(st.Error, fmt.Sprintf(format, tb.check.Status, tb.check.Code, tb.check.Detail), w)...)
		lines = append(lines, wrap(st.Warning, cause(t.Cred, tb.check.Code), w)...)
	}
	return strings.Join(lines, "\n")
}

// allowBox edits an institution's IP allowlist: it loads the list, checks
// what was typed before sending, and keeps it on a refusal.
type allowBox struct {
	box
	keys    boxKeys
	client  *client.Client
	inst    api.Institution
	input   textinput.Model
	problem string
}

func newAllowBox(com *common.Common, owner route.ID, keys boxKeys, c *client.Client, inst api.Institution, width int) (*allowBox, tea.Cmd) {
	in := search.NewInput("200.152.0.0/16, 2001:db8::/32", 4000)
	in.SetWidth(max(20, width-6))
	a := &allowBox{box: newBox(com, "allowlist", owner, width), keys: keys, client: c, inst: inst, input: in}
	return a, tea.Batch(a.input.Focus(), a.Mailbox().Latest("load", loadAllowlist(c, inst.CNPJ)))
}

func (a *allowBox) loading() bool { return a.Mailbox().Pending("load") }
func (a *allowBox) saving() bool  { return a.Mailbox().Pending("save") }

// ShortHelp: enter saves once the list is loaded and while no save runs;
// esc drops what was typed.
func (a *allowBox) ShortHelp() []key.Binding {
	if a.loading() || a.saving() {
		return []key.Binding{a.keys.Cancel}
	}
	return []key.Binding{a.keys.Submit, a.keys.Cancel}
}
func (a *allowBox) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

func (a *allowBox) Update(msg tea.Msg) overlay.Action {
	t := a.com.Text
	switch msg := msg.(type) {
	case allowlistMsg:
		return a.answered(msg)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, a.keys.Cancel):
			return overlay.Close{}
		case key.Matches(msg, a.keys.Submit):
			if a.loading() || a.saving() {
				return nil
			}
			ranges := splitRanges(a.input.Value())
			if _, errs := api.ParseRanges(ranges); len(errs) > 0 {
				a.problem = fmt.Sprintf(t.Cred.AllowInvalid, errs[0].Message)
				return nil
			}
			return overlay.Run{Cmd: a.Mailbox().Latest("save", saveAllowlist(a.client, a.inst.CNPJ, ranges))}
		}
	case tea.PasteMsg:
	default:
		return nil
	}
	if a.loading() {
		return nil
	}
	var cmd tea.Cmd
	a.input, cmd = a.input.Update(msg)
	a.problem = ""
	return overlay.Run{Cmd: cmd}
}

// answered fills the editor, or closes it after a save. A refusal keeps
// the editor open with what was typed.
func (a *allowBox) answered(msg allowlistMsg) overlay.Action {
	t := a.com.Text
	if msg.err != nil {
		var pe *client.ProblemError
		if errors.As(msg.err, &pe) && len(pe.Problem.Fields) > 0 {
			a.problem = fmt.Sprintf(t.Cred.AllowInvalid, pe.Problem.Fields[0].Message)
		} else {
			a.problem = common.Explain(t, msg.err)
		}
		return nil
	}
	if msg.saved {
		return overlay.Close{Cmd: common.Toast(fmt.Sprintf(t.Cred.AllowSaved, len(msg.ranges)), false)}
	}
	a.input.SetValue(strings.Join(msg.ranges, ", "))
	a.input.CursorEnd()
	return nil
}

func (a *allowBox) View(w, _ int) string {
	st, t := a.com.Styles, a.com.Text
	lines := []string{st.Bold.Render(common.Truncate(fmt.Sprintf(t.Cred.AllowTitle, a.inst.Name), w))}
	lines = append(lines, wrap(st.Subtle, t.Cred.AllowHint, w)...)
	if a.loading() {
		lines = append(lines, st.Subtle.Render(t.Cred.AllowLoading))
	} else {
		lines = append(lines, st.Prompt.Render("› ")+a.input.View())
	}
	if a.problem != "" {
		lines = append(lines, wrap(st.Error, "✖ "+a.problem, w)...)
	}
	return strings.Join(lines, "\n")
}

// splitRanges reads what people type: commas, spaces or semicolons.
func splitRanges(s string) []string {
	// Never nil: an empty list is sent as [] (it clears the allowlist).
	return append([]string{}, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' })...)
}
