package vault

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Form fields, in tab order.
const (
	fieldSystem = iota
	fieldCustomer
	fieldUser
	fieldPassword
	fieldSeed
	fieldCount
)

// form adds or overwrites one entry. Its secrets live in the inputs only
// and go with the form; a refusal keeps what was typed and points at the
// field.
type form struct {
	overlay.Base
	com     *common.Common
	keys    formKeys
	client  *client.Client
	cnpj    string
	systems []api.VaultSystem
	system  int // index in systems
	inputs  [fieldCount]textinput.Model
	focus   int
	problem string
	field   int // the field the problem is about
}

// Pick is PickPrev and PickNext as the footer lists them, as one.
type formKeys struct{ Close, Next, Prev, Save, PickPrev, PickNext, Pick key.Binding }

// entrySaved is the form's result: the entry was stored.
type entrySaved struct {
	entry api.VaultEntry // names only
	msg   string         // api.VaultCreated or api.VaultUpdated
}

// newForm starts an entry for a system and customer_key.
func newForm(com *common.Common, owner route.ID, c *client.Client, cnpj string, systems []api.VaultSystem, system int, customerKey string, width int) (*form, tea.Cmd) {
	t, b := com.Text, common.Bind
	f := &form{Base: overlay.NewBase("vault-form", owner), com: com, client: c, cnpj: cnpj,
		systems: systems, system: system, focus: fieldCustomer, keys: formKeys{
			Close: b("esc", t.Box.KeyClose, "esc"), Next: b("tab", t.Box.KeyField, "tab", "down"),
			Prev: b("shift+tab", t.Box.KeyField, "shift+tab", "up"), Save: b("enter", t.Box.KeySave, "enter"),
			PickPrev: b("←", t.Box.KeyChoose, "left", "h"), PickNext: b("→", t.Box.KeyChoose, "right", "l", "space"),
			Pick: b("←/→", t.Box.KeyChoose, "left", "right", "h", "l", "space"),
		}}
	limits := [fieldCount]int{0, api.MaxCustomerKeyLen, 40, api.MaxVaultPasswordLen, 128}
	for i := range f.inputs {
		in := search.NewInput("", limits[i])
		in.SetWidth(max(20, min(60, width-28)))
		f.inputs[i] = in
	}
	f.inputs[fieldPassword].EchoMode = textinput.EchoPassword
	f.inputs[fieldSeed].EchoMode = textinput.EchoPassword
	f.inputs[fieldPassword].EchoCharacter, f.inputs[fieldSeed].EchoCharacter = '•', '•'
	f.inputs[fieldCustomer].SetValue(customerKey)
	f.inputs[fieldCustomer].CursorEnd()
	if customerKey != "" {
		f.focus = fieldUser
	}
	return f, f.inputs[f.focus].Focus()
}

func (f *form) saving() bool { return f.Mailbox().Pending("write") }

func (f *form) ShortHelp() []key.Binding {
	keys := []key.Binding{f.keys.Save, f.keys.Next, f.keys.Prev}
	if f.focus == fieldSystem {
		keys = append(keys, f.keys.Pick)
	}
	return append(keys, f.keys.Close)
}
func (f *form) FullHelp() [][]key.Binding {
	return [][]key.Binding{{f.keys.Save, f.keys.Close}, {f.keys.Next, f.keys.Prev, f.keys.Pick}}
}

func (f *form) focusField(i int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus = (i + fieldCount) % fieldCount
	if f.focus == fieldSystem {
		return nil // the picker takes ←/→, not text
	}
	return f.inputs[f.focus].Focus()
}

func (f *form) Update(msg tea.Msg) overlay.Action {
	switch msg := msg.(type) {
	case writtenMsg:
		return f.written(msg)
	case tea.PasteMsg:
		var cmd tea.Cmd
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
		return overlay.Run{Cmd: cmd}
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *form) key(msg tea.KeyPressMsg) overlay.Action {
	if f.saving() {
		return nil
	}
	k := f.keys
	switch {
	case key.Matches(msg, k.Close):
		return overlay.Close{} // the typed password and seed go with it
	case key.Matches(msg, k.Next):
		return overlay.Run{Cmd: f.focusField(f.focus + 1)}
	case key.Matches(msg, k.Prev):
		return overlay.Run{Cmd: f.focusField(f.focus - 1)}
	case key.Matches(msg, k.Save):
		return overlay.Run{Cmd: f.submit()}
	}
	if f.focus == fieldSystem {
		switch {
		case key.Matches(msg, k.PickPrev):
			f.system = (f.system + len(f.systems) - 1) % len(f.systems)
		case key.Matches(msg, k.PickNext):
			f.system = (f.system + 1) % len(f.systems)
		}
		f.problem = ""
		return nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.problem = ""
	return overlay.Run{Cmd: cmd}
}

// submit validates with the server's own rules, then sends.
func (f *form) submit() tea.Cmd {
	sys := f.systems[f.system]
	e := api.VaultEntry{SystemName: sys.Name, CustomerKey: strings.TrimSpace(f.inputs[fieldCustomer].Value()),
		Username: strings.TrimSpace(f.inputs[fieldUser].Value()), Password: f.inputs[fieldPassword].Value()}
	if seed := strings.TrimSpace(f.inputs[fieldSeed].Value()); seed != "" {
		e.CustomData = &api.VaultCustomData{Secret: seed}
	}
	known := func(name string) (bool, bool) {
		for _, s := range f.systems {
			if s.Name == name {
				return s.TwoFactor, true
			}
		}
		return false, false
	}
	if msg := api.CheckVaultEntry(&e, known); msg != "" {
		f.problem, f.field = f.explain(msg)
		return f.focusField(f.field)
	}
	return f.Mailbox().Latest("write", write(f.client, f.cnpj, e))
}

// explain turns a per-item message into words and the field it is about.
func (f *form) explain(msg string) (string, int) {
	t := f.com.Text.Vault
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
	return msg, f.focus
}

// written closes the form on success; a refusal keeps it, with what was
// typed, and points at the field.
func (f *form) written(msg writtenMsg) overlay.Action {
	if msg.err != nil {
		f.problem = common.Explain(f.com.Text, msg.err)
		return nil
	}
	switch msg.result.Message {
	case api.VaultCreated, api.VaultUpdated:
		return overlay.Close{Result: entrySaved{entry: msg.entry, msg: msg.result.Message}}
	}
	f.problem, f.field = f.explain(msg.result.Message)
	return overlay.Run{Cmd: f.focusField(f.field)}
}

func (f *form) View(width, _ int) string {
	st, t := f.com.Styles, f.com.Text.Vault
	label := func(i int, s string) string {
		mark := "  "
		if f.focus == i {
			mark = "› "
		}
		return st.Prompt.Render(mark) + st.Subtle.Render(common.PadRight(s, 24))
	}
	sys := f.systems[f.system]
	sysLine := label(fieldSystem, t.FormSystem) + st.Text.Render(sys.Name)
	if sys.TwoFactor {
		sysLine += st.Warning.Render("  " + t.TwoFactor)
	}
	lines := []string{st.Bold.Render(t.FormTitle), common.Truncate(sysLine, width)}
	// Notes wrap under the fields (at 80 columns none of them is cut).
	indented := func(text string) {
		for _, l := range common.Wrap(text, max(20, width-26)) {
			lines = append(lines, st.Subtle.Render(common.PadRight("", 26)+l))
		}
	}
	if f.focus == fieldSystem {
		indented(t.FormPickHint)
	}
	lines = append(lines,
		label(fieldCustomer, t.CustomerKey)+f.inputs[fieldCustomer].View(),
		label(fieldUser, t.FormUser)+f.inputs[fieldUser].View(),
		label(fieldPassword, t.FormPassword)+f.inputs[fieldPassword].View(),
		label(fieldSeed, t.FormSeed)+f.inputs[fieldSeed].View(),
	)
	if !sys.TwoFactor {
		indented(t.FormSeedOptional)
	}
	if f.problem != "" {
		for _, l := range common.Wrap("✖ "+f.problem, width) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	if f.saving() {
		lines = append(lines, st.Subtle.Render(t.Saving))
	}
	for _, l := range common.Wrap(t.FormNever, width) {
		lines = append(lines, st.Subtle.Render(l))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n")
}

// savedText is the toast of a stored entry.
func savedText(com *common.Common, s entrySaved) string {
	text := com.Text.Vault.Saved
	if s.msg == api.VaultUpdated {
		text = com.Text.Vault.Updated
	}
	return fmt.Sprintf(text, s.entry.SystemName, s.entry.CustomerKey)
}
