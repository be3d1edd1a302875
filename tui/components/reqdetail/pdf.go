package reqdetail

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// Reading a request's PDFs (its attachments and its opinions' PDFs) in
// the viewer. A page that shows a detail wires it in three places:
//
//	case key.Matches(msg, readKey):              // in the detail's keys
//		box, cmd := reqdetail.ReadFiles(p.com, p.mb.ID(), p.com.Authed, req, p.width)
//		if box != nil {
//			p.com.Overlays.Push(box)
//		}
//		return cmd
//
//	if box, ok := reqdetail.Reading(p.com, p.mb.ID()); ok { // first in the detail's View
//		return box.View(p.width, p.height)
//	}
//
// and lists ReadKey in its help when Readable(req). Keys reach the box
// on top by themselves (the overlay stack); it closes with esc.

// ReadKey is the detail's key that opens the viewer: p, "ler PDF".
func ReadKey(t *i18n.Text) key.Binding { return common.Bind("p", t.PDFView.KeyRead, "p") }

// Readable reports whether r has a file to read (ReadKey is offered then).
func Readable(r api.Request) bool { return len(Files(r)) > 0 }

// ReadFile opens the viewer on a, one of request requestID's files,
// downloaded with c, for owner. Run the Cmd.
func ReadFile(com *common.Common, owner route.ID, c *client.Client, requestID string, a api.Attachment, width int) (*pdfview.Model, tea.Cmd) {
	id := a.ID
	return pdfview.New(com, owner, a.Filename, func(ctx context.Context) ([]byte, error) {
		return c.Attachment(ctx, requestID, id)
	}, width)
}

// ReadFiles opens what reading r's files takes, for owner: the viewer
// when r has one file, a FilePicker (whose enter opens the viewer over
// it) when it has several. Push the box and run the Cmd. When there is
// nothing to open (no file, or c is nil: signed out) the box is nil and
// the Cmd is the toast that says why.
func ReadFiles(com *common.Common, owner route.ID, c *client.Client, r api.Request, width int) (overlay.Overlay, tea.Cmd) {
	files := Files(r)
	switch {
	case len(files) == 0:
		return nil, common.Toast(com.Text.PDFView.NoFiles, true)
	case c == nil:
		return nil, common.Toast(com.Text.PDFView.SignIn, true)
	case len(files) == 1:
		return ReadFile(com, owner, c, r.ID, files[0], width)
	}
	return newFilePicker(com, owner, c, r, files, width), nil
}

// Reading is the reading box owner has open on top (the viewer, or the
// picker under no viewer), for the page to draw in place of the detail.
func Reading(com *common.Common, owner route.ID) (overlay.Overlay, bool) {
	if com.Overlays == nil {
		return nil, false
	}
	boxes := com.Overlays.OwnedBy(owner)
	for i := len(boxes) - 1; i >= 0; i-- {
		switch b := boxes[i].(type) {
		case *pdfview.Model, *FilePicker:
			return b, true
		}
	}
	return nil, false
}

// FilePicker chooses which of a request's files to read: ↑/↓ (or k/j)
// move, enter opens the viewer over the picker (esc there comes back to
// it), esc closes.
type FilePicker struct {
	overlay.Base
	com    *common.Common
	c      *client.Client
	req    api.Request
	files  []api.Attachment
	author map[string]string // file id → the author of its opinion
	list   common.Pick
	width  int
}

func newFilePicker(com *common.Common, owner route.ID, c *client.Client, r api.Request, files []api.Attachment, width int) *FilePicker {
	t, b := com.Text, common.Bind
	p := &FilePicker{Base: overlay.NewBase("files", owner), com: com, c: c, req: r, files: files, width: width,
		author: map[string]string{}}
	for _, o := range r.Opinions {
		if o.Attachment != nil {
			name := o.AuthorName
			if name == "" {
				name = o.Author
			}
			p.author[o.Attachment.ID] = name
		}
	}
	p.list = common.Pick{Up: b("↑/k", t.KeyMove, "up", "k"), Down: b("↓/j", t.KeyMove, "down", "j"),
		Choose: b("enter", t.PDFView.KeyRead, "enter"), Close: b("esc", t.KeyBack, "esc")}
	return p
}

func (p *FilePicker) ShortHelp() []key.Binding  { return p.list.ShortHelp() }
func (p *FilePicker) FullHelp() [][]key.Binding { return p.list.FullHelp() }

func (p *FilePicker) Update(msg tea.Msg) overlay.Action {
	switch p.list.Key(msg, len(p.files)) {
	case common.PickedLine:
		v, cmd := ReadFile(p.com, p.Owner(), p.c, p.req.ID, p.files[p.list.I], p.width)
		return overlay.Push{Overlay: v, Cmd: cmd}
	case common.PickedClose:
		return overlay.Close{}
	}
	return nil
}

// View lists the files, the chosen one marked: its name, whose opinion
// it came with, its size.
func (p *FilePicker) View(width, _ int) string {
	st, t := p.com.Styles, p.com.Text
	p.width = width
	lines := []string{st.Bold.Render(fmt.Sprintf(t.PDFView.PickTitle, t.Number(len(p.files)))), ""}
	for i, a := range p.files {
		facts := []string{a.Filename}
		if who, ok := p.author[a.ID]; ok {
			facts = append(facts, fmt.Sprintf(t.PDFView.Opinion, who))
		}
		facts = append(facts, fmt.Sprintf(t.PDFView.Size, t.Number(int((a.Size+1023)/1024))))
		line := strings.Join(facts, " · ")
		mark, style := p.list.Mark(st, i)
		lines = append(lines, style.Render(common.Truncate(mark+line, width)))
	}
	return strings.Join(append(lines, "", st.Subtle.Render(common.Truncate(t.PDFView.PickHint, width))), "\n")
}
