package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/route"
)

// Lines taken by the chrome around the page: header, a blank line, the
// toast line and the footer, plus the offline banner when shown.
const chromeLines = 4

func (m *Model) bodyHeight() int {
	h := m.height - chromeLines - m.noticeRows
	if m.bannerShown() {
		h--
	}
	return max(h, 1)
}

func (m *Model) bannerShown() bool { return !m.com.Online }

// View composes header, banner, page (or help), toast and footer.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "gecli"
	return v
}

func (m *Model) render() string {
	if m.width == 0 {
		return "" // no size yet: drawing now would only flicker
	}
	parts := []string{m.header()}
	if m.bannerShown() {
		parts = append(parts, m.banner())
	}
	parts = append(parts, m.noticeLines()...)
	parts = append(parts, "")
	body := m.active().View()
	if top := m.stack.TopFor(m.onScreen()); top != nil && top.Owner() == route.Root {
		// The root's overlays (help, sign-in, the wizard) take the body;
		// the pages draw their own boxes.
		body = top.View(m.width, m.bodyHeight())
	}
	// A toast of two lines covers the body's last line while it shows.
	toast := m.toast.View(m.com.Styles, m.width)
	over := max(0, strings.Count(toast, "\n"))
	parts = append(parts, fit(body, m.width, m.bodyHeight()-over), toast, m.footer())
	return strings.Join(parts, "\n")
}

func (m *Model) header() string {
	st, t := m.com.Styles, m.com.Text
	// tabs lists the pages the role may use; compact keeps only the
	// numbers of the inactive ones.
	tabs := func(compact bool) string {
		out := ""
		for i, p := range m.pages {
			if !p.Allowed(m.me) {
				continue
			}
			tab := fmt.Sprintf("%d %s", i+1, p.Title())
			switch {
			case i == m.page:
				out += st.TabActive.Render(tab) + " "
			case compact:
				out += st.Tab.Render(fmt.Sprint(i+1)) + " "
			default:
				out += st.Tab.Render(tab) + " "
			}
		}
		return out
	}
	var state string
	switch {
	case m.com.ForcedOffline:
		state = st.Offline.Render(t.OfflineForced)
	case m.sync.Syncing() && m.com.Online:
		state = st.Subtle.Render(t.Syncing)
	case m.com.Online:
		state = st.Online.Render(t.Online)
	default:
		state = st.Offline.Render(t.Offline)
	}
	// When the line is full, things give way in this order: the product's
	// long name, the server URL, the names of the inactive tabs, then the
	// user's details (truncated). The online state always stays.
	sep := st.HelpSep.Render(" │ ")
	server := st.Subtle.Render(m.opts.ServerURL) + " "
	fits := func(left, right string) bool { return ansi.StringWidth(left)+ansi.StringWidth(right)+1 <= m.width }
	left := st.AppName.Render(t.AppName) + "  " + tabs(false)
	right := m.who() + sep + server + state
	if !fits(left, right) {
		left = st.AppName.Render("gecli") + "  " + tabs(false)
	}
	if !fits(left, right) {
		right = m.who() + sep + state
	}
	// The person's details give way before the tabs' names do, down to
	// their name: which pages there are matters more than the role and
	// institution, which stay in ?.
	whoRoom := func() int { return m.width - ansi.StringWidth(left) - ansi.StringWidth(sep+state) - 1 }
	if !fits(left, right) && whoRoom() >= min(ansi.StringWidth(m.who()), minWho) {
		right = m.whoIn(whoRoom()) + sep + state
	}
	if !fits(left, right) {
		left = st.AppName.Render("gecli") + "  " + tabs(true)
	}
	if !fits(left, right) {
		right = m.whoIn(max(whoRoom(), 0)) + sep + state
	}
	return common.Spread(left, right, m.width)
}

// minWho is the least of the person's details the header keeps before
// the tabs lose their names: about a first and last name (at 80
// columns every tab keeps its name in pt-BR and English).
const minWho = 12

// who is the signed-in user, role and first institution (FAQ 4.2: the
// institutions a person acts for), or a hint to sign in.
func (m *Model) who() string { return m.whoIn(m.width) }

// whoIn is who in at most room cells: a detail that would show only a
// few letters goes whole ("Ana Souza", not "Ana Souza · …").
func (m *Model) whoIn(room int) string {
	parts := m.whoParts()
	sep := m.com.Styles.Subtle.Render(" · ")
	for n := len(parts); n > 1; n-- {
		s := strings.Join(parts[:n], sep)
		if ansi.StringWidth(s) <= room {
			return s
		}
		if room-ansi.StringWidth(strings.Join(parts[:n-1], sep)+sep) >= 8 {
			return common.Truncate(s, room)
		}
	}
	return common.Truncate(parts[0], room)
}

func (m *Model) whoParts() []string {
	st, t := m.com.Styles, m.com.Text
	if m.me == nil {
		return []string{st.Subtle.Render(t.NotSignedIn)}
	}
	parts := []string{st.Bold.Render(m.me.Name)}
	if len(m.me.Roles) > 0 {
		parts = append(parts, st.Accent.Render(m.me.Roles[0].Label(t.Lang)))
	}
	if n := len(m.me.Institutions); n > 0 {
		in := m.me.Institutions[0].Name
		if in == "" {
			in = api.FormatCNPJ(m.me.Institutions[0].CNPJ)
		}
		if n > 1 {
			in += fmt.Sprintf(" +%d", n-1)
		}
		parts = append(parts, st.Subtle.Render(common.Truncate(in, 28)))
	}
	return parts
}

// banner says plainly that what is on screen may be stale, and since when.
func (m *Model) banner() string {
	st, t := m.com.Styles, m.com.Text
	text := fmt.Sprintf(t.OfflineBannerNever, m.opts.ServerURL)
	if at := m.sync.SyncedAt(); !at.IsZero() {
		text = fmt.Sprintf(t.OfflineBanner, m.opts.ServerURL, t.DateTime(at))
	}
	if m.com.ForcedOffline {
		text = t.OfflineNoRefresh
	}
	return common.Truncate(st.Banner.Render("⚠ "+text), m.width)
}

// footer shows the version at the bottom left (FAQ 5.2), the keys that
// work now (the box on screen's, else the page's), and "? ajuda • q sair"
// pinned at the right so they are never cut off, unless a box or a field
// takes those keys as text.
func (m *Model) footer() string {
	st, t := m.com.Styles, m.com.Text
	version := st.Version.Render(fmt.Sprintf(t.Version, m.opts.Build.Version)) + st.HelpSep.Render(" │ ")
	h := m.help
	right := ""
	if !m.capturing() {
		right = h.ShortHelpView(m.shown([]key.Binding{m.keys.Help, m.keys.Quit}))
	}
	h.SetWidth(max(0, m.width-lipgloss.Width(version)-lipgloss.Width(right)-2))
	keys := m.active().ShortHelp()
	if m.active().Capturing() {
		keys = append(keys, m.keys.PaletteInField) // the one global key a text field leaves
	} else {
		keys = append(keys, m.keys.Refresh) // a capturing page takes ctrl+r too
	}
	if top := m.stack.TopFor(m.onScreen()); top != nil {
		keys = top.ShortHelp() // the box on top takes the keys
	}
	left := version + h.ShortHelpView(m.shown(keys)) // as remapped, outside boxes and fields
	return common.Spread(left, right, m.width)
}

// fit cuts or pads s to exactly height lines, each at most width cells, so
// the footer stays at the bottom whatever the page draws.
func fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = common.Truncate(l, width)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
