package wizard

import (
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
)

// areaLines is how tall a long text (the purpose, the form's
// justification) grows on screen before it scrolls inside itself.
const areaLines = 5

// field is one input of a step, bound to a draft value: one line for
// short values, a wrapping area for long texts, which a single line would
// scroll sideways out of sight. enter and ↑/↓ stay the wizard's (next
// step, other field) in both.
type field struct {
	key, label string
	input      textinput.Model
	area       *textarea.Model // set for long texts; input is unused then
}

func newLine(key, label, value, placeholder string, limit int) field {
	in := search.NewInput(placeholder, limit)
	in.SetValue(value)
	return field{key: key, label: label, input: in}
}

// newArea is a long text. It has no length limit of its own: a paste is
// never cut in silence, and the step's check says how long it may be.
func newArea(com *common.Common, key, label, value string) field {
	ta := textarea.New()
	ta.ShowLineNumbers, ta.Prompt, ta.CharLimit = false, "", 0
	ta.DynamicHeight, ta.MinHeight, ta.MaxHeight, ta.MaxContentHeight = true, 1, areaLines, 10000
	st := ta.Styles()
	st.Cursor.Blink = false
	st.Focused.CursorLine, st.Focused.Base, st.Blurred.Base = lipgloss.NewStyle(), lipgloss.NewStyle(), lipgloss.NewStyle()
	st.Focused.Text, st.Blurred.Text = com.Styles.Text, com.Styles.Text
	ta.SetStyles(st)
	ta.SetValue(value)
	return field{key: key, label: label, area: &ta}
}

func (f *field) value() string {
	if f.area != nil {
		return f.area.Value()
	}
	return f.input.Value()
}

func (f *field) setValue(v string) {
	if f.area != nil {
		f.area.SetValue(v)
		return
	}
	f.input.SetValue(v)
	f.input.CursorEnd()
}

func (f *field) focus() tea.Cmd {
	if f.area != nil {
		return f.area.Focus()
	}
	return f.input.Focus()
}

func (f *field) blur() {
	if f.area != nil {
		f.area.Blur()
		return
	}
	f.input.Blur()
}

func (f *field) setWidth(w int) {
	if f.area != nil {
		f.area.SetWidth(w)
		return
	}
	f.input.SetWidth(w)
}

// update passes a key or paste on; it says whether the value changed.
func (f *field) update(msg tea.Msg) (tea.Cmd, bool) {
	before := f.value()
	var cmd tea.Cmd
	if f.area != nil {
		*f.area, cmd = f.area.Update(msg)
	} else {
		f.input, cmd = f.input.Update(msg)
	}
	return cmd, f.value() != before
}

// lines is the input as drawn, one string per screen line.
func (f *field) lines() []string {
	if f.area != nil {
		return strings.Split(strings.TrimRight(f.area.View(), "\n"), "\n")
	}
	return []string{f.input.View()}
}
