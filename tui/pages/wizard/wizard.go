// Package wizard is the request form, step by step: API and environment,
// institution, technical contact, purpose, the API's custom fields,
// attachments, terms of use, review and submit. Each step validates
// inline; the draft is saved on every step and shortly after every edit.
package wizard

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

type step int

const (
	stepAPI step = iota
	stepInstitution
	stepContact
	stepPurpose
	stepFields
	stepAttachments
	stepTerms
	stepReview
	stepDone
	stepFormEntity  // verification form: entity identification
	stepFormProject // verification form: project and justification
)

// ClosedMsg tells the root the wizard closed; Submitted is set when a
// request was created (the root then syncs and shows the requests page).
type ClosedMsg struct{ Submitted bool }

// Model is the wizard.
type Model struct {
	com   *common.Common
	store *store.Store
	draft store.Draft
	step  step

	apis     []api.API
	filter   textinput.Model // API search on the first step
	apiIndex int
	instIdx  int

	fields []field
	focus  int
	errs   map[string]string // field key -> message

	overlay.Base
	cols       int // terminal width
	submitting bool
	result     *api.Request
	formDone   bool
	problem    string // why the last submit or check failed
	closed     *ClosedMsg
	// push is a box to open over the wizard (the terms' viewer); Update
	// hands it to the stack.
	push overlay.Overlay
	keys keyMap
}

// New opens the wizard on a draft (a new one when d.ID is empty).
func New(com *common.Common, s *store.Store, d store.Draft) *Model {
	if d.ID == "" {
		b := make([]byte, 6)
		rand.Read(b)
		d.ID = "draft-" + hex.EncodeToString(b)
	}
	if d.CustomFields == nil {
		d.CustomFields = map[string]string{}
	}
	f := search.NewInput(com.Text.SearchAPIPlaceholder, api.MaxQueryLen)
	f.Prompt = "/ "
	f.SetWidth(40)
	m := &Model{com: com, store: s, draft: d, step: step(d.Step), filter: f, errs: map[string]string{},
		Base: overlay.NewBase("wizard", route.Root), keys: newKeyMap(com.Text)}
	switch {
	case m.form() && !slices.Contains(m.steps(), m.step):
		m.step = stepFormEntity
	case !m.form() && m.step >= stepDone: // a request draft never resumes past the review
		m.step = stepReview
	}
	return m
}

// Init loads the catalog (the wizard works offline until it submits).
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.Mailbox().Latest("catalog", loadCatalog(m.store)), m.enter(m.step)}
	if m.draft.Contact == (api.TechnicalContact{}) && !m.form() && m.com.Me != nil {
		// A new request starts with the contact the person gave last time.
		cmds = append(cmds, m.Mailbox().Latest("contact", lastContact(m.store, m.com.Me.Name)))
	}
	return tea.Batch(cmds...)
}

// The wizard is one of the root's overlays: it takes every key but ctrl+c
// while open, and its Cmds answer through its mailbox (overlay.Base).

// Update is the overlay's: the wizard's own messages and input. Closing
// hands the root a ClosedMsg.
func (m *Model) Update(msg tea.Msg) overlay.Action {
	cmd := m.update(msg)
	if c := m.closed; c != nil {
		return overlay.Close{Result: *c, Cmd: cmd}
	}
	if o := m.push; o != nil {
		m.push = nil
		return overlay.Push{Overlay: o, Cmd: cmd}
	}
	return overlay.Run{Cmd: cmd}
}

// close marks the wizard done; Update hands the root the news.
func (m *Model) close(submitted bool) { m.closed = &ClosedMsg{Submitted: submitted} }

// form reports whether this is a verification form rather than a request.
func (m *Model) form() bool { return m.draft.FormFor != "" }

func (m *Model) api() (api.API, bool) {
	i := slices.IndexFunc(m.apis, func(a api.API) bool { return a.ID == m.draft.APIID })
	if i < 0 {
		return api.API{}, false
	}
	return m.apis[i], true
}

// visibleAPIs are the catalog entries matching the filter text.
func (m *Model) visibleAPIs() []api.API {
	q := api.Fold(strings.TrimSpace(m.filter.Value()))
	if q == "" {
		return m.apis
	}
	var out []api.API
	for _, a := range m.apis {
		if strings.Contains(api.Fold(a.Name+" "+a.Acronym), q) {
			out = append(out, a)
		}
	}
	return out
}

// steps lists the steps this request has (custom fields only when the API
// defines some).
func (m *Model) steps() []step {
	if m.form() {
		return []step{stepFormEntity, stepContact, stepFormProject, stepAttachments, stepReview}
	}
	out := []step{stepAPI, stepInstitution, stepContact, stepPurpose}
	if a, ok := m.api(); ok && len(a.CustomFields) > 0 {
		out = append(out, stepFields)
	}
	return append(out, stepAttachments, stepTerms, stepReview)
}

// SetWidth fits the inputs to the terminal.
func (m *Model) SetWidth(w int) {
	m.cols = w
	for i := range m.fields {
		m.fields[i].setWidth(max(10, w-m.labelWidth()-2))
	}
}

// labelWidth fits the longest label of the step (within reason).
func (m *Model) labelWidth() int {
	w := 12
	for _, f := range m.fields {
		w = max(w, len([]rune(f.label))+2)
	}
	return min(w, 42)
}

func (m *Model) institutions() []api.Institution {
	if m.com.Me == nil {
		return nil
	}
	return m.com.Me.Institutions
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case catalogMsg:
		m.apis = msg.apis
		if msg.err != nil {
			m.problem = common.Explain(m.com.Text, msg.err)
		}
		if i := slices.IndexFunc(m.visibleAPIs(), func(a api.API) bool { return a.ID == m.draft.APIID }); i >= 0 {
			m.apiIndex = i
		}
		if m.step == stepFields {
			return m.enter(m.step) // its inputs come from the API's definitions
		}
	case contactMsg:
		// Only into a contact nobody typed yet (the answer may come after
		// the person reached the step and began).
		if m.draft.Contact == (api.TechnicalContact{}) && !m.contactTyped() {
			m.draft.Contact = msg.contact
			if m.step == stepContact {
				return m.enter(m.step)
			}
		}
	case saveTickMsg:
		if m.step == stepDone {
			return nil // submitted: the draft is deleted, not to be saved again
		}
		return m.save()
	case savedMsg:
		if msg.err != nil {
			return common.Toast(common.Explain(m.com.Text, msg.err), true)
		}
	case fileCheckedMsg:
		return m.fileChecked(msg)
	case completedMsg:
		if m.step == stepAttachments && len(m.fields) > 0 && m.fields[0].value() == msg.input {
			m.fields[0].setValue(msg.completion)
		}
	case submittedMsg:
		return m.submitted(msg)
	case formSubmittedMsg:
		return m.formSubmitted(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		return m.edit(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.submitting {
		return nil
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Next):
		return m.next()
	case key.Matches(msg, k.Complete) && m.step == stepAttachments && !m.com.Remote:
		return m.Mailbox().Latest("complete", complete(m.com.Remote, m.fields[0].value()))
	case key.Matches(msg, k.Down):
		m.move(1)
		return nil
	case key.Matches(msg, k.Up):
		m.move(-1)
		return nil
	case key.Matches(msg, k.Env) && m.step == stepAPI:
		m.toggleEnv()
		return nil
	case key.Matches(msg, k.ReadTerms) && m.step == stepTerms:
		return m.readTerms()
	case key.Matches(msg, k.Accept) && m.step == stepTerms:
		m.draft.TermsAccepted = !m.draft.TermsAccepted
		return m.changed()
	case key.Matches(msg, k.Unattach) && m.step == stepAttachments:
		if len(m.draft.Attachments) > 0 {
			m.draft.Attachments = m.draft.Attachments[:len(m.draft.Attachments)-1]
			return m.changed()
		}
		return nil
	}
	return m.edit(msg)
}

// edit passes a key or paste to the focused input.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.step == stepAPI:
		before := m.filter.Value()
		m.filter, cmd = m.filter.Update(msg)
		if m.filter.Value() != before {
			m.apiIndex = 0
		}
		return cmd
	case m.focus < len(m.fields):
		cmd, changed := m.fields[m.focus].update(msg)
		if changed {
			delete(m.errs, m.fields[m.focus].key)
			return tea.Batch(cmd, m.changed())
		}
	}
	return cmd
}

// changed schedules a save shortly after the last edit; a newer edit's
// timer replaces the older, so typing does not write on every key.
func (m *Model) changed() tea.Cmd {
	return m.Mailbox().Latest("save-tick", debounce())
}

// contactTyped says whether the contact step's inputs hold anything.
func (m *Model) contactTyped() bool {
	if m.step != stepContact {
		return false
	}
	for _, f := range m.fields {
		if strings.TrimSpace(f.value()) != "" {
			return true
		}
	}
	return false
}

// focusFirstError puts the cursor in the first field, from the top, that
// was refused: the person fixes from there, not from wherever enter was.
func (m *Model) focusFirstError() {
	for i, f := range m.fields {
		if _, bad := m.errs[f.key]; bad && i != m.focus {
			m.fields[m.focus].blur()
			m.focus = i
			m.fields[i].focus()
			return
		} else if bad {
			return
		}
	}
}

func (m *Model) move(d int) {
	switch m.step {
	case stepAPI:
		n := len(m.visibleAPIs())
		if n > 0 {
			m.apiIndex = (m.apiIndex + d + n) % n
		}
	case stepInstitution:
		if n := len(m.institutions()); n > 0 {
			m.instIdx = (m.instIdx + d + n) % n
		}
	default:
		if len(m.fields) > 1 {
			m.fields[m.focus].blur()
			m.focus = (m.focus + d + len(m.fields)) % len(m.fields)
			m.fields[m.focus].focus()
		}
	}
}

func (m *Model) toggleEnv() {
	list := m.visibleAPIs()
	if m.apiIndex >= len(list) {
		return
	}
	a := list[m.apiIndex]
	envs := a.Environments
	if len(envs) < 2 {
		return
	}
	if m.draft.Environment == envs[0].Name {
		m.draft.Environment = envs[1].Name
	} else {
		m.draft.Environment = envs[0].Name
	}
}

// back goes one step back; from the first step it closes (the draft is
// kept and listed on the requests page).
func (m *Model) back() tea.Cmd {
	steps := m.steps()
	i := slices.Index(steps, m.step)
	switch {
	case m.step == stepDone: // the draft went with the submission
		m.close(true)
		return nil
	case i <= 0:
		m.close(false)
		return m.closingSave()
	}
	m.storeFields()
	return tea.Batch(m.enter(steps[i-1]), m.save())
}

// next validates the step; when valid it moves on (and saves).
func (m *Model) next() tea.Cmd {
	if m.step == stepDone {
		m.close(true)
		return nil
	}
	if m.step == stepAttachments && strings.TrimSpace(m.fields[0].value()) != "" {
		return m.Mailbox().Latest("file", checkFile(m.com.Remote, strings.TrimSpace(m.fields[0].value())))
	}
	if m.step == stepAttachments && m.form() && len(m.draft.Attachments) == 0 {
		m.problem = m.com.Text.FormNeedsPDF
		return nil
	}
	m.storeFields()
	if !m.validate() {
		m.focusFirstError()
		return nil
	}
	if m.step == stepReview {
		return m.submit()
	}
	steps := m.steps()
	i := slices.Index(steps, m.step)
	return tea.Batch(m.enter(steps[i+1]), m.save())
}

func (m *Model) fileChecked(msg fileCheckedMsg) tea.Cmd {
	if msg.err != nil {
		m.errs["attachment"] = common.Explain(m.com.Text, msg.err)
		return nil
	}
	delete(m.errs, "attachment")
	if !slices.Contains(m.draft.Attachments, msg.path) {
		m.draft.Attachments = append(m.draft.Attachments, msg.path)
	}
	m.fields[0].setValue("")
	return m.save()
}
