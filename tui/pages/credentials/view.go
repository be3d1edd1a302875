package credentials

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
)

// Lock is the FAQ 3.14 padlock. An emoji of width 2 everywhere: "⚿",
// tried first, is one cell for Go's width tables and two for tmux, which
// shifted every column after it.
const Lock = "🔒"

// View draws the list on the left and the secure viewer on the right.
func (p *Page) View() string {
	st, t := p.com.Styles, p.com.Text
	switch {
	case p.com.Me == nil:
		return st.Subtle.Render(t.Cred.SignIn)
	case !p.Allowed(p.com.Me):
		return st.Subtle.Render(t.Cred.Only)
	}
	listW := p.listWidth()
	viewW := p.width - listW - 3
	_, revealing := overlay.Of[*revealBox](p.com.Overlays, p.mb.ID())
	if c := p.current(); c != nil && revealing && viewW < api.SecretLen+2 {
		// A narrow terminal gives the reveal the whole width: a secret cut
		// by an ellipsis could not be copied by hand.
		return strings.Join(clip(p.viewer(*c, p.width), p.height-1), "\n")
	}
	height := max(3, p.height-1)
	list := p.list(listW, height)
	var viewer []string
	if c := p.current(); c != nil {
		viewer = p.viewer(*c, viewW)
	}
	for i, l := range viewer {
		viewer[i] = common.Truncate(l, viewW) // the panel must not wrap
	}
	left := lipgloss.NewStyle().Width(listW).Render(strings.Join(clip(list, height), "\n"))
	right := lipgloss.NewStyle().Width(viewW).Render(strings.Join(clip(viewer, height), "\n"))
	// A space each side of the rule on every line (around the whole
	// block it was only on the first and the last).
	sep := st.HelpSep.Render(strings.Repeat(" │ \n", height-1) + " │ ")
	return lipgloss.JoinHorizontal(lipgloss.Top, left, sep, right)
}

// listWidth is the list's share of the page; the viewer takes the rest.
func (p *Page) listWidth() int { return min(44, max(26, p.width/3)) }

// list shows two lines per credential: the API and environment, then
// what tells its namesakes apart (the request's number, the institution).
func (p *Page) list(w, height int) []string {
	st, t := p.com.Styles, p.com.Text
	title := fmt.Sprintf(t.Cred.Title, len(p.items))
	if p.search.Value() != "" {
		title = fmt.Sprintf(t.Cred.TitleFound, len(p.shown), len(p.items))
	}
	lines := []string{st.Bold.Render(common.Truncate(title, w)), p.searchLine(w)}
	switch {
	case len(p.items) == 0 && (p.loaded || p.err != nil):
		lines = append(lines, st.Subtle.Render(common.Truncate(t.Cred.Empty, w)))
	case len(p.items) == 0:
		lines = append(lines, st.Subtle.Render(t.Cred.Loading))
	case len(p.shown) == 0:
		lines = append(lines, wrap(st.Subtle, t.Cred.NoMatch, w)...)
	}
	if !p.cachedAt.IsZero() {
		lines = append(lines, wrap(st.Warning, fmt.Sprintf(t.Cred.Stale, t.DateTime(p.cachedAt)), w)...)
	}
	room := max(1, (height-len(lines))/2)
	first := max(0, min(p.selected-room/2, len(p.shown)-room))
	for i := first; i < len(p.shown) && len(lines)+2 <= height; i++ {
		c := p.items[p.shown[i]]
		top := fmt.Sprintf("%s %s %s", Lock, c.Environment.Badge(), c.APIName)
		if day := when(t.Date, c.CreatedAt); c.CreatedAt != "" && lipgloss.Width(top)+2+lipgloss.Width(day) <= w {
			// The day it was made, where there is room: namesakes of one
			// request number are told apart by it.
			top = common.PadRight(top, w-lipgloss.Width(day)) + day
		}
		inst := c.Institution.Name
		if inst == "" {
			inst = api.FormatCNPJ(c.Institution.CNPJ)
		}
		sub := "   " + c.RequestID + " · " + inst
		if w < 34 { // a narrow list keeps room for the institution's first word
			sub = "  " + c.RequestID + " " + inst
		}
		if i == p.selected {
			on := st.FilterOn.Padding(0)
			lines = append(lines, on.Render(common.PadRight(common.Truncate(top, w), w)),
				on.Render(common.PadRight(common.Truncate(sub, w), w)))
			continue
		}
		style := st.Text
		if c.State == api.CredentialRevoked || c.State == api.CredentialBlocked {
			style = st.Subtle
		}
		lines = append(lines, style.Render(common.Truncate(top, w)), st.Subtle.Render(common.Truncate(sub, w)))
	}
	return lines
}

// searchLine is the search box, or what "/" searches when it is unused.
func (p *Page) searchLine(w int) string {
	st, t := p.com.Styles, p.com.Text
	if p.search.Active || p.search.Value() != "" {
		return st.Prompt.Render("/ ") + p.search.Input.View()
	}
	hint := "/ " + t.KeySearch + ": " + t.Cred.SearchHint
	if lipgloss.Width(hint) > w {
		hint = "/ " + t.KeySearch
	}
	return st.Subtle.Render(hint)
}

// viewer is the secure view of one credential (FAQ 3.15): the client_id in
// full, the secret masked to its hint, and where to use them.
func (p *Page) viewer(c api.Credential, w int) []string {
	st, t := p.com.Styles, p.com.Text
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, labelWidth)) }
	// An id or a URL too long for the value column goes whole on the
	// next line: it is read or typed by hand, and must not be cut.
	whole := func(name string, style lipgloss.Style, text string) []string {
		if labelWidth+lipgloss.Width(text) <= w {
			return []string{label(name) + style.Render(text)}
		}
		return []string{label(name), " " + style.Render(text)}
	}
	lines := []string{
		st.CardTitle.Render(common.Truncate(Lock+" "+c.APIName, w)),
		stateStyle(p, c.State).Render(c.Environment.Label(t.Lang) + " · " + api.CredentialStateLabel(c.State, t.Lang)),
		"",
	}
	// Open boxes come first, so a short terminal never cuts a secret or
	// a question off the bottom.
	for _, box := range p.com.Overlays.OwnedBy(p.mb.ID()) {
		lines = append(append(lines, strings.Split(box.View(w, 0), "\n")...), "")
	}
	if p.generating == c.RequestID {
		lines = append(lines, st.Subtle.Render(t.Cred.Generating), "")
	}
	lines = append(lines, whole(t.Cred.ClientID, st.Accent, c.ClientID)...)
	lines = append(lines, p.secretLines(c, label, w)...)
	if c.SecretCreatedAt != "" {
		lines = append(lines, indented(st.Subtle, fmt.Sprintf(t.Cred.SecretSince, when(t.DateTime, c.SecretCreatedAt)), w)...)
	}
	if c.PreviousValidUntil != "" {
		lines = append(lines, indented(st.Warning, fmt.Sprintf(t.Cred.PrevValid, when(t.DateTime, c.PreviousValidUntil)), w)...)
	}
	lines = append(lines, hanging(label(t.Cred.Institution), st.Text, api.FormatCNPJ(c.Institution.CNPJ)+"  "+c.Institution.Name, w)...)
	lines = append(lines, whole(t.Cred.Request, st.Text, c.RequestID)...)
	if c.CreatedAt != "" {
		lines = append(lines, whole(t.Cred.Created, st.Text, when(t.DateTime, c.CreatedAt))...)
	}
	lines = append(lines, whole(t.Cred.TokenURL, st.Text, c.TokenURL)...)
	return append(lines, whole(t.Cred.GatewayURL, st.Text, c.GatewayURL)...)
}

// secretLines never show more than the hint: the prefix, a mask and the
// last four characters.
func (p *Page) secretLines(c api.Credential, label func(string) string, w int) []string {
	st, t := p.com.Styles, p.com.Text
	switch {
	case c.State == api.CredentialBlocked:
		return hanging(label(t.Cred.Secret), st.Warning, t.Cred.Blocked, w)
	case c.State == api.CredentialRevoked:
		return hanging(label(t.Cred.Secret), st.Error, t.Cred.Revoked, w)
	case c.SecretHint == "":
		return hanging(label(t.Cred.Secret), st.Subtle, t.Cred.NoSecret, w)
	}
	return append([]string{label(t.Cred.Secret) + st.Text.Render(mask(c.SecretHint))}, indented(st.Subtle, t.Cred.Masked, w)...)
}

// mask turns a hint ("gecli_cs_…a1B2") into "gecli_cs_••••••••••••a1B2".
func mask(hint string) string {
	last := hint[max(0, len(hint)-4):]
	return api.SecretPrefix + strings.Repeat("•", 12) + last
}

// cause is the FAQ's cause and action for a refusal code (FAQ 4.1,
// Conecta FAQ 4 and 5).
func cause(t i18n.CredText, code string) string {
	switch code {
	case "invalid_client":
		return t.CauseBadClient
	case "unauthorized_client":
		return t.CauseUnauthorized
	case string(api.CodeWrongEnvironment):
		return t.CauseWrongEnv
	case string(api.CodeIPNotAllowed):
		return t.CauseIP
	case string(api.CodeInvalidToken), string(api.CodeTokenExpired):
		return t.CauseToken
	}
	return t.CauseOther
}

func stateStyle(p *Page, state string) lipgloss.Style {
	st := p.com.Styles
	switch state {
	case api.CredentialActive:
		return st.Success
	case api.CredentialRevoked:
		return st.Error
	case api.CredentialBlocked:
		return st.Warning
	}
	return st.Subtle
}

// when formats an RFC 3339 stamp with the UI's date format.
func when(format func(time.Time) string, s string) string {
	if tm, err := time.Parse(time.RFC3339, s); err == nil {
		return format(tm)
	}
	return s
}

// indented wraps text in the value column, under the labels' width.
func indented(style lipgloss.Style, text string, width int) []string {
	lines := wrap(style, text, width-labelWidth)
	for i := range lines {
		lines[i] = strings.Repeat(" ", labelWidth) + lines[i]
	}
	return lines
}

const labelWidth = 16

// hanging is a label with its text wrapped in the value column.
func hanging(label string, style lipgloss.Style, text string, width int) []string {
	lines := indented(style, text, width)
	lines[0] = label + strings.TrimLeft(lines[0], " ")
	return lines
}

// wrap renders text over as many lines as width needs.
func wrap(style lipgloss.Style, text string, width int) []string {
	return strings.Split(style.Width(max(10, width)).Render(text), "\n")
}

func clip(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	return lines
}
