package vault

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
)

// openForm starts an entry for the selected system and customer_key (the
// filter's, or the row's).
func (p *Page) openForm() tea.Cmd {
	f := &form{focus: fieldCustomer}
	if r := p.current(); r != nil {
		for i, s := range p.systems {
			if s.Name == r.Name {
				f.system = i
			}
		}
	}
	limits := [fieldCount]int{0, api.MaxCustomerKeyLen, 40, api.MaxVaultPasswordLen, 128}
	for i := range f.inputs {
		in := search.NewInput("", limits[i])
		in.SetWidth(max(20, min(60, p.width-28)))
		f.inputs[i] = in
	}
	f.inputs[fieldPassword].EchoMode = textinput.EchoPassword
	f.inputs[fieldSeed].EchoMode = textinput.EchoPassword
	f.inputs[fieldPassword].EchoCharacter, f.inputs[fieldSeed].EchoCharacter = '•', '•'
	ck := p.customerKey
	if r := p.current(); r != nil && r.CustomerKey != "" {
		ck = r.CustomerKey
	}
	f.inputs[fieldCustomer].SetValue(ck)
	f.inputs[fieldCustomer].CursorEnd()
	if ck != "" {
		f.focus = fieldUser
	}
	p.form = f
	return f.inputs[f.focus].Focus()
}

func (p *Page) focusField(i int) tea.Cmd {
	f := p.form
	f.inputs[f.focus].Blur()
	f.focus = (i + fieldCount) % fieldCount
	if f.focus == fieldSystem {
		return nil // the picker takes ←/→, not text
	}
	return f.inputs[f.focus].Focus()
}

func (p *Page) formKey(msg tea.KeyPressMsg) tea.Cmd {
	f := p.form
	if f.saving {
		return nil
	}
	switch msg.String() {
	case "esc":
		p.form = nil // the typed password and seed go with it
		return nil
	case "tab", "down":
		return p.focusField(f.focus + 1)
	case "shift+tab", "up":
		return p.focusField(f.focus - 1)
	case "enter":
		return p.submit()
	}
	if f.focus == fieldSystem {
		switch msg.String() {
		case "left", "h":
			f.system = (f.system + len(p.systems) - 1) % len(p.systems)
		case "right", "l", "space":
			f.system = (f.system + 1) % len(p.systems)
		}
		f.problem = ""
		return nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.problem = ""
	return cmd
}

// submit validates with the server's own rules, then sends.
func (p *Page) submit() tea.Cmd {
	f := p.form
	sys := p.systems[f.system]
	e := api.VaultEntry{SystemName: sys.Name, CustomerKey: strings.TrimSpace(f.inputs[fieldCustomer].Value()),
		Username: strings.TrimSpace(f.inputs[fieldUser].Value()), Password: f.inputs[fieldPassword].Value()}
	if seed := strings.TrimSpace(f.inputs[fieldSeed].Value()); seed != "" {
		e.CustomData = &api.VaultCustomData{Secret: seed}
	}
	known := func(name string) (bool, bool) {
		for _, s := range p.systems {
			if s.Name == name {
				return s.TwoFactor, true
			}
		}
		return false, false
	}
	if msg := api.CheckVaultEntry(&e, known); msg != "" {
		f.problem, f.field = p.explain(msg)
		return p.focusField(f.field)
	}
	f.saving = true
	return write(p.com.Authed, p.cnpj(), e)
}

// explain turns a per-item message into words and the field it is about.
func (p *Page) explain(msg string) (string, int) {
	t := p.com.Text.Vault
	switch msg {
	case api.VaultErrSystem:
		return t.ErrSystem, fieldSystem
	case api.VaultErrCustomerKey:
		return t.ErrCustomerKey, fieldCustomer
	case api.VaultErrUsername:
		return t.ErrUsername, fieldUser
	case api.VaultErrPassword:
		return t.ErrPassword, fieldPassword
	case api.VaultErrTOTP:
		return t.ErrTOTP, fieldSeed
	case api.VaultErrTOTPMissing:
		return t.ErrTOTPMissing, fieldSeed
	}
	return msg, p.form.focus
}

// written closes the form on success; a refusal keeps it, with what was
// typed, and points at the field.
func (p *Page) written(msg writtenMsg) tea.Cmd {
	f, t := p.form, p.com.Text.Vault
	if f == nil {
		return nil
	}
	f.saving = false
	if msg.err != nil {
		f.problem = common.Explain(p.com.Text, msg.err)
		return nil
	}
	switch msg.result.Message {
	case api.VaultCreated, api.VaultUpdated:
		p.form = nil
		text := t.Saved
		if msg.result.Message == api.VaultUpdated {
			text = t.Updated
		}
		return tea.Batch(common.Toast(fmt.Sprintf(text, msg.entry.SystemName, msg.entry.CustomerKey), false), p.reload())
	}
	f.problem, f.field = p.explain(msg.result.Message)
	return p.focusField(f.field)
}
