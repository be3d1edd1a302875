package reqdetail

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/overlay"
)

func TestReadFiles(t *testing.T) {
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Overlays: &overlay.Stack{}}
	c, _ := client.New("http://127.0.0.1:1", nil)
	one := api.Request{ID: "SOL-1", Attachments: []api.Attachment{{ID: "a1", Filename: "oficio.pdf", Size: 3000}}}
	two := one
	two.Opinions = []api.Opinion{{ID: "o1", AuthorName: "Bruno Lima", Attachment: &api.Attachment{ID: "a2", Filename: "parecer.pdf", Size: 500}}}

	toast := func(cmd tea.Cmd) string {
		if cmd == nil {
			return ""
		}
		m, _ := cmd().(common.ToastMsg)
		return m.Text
	}
	if box, cmd := ReadFiles(com, "page", c, api.Request{ID: "SOL-0"}, 80); box != nil || toast(cmd) != com.Text.PDFView.NoFiles || Readable(api.Request{}) {
		t.Errorf("no file: box %v, toast %q", box, toast(cmd))
	}
	if box, cmd := ReadFiles(com, "page", nil, one, 80); box != nil || toast(cmd) != com.Text.PDFView.SignIn {
		t.Errorf("signed out: box %v, toast %q", box, toast(cmd))
	}
	box, cmd := ReadFiles(com, "page", c, one, 80)
	if v, ok := box.(*pdfview.Model); !ok || v.Title() != "oficio.pdf" || cmd == nil || v.Owner() != "page" {
		t.Fatalf("one file: %T %v", box, cmd)
	}

	box, _ = ReadFiles(com, "page", c, two, 80)
	picker, ok := box.(*FilePicker)
	if !ok {
		t.Fatalf("two files: %T", box)
	}
	com.Overlays.Push(picker)
	v := picker.View(80, 24)
	for _, want := range []string{"Ler qual arquivo? (2)", "▸ oficio.pdf · 3 KB", "  parecer.pdf · parecer de Bruno Lima · 1 KB", "enter lê"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	if top, _ := Reading(com, "page"); top != picker {
		t.Error("Reading is not the picker")
	}
	picker.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	push, ok := picker.Update(tea.KeyPressMsg{Code: tea.KeyEnter}).(overlay.Push)
	if !ok || push.Cmd == nil {
		t.Fatalf("enter: %v", push)
	}
	if v, ok := push.Overlay.(*pdfview.Model); !ok || v.Title() != "parecer.pdf" || v.Owner() != "page" {
		t.Fatalf("enter opened %T", push.Overlay)
	}
	com.Overlays.Push(push.Overlay)
	if top, _ := Reading(com, "page"); top != push.Overlay {
		t.Error("Reading is not the viewer over the picker")
	}
	if _, ok := Reading(com, "other"); ok {
		t.Error("another page's Reading found this page's boxes")
	}
	if _, ok := picker.Update(tea.KeyPressMsg{Code: tea.KeyEscape}).(overlay.Close); !ok {
		t.Error("esc does not close the picker")
	}
}
