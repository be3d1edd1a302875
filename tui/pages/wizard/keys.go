package wizard

import (
	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
)

// keyMap holds the wizard's keys; each step shows the ones it uses in its
// own hint line.
type keyMap struct {
	Back, Next, Complete, Down, Up, Env, Accept, Unattach key.Binding
	ReadTerms                                             key.Binding // the terms in the viewer, before accepting them
}

func newKeyMap(t *i18n.Text) keyMap {
	b := common.Bind
	return keyMap{
		Back: b("esc", t.KeyBack, "esc"), Next: b("enter", t.Box.KeyConfirm, "enter"),
		// tab completes a path on the attachments step and moves to the
		// next field on the others.
		Complete: b("tab", t.Box.KeyComplete, "tab"),
		Down:     b("tab/↓", t.Box.KeyField, "tab", "down"), Up: b("shift+tab/↑", t.Box.KeyField, "shift+tab", "up"),
		Env:    b("←/→", t.EnvLabel, "left", "right"),
		Accept: b("space", t.Box.KeyAccept, "space"), Unattach: b("ctrl+x", t.Box.KeyUnattach, "ctrl+x"),
		ReadTerms: b("t", t.PDFView.KeyReadTerms, "t"),
	}
}
