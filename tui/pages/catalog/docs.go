package catalog

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
)

// docsView is the Documentação of one API: its URLs, terms, rule and the
// endpoints read from its OpenAPI document; enter shows the selected
// endpoint's detail.
type docsView struct {
	api       api.API
	loading   bool
	endpoints []client.Endpoint
	cachedAt  time.Time
	err       error
	offset    int // the first endpoint on screen
	selected  int
	detail    *endpointView // nil: the list
}

func (p *Page) openDocs() tea.Cmd {
	if p.selected >= len(p.matches) {
		return nil
	}
	a := p.matches[p.selected]
	p.docs = &docsView{api: a, loading: true}
	return p.mb.Latest("docs", loadDocs(p.client, p.store, a.ID, p.com.Now()))
}

func (p *Page) docsLoaded(msg docsMsg) tea.Cmd {
	if p.docs == nil {
		return nil // the user already left this API
	}
	d := p.docs
	d.loading, d.endpoints, d.cachedAt, d.err = false, msg.endpoints, msg.cachedAt, msg.err
	d.selected, d.offset, d.detail = 0, 0, nil
	switch {
	case msg.reached && !p.com.Online:
		return common.Connectivity(true, nil)
	case msg.netErr != nil && p.com.Online:
		return common.Connectivity(false, msg.netErr)
	}
	return nil
}

func (p *Page) docsKey(msg tea.KeyPressMsg) tea.Cmd {
	k, d, t := p.keys, p.docs, p.com.Text
	if d.detail != nil {
		p.endpointKey(msg)
		return nil
	}
	n, page := len(d.endpoints), p.docsListHeight()
	switch {
	case key.Matches(msg, k.Back):
		p.docs = nil
		p.mb.Drop("docs")
	case key.Matches(msg, k.OpenEndpoint) && d.selected < n && !d.loading && d.err == nil:
		d.detail = &endpointView{}
	case key.Matches(msg, k.Request):
		return p.request(d.api)
	case key.Matches(msg, k.Terms):
		return p.readTerms(d.api)
	case key.Matches(msg, k.CopyDoc):
		return common.Copy(p.com, t.URLDoc, d.api.OpenAPIURL)
	case key.Matches(msg, k.CopyHMG):
		return common.Copy(p.com, t.URLHMG, d.api.BaseURL(api.EnvHMG))
	case key.Matches(msg, k.CopyPRD):
		return common.Copy(p.com, t.URLPRD, d.api.BaseURL(api.EnvPRD))
	case key.Matches(msg, k.Down):
		d.choose(1, page)
	case key.Matches(msg, k.Up):
		d.choose(-1, page)
	case key.Matches(msg, k.PageDown):
		d.choose(page, page)
	case key.Matches(msg, k.PageUp):
		d.choose(-page, page)
	case key.Matches(msg, k.End):
		d.choose(n, page)
	case key.Matches(msg, k.Home):
		d.choose(-n, page)
	}
	return nil
}

// choose moves the selection by delta and scrolls the list (visible
// rows) to keep it on screen.
func (d *docsView) choose(delta, visible int) {
	if len(d.endpoints) == 0 {
		return
	}
	d.selected = max(0, min(d.selected+delta, len(d.endpoints)-1))
	d.offset = max(0, min(d.offset, d.selected), d.selected-visible+1)
	d.offset = min(d.offset, max(0, len(d.endpoints)-visible))
}

// docsListHeight is what the header leaves for the endpoint list.
func (p *Page) docsListHeight() int { return max(1, p.height-len(p.docsHeader())-1) }

func (p *Page) docsView() string {
	if p.docs.detail != nil {
		return p.endpointView()
	}
	return strings.Join(p.docsHeader(), "\n") + "\n" + p.endpointList()
}

// docsHeader is the API's identity, URLs, terms and rule, one line each
// (the description wraps to at most two lines).
func (p *Page) docsHeader() []string {
	st, t, d := p.com.Styles, p.com.Text, p.docs
	a := d.api
	label := func(s string) string { return st.Subtle.Render(common.PadRight(s, 20)) }
	// A URL is read as well as copied: when it does not fit beside its
	// label, it goes on lines of its own, whole.
	url := func(name, u, copyKey string) []string {
		hint := st.Subtle.Render("[" + copyKey + "]")
		if line := label(name) + st.URL.Render(u) + "  " + hint; ansi.StringWidth(line) <= p.width {
			return []string{line}
		}
		lines := []string{label(name) + hint}
		for _, part := range strings.Split(ansi.Hardwrap(u, max(p.width, 10), false), "\n") {
			lines = append(lines, st.URL.Render(part))
		}
		return lines
	}
	envURL := func(env api.Environment, copyKey string) []string {
		if u := a.BaseURL(env); u != "" {
			return url(env.Label(t.Lang), u, copyKey)
		}
		return []string{label(env.Label(t.Lang)) + st.Subtle.Render(t.NotOffered)}
	}
	// The rule of each environment the API offers; at 80 columns one a
	// line, under the label, so neither is cut.
	var rules []string
	for _, e := range []api.Environment{api.EnvHMG, api.EnvPRD} {
		if a.Offers(e) {
			rules = append(rules, e.Badge()+": "+a.Rule.For(e).Label(t.Lang))
		}
	}
	ruleLines := []string{label(t.DocsRule) + st.Text.Render(strings.Join(rules, " · "))}
	if ansi.StringWidth(ruleLines[0]) > p.width && len(rules) > 1 {
		indent := strings.Repeat(" ", ansi.StringWidth(label(t.DocsRule)))
		ruleLines = []string{label(t.DocsRule) + st.Text.Render(rules[0]), indent + st.Text.Render(rules[1])}
	}
	desc := strings.Split(lipgloss.Wrap(a.Description, max(p.width, 10), ""), "\n")
	if len(desc) > 2 {
		desc = append(desc[:1], desc[1]+" "+strings.Join(desc[2:], " ")) // the second line is cut below
	}
	lines := []string{st.AppName.Render(t.DocsTitle+" · ") + st.CardTitle.Render(a.Name) + st.CardAcronym.Render(" ("+a.Acronym+")")}
	for _, l := range desc {
		lines = append(lines, st.Text.Render(l))
	}
	lines = append(lines, "", label(t.DocsOwner)+st.Text.Render(a.Owner))
	lines = append(lines, envURL(api.EnvHMG, "h")...)
	lines = append(lines, envURL(api.EnvPRD, "p")...)
	lines = append(lines, url(t.DocsDocument, a.OpenAPIURL, "c")...)
	lines = append(lines,
		label(t.DocsTerms)+st.Text.Render(fmt.Sprintf(t.DocsTermsVersion, a.Terms.ID, a.Terms.Version)))
	lines = append(lines, ruleLines...)
	lines = append(lines, "", p.endpointsTitle())
	for i, l := range lines {
		lines[i] = common.Truncate(l, p.width)
	}
	return lines
}

func (p *Page) endpointsTitle() string {
	st, t, d := p.com.Styles, p.com.Text, p.docs
	title := st.Bold.Render(t.DocsEndpoints)
	if !d.loading && d.err == nil {
		title = st.Bold.Render(fmt.Sprintf("%s (%d)", t.DocsEndpoints, len(d.endpoints)))
	}
	if !d.cachedAt.IsZero() {
		title += st.Warning.Render("  " + fmt.Sprintf(t.DocsFromCache, t.DateTime(d.cachedAt)))
	}
	return title
}

func (p *Page) endpointList() string {
	st, t, d := p.com.Styles, p.com.Text, p.docs
	switch {
	case d.loading:
		return st.Subtle.Render(t.DocsLoading)
	case errors.Is(d.err, errNoCachedDoc):
		return st.Warning.Render(fmt.Sprintf(t.DocsUnavailable, t.DocsNoCache))
	case d.err != nil:
		return st.Error.Render(fmt.Sprintf(t.DocsUnavailable, common.Explain(t, d.err)))
	case len(d.endpoints) == 0:
		return st.Subtle.Render(t.DocsNoEndpoints)
	}
	pathWidth := 0
	for _, e := range d.endpoints {
		pathWidth = max(pathWidth, len(e.Path))
	}
	pathWidth = min(pathWidth, p.width/2)
	end := min(len(d.endpoints), d.offset+p.docsListHeight())
	rows := make([]string, 0, end-d.offset)
	for i, e := range d.endpoints[d.offset:end] {
		marker := "  "
		if d.offset+i == d.selected {
			marker = "▸ "
		}
		row := st.Accent.Render(marker) + methodBadge(st, e.Method) + " " +
			st.Path.Render(common.PadRight(common.Truncate(e.Path, pathWidth), pathWidth)) + "  " +
			st.Subtle.Render(e.Summary)
		rows = append(rows, common.Truncate(row, p.width))
	}
	return strings.Join(rows, "\n")
}
