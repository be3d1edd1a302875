package review

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/i18n"
)

// The queue's text filters, in the order tab visits them.
const (
	byAPI = iota
	byInstitution
	byCNPJ
	byID
	filterCount
)

// filters is the queue's filter bar: the API's name (as before), the
// institution's name, the CNPJ and the request number, typed in one box
// after another (/ opens it on the API, tab goes to the next). Every key
// while typing filters at once; the filters that hold text all apply.
type filters struct {
	inputs [filterCount]textinput.Model
	focus  int
	active bool
	keys   struct{ Next, Prev, Leave, Clear key.Binding }
}

func newFilters(com *common.Common) filters {
	var f filters
	places := [filterCount]string{com.Text.SearchAPIPlaceholder, "", "", ""}
	for i := range f.inputs {
		f.inputs[i] = search.NewInput(places[i], api.MaxQueryLen)
		f.inputs[i].SetWidth(20)
	}
	b, rt := common.Bind, &com.Text.Review
	f.keys.Next = b("tab", rt.KeyNextFilter, "tab")
	f.keys.Prev = b("shift+tab", rt.KeyPrevFilter, "shift+tab")
	f.keys.Leave = b("enter/↓", com.Text.KeySearchKeep, "enter", "down")
	f.keys.Clear = b("esc", rt.KeyClearFilter, "esc")
	return f
}

// help is the bar's keys while typing (every other key is text).
func (f *filters) help() []key.Binding {
	return []key.Binding{f.keys.Leave, f.keys.Next, f.keys.Prev, f.keys.Clear}
}

func (f *filters) value(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }

// any says whether some filter holds text.
func (f *filters) any() bool {
	for i := range f.inputs {
		if f.value(i) != "" {
			return true
		}
	}
	return false
}

// focusOn starts typing in filter i.
func (f *filters) focusOn(i int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus, f.active = i, true
	return f.inputs[i].Focus()
}

func (f *filters) leave() {
	f.active = false
	f.inputs[f.focus].Blur()
}

// clear empties every filter; it reports whether one held text.
func (f *filters) clear() bool {
	had := f.any()
	for i := range f.inputs {
		f.inputs[i].SetValue("")
	}
	return had
}

// key handles a key while typing and reports whether a filter changed
// (the queue is read again).
func (f *filters) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.keys
	switch {
	case key.Matches(msg, k.Next):
		return f.focusOn((f.focus + 1) % filterCount), false
	case key.Matches(msg, k.Prev):
		return f.focusOn((f.focus + filterCount - 1) % filterCount), false
	case key.Matches(msg, k.Leave):
		f.leave()
		return nil, false
	case key.Matches(msg, k.Clear):
		had := f.value(f.focus) != ""
		f.inputs[f.focus].SetValue("")
		f.leave()
		return nil, had
	}
	before := f.inputs[f.focus].Value()
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd, f.inputs[f.focus].Value() != before
}

// paste takes a paste into the filter being typed in.
func (f *filters) paste(msg tea.PasteMsg) (tea.Cmd, bool) {
	before := f.inputs[f.focus].Value()
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd, f.inputs[f.focus].Value() != before
}

// query is what the filters ask of the cache; the names are resolved
// in the Cmd (API names against the catalog, institutions against the
// institutions of the cached requests).
func (f *filters) query() textQuery {
	return textQuery{api: f.value(byAPI), institution: store.InstitutionQuery{Name: f.value(byInstitution), CNPJ: f.value(byCNPJ)},
		idPrefix: idPrefix(f.value(byID))}
}

// idPrefix is a typed request number as the start of an id: upper case,
// and "SOL-" before it when it was typed as the queue shows it (the short
// form, "2026-000123", or just its digits).
func idPrefix(typed string) string {
	typed = strings.ToUpper(strings.TrimSpace(typed))
	if typed == "" || strings.HasPrefix(typed, "SOL-") || strings.HasPrefix("SOL-", typed) {
		return typed
	}
	return "SOL-" + typed
}

// shortID is the queue's form of a request id: the number without "SOL-".
func shortID(id string) string { return strings.TrimPrefix(id, "SOL-") }

// labels are the filters' names on the bar.
func (f *filters) labels(t *i18n.ReviewText) [filterCount]string {
	return [filterCount]string{t.FilterAPI, t.FilterInstitution, t.FilterCNPJ, t.FilterID}
}

// view is the bar's filter part: while typing, the filter typed in (with
// the cursor) and those that hold text; otherwise the ones that hold
// text, or the hint that / filters.
func (f *filters) view(com *common.Common) string {
	st, t := com.Styles, &com.Text.Review
	labels := f.labels(t)
	var parts []string
	for i := range f.inputs {
		switch {
		case f.active && i == f.focus:
			parts = append(parts, st.Prompt.Render(labels[i]+": ")+f.inputs[i].View())
		case f.value(i) != "":
			parts = append(parts, st.Subtle.Render(labels[i]+": ")+st.Text.Render(f.value(i)))
		}
	}
	if len(parts) == 0 {
		return st.Subtle.Render(t.FilterHint)
	}
	return st.Prompt.Render("/ ") + strings.Join(parts, st.Subtle.Render(" · "))
}
