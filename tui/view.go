package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/tui/common"
)

// Lines taken by the chrome around the page: header, a blank line, the
// toast line and the footer, plus the offline banner when shown.
const chromeLines = 4

func (m *Model) bodyHeight() int {
	h := m.height - chromeLines
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
	parts = append(parts, "")
	body := m.active().View()
	if m.showHelp {
		body = m.fullHelp()
	}
	parts = append(parts, fit(body, m.width, m.bodyHeight()), m.toast.View(m.com.Styles, m.width), m.footer())
	return strings.Join(parts, "\n")
}

func (m *Model) header() string {
	st, t := m.com.Styles, m.com.Text
	left := st.AppName.Render(t.AppName) + "  "
	for i, p := range m.pages {
		tab := fmt.Sprintf("%d %s", i+1, p.Title())
		if i == m.page {
			left += st.TabActive.Render(tab) + " "
		} else {
			left += st.Tab.Render(tab) + " "
		}
	}
	var state string
	switch {
	case m.com.ForcedOffline:
		state = st.Offline.Render(t.OfflineForced)
	case m.syncing && m.com.Online:
		state = st.Subtle.Render(t.Syncing)
	case m.com.Online:
		state = st.Online.Render(t.Online)
	default:
		state = st.Offline.Render(t.Offline)
	}
	return common.Spread(left, st.Subtle.Render(m.opts.ServerURL+" ")+state, m.width)
}

// banner says plainly that what is on screen may be stale, and since when.
func (m *Model) banner() string {
	st, t := m.com.Styles, m.com.Text
	text := fmt.Sprintf(t.OfflineBannerNever, m.opts.ServerURL)
	if !m.syncedAt.IsZero() {
		text = fmt.Sprintf(t.OfflineBanner, m.opts.ServerURL, t.DateTime(m.syncedAt))
	}
	if m.com.ForcedOffline {
		text = t.OfflineNoRefresh
	}
	return common.Truncate(st.Banner.Render("⚠ "+text), m.width)
}

// footer shows the version at the bottom left (FAQ 5.2), the page's keys,
// and "? ajuda • q sair" pinned at the right so they are never cut off.
func (m *Model) footer() string {
	st, t := m.com.Styles, m.com.Text
	version := st.Version.Render(fmt.Sprintf(t.Version, m.opts.Build.Version)) + st.HelpSep.Render(" │ ")
	h := m.help
	right := h.ShortHelpView([]key.Binding{m.keys.Help, m.keys.Quit})
	h.SetWidth(max(0, m.width-lipgloss.Width(version)-lipgloss.Width(right)-2))
	left := version + h.ShortHelpView(append(m.active().ShortHelp(), m.keys.Refresh))
	return common.Spread(left, right, m.width)
}

// fullHelp lists the page's keys, then the global ones, each under a
// heading, so narrow terminals stack them instead of cutting columns.
func (m *Model) fullHelp() string {
	st, t := m.com.Styles, m.com.Text
	h := m.help
	h.SetWidth(m.width)
	return strings.Join([]string{
		st.Bold.Render(t.HelpTitle) + "   " + st.Subtle.Render(t.HelpClose), "",
		st.Accent.Render(t.HelpPage), h.FullHelpView(m.active().FullHelp()), "",
		st.Accent.Render(t.HelpGlobal), h.FullHelpView(m.keys.FullHelp()),
	}, "\n")
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
