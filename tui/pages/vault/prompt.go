package vault

import (
	"github.com/charmbracelet/x/ansi"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/search"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// keyPrompt asks for the customer_key filter: enter applies it (empty:
// every key), esc leaves the filter as it was.
type keyPrompt struct {
	overlay.Base
	com   *common.Common
	input textinput.Model
	keys  struct{ Apply, Close key.Binding }
}

// customerKeySet is the prompt's result.
type customerKeySet struct{ key string }

func newKeyPrompt(com *common.Common, owner route.ID, current string, width int) (*keyPrompt, tea.Cmd) {
	in := search.NewInput("00000001", api.MaxCustomerKeyLen)
	in.SetValue(current)
	// Without a width the placeholder shows only its first character; the
	// hint and the field share one line (longer keys scroll inside it).
	in.SetWidth(max(10, min(api.MaxCustomerKeyLen, width-ansi.StringWidth(com.Text.Vault.KeyFilterHint)-1)))
	k := &keyPrompt{Base: overlay.NewBase("customer-key", owner), com: com, input: in}
	k.keys.Apply = common.Bind("enter", com.Text.KeyConfirm, "enter")
	k.keys.Close = common.Bind("esc", com.Text.Box.KeyClose, "esc")
	return k, k.input.Focus()
}

func (k *keyPrompt) ShortHelp() []key.Binding  { return []key.Binding{k.keys.Apply, k.keys.Close} }
func (k *keyPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (k *keyPrompt) Update(msg tea.Msg) overlay.Action {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, k.keys.Close):
			return overlay.Close{}
		case key.Matches(m, k.keys.Apply):
			v := strings.TrimSpace(k.input.Value())
			if v != "" && !api.ValidCustomerKey(v) {
				return overlay.Run{Cmd: common.Toast(k.com.Text.Vault.ErrCustomerKey, true)}
			}
			return overlay.Close{Result: customerKeySet{key: v}}
		}
	case tea.PasteMsg:
	default:
		return nil
	}
	var cmd tea.Cmd
	k.input, cmd = k.input.Update(msg)
	return overlay.Run{Cmd: cmd}
}

func (k *keyPrompt) View(int, int) string {
	return k.com.Styles.Prompt.Render(k.com.Text.Vault.KeyFilterHint) + k.input.View()
}
