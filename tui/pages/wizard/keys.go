package wizard

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

// keyMap holds the wizard's keys; help lists the ones each step uses
// (the footer shows them: the wizard takes every key while open).
type keyMap struct {
	Back, Next, Complete, Down, Up, Env, Accept, Unattach key.Binding
	ReadTerms                                             key.Binding // the terms in the viewer, before accepting them
	// Pick and Fields only name the moves in the help, on the lists and
	// on the forms: Down and Up do the moving.
	Pick, Fields key.Binding
}

func newKeyMap(t *i18n.Text) keyMap {
	b := common.Bind
	return keyMap{
		Back: b("esc", t.KeyBack, "esc"), Next: b("enter", t.Box.KeyConfirm, "enter"),
		// tab completes a path on the attachments step and moves to the
		// next field on the others.
		Complete: b("tab", t.Box.KeyComplete, "tab"),
		Down:     b("tab/↓", t.Box.KeyField, "tab", "down"), Up: b("shift+tab/↑", t.Box.KeyField, "shift+tab", "up"),
		Env:    b("←/→", t.KeyEnv, "left", "right"),
		Accept: b("space", t.Box.KeyAccept, "space"), Unattach: b("ctrl+x", t.Box.KeyUnattach, "ctrl+x"),
		ReadTerms: b("t", t.PDFView.KeyReadTerms, "t"),
		Pick:      b("↑/↓", t.Box.KeyChoose, "up", "down", "tab", "shift+tab"),
		Fields:    b("tab/↑/↓", t.Box.KeyField, "tab", "shift+tab", "up", "down"),
	}
}

// ShortHelp is the keys of the step on screen (none while sending):
// what enter and esc do there, and the step's own keys.
func (m *Model) ShortHelp() []key.Binding {
	if m.submitting {
		return nil
	}
	k, t := m.keys, m.com.Text
	next, back := k.Next, k.Back
	var keys []key.Binding
	switch m.step {
	case stepAPI:
		if len(m.visibleAPIs()) > 1 {
			keys = append(keys, k.Pick)
		}
		if a, ok := m.api(); ok && len(a.Environments) > 1 {
			keys = append(keys, k.Env)
		}
		back.SetHelp("esc", t.WizKeyClose)
	case stepInstitution:
		if len(m.institutions()) > 1 {
			keys = append(keys, k.Pick)
		}
	case stepAttachments:
		if !m.com.Remote {
			keys = append(keys, k.Complete)
			next.SetHelp("enter", t.WizKeyAddOrNext)
		}
		if len(m.draft.Attachments) > 0 {
			keys = append(keys, k.Unattach)
		}
	case stepTerms:
		keys = append(keys, k.Accept, k.ReadTerms)
	case stepReview:
		next.SetHelp("enter", t.WizKeySend)
		back.SetHelp("esc", t.WizKeyFix)
	case stepDone:
		done := key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", t.WizKeyDone))
		return []key.Binding{done}
	default:
		if len(m.fields) > 1 {
			keys = append(keys, k.Fields)
		}
	}
	return append(append([]key.Binding{next}, keys...), back)
}

// FullHelp is ShortHelp: there is no ? in the wizard (it is text there).
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
