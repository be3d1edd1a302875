package wizard

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
)

func asProblem(err error, target **client.ProblemError) bool { return errors.As(err, target) }

// crumbs is the step indicator: every step by number and title, done
// ones ticked; compact names only the current step (done ones are a
// tick, the rest their number), for a narrow terminal.
func (m *Model) crumbs(compact bool) string {
	st, t := m.com.Styles, m.com.Text
	titles := strings.Split(t.WizSteps, "|")
	var crumbs []string
	steps := m.steps()
	for i, s := range steps {
		label := fmt.Sprintf("%d %s", i+1, titles[s])
		switch {
		case s == m.step:
			crumbs = append(crumbs, st.TabActive.Render(label))
		case slices.Index(steps, m.step) > i || m.step == stepDone:
			if compact {
				crumbs = append(crumbs, st.Success.Render(fmt.Sprintf("✓%d", i+1)))
			} else {
				crumbs = append(crumbs, st.Success.Render("✓ "+titles[s]))
			}
		case compact:
			crumbs = append(crumbs, st.Subtle.Render(fmt.Sprint(i+1)))
		default:
			crumbs = append(crumbs, st.Subtle.Render(label))
		}
	}
	return strings.Join(crumbs, st.Subtle.Render(" › "))
}

// View draws the step indicator and the step (the footer lists its
// keys: ShortHelp).
func (m *Model) View(width, height int) string {
	st, t := m.com.Styles, m.com.Text
	crumbs := m.crumbs(false)
	if ansi.StringWidth(crumbs) > width {
		crumbs = m.crumbs(true) // 80 columns: every step still there, only the current one named
	}
	title := t.WizTitle
	if m.form() {
		title = t.FormTitle + " · " + m.draft.FormFor
	}
	lines := []string{st.AppName.Render(title) + st.Subtle.Render("  "+t.WizDraftSaved), common.Truncate(crumbs, width), ""}
	lines = append(lines, m.body(width)...)
	if m.problem != "" {
		lines = append(lines, "", st.Error.Render("✖ "+m.problem))
	}
	if m.submitting {
		lines = append(lines, "", st.Subtle.Render(t.WizSubmitting))
	}
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	if len(lines) > height {
		lines = append(lines[:height-1], lines[len(lines)-1])
	}
	return strings.Join(lines, "\n")
}

func (m *Model) body(width int) []string {
	st, t := m.com.Styles, m.com.Text
	switch m.step {
	case stepAPI:
		out := []string{m.filter.View(), ""}
		list := m.visibleAPIs()
		if len(list) == 0 && len(m.apis) > 0 {
			return append(out, st.Warning.Render(fmt.Sprintf(t.WizNoAPIMatch, strings.TrimSpace(m.filter.Value()))))
		}
		// A window of 12 entries that keeps the selected one in view.
		first := max(0, min(m.apiIndex-5, len(list)-12))
		if first > 0 {
			out = append(out, st.Subtle.Render(fmt.Sprintf("… %d ↑", first)))
		}
		for i, a := range list {
			if i < first {
				continue
			}
			if i >= first+12 {
				out = append(out, st.Subtle.Render(fmt.Sprintf("… +%d ↓", len(list)-i)))
				break
			}
			line := "  " + a.Name + st.Subtle.Render(" ("+a.Acronym+")")
			if i == m.apiIndex {
				env := m.draft.Environment
				if !a.Offers(env) {
					env = a.Environments[0].Name
				}
				envs := make([]string, 0, 2)
				for _, e := range a.Environments {
					if e.Name == env {
						envs = append(envs, st.FilterOn.Render(e.Name.Badge()))
					} else {
						envs = append(envs, st.Subtle.Render(e.Name.Badge()))
					}
				}
				line = st.Bold.Render("▸ "+a.Name) + st.Subtle.Render(" ("+a.Acronym+")  ← → ") + strings.Join(envs, " ")
				rule := st.Subtle.Render("  " + a.Rule.For(env).Label(t.Lang))
				if ansi.StringWidth(line+rule) > width {
					// 80 columns: how the request is decided goes under it, whole
					out = append(out, line)
					line = "  " + rule
				} else {
					line += rule
				}
			}
			out = append(out, line)
		}
		return out
	case stepInstitution:
		ins := m.institutions()
		if len(ins) == 0 {
			return []string{st.Warning.Render(t.WizNoInstitution)}
		}
		var out []string
		for i, in := range ins {
			line := "  " + api.FormatCNPJ(in.CNPJ) + "  " + in.Name
			if i == m.instIdx {
				line = st.Bold.Render("▸ " + api.FormatCNPJ(in.CNPJ) + "  " + in.Name)
			}
			out = append(out, line)
		}
		return out
	case stepAttachments:
		out := m.fieldLines()
		out = append(out, "")
		if len(m.draft.Attachments) == 0 {
			out = append(out, st.Subtle.Render(t.DetailNoAttachments))
		}
		for _, f := range m.draft.Attachments {
			out = append(out, st.Text.Render("  ✓ "+filepath.Base(f))+st.Subtle.Render("  "+f))
		}
		if m.com.Remote {
			out = append(out, "", st.Warning.Render(t.Remote.NoHostFiles))
		}
		return out
	case stepTerms:
		a, _ := m.api()
		box := "[ ]"
		if m.draft.TermsAccepted {
			box = "[x]"
		}
		return []string{
			st.Bold.Render(fmt.Sprintf(t.DocsTermsVersion, a.Terms.ID, a.Terms.Version)),
			st.Text.Render(t.WizTermsSummary),
			st.Subtle.Render("sha256 " + a.Terms.SHA256),
			"",
			st.Bold.Render(box + " " + t.WizTermsAccept),
		}
	case stepReview:
		if m.form() {
			return m.formReview(width)
		}
		return m.review(width)
	case stepDone:
		if m.formDone {
			return []string{st.Success.Render(t.FormCompleted)}
		}
		return m.done()
	}
	return m.fieldLines()
}

func (m *Model) fieldLines() []string {
	st := m.com.Styles
	var out []string
	lw := m.labelWidth()
	for i, f := range m.fields {
		text := common.PadRight(common.Truncate(f.label, lw-2), lw)
		label := st.Subtle.Render(text)
		if i == m.focus {
			label = st.Prompt.Render(text)
		}
		for j, l := range f.lines() {
			if j > 0 {
				label = strings.Repeat(" ", lw)
			}
			out = append(out, label+l)
		}
		if e := m.errs[f.key]; e != "" {
			out = append(out, strings.Repeat(" ", lw)+st.Error.Render("✖ "+e))
		}
	}
	return out
}

func (m *Model) review(width int) []string {
	t := m.com.Text
	d := m.draft
	a, _ := m.api()
	rule := a.Rule.For(d.Environment)
	rows := [][2]string{
		{t.ColAPI, a.Name + "  " + d.Environment.Label(t.Lang)},
		{t.DetailRule, rule.Label(t.Lang)},
		{t.DetailInstitution, api.FormatCNPJ(d.CNPJ)},
		{t.DetailContact, fmt.Sprintf("%s · %s · %s · %s", d.Contact.Name, api.FormatCPF(d.Contact.CPF), d.Contact.Email, d.Contact.Phone)},
		{t.DetailPurpose, d.Purpose},
	}
	if d.SEIProcess != "" {
		rows = append(rows, [2]string{t.DetailSEI, d.SEIProcess})
	}
	for _, f := range a.CustomFields {
		if v := d.CustomFields[f.Name]; v != "" {
			rows = append(rows, [2]string{f.Label, v})
		}
	}
	rows = append(rows, [2]string{t.DetailAttachments, fmt.Sprint(len(d.Attachments))},
		[2]string{t.DocsTerms, fmt.Sprintf(t.DocsTermsVersion, d.TermsID, d.TermsVersion) + " ✓"})
	return append(m.reviewRows(rows, width), m.reviewErrors(width)...)
}

// reviewLabel is the label column of the review steps.
const reviewLabel = 26

// reviewRows lays out label and value, the value wrapped under itself:
// nothing about to be sent is cut (a 2,000-character purpose included).
func (m *Model) reviewRows(rows [][2]string, width int) []string {
	st := m.com.Styles
	room := max(10, width-reviewLabel)
	var out []string
	for _, r := range rows {
		label := st.Subtle.Render(common.PadRight(common.Truncate(r[0], reviewLabel-2), reviewLabel))
		for i, l := range strings.Split(lipgloss.Wrap(r[1], room, " ·/"), "\n") {
			if i > 0 {
				label = strings.Repeat(" ", reviewLabel)
			}
			out = append(out, label+st.Text.Render(l))
		}
	}
	return out
}

// reviewErrors are the server's refusals, in the order of the form and
// named by their labels, never by the wire's field names.
func (m *Model) reviewErrors(width int) []string {
	st, t := m.com.Styles, m.com.Text
	a, _ := m.api()
	labels := map[string]string{"purpose": t.DetailPurpose, "sei_process": t.DetailSEI, "attachments": t.DetailAttachments,
		"documents": t.DetailAttachments, "entity_name": t.FormEntity, "entity_cnpj": t.FormEntity, "project": t.FormProject,
		"justification": t.JustificationLabel, "api_id": t.ColAPI, "environment": t.ColAPI, "institution_cnpj": t.DetailInstitution}
	for _, f := range a.CustomFields {
		labels["custom_fields."+f.Name] = f.Label
	}
	keys := make([]string, 0, len(m.errs))
	for k := range m.errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		name, ok := labels[k]
		switch {
		case strings.HasPrefix(k, "technical_contact."):
			name = t.DetailContact
		case !ok:
			name = k
		}
		out = append(out, strings.Split(lipgloss.Wrap(st.Error.Render("✖ "+name+": "+m.errs[k]), max(10, width), " "), "\n")...)
	}
	return out
}

// done says what happened and why (FAQ 3.18), e.g. "Aprovada — aprovação
// automática em homologação".
func (m *Model) done() []string {
	st, t := m.com.Styles, m.com.Text
	r := m.result
	if r == nil {
		return nil
	}
	why := t.WizPendingWhy
	if r.Status == api.StatusApproved {
		why = r.Rule.Label(t.Lang)
		for _, e := range r.History {
			if e.Action == "auto_approved" {
				why = e.Justification
			}
		}
	}
	if r.Rule == api.RuleFormRes316 || r.Rule == api.RuleFormStandard {
		why += " · " + t.WizFormLater
	}
	return []string{
		st.Success.Render(fmt.Sprintf(t.WizSubmitted, r.ID)),
		"",
		st.Bold.Render(r.Status.Label(t.Lang)) + st.Subtle.Render(" — "+why),
	}
}

func (m *Model) formReview(width int) []string {
	t, d := m.com.Text, m.draft
	rows := [][2]string{
		{t.FormEntity, d.EntityName + "  " + api.FormatCNPJ(d.EntityCNPJ)},
		{t.DetailContact, fmt.Sprintf("%s · %s · %s · %s", d.Contact.Name, api.FormatCPF(d.Contact.CPF), d.Contact.Email, d.Contact.Phone)},
		{t.FormProject, d.Project},
		{t.JustificationLabel, d.FormJustification},
		{t.DetailAttachments, fmt.Sprint(len(d.Attachments))},
	}
	return append(m.reviewRows(rows, width), m.reviewErrors(width)...)
}
