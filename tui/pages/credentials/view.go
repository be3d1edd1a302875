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
	listW := min(44, max(26, p.width/3))
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
	sep := st.HelpSep.Render(strings.Repeat("│\n", height-1) + "│")
	return lipgloss.JoinHorizontal(lipgloss.Top, left, " "+sep+" ", right)
}

func (p *Page) list(w, height int) []string {
	st, t := p.com.Styles, p.com.Text
	lines := []string{st.Bold.Render(fmt.Sprintf(t.Cred.Title, len(p.items)))}
	switch {
	case len(p.items) == 0 && (p.loaded || p.err != nil):
		lines = append(lines, st.Subtle.Render(common.Truncate(t.Cred.Empty, w)))
	case len(p.items) == 0:
		lines = append(lines, st.Subtle.Render(t.Cred.Loading))
	}
	if !p.cachedAt.IsZero() {
		lines = append(lines, st.Warning.Render(common.Truncate(fmt.Sprintf(t.Cred.Stale, t.DateTime(p.cachedAt)), w)))
	}
	rows := height - len(lines)
	first := max(0, min(p.selected-rows/2, len(p.items)-rows))
	for i := first; i < len(p.items) && len(lines) < height; i++ {
		c := p.items[i]
		line := fmt.Sprintf("%s %s %s", Lock, c.Environment.Badge(), c.APIName)
		if i == p.selected {
			lines = append(lines, st.FilterOn.Padding(0).Render(common.PadRight(common.Truncate(line, w), w)))
			continue
		}
		style := st.Text
		if c.State == api.CredentialRevoked || c.State == api.CredentialBlocked {
			style = st.Subtle
		}
		lines = append(lines, style.Render(common.Truncate(line, w)))
	}
	return lines
}

// viewer is the secure view of one credential (FAQ 3.15): the client_id in
// full, the secret masked to its hint, and where to use them.
func (p *Page) viewer(c api.Credential, w int) []string {
	st, t := p.com.Styles, p.com.Text
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, labelWidth)) }
	value := func(s string) string { return st.Text.Render(common.Truncate(s, max(10, w-labelWidth))) }
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
	lines = append(lines, label(t.Cred.ClientID)+st.Accent.Render(c.ClientID))
	lines = append(lines, p.secretLines(c, label, w)...)
	if c.SecretCreatedAt != "" {
		lines = append(lines, indented(st.Subtle, fmt.Sprintf(t.Cred.SecretSince, when(t.DateTime, c.SecretCreatedAt)), w)...)
	}
	if c.PreviousValidUntil != "" {
		lines = append(lines, indented(st.Warning, fmt.Sprintf(t.Cred.PrevValid, when(t.DateTime, c.PreviousValidUntil)), w)...)
	}
	lines = append(lines,
		label(t.Cred.Institution)+value(api.FormatCNPJ(c.Institution.CNPJ)+"  "+c.Institution.Name),
		label(t.Cred.Request)+value(c.RequestID),
		label(t.Cred.TokenURL)+value(c.TokenURL),
		label(t.Cred.GatewayURL)+value(c.GatewayURL),
	)
	return lines
}

// secretLines never show more than the hint: the prefix, a mask and the
// last four characters.
func (p *Page) secretLines(c api.Credential, label func(string) string, w int) []string {
	st, t := p.com.Styles, p.com.Text
	switch {
	case c.State == api.CredentialBlocked:
		return []string{label(t.Cred.Secret) + st.Warning.Render(t.Cred.Blocked)}
	case c.State == api.CredentialRevoked:
		return []string{label(t.Cred.Secret) + st.Error.Render(t.Cred.Revoked)}
	case c.SecretHint == "":
		return []string{label(t.Cred.Secret) + st.Subtle.Render(t.Cred.NoSecret)}
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
