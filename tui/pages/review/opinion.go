package review

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pathcomplete"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// opinionBox writes a technical opinion (parecer técnico, FAQ 3.17) on a
// pending request: a text of 10 to 8,000 characters and, optionally, a
// PDF read from a typed path. It stays open while the server answers, so
// a refusal (its own checks or the server's) keeps everything typed; esc
// closes it and hands the draft back to the page for the next time.
type opinionBox struct {
	overlay.Base
	com   *common.Common
	req   api.Request
	text  textarea.Model
	path  textinput.Model
	onPDF bool // the path field has focus
	// textErr and pathErr sit under their fields; problem above the keys.
	textErr, pathErr, problem string
	keys                      opinionKeys
}

// opinionKeys: on the text, tab and shift+tab both go to the PDF (Next);
// on the PDF, tab completes the path and shift+tab goes back (Prev).
type opinionKeys struct{ Send, Next, Prev, Complete, Close key.Binding }

// opinionDraft is what was typed in a box closed without sending.
type opinionDraft struct{ id, text, path string }

// opinionAdded is the box's result: the server registered the opinion.
type opinionAdded struct {
	id      string
	opinion api.Opinion
}

// opinionAnswer is the send's answer to the box: fileErr when the PDF
// could not be sent (nothing went to the server), err for the server's.
type opinionAnswer struct {
	opinion api.Opinion
	fileErr error
	err     error
}

type pathCompleted struct{ input, completion string }

// newOpinionBox sizes the text area to the pane it is drawn in (width
// cells, height lines) and restores a draft of the same request.
func newOpinionBox(com *common.Common, owner route.ID, r api.Request, d opinionDraft, width, height int) (*opinionBox, tea.Cmd) {
	t, b := com.Text, common.Bind
	ta := textarea.New()
	// The limits are checked on send: a paste is never cut, and enter
	// never stops adding lines before the text is too long anyway.
	ta.ShowLineNumbers, ta.Prompt, ta.CharLimit, ta.MaxHeight = false, "", 0, api.MaxOpinionLen
	st := ta.Styles()
	st.Cursor.Blink = false
	st.Focused.CursorLine, st.Focused.Base = lipgloss.NewStyle(), lipgloss.NewStyle()
	st.Focused.Text, st.Blurred.Text = com.Styles.Text, com.Styles.Subtle
	ta.SetStyles(st)
	ta.SetWidth(max(10, width-2))
	ta.SetHeight(min(10, max(3, height/2-3)))
	ta.SetValue(d.text)
	path := search.NewInput(t.Opinion.PathPlaceholder, 1024)
	path.SetValue(d.path)
	path.SetWidth(max(10, width-lipgloss.Width(t.Opinion.PathLabel)-1))
	box := &opinionBox{Base: overlay.NewBase("opinion", owner), com: com, req: r, text: ta, path: path,
		keys: opinionKeys{Send: b("ctrl+s", t.Opinion.KeySend, "ctrl+s"), Next: b("tab", t.Opinion.KeyToPDF, "tab", "shift+tab"),
			Prev: b("shift+tab", t.Opinion.KeyToText, "shift+tab"), Complete: b("tab", t.Opinion.KeyComplete, "tab"),
			Close: b("esc", t.Box.KeyCloseKeep, "esc")}}
	return box, box.text.Focus()
}

// ShortHelp lists nothing while the opinion is on its way: the answer
// decides what happens to the box.
func (b *opinionBox) ShortHelp() []key.Binding {
	switch {
	case b.sending():
		return nil
	case b.onPDF:
		return []key.Binding{b.keys.Send, b.keys.Complete, b.keys.Close, b.keys.Prev}
	}
	return []key.Binding{b.keys.Send, b.keys.Next, b.keys.Close}
}
func (b *opinionBox) FullHelp() [][]key.Binding { return [][]key.Binding{b.ShortHelp()} }

func (b *opinionBox) sending() bool { return b.Mailbox().Pending("send") }

func (b *opinionBox) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case opinionAnswer:
		return b.answered(msg)
	case pathCompleted:
		// Only if nothing was typed meanwhile: a late answer never
		// overwrites the person's text.
		if b.path.Value() == msg.input {
			b.path.SetValue(msg.completion)
			b.path.CursorEnd()
		}
		return nil
	case tea.PasteMsg:
		return b.typing(msg)
	case tea.KeyPressMsg:
		return b.key(msg)
	}
	return nil
}

func (b *opinionBox) key(msg tea.KeyPressMsg) overlay.Action {
	if b.sending() { // the answer decides what happens to the box
		return nil
	}
	k := b.keys
	switch {
	case key.Matches(msg, k.Close):
		return overlay.Close{Result: opinionDraft{id: b.req.ID, text: b.text.Value(), path: b.path.Value()}}
	case key.Matches(msg, k.Send):
		return overlay.Run{Cmd: b.send()}
	case b.onPDF && key.Matches(msg, k.Complete):
		return overlay.Run{Cmd: b.Mailbox().Latest("complete", completePath(b.com.Remote, b.path.Value()))}
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		return overlay.Run{Cmd: b.focus(!b.onPDF)}
	}
	return b.typing(msg)
}

func (b *opinionBox) focus(pdf bool) tea.Cmd {
	b.onPDF = pdf
	if pdf {
		b.text.Blur()
		return b.path.Focus()
	}
	b.path.Blur()
	return b.text.Focus()
}

func (b *opinionBox) typing(msg tea.Msg) overlay.Action {
	var cmd tea.Cmd
	if b.onPDF {
		b.path, cmd = b.path.Update(msg)
		b.pathErr = ""
	} else {
		b.text, cmd = b.text.Update(msg)
		b.textErr = ""
	}
	b.problem = ""
	return overlay.Run{Cmd: cmd}
}

// send checks the text by the server's rules (api's, shared), then sends
// it with the PDF, if a path was typed.
func (b *opinionBox) send() tea.Cmd {
	t := &b.com.Text.Opinion
	b.textErr, b.pathErr, b.problem = "", "", ""
	text := api.TrimText(b.text.Value())
	switch n := utf8.RuneCountInString(text); {
	case api.VisibleLen(text) < 10:
		b.textErr = t.TooShort
	case n > api.MaxOpinionLen:
		b.textErr = fmt.Sprintf(t.TooLong, b.com.Text.Number(n), b.com.Text.Number(api.MaxOpinionLen))
	case api.BadText(text) != "":
		b.textErr = t.BadText
	case b.com.Authed == nil:
		b.problem = b.com.Text.WizSignIn
	}
	if b.textErr != "" || b.problem != "" {
		if b.textErr != "" && b.onPDF {
			return b.focus(false)
		}
		return nil
	}
	return b.Mailbox().Latest("send", addOpinion(b.com.Authed, b.com.Remote, b.req.ID, text, strings.TrimSpace(b.path.Value())))
}

// answered closes on success; a refusal keeps the box as typed, with the
// reason under the field it concerns.
func (b *opinionBox) answered(msg opinionAnswer) overlay.Action {
	t := b.com.Text
	switch {
	case msg.fileErr != nil:
		b.pathErr = common.Explain(t, msg.fileErr)
		return overlay.Run{Cmd: b.focus(true)}
	case msg.err == nil:
		return overlay.Close{Result: opinionAdded{id: b.req.ID, opinion: msg.opinion}}
	}
	b.problem = common.Explain(t, msg.err)
	var pe *client.ProblemError
	if !errors.As(msg.err, &pe) {
		return nil
	}
	for _, f := range pe.Problem.Fields {
		switch f.Field {
		case "text":
			b.textErr = f.Message
		case "file":
			b.pathErr = f.Message
		}
	}
	switch pe.Problem.Code {
	case api.CodeAttachmentTooLarge, api.CodeNotPDF:
		b.pathErr, b.problem = b.problem, ""
	}
	if b.pathErr != "" {
		return overlay.Run{Cmd: b.focus(true)}
	}
	return nil
}

func (b *opinionBox) View(width, _ int) string {
	st, t := b.com.Styles, b.com.Text
	ot := &t.Opinion
	wrap := func(style lipgloss.Style, s string) []string {
		return strings.Split(style.Width(max(10, width)).Render(s), "\n")
	}
	lines := wrap(st.Warning, fmt.Sprintf(ot.Title, b.req.ID, b.req.APIName))
	lines = append(lines, st.Subtle.Render(common.Truncate(ot.TextLabel, width)), b.text.View())
	count := fmt.Sprintf(ot.Count, t.Number(utf8.RuneCountInString(api.TrimText(b.text.Value()))), t.Number(api.MaxOpinionLen))
	lines = append(lines, st.Subtle.Render(common.Truncate(count, width)))
	if b.textErr != "" {
		lines = append(lines, wrap(st.Error, "✖ "+b.textErr)...)
	}
	label := st.Subtle
	if b.onPDF {
		label = st.Prompt
	}
	lines = append(lines, label.Render(ot.PathLabel)+b.path.View())
	if b.com.Remote && b.pathErr == "" {
		lines = append(lines, wrap(st.Subtle, t.Remote.NoHostFiles)...)
	}
	if b.pathErr != "" {
		lines = append(lines, wrap(st.Error, "✖ "+b.pathErr)...)
	}
	if b.problem != "" {
		lines = append(lines, wrap(st.Error, "✖ "+b.problem)...)
	}
	if b.sending() {
		lines = append(lines, st.Subtle.Render(common.Truncate(ot.Sending, width)))
	}
	return strings.Join(lines, "\n")
}

// completePath extends a path as a shell does; over SSH (remote) it
// completes nothing: the host's files are not the person's.
func completePath(remote bool, input string) tea.Cmd {
	return func() tea.Msg {
		if remote {
			return pathCompleted{input: input, completion: input}
		}
		return pathCompleted{input: input, completion: pathcomplete.Complete(input)}
	}
}

// addOpinion reads the PDF (when a path was given) with the wizard's
// checks, then sends the opinion under one Idempotency-Key: a retry after
// a lost answer adds it once.
func addOpinion(c *client.Client, remote bool, id, text, path string) tea.Cmd {
	return func() tea.Msg {
		var name string
		var pdf []byte
		if path != "" {
			var err error
			if name, pdf, err = readPDF(remote, path); err != nil {
				return opinionAnswer{fileErr: err}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		o, err := c.AddOpinion(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), id, text, name, pdf)
		return opinionAnswer{opinion: o, err: err}
	}
}

// readPDF reads a file to attach: it exists, is at most 10 MB, is a PDF
// by content, and its name is one the server takes. Over SSH (remote) it
// looks at nothing of the host.
func readPDF(remote bool, path string) (string, []byte, error) {
	p := pathcomplete.Expand(path)
	if remote {
		return "", nil, common.ErrHostFiles
	}
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return "", nil, &api.AttachmentError{Kind: api.AttachmentMissing, Path: p, Err: err}
	case st.IsDir():
		return "", nil, &api.AttachmentError{Kind: api.AttachmentIsDir, Path: p}
	case st.Size() > api.MaxAttachmentBytes:
		return "", nil, &api.AttachmentError{Kind: api.AttachmentTooLarge, Path: p, Size: st.Size()}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", nil, &api.AttachmentError{Kind: api.AttachmentUnreadable, Path: p, Err: err}
	}
	if err := api.ValidatePDF(b); err != nil {
		return "", nil, &api.AttachmentError{Kind: api.AttachmentNotPDF, Path: p, Err: err}
	}
	name := api.UploadName(p)
	if err := api.ValidateFilename(name); err != nil {
		return "", nil, &api.AttachmentError{Kind: api.AttachmentBadName, Path: p, Err: err}
	}
	return name, b, nil
}
