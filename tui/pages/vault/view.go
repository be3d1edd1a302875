package vault

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/confirm"
	"github.com/gecli/gecli/tui/overlay"
)

// View draws the filters, an open box, then the systems.
func (p *Page) View() string {
	st, t := p.com.Styles, p.com.Text
	switch {
	case p.com.Me == nil:
		return st.Subtle.Render(t.Vault.SignIn)
	case !p.Allowed(p.com.Me):
		return st.Subtle.Render(t.Vault.Only)
	}
	lines := []string{common.Truncate(p.bar(), p.width)}
	if prompt, ok := overlay.Of[*keyPrompt](p.com.Overlays, p.mb.ID()); ok {
		lines = append(lines, prompt.View(p.width, 0))
	}
	lines = append(lines, "")
	switch {
	case lockedReason(p.err) != "":
		lines = append(lines, st.Error.Render(common.Truncate(fmt.Sprintf(t.Vault.Locked, lockedReason(p.err)), p.width)))
	case p.err != nil:
		lines = append(lines, st.Error.Render(common.Truncate(common.Explain(t, p.err), p.width)))
	case !p.loaded:
		lines = append(lines, st.Subtle.Render(t.Vault.Loading))
	}
	if f, ok := overlay.Of[*form](p.com.Overlays, p.mb.ID()); ok {
		lines = append(lines, strings.Split(f.View(p.width, 0), "\n")...)
	}
	if q, ok := overlay.Of[*confirm.Box](p.com.Overlays, p.mb.ID()); ok {
		lines = append(lines, q.View(p.width, 0), "")
	}
	if p.loaded {
		lines = append(lines, p.table(max(1, p.height-len(lines)))...)
	}
	return strings.Join(lines, "\n")
}

// bar shows the filters; at 80 columns it drops the labels before any
// value (the institution a filter is on must always show), and a long
// institution name is shortened last.
func (p *Page) bar() string {
	st, t := p.com.Styles, p.com.Text.Vault
	inst := ""
	if me := p.com.Me; me != nil && p.institution < len(me.Institutions) {
		in := me.Institutions[p.institution]
		inst = in.Name
		if inst == "" {
			inst = api.FormatCNPJ(in.CNPJ)
		}
	}
	ck := p.customerKey
	if ck == "" {
		ck = t.AllKeys
	}
	draw := func(labels bool, inst string) string {
		iLabel, cLabel, sLabel := "i ", "  c ", "/ "
		if labels {
			iLabel, cLabel, sLabel = "i "+t.Institution+": ", "  c "+t.CustomerKey+": ", "/ "+t.Search+": "
		}
		searchText := st.Subtle.Render("/ " + t.Search)
		if p.search.Active || p.search.Value() != "" {
			searchText = st.Prompt.Render(sLabel) + p.search.Input.View()
		}
		return st.Subtle.Render(iLabel) + st.Text.Render(inst) +
			st.Subtle.Render(cLabel) + st.Text.Render(ck) + "  " + searchText
	}
	if full := draw(true, inst); ansi.StringWidth(full) <= p.width {
		return full
	}
	short := draw(false, inst)
	if over := ansi.StringWidth(short) - p.width; over > 0 {
		short = draw(false, common.Truncate(inst, max(8, ansi.StringWidth(inst)-over)))
	}
	return short
}

// table lists the systems; a stored entry shows its customer_key, never a
// value.
func (p *Page) table(height int) []string {
	st, t := p.com.Styles, p.com.Text.Vault
	rows := p.visible()
	active := 0
	for _, r := range p.rows {
		if r.CredentialStatus == api.VaultActive {
			active++
		}
	}
	title := st.Bold.Render(fmt.Sprintf(t.Title, p.com.Text.Plural(len(p.systems), t.Systems), p.com.Text.Plural(active, t.Stored)))
	note := st.Subtle.Render("  · " + t.NoValue)
	lines := []string{title + note}
	if ansi.StringWidth(title+note) > p.width {
		// 80 columns: the note that values never come back gets a line of its own
		lines = []string{common.Truncate(title, p.width), common.Truncate(st.Subtle.Render(t.NoValue), p.width)}
	}
	if len(rows) == 0 {
		return append(lines, st.Subtle.Render(t.Empty))
	}
	twoFactor := map[string]bool{}
	for _, s := range p.systems {
		twoFactor[s.Name] = s.TwoFactor
	}
	room := height - len(lines)
	first := max(0, min(p.selected-room/2, len(rows)-room))
	nameW := min(34, max(16, p.width-46))
	for i := first; i < len(rows) && len(lines) < height; i++ {
		r := rows[i]
		status, style := t.NotExists, st.Subtle
		if r.CredentialStatus == api.VaultActive {
			status, style = t.Active, st.Success
		}
		tf := "   "
		if twoFactor[r.Name] {
			tf = t.TwoFactor
		}
		line := common.PadRight(common.Truncate(r.Name, nameW), nameW) + "  " + common.PadRight(status, 18) + " " + tf + "  " + r.CustomerKey
		line = common.Truncate(line, p.width)
		if i == p.selected {
			lines = append(lines, st.FilterOn.Padding(0).Render(common.PadRight(line, p.width)))
		} else {
			lines = append(lines, style.Render(line))
		}
	}
	return lines
}
