package reqdetail

import (
	"fmt"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

// opinionIndent is how far an opinion's text sits under its author line.
const opinionIndent = "  "

// opinions draws the technical opinions, oldest first: who and when, the
// whole text wrapped to width (the evaluator decides on it, so nothing is
// cut), and the PDF that came with it. None is one line among the
// request's fields, so the history still fits at 80x24.
func opinions(com *common.Common, r api.Request, when func(string) string, width int) []string {
	st, t := com.Styles, com.Text
	if len(r.Opinions) == 0 {
		return []string{st.Subtle.Render(common.PadRight(t.Opinion.Section, 22)) + st.Subtle.Render(t.Opinion.None)}
	}
	lines := []string{"", st.Bold.Render(fmt.Sprintf("%s (%d)", t.Opinion.Section, len(r.Opinions)))}
	textW := max(10, width-len(opinionIndent))
	for i, o := range r.Opinions {
		if i > 0 {
			lines = append(lines, "")
		}
		author := o.AuthorName
		if author == "" {
			author = o.Author
		}
		lines = append(lines, st.Subtle.Render(when(o.At)+"  ")+st.Text.Render(author))
		for _, l := range common.Wrap(o.Text, textW) {
			lines = append(lines, opinionIndent+st.Text.Render(l))
		}
		if a := o.Attachment; a != nil {
			file := fmt.Sprintf(t.Opinion.File, a.Filename, (a.Size+1023)/1024)
			for _, l := range common.Wrap(file, textW) {
				lines = append(lines, opinionIndent+st.Subtle.Render(l))
			}
		}
	}
	return lines
}

// opinionFiles are the ids of the PDFs that came with opinions: the
// server lists them among the request's attachments too, and the detail
// shows each under its opinion rather than twice.
func opinionFiles(r api.Request) map[string]bool {
	ids := map[string]bool{}
	for _, o := range r.Opinions {
		if o.Attachment != nil {
			ids[o.Attachment.ID] = true
		}
	}
	return ids
}

// Files are every file of a request to download: its attachments and the
// opinions' PDFs (each once, whether or not the server lists the latter
// among the former).
func Files(r api.Request) []api.Attachment {
	out := append([]api.Attachment{}, r.Attachments...)
	seen := map[string]bool{}
	for _, a := range out {
		seen[a.ID] = true
	}
	for _, o := range r.Opinions {
		if a := o.Attachment; a != nil && !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, *a)
		}
	}
	return out
}
