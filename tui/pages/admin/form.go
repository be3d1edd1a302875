package admin

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
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

// field is one line of a form: a text input, or a choice among values
// (←/→) when options is set. Its key names it for errors (the server's
// wire name where one field maps to one input).
type field struct {
	key     string
	label   string
	input   textinput.Model
	options []string // wire values of a choice
	names   []string // what the person reads for each option
	pick    int
	locked  bool // shown, not editable (an API's id after creation)
}

func textField(key, label, value string, limit int) field {
	in := search.NewInput("", limit)
	in.SetValue(value)
	return field{key: key, label: label, input: in}
}

func choiceField(key, label string, options, names []string, value string) field {
	f := field{key: key, label: label, options: options, names: names}
	for i, o := range options {
		if o == value {
			f.pick = i
		}
	}
	return f
}

// value is what the field holds: the chosen option, or the typed text
// without surrounding blanks.
func (f *field) value() string {
	if f.options != nil {
		return f.options[f.pick]
	}
	return strings.TrimSpace(f.input.Value())
}

// values are a form's fields by key, as its check and send read them.
type values map[string]string

// spec is what makes one form: its fields, the rules it checks before
// sending (the api package's validators, shared with the server), and
// the Cmd that sends it. Each maps the wire field names of its errors to
// form keys with wire (nil: the same names), and words them in the UI's
// language with say (rules.go).
type spec struct {
	kind   string
	title  string
	note   string // a line under the title ("" for none)
	fields []field
	check  func(values) []api.FieldError
	send   func(values) tea.Cmd // answers formAnswer
	wire   func(values, string) string
	say    sayer
	// grow adds fields (a custom field of an API); nil: the form is fixed.
	grow func(n int) []field
	// path names the field whose tab completes a file path ("": none).
	path string
	// draft names what the form edits ("api:new", "api:datajud"): esc
	// keeps what was typed under it until it is saved or discarded
	// ("": nothing is kept).
	draft string
}

// draft is a form's fields as left on esc: each field's text or option,
// in order, and how many custom fields were added.
type draft struct {
	values []string
	grown  int
}

// drafts are the page's kept forms, by spec.draft.
type drafts map[string]draft

// completedMsg is a path completion's answer: the longest common prefix
// and, when it cannot choose, the candidates.
type completedMsg struct {
	input, completion string
	candidates        []string
}

func completePath(input string) tea.Cmd {
	return func() tea.Msg {
		out, names := pathcomplete.Candidates(input)
		return completedMsg{input: input, completion: out, candidates: names}
	}
}

// formAnswer is a send's answer: result goes to the page, unless the
// server refused (err) or the Cmd did before sending (fields, a file that
// cannot be read).
type formAnswer struct {
	result tea.Msg
	err    error
	fields []api.FieldError
}

// form is a box of fields. A refusal, its own or the server's, keeps what
// was typed and shows each message under its field.
type form struct {
	overlay.Base
	com     *common.Common
	spec    spec
	fields  []field
	focus   int
	errs    map[string]string
	problem string
	grown   int
	cols    int // the page's width when the form opened: inputs fit it
	keys    formKeys
	// drafts keeps what was typed on esc (nil: the form keeps nothing);
	// start is the fields as the form opened, before any draft.
	drafts   drafts
	start    []string
	restored bool
	// candidates are the files a tab could not choose between.
	candidates []string
}

type formKeys struct {
	Save, Close, Next, Prev, Left, Right, Grow, Complete, Discard key.Binding
}

func newForm(com *common.Common, owner route.ID, s spec, width int, kept drafts) (*form, tea.Cmd) {
	t, b := com.Text, common.Bind
	f := &form{Base: overlay.NewBase("admin-"+s.kind, owner), com: com, spec: s, fields: s.fields, errs: map[string]string{},
		keys: formKeys{Save: b("enter", t.Box.KeySave, "enter"), Close: b("esc", t.Box.KeyClose, "esc"),
			Next: b("tab/↓", t.Box.KeyField, "tab", "down"), Prev: b("shift+tab/↑", t.Box.KeyField, "shift+tab", "up"),
			Left: b("←/→", t.Box.KeyChoose, "left"), Right: key.NewBinding(key.WithKeys("right", "space")),
			Grow: b("ctrl+n", t.Admin.KeyAddField, "ctrl+n"), Complete: b("tab", t.Box.KeyComplete, "tab"),
			Discard: b("ctrl+d", t.Admin.KeyDiscard, "ctrl+d")}}
	if s.draft != "" {
		f.drafts = kept
	}
	f.start = f.snapshot().values
	if d, ok := f.drafts[s.draft]; ok {
		f.restore(d)
	}
	f.size(width)
	for i := range f.fields {
		f.fields[i].input.CursorStart() // a long value shows its start
	}
	for f.focus < len(f.fields)-1 && f.fields[f.focus].locked {
		f.focus++
	}
	return f, f.focusField(f.focus)
}

// snapshot is the fields as a draft.
func (f *form) snapshot() draft {
	d := draft{grown: f.grown}
	for i := range f.fields {
		fl := &f.fields[i]
		if fl.options != nil {
			d.values = append(d.values, fl.options[fl.pick])
		} else {
			d.values = append(d.values, fl.input.Value())
		}
	}
	return d
}

// restore puts a draft back: the custom fields it had, then each value.
func (f *form) restore(d draft) {
	for f.grown < d.grown && f.spec.grow != nil {
		f.fields = append(f.fields, f.spec.grow(f.grown)...)
		f.grown++
	}
	for i := range f.fields {
		if i >= len(d.values) {
			break
		}
		fl := &f.fields[i]
		switch {
		case fl.locked:
		case fl.options != nil:
			for j, o := range fl.options {
				if o == d.values[i] {
					fl.pick = j
				}
			}
		default:
			fl.input.SetValue(d.values[i])
		}
	}
	f.restored = true
}

// changed reports whether the form differs from how it opened.
func (f *form) changed() bool {
	return f.grown > 0 || !slices.Equal(f.snapshot().values, f.start)
}

// keep records the form as a draft on esc, or forgets it when nothing
// differs from how it opened.
func (f *form) keep() {
	if f.drafts == nil {
		return
	}
	if f.changed() {
		f.drafts[f.spec.draft] = f.snapshot()
	} else {
		delete(f.drafts, f.spec.draft)
	}
}

func (f *form) size(width int) {
	f.cols = width
	for i := range f.fields {
		f.fields[i].input.SetWidth(max(12, min(70, width-labelWidth(width)-4)))
	}
}

func labelWidth(width int) int { return min(30, max(24, width/4)) }

func (f *form) saving() bool { return f.Mailbox().Pending("save") }

// ShortHelp lists only the keys that act where the focus is: ←/→ on a
// choice, tab's completion on the path.
func (f *form) ShortHelp() []key.Binding {
	t := f.com.Text
	fl := &f.fields[f.focus]
	k := []key.Binding{f.keys.Save}
	if f.spec.path != "" && fl.key == f.spec.path {
		k = append(k, f.keys.Complete)
	}
	k = append(k, f.keys.Next)
	if fl.options != nil {
		k = append(k, f.keys.Left)
	}
	if f.spec.grow != nil {
		k = append(k, f.keys.Grow)
	}
	closing := f.keys.Close
	if f.drafts != nil && f.changed() {
		closing.SetHelp("esc", t.Admin.KeyCloseDraft)
	}
	k = append(k, closing)
	if f.drafts != nil && (f.restored || f.changed()) {
		k = append(k, f.keys.Discard)
	}
	return k
}
func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp(), {f.keys.Prev}} }

func (f *form) focusField(i int) tea.Cmd {
	// A field left shows its start (a long description is read from its
	// first words); the focused one its end, where typing goes on.
	f.fields[f.focus].input.Blur()
	f.fields[f.focus].input.CursorStart()
	f.focus = (i + len(f.fields)) % len(f.fields)
	if fl := &f.fields[f.focus]; fl.options == nil && !fl.locked {
		fl.input.CursorEnd()
		return fl.input.Focus()
	}
	return nil
}

func (f *form) values() values {
	v := values{}
	for i := range f.fields {
		v[f.fields[i].key] = f.fields[i].value()
	}
	return v
}

func (f *form) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case formAnswer:
		return f.answered(msg)
	case completedMsg:
		// Only if nothing was typed meanwhile: a late answer never
		// overwrites the person's text.
		if i := f.index(f.spec.path); i >= 0 && f.fields[i].input.Value() == msg.input {
			f.fields[i].input.SetValue(msg.completion)
			f.fields[i].input.CursorEnd()
			f.candidates = msg.candidates
		}
		return nil
	case tea.PasteMsg:
		return f.typing(msg)
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *form) key(msg tea.KeyPressMsg) overlay.Action {
	if f.saving() {
		return nil
	}
	k, fl := f.keys, &f.fields[f.focus]
	switch {
	case key.Matches(msg, k.Close):
		f.keep()
		return overlay.Close{}
	case key.Matches(msg, k.Discard) && f.drafts != nil:
		delete(f.drafts, f.spec.draft)
		f.restore(draft{values: f.start})
		f.restored, f.errs, f.problem = false, map[string]string{}, ""
		return nil
	case key.Matches(msg, k.Save):
		return overlay.Run{Cmd: f.submit()}
	case key.Matches(msg, k.Complete) && fl.key == f.spec.path:
		return overlay.Run{Cmd: f.Mailbox().Latest("complete", completePath(fl.input.Value()))}
	case key.Matches(msg, k.Next):
		return overlay.Run{Cmd: f.focusField(f.focus + 1)}
	case key.Matches(msg, k.Prev):
		return overlay.Run{Cmd: f.focusField(f.focus - 1)}
	case key.Matches(msg, k.Grow) && f.spec.grow != nil:
		f.fields = append(f.fields, f.spec.grow(f.grown)...)
		f.grown++
		f.size(f.cols)
		return overlay.Run{Cmd: f.focusField(len(f.fields) - len(f.spec.grow(0)))}
	case fl.options != nil && key.Matches(msg, k.Left):
		fl.pick = (fl.pick + len(fl.options) - 1) % len(fl.options)
		delete(f.errs, fl.key)
		return nil
	case fl.options != nil && key.Matches(msg, k.Right):
		fl.pick = (fl.pick + 1) % len(fl.options)
		delete(f.errs, fl.key)
		return nil
	}
	return f.typing(msg)
}

func (f *form) typing(msg tea.Msg) overlay.Action {
	fl := &f.fields[f.focus]
	if fl.options != nil || fl.locked {
		return nil
	}
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	delete(f.errs, fl.key)
	f.problem, f.candidates = "", nil
	return overlay.Run{Cmd: cmd}
}

// submit checks with the shared rules first; only a clean form is sent.
func (f *form) submit() tea.Cmd {
	v := f.values()
	f.errs, f.problem = map[string]string{}, ""
	if f.spec.check != nil {
		if bad := f.spec.check(v); len(bad) > 0 {
			return f.refuse(v, bad)
		}
	}
	return f.Mailbox().Latest("save", f.spec.send(v))
}

// refuse shows each error under its field, worded by the field's rule,
// and moves to the first.
func (f *form) refuse(v values, bad []api.FieldError) tea.Cmd {
	first := -1
	for _, fe := range bad {
		k := fe.Field
		if f.spec.wire != nil {
			k = f.spec.wire(v, fe.Field)
		}
		text, known := f.say(v, fe)
		i := f.index(k)
		if i < 0 {
			// No input shows it: the first such is said under the
			// form, named by its wire field when no rule words it.
			if f.problem == "" {
				if !known {
					text = strings.TrimPrefix(fe.Field+": ", ": ") + text
				}
				f.problem = text
			}
			continue
		}
		if _, seen := f.errs[k]; !seen {
			f.errs[k] = text
		}
		if first < 0 || i < first {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	return f.focusField(first)
}

// say words fe by its field's rule, and reports whether a rule did (if
// not: the server's message in pt-BR, that it refused in English).
func (f *form) say(v values, fe api.FieldError) (string, bool) {
	if f.spec.say != nil {
		if s := f.spec.say(v, fe); s != "" {
			return s, true
		}
	}
	return unknownRule(f.com.Text, fe), false
}

func (f *form) index(key string) int {
	for i := range f.fields {
		if f.fields[i].key == key {
			return i
		}
	}
	return -1
}

// answered closes on success; a refusal keeps the form as typed, the
// server's per-field messages under their fields.
func (f *form) answered(msg formAnswer) overlay.Action {
	if len(msg.fields) > 0 {
		return overlay.Run{Cmd: f.refuse(f.values(), msg.fields)}
	}
	if cmd := sessionEnded(f.com, msg.err); cmd != nil {
		f.keep() // what was typed waits for the next sign-in
		return overlay.Close{Cmd: cmd}
	}
	if msg.err == nil {
		if f.drafts != nil {
			delete(f.drafts, f.spec.draft) // saved: nothing left to keep
		}
		return overlay.Close{Result: msg.result}
	}
	f.problem = common.Explain(f.com.Text, msg.err)
	var pe *client.ProblemError
	if errors.As(msg.err, &pe) && len(pe.Problem.Fields) > 0 {
		// A refusal field by field: the fields say why. Its detail is
		// the server's Portuguese, so the line under the form says only
		// that nothing was saved (or names what no field shows).
		if c := pe.Problem.Code; c == api.CodeValidation || c == api.CodeInvalidParameter {
			f.problem = ""
		}
		cmd := f.refuse(f.values(), pe.Problem.Fields)
		if f.problem == "" {
			f.problem = f.com.Text.Admin.Rule.NotSaved
		}
		return overlay.Run{Cmd: cmd}
	}
	return nil
}

// View draws the fields in a window of height lines that keeps the
// focused one in sight, so a long form still fits at 80x24.
func (f *form) View(width, height int) string {
	st, t := f.com.Styles, f.com.Text
	lw := labelWidth(width)
	head := []string{st.Bold.Render(common.Truncate(f.spec.title, width))}
	if f.spec.note != "" {
		head = append(head, wrap(st.Subtle, f.spec.note, width)...)
	}
	var body []string
	at := 0 // first line of the focused field
	for i := range f.fields {
		fl := &f.fields[i]
		if i == f.focus {
			at = len(body)
		}
		mark, style := "  ", st.Subtle
		if i == f.focus {
			mark, style = "› ", st.Prompt
		}
		line := st.Prompt.Render(mark) + style.Render(common.PadRight(common.Truncate(fl.label, lw-3), lw-2))
		switch {
		case fl.locked:
			line += st.Text.Render(fl.input.Value()) + st.Subtle.Render("  "+t.Admin.Fixed)
		case fl.options != nil:
			line += st.Text.Render("‹ " + fl.names[fl.pick] + " ›")
		default:
			line += fl.input.View()
		}
		body = append(body, common.Truncate(line, width))
		// A message under its field is wrapped, never cut: it is what
		// the person has to read to go on.
		if e := f.errs[fl.key]; e != "" {
			body = append(body, under(st.Error, "✖ "+e, lw, width)...)
		}
		if fl.key == f.spec.path && len(f.candidates) > 0 {
			body = append(body, under(st.Subtle, strings.Join(f.candidates, "  "), lw, width)...)
		}
	}
	var foot []string
	if f.problem != "" {
		foot = append(foot, wrap(st.Error, "✖ "+f.problem, width)...)
	}
	if f.saving() {
		foot = append(foot, st.Subtle.Render(t.Admin.Saving))
	}
	if f.restored {
		foot = append(foot, wrap(st.Subtle, t.Admin.DraftRestored, width)...)
	}
	foot = append(foot, wrap(st.Subtle, keyHint(f.ShortHelp()), width)...)
	room := max(3, height-len(head)-len(foot))
	if len(body) > room {
		first := max(0, min(at-room/2, len(body)-room))
		body = body[first : first+room]
	}
	return strings.Join(append(append(head, body...), foot...), "\n")
}

// under is text wrapped in the room right of the labels, each line
// indented to start under the field's input.
func under(style lipgloss.Style, text string, indent, width int) []string {
	if width-indent < 30 {
		indent = 2 // too narrow beside the labels: under them
	}
	pad := strings.Repeat(" ", indent)
	lines := wrap(style, text, width-indent)
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return lines
}

// keyHint is the bindings as one line, "enter grava · esc cancela": the
// same keys as the footer, from the same bindings.
func keyHint(keys []key.Binding) string {
	var parts []string
	for _, k := range keys {
		if h := k.Help(); k.Enabled() && h.Key != "" {
			parts = append(parts, h.Key+" "+h.Desc)
		}
	}
	return strings.Join(parts, " · ")
}
