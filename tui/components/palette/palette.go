// Package palette is the command palette (ctrl+p, :): a search field over
// every action the screen offers now, fuzzy-matched as the person types
// (github.com/sahilm/fuzzy), each with its key on the right. It knows
// nothing of what actions do: choosing one hands the owner a Chosen with
// the key press of that binding, which the owner delivers as if it had
// been pressed.
package palette

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/sahilm/fuzzy"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Chosen is the palette's result: the key press of the chosen action.
type Chosen struct{ Key tea.KeyPressMsg }

// maxWidth keeps the box readable on a wide terminal.
const maxWidth = 90

// action is one row: a binding, the press that runs it, and its
// description folded for matching (foldAt maps folded bytes back).
type action struct {
	binding key.Binding
	press   tea.KeyPressMsg
	fold    string
	foldAt  []int
}

// row is an action shown, with the bytes of its description that matched.
type row struct {
	action  *action
	matched map[int]bool
}

// Model is the palette, an overlay.
type Model struct {
	overlay.Base
	com     *common.Common
	title   string
	input   textinput.Model
	actions []action
	rows    []row
	cursor  int
	offset  int
	height  int // the body's height, for scrolling
	keys    struct{ Up, Down, PageUp, PageDown, Run, Close key.Binding }
}

// New opens a palette over actions for owner; title names the page.
// Bindings that are disabled, have no description or whose first key
// cannot be pressed again are left out; so are repeats.
func New(com *common.Common, owner route.ID, title string, actions []key.Binding) *Model {
	t := com.Text
	m := &Model{Base: overlay.NewBase("palette", owner), com: com, title: title,
		input: search.NewInput(t.Palette.Placeholder, 60)}
	m.keys.Up = common.Bind("↑", t.KeyMove, "up", "ctrl+p")
	m.keys.Down = common.Bind("↓", t.KeyMove, "down", "ctrl+n")
	m.keys.PageUp = common.Bind("pgup", t.KeyPage, "pgup")
	m.keys.PageDown = common.Bind("pgdn", t.KeyPage, "pgdown")
	m.keys.Run = common.Bind("enter", t.Palette.KeyRun, "enter")
	m.keys.Close = common.Bind("esc", t.Box.KeyClose, "esc")
	seen := map[string]bool{}
	for _, b := range actions {
		h := b.Help()
		if !b.Enabled() || h.Desc == "" || len(b.Keys()) == 0 || seen[h.Key+"\x00"+h.Desc] {
			continue
		}
		press, ok := Press(b.Keys()[0])
		if !ok {
			continue
		}
		seen[h.Key+"\x00"+h.Desc] = true
		f, at := fold(h.Desc)
		m.actions = append(m.actions, action{binding: b, press: press, fold: f, foldAt: at})
	}
	m.input.Focus()
	m.filter()
	return m
}

// Init starts the field's cursor (New already gave it focus).
func (m *Model) Init() tea.Cmd { return m.input.Focus() }

// SetSize gives the palette the body's size (width is read when drawing).
func (m *Model) SetSize(_, height int) {
	m.height = height
	m.scroll()
}

func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Run, common.Bind("↑/↓", m.com.Text.KeyMove, "up", "down"), m.keys.Close}
}

func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Run, m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Close}}
}

// Update moves (keys and the mouse wheel), runs or closes; any other key
// or a paste edits the query.
func (m *Model) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelDown {
			m.move(1)
		} else {
			m.move(-1)
		}
	case tea.PasteMsg:
		return m.edit(msg)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Close):
			return overlay.Close{}
		case key.Matches(msg, m.keys.Run):
			if len(m.rows) == 0 {
				return nil
			}
			return overlay.Close{Result: Chosen{Key: m.rows[m.cursor].action.press}}
		case key.Matches(msg, m.keys.Up):
			m.move(-1)
		case key.Matches(msg, m.keys.Down):
			m.move(1)
		case key.Matches(msg, m.keys.PageUp):
			m.move(-m.visibleRows())
		case key.Matches(msg, m.keys.PageDown):
			m.move(m.visibleRows())
		default:
			return m.edit(msg)
		}
	}
	return nil
}

// edit hands a key or a paste to the field and filters again when the
// query changed.
func (m *Model) edit(msg tea.Msg) overlay.Action {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.filter()
	}
	if cmd != nil {
		return overlay.Run{Cmd: cmd}
	}
	return nil
}

func (m *Model) move(by int) {
	if len(m.rows) == 0 {
		return
	}
	m.cursor = max(0, min(len(m.rows)-1, m.cursor+by))
	m.scroll()
}

// filter lists the actions that match the query, best first; an empty
// query lists them all in the order given.
func (m *Model) filter() {
	m.rows, m.cursor, m.offset = m.rows[:0], 0, 0
	q, _ := fold(strings.TrimSpace(m.input.Value()))
	if q == "" {
		for i := range m.actions {
			m.rows = append(m.rows, row{action: &m.actions[i]})
		}
		return
	}
	folds := make([]string, len(m.actions))
	for i, a := range m.actions {
		folds[i] = a.fold
	}
	for _, match := range fuzzy.Find(q, folds) {
		a := &m.actions[match.Index]
		r := row{action: a, matched: map[int]bool{}}
		for _, i := range match.MatchedIndexes {
			r.matched[a.foldAt[i]] = true
		}
		m.rows = append(m.rows, r)
	}
}

// Lines around the list: the box's borders, the title, the field, the
// rule under it, and the line that tells of rows out of view.
const chrome = 6

func (m *Model) visibleRows() int { return max(1, m.height-chrome) }

// scroll keeps the cursor in the window of rows shown.
func (m *Model) scroll() {
	n := m.visibleRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+n {
		m.offset = m.cursor - n + 1
	}
	m.offset = max(0, min(m.offset, len(m.rows)-n))
}

// View draws the box at the top of the body, centred, at most maxWidth
// cells wide.
func (m *Model) View(width, height int) string {
	st, t := m.com.Styles, m.com.Text.Palette
	boxW := min(width, maxWidth)
	inner := max(10, boxW-4) // border and padding
	count := st.Subtle.Render(fmt.Sprintf(t.Count, len(m.rows), len(m.actions)))
	title := common.Spread(st.Bold.Render(fmt.Sprintf(t.Title, m.title)), count, inner)
	in := m.input
	in.SetWidth(inner - 3)
	lines := []string{title, st.Prompt.Render("> ") + in.View(), st.HelpSep.Render(strings.Repeat("─", inner))}

	n := min(max(1, height-chrome), len(m.rows))
	offset := max(0, min(m.offset, len(m.rows)-n))
	if len(m.rows) == 0 {
		lines = append(lines, st.Warning.Render(common.Truncate(fmt.Sprintf(t.NoMatch, m.input.Value()), inner)))
	}
	keyW := 0
	for _, a := range m.actions {
		keyW = max(keyW, ansi.StringWidth(a.binding.Help().Key))
	}
	keyW = min(keyW, inner/3)
	for i := offset; i < offset+n; i++ {
		lines = append(lines, m.rowView(m.rows[i], i == m.cursor, inner, keyW))
	}
	var more []string
	if offset > 0 {
		more = append(more, fmt.Sprintf(t.Above, offset))
	}
	if below := len(m.rows) - offset - n; below > 0 {
		more = append(more, fmt.Sprintf(t.Below, below))
	}
	if len(more) > 0 {
		lines = append(lines, st.Subtle.Render(common.Truncate(strings.Join(more, " · "), inner)))
	}
	box := st.Overlay.Padding(0, 1).Width(boxW).Render(strings.Join(lines, "\n"))
	return lipgloss.PlaceHorizontal(width, lipgloss.Center, box)
}

// rowView is one action: a marker on the chosen one, the description
// with its matched letters highlighted (cut with … when long), the key
// at the right.
func (m *Model) rowView(r row, chosen bool, inner, keyW int) string {
	st := m.com.Styles
	text, hl, marker := st.Text, st.Accent.Bold(true).Underline(true), "  "
	if chosen {
		text, marker = st.Bold, st.Prompt.Render("› ")
	}
	h := r.action.binding.Help()
	// Runs of matched and unmatched letters, each styled once.
	style := func(lit bool) lipgloss.Style {
		if lit {
			return hl
		}
		return text
	}
	var desc strings.Builder
	start := 0
	for i := range h.Desc {
		if i > start && r.matched[i] != r.matched[start] {
			desc.WriteString(style(r.matched[start]).Render(h.Desc[start:i]))
			start = i
		}
	}
	desc.WriteString(style(r.matched[start]).Render(h.Desc[start:]))
	descW := max(1, inner-2-keyW-2)
	left := marker + common.Truncate(desc.String(), descW)
	return common.Spread(left, st.HelpKey.Render(common.Truncate(h.Key, keyW)), inner)
}

// fold lower-cases s and drops its diacritics rune by rune (api.Fold), so
// "notificacao" finds "Notificação"; at maps each byte of the fold back
// to the byte of s it came from.
func fold(s string) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(s))
	for i, r := range s {
		f := api.Fold(string(r))
		b.WriteString(f)
		for range len(f) {
			at = append(at, i)
		}
	}
	return b.String(), at
}
